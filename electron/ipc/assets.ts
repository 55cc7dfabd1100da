// What the window may load: the files of the built renderer, and app icons. Shared by the
// `app://` protocol handler in Electron and by the end-to-end harness's server, so both serve
// exactly the same bytes with the same headers.
//
// A path is only a name: between a check of the path and the read, anyone who can write in
// the folders on the way can swap a folder for a link. So the file is opened first, and the
// opened file is checked: where the kernel says it is (/proc/self/fd), what it is (fstat), how
// many names it has, how big it is, and (icons) that it is an image.
//
// The reads are synchronous: these are a few small files, and main's thread is busy in slices
// while the window starts (the first read of every app). Each awaited step waited for the
// slice under way, and the dozen steps of one file held the page's start by a tenth of a second.

import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  readlinkSync,
  readSync,
  realpathSync,
  type Stats,
} from 'node:fs';
import { dirname, extname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { isAppId } from '../../shared/flatpak/grammar';

/** The Content-Security-Policy of every page: nothing but the app's own files. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Far above any icon an app ships; an icon is shown at 64 pixels. */
export const MAX_ICON_BYTES = 4 * 1024 * 1024;
/** Far above the built renderer's largest bundle. */
export const MAX_ASSET_BYTES = 64 * 1024 * 1024;
/** As the kernel's own limit on links followed in one lookup (MAXSYMLINKS). */
const MAX_LINKS = 40;

export interface Asset {
  readonly status: number;
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

const headers = (type: string) => ({
  'Content-Type': type,
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
});

const notFound = (): Asset => ({
  status: 404,
  body: Buffer.from('Not found'),
  headers: headers('text/plain; charset=utf-8'),
});

/** `path` relative to `root` when it lies inside it (lexically), else undefined. */
function inside(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  if (rel === '') return '';
  if (isAbsolute(rel) || rel === '..' || rel.startsWith('..' + sep)) return undefined;
  return rel;
}

/**
 * The link-free path that `rel` names below `realRoot`, resolved one component at a time with
 * lstat, so no link is followed without being seen. A link is followed only when `followLinks`
 * and only to a place inside the root (`aliases` are other spellings of the root, such as the
 * configured path before realpath, that an absolute link may use). Undefined when the walk would
 * leave the root, meets a missing component, or meets a link it may not follow.
 */
function resolveInside(
  realRoot: string,
  rel: string,
  followLinks: boolean,
  aliases: readonly string[] = [],
): string | undefined {
  const below: string[] = [];
  const pending = rel.split(sep);
  let links = 0;
  while (pending.length > 0) {
    const part = pending.shift() ?? '';
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (below.pop() === undefined) return undefined;
      continue;
    }
    const here = join(realRoot, ...below, part);
    let st: Stats;
    try {
      st = lstatSync(here);
    } catch {
      return undefined;
    }
    if (st.isSymbolicLink()) {
      if (!followLinks || ++links > MAX_LINKS) return undefined;
      let target: string;
      try {
        target = readlinkSync(here);
      } catch {
        return undefined;
      }
      if (isAbsolute(target)) {
        const within = [realRoot, ...aliases].map((r) => inside(r, normalize(target))).find((r) => r !== undefined);
        if (within === undefined) return undefined;
        below.length = 0;
        pending.unshift(...within.split(sep));
      } else {
        pending.unshift(...target.split('/'));
      }
      continue;
    }
    if (pending.some((p) => p !== '' && p !== '.') && !st.isDirectory()) return undefined;
    below.push(part);
  }
  return join(realRoot, ...below);
}

interface OpenCheck {
  /** Where the opened file must be, exactly: the link-free path the walk found. */
  readonly expected: string;
  readonly maxBytes: number;
  /** Whether a file with more than one name (a hard link) may be served. */
  readonly hardLinks: (st: Stats) => boolean;
}

/**
 * Opens `check.expected` without following a link in its last component and without blocking on
 * a FIFO, then checks the opened file: a regular file, one name unless allowed, not too big, and
 * (from /proc/self/fd) really at `check.expected`. A folder swapped for a link between the walk
 * and the open makes the kernel's path differ, so the swap is seen however the race went.
 */
function readOpened(check: OpenCheck): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(
      check.expected,
      constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY,
    );
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > check.maxBytes) return undefined;
    if (st.nlink !== 1 && !check.hardLinks(st)) return undefined;
    const real = readlinkSync(`/proc/self/fd/${fd}`);
    if (real !== check.expected) return undefined;
    // Read at most one byte more than allowed, so a file that grew since fstat is caught.
    const buffer = Buffer.alloc(Math.min(st.size, check.maxBytes) + 1);
    let length = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) {
        if (length > check.maxBytes) return undefined;
        break;
      }
    }
    return buffer.subarray(0, length);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** The decoded request path as components below the root, or undefined for one that leaves it. */
function requestPath(pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (rel.split('/').some((p) => p === '..')) return undefined;
  const file = normalize(rel);
  if (isAbsolute(file) || file === '..' || file.startsWith('..' + sep)) return undefined;
  return file;
}

/** A packaged app's renderer lies inside app.asar, which Electron reads itself: a single,
 *  integrity-checked archive with no folders or links on disk that could be swapped. */
const inAsar = (root: string) => root.split(sep).some((p) => p.endsWith('.asar'));

/**
 * A file of the built renderer, or 404: a path that leaves the folder never gets out, and no
 * link, symbolic or hard, is followed (the build writes none).
 */
export function rendererAsset(root: string, pathname: string): Asset {
  const rel = requestPath(pathname);
  if (rel === undefined) return notFound();
  const type = TYPES[extname(rel)];
  if (!type) return notFound();
  if (inAsar(root)) {
    try {
      const body = readFileSync(join(root, rel));
      return body.length > MAX_ASSET_BYTES ? notFound() : { status: 200, body, headers: headers(type) };
    } catch {
      return notFound();
    }
  }
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return notFound();
  }
  const expected = resolveInside(realRoot, rel, false);
  if (expected === undefined) return notFound();
  const body = readOpened({ expected, maxBytes: MAX_ASSET_BYTES, hardLinks: () => false });
  return body === undefined ? notFound() : { status: 200, body, headers: headers(type) };
}

/** Where the icons are, as the last catalog load found them. */
export class IconRegistry {
  private icons = new Map<string, string>();
  private roots: readonly string[] = [];

  update(apps: readonly { id: string; icon?: string }[], installationPaths: readonly string[]): void {
    this.icons = new Map(apps.flatMap((a) => (a.icon ? [[a.id, a.icon] as const] : [])));
    this.roots = installationPaths;
  }

  /** After a reread of a few apps: their icons as read now; the others stay. */
  patch(apps: readonly { id: string; icon?: string }[], gone: readonly string[]): void {
    const icons = new Map(this.icons);
    for (const id of gone) icons.delete(id);
    for (const a of apps) {
      if (a.icon) icons.set(a.id, a.icon);
      else icons.delete(a.id);
    }
    this.icons = icons;
  }

  lookup(appId: string): { icon: string | undefined; roots: readonly string[] } {
    return { icon: this.icons.get(appId), roots: this.roots };
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether the bytes are what the icon's name says: served with nosniff, anything else is not an icon. */
function looksLike(type: 'image/png' | 'image/svg+xml', body: Buffer): boolean {
  if (type === 'image/png') return body.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE);
  try {
    // An SVG document's root element is `svg`, possibly with a namespace prefix.
    return /<(?:[A-Za-z_][\w.-]*:)?svg[\s/>]/.test(utf8.decode(body));
  } catch {
    return false;
  }
}

/**
 * Where an installation really is: its folder, and where its exports folder leads when that is
 * a link (an installation whose parts live on another disk, or share another's, as the test
 * workspaces do), since exported icons lead from there into that installation's apps.
 */
function realRoots(root: string): string[] {
  const found: string[] = [];
  for (const candidate of [root, join(root, 'exports')]) {
    let real: string | undefined;
    try {
      real = realpathSync(candidate);
    } catch {
      real = undefined;
    }
    const base = real === undefined ? undefined : candidate === root ? real : dirname(real);
    if (base !== undefined && !found.includes(base)) found.push(base);
  }
  return found;
}

/**
 * The icon of an installed app, read only from that app's deployment in an installation.
 * Exported icons are links into the deployment; each link is followed only inside the
 * installation, and the opened file must lie in `<installation>/app/<appId>/`.
 *
 * Flatpak deploys with ostree, which hard-links each deployed file to its object in the
 * repository (and to identical files of other deployments), so a real icon has many names.
 * A hard link is served only if it belongs to the installation's owner and is an image; a link
 * to someone else's file (or to a secret that is no image) is refused.
 */
export function appIcon(registry: IconRegistry, appId: string): Asset {
  if (!isAppId(appId)) return notFound();
  const { icon, roots } = registry.lookup(appId);
  if (!icon || !isAbsolute(icon)) return notFound();
  const type = TYPES[extname(icon)];
  if (type !== 'image/png' && type !== 'image/svg+xml') return notFound();
  for (const root of roots) {
    const rel = inside(root, normalize(icon));
    if (rel === undefined) continue;
    for (const realRoot of realRoots(root)) {
      let owner: number;
      try {
        owner = lstatSync(realRoot).uid;
      } catch {
        continue;
      }
      const expected = resolveInside(realRoot, rel, true, [root]);
      if (expected === undefined || inside(join(realRoot, 'app', appId), expected) === undefined) continue;
      const body = readOpened({ expected, maxBytes: MAX_ICON_BYTES, hardLinks: (st) => st.uid === owner });
      if (body === undefined || !looksLike(type, body)) return notFound();
      return { status: 200, body, headers: { ...headers(type), 'Cache-Control': 'max-age=60' } };
    }
  }
  return notFound();
}
