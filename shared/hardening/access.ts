// What an app can really reach through its filesystem entries and bus policies, following what
// Flatpak 1.14 does in the sandbox, measured there with `flatpak run` (test/hardening-sandbox):
// - each entry is its own mount, and the most specific entry covering a path decides;
// - `!dir` hides a folder that exists when the app starts (a tmpfs), but `!file` hides nothing,
//   and neither does `!home` or `!host` (with host granted, home stays writable through /home);
// - `path:ro` under a writable parent makes an existing file or folder read-only, and it can be
//   neither removed nor renamed, unless it is a symbolic link (the app replaces the link);
// - an entry deeper than one folder below a writable parent does not hold: the app renames the
//   folder that holds the mount point (`mv ~/.config ~/.config.x`) and creates the path anew.
//   Only an entry whose parent folder is itself a mount point (home, or another entry) holds.
// - under any shared folder above them (home, host, ~/.local, xdg-data), Flatpak hides
//   ~/.local/share/flatpak and ~/.var/app by itself; deeper than one folder below a writable
//   parent that is no mount point, the renaming trick gets past that too.

import type { BusPolicy, Context } from '../flatpak/context';
import { XDG_FILESYSTEMS } from '../flatpak/catalogue';
import { FS_MODE_RANK, type FsMode } from '../flatpak/filesystem';

const XDG_LOCATIONS: ReadonlyMap<string, string> = new Map(
  XDG_FILESYSTEMS.flatMap((f) => (f.location === undefined ? [] : [[f.name, f.location] as const])),
);

/**
 * Where a filesystem entry lands: `~/…` below home, `xdg-run/…` below the runtime folder, or an
 * absolute path. `host` lands on `/`; `host-os` and `host-etc` land nowhere a user file lives.
 */
export function locationOf(path: string): string | undefined {
  if (path === 'home' || path === '/home' || path === '/var/home') return '~';
  if (path === 'host') return '/';
  if (path.startsWith('~/') || path.startsWith('xdg-run/')) return path;
  const slash = path.indexOf('/');
  const prefix = slash < 0 ? path : path.slice(0, slash);
  const base = XDG_LOCATIONS.get(prefix);
  if (base) return slash < 0 ? base : `${base}${path.slice(slash)}`;
  if (path.startsWith('/')) return path;
  return undefined;
}

/** Folders `host` leaves out: the sandbox has its own /tmp, /var and /run (measured). */
const NOT_IN_HOST = [
  '/tmp',
  '/var',
  '/run',
  '/usr',
  '/etc',
  '/proc',
  '/sys',
  '/dev',
  '/app',
  '/lib',
  '/lib32',
  '/lib64',
  '/bin',
  '/sbin',
  '/boot',
  '/root',
];

export function contains(outer: string, inner: string): boolean {
  if (outer === '/')
    return (
      inner === '~' ||
      inner.startsWith('~/') ||
      (inner.startsWith('/') && !NOT_IN_HOST.some((r) => inner === r || below(inner, r)))
    );
  return inner === outer || below(inner, outer);
}

/** Whether `inner` lies below `outer`, without making the string `outer/`: the audit asks this
 *  of every route's place and every entry of every app. */
function below(inner: string, outer: string): boolean {
  return inner.length > outer.length && inner.charCodeAt(outer.length) === SLASH && inner.startsWith(outer);
}

const SLASH = 0x2f;

function parentOf(location: string): string {
  const slash = location.lastIndexOf('/');
  if (slash <= 0) return location.startsWith('/') ? '/' : '~';
  return location.slice(0, slash);
}

/** How deep a location lies: `/` < `/tmp` and `~` < `~/.config` < `~/.config/autostart`. */
export const depth = (location: string): number =>
  location === '/' ? 0 : location.split('/').filter(Boolean).length + (location.startsWith('~') ? 1 : 0);

/** Single files Flatpak cannot hide with a negation; other negated paths are taken as folders. */
export const KNOWN_FILES = new Set([
  '~/.bashrc',
  '~/.bash_profile',
  '~/.bash_login',
  '~/.bash_logout',
  '~/.profile',
  '~/.zshrc',
  '~/.zshenv',
  '~/.zprofile',
  '~/.zlogin',
  '~/.zlogout',
  '~/.xprofile',
  '~/.xsessionrc',
  '~/.xinitrc',
  '~/.xsession',
  '~/.pam_environment',
  '~/.gitconfig',
  '/run/docker.sock',
  '/var/run/docker.sock',
  'xdg-run/docker.sock',
  'xdg-run/pipewire-0',
]);

/** Folders Flatpak hides by itself below home; they hold only where no rename gets past them. */
export const FLATPAK_HIDES = ['~/.local/share/flatpak', '~/.var/app'];

/** Whether a shared folder at `shared` lays Flatpak's empty folder over `hidden`: it lies above it
 *  (home, host, ~/.local, xdg-data…); an entry at the folder itself shows it. */
export const hidesBelow = (shared: string, hidden: string): boolean =>
  contains(shared, hidden) && depth(shared) < depth(hidden);

export interface Reach {
  readonly read: boolean;
  readonly write: boolean;
  /** The entry that gives the access, as written in the permissions. */
  readonly via?: string;
  /** Set when a narrower entry would stop writes but the app can rename its parent folder away. */
  readonly around?: string;
}

const NO_REACH: Reach = Object.freeze({ read: false, write: false });

interface Entry {
  readonly path: string;
  readonly location: string;
  readonly mode: FsMode;
  /** depth(location), asked of the same entries for every place. */
  readonly depth: number;
}

function entriesOf(ctx: Context): Entry[] {
  const out: Entry[] = [];
  for (const [path, mode] of ctx.filesystems) {
    if (path === 'host-reset') continue;
    const location = locationOf(path);
    if (location !== undefined) out.push({ path, location, mode, depth: depth(location) });
  }
  return out;
}

function ancestorsOf(location: string): string[] {
  const out: string[] = [];
  for (let l = parentOf(location); l !== '~' && l !== '/' && l !== parentOf(l); l = parentOf(l)) out.push(l);
  return out;
}

/**
 * An app's filesystem entries laid out once, with the empty folders Flatpak lays over its own
 * folders by itself, for asking about many places: the audit asks about every route's place.
 */
export interface Mounts {
  /** The app's own entries, in the order of its permissions. */
  readonly entries: readonly Entry[];
  /** Its entries and the folders Flatpak hides below them. */
  readonly all: readonly Entry[];
  /** Where something is mounted: a folder there cannot be renamed away. */
  readonly points: ReadonlySet<string>;
}

export function mountsOf(ctx: Context): Mounts {
  const entries = entriesOf(ctx);
  // Flatpak's empty folder lies over its own folders wherever a folder above them is shared
  // (home, host, ~/.local, xdg-data…), and an entry of their own shows them.
  const implicit: Entry[] = FLATPAK_HIDES.filter(
    (l) =>
      !entries.some((e) => e.location === l) && entries.some((e) => e.mode !== 'none' && hidesBelow(e.location, l)),
  ).map((l) => ({ path: l, location: l, mode: 'none' as const, depth: depth(l) }));
  const all = [...entries, ...implicit];
  return { entries, all, points: new Set([...all.map((e) => e.location), '~', '/']) };
}

/** What the app can do with a location (`~/.bashrc`, `xdg-run/podman`, `/tmp`). */
export function reach(ctx: Context, target: string): Reach {
  return reachIn(mountsOf(ctx), target);
}

export function reachIn(mounts: Mounts, target: string): Reach {
  // A loop rather than filter and sort: asked of every route's place for every app, and most
  // places are covered by no entry at all.
  let covering: Entry[] | undefined;
  for (const e of mounts.all)
    if (
      contains(e.location, target) &&
      !(e.mode === 'none' && (KNOWN_FILES.has(e.location) || e.location === '~' || e.location === '/'))
    )
      (covering ??= []).push(e);
  if (covering === undefined) return NO_REACH;
  if (covering.length > 1) covering.sort((a, b) => a.depth - b.depth || FS_MODE_RANK[a.mode] - FS_MODE_RANK[b.mode]);
  const decider = covering.at(-1);
  if (!decider) return NO_REACH;
  if (decider.mode === 'rw' || decider.mode === 'create') return { read: true, write: true, via: decider.path };
  // A mount point cannot be renamed; any other folder above the entry can, by whoever may write
  // the folder that holds it, and the path is then made anew below a writable parent.
  const writer = covering.findLast(
    (e) => e !== decider && (e.mode === 'rw' || e.mode === 'create') && e.depth < decider.depth,
  );
  if (writer) {
    for (const a of ancestorsOf(decider.location)) {
      if (depth(a) <= writer.depth) break;
      if (!mounts.points.has(a) && reachIn(mounts, parentOf(a)).write)
        return { read: true, write: true, via: writer.path, around: a };
    }
  }
  return decider.mode === 'ro' ? { read: true, write: false, via: decider.path } : NO_REACH;
}

/**
 * What the app can do at a location or anywhere below it: an entry for `xdg-data/flatpak/overrides`
 * reaches into ~/.local/share/flatpak although the folder itself stays hidden.
 */
export function reachWithin(mounts: Mounts, location: string): Reach {
  const here = reachIn(mounts, location);
  if (here.write) return here;
  let best = here;
  for (const { location: loc } of mounts.entries) {
    if (!below(loc, location)) continue;
    const r = reachIn(mounts, loc);
    if (r.write) return r;
    if (r.read && !best.read) best = r;
  }
  return best;
}

export const writes = (mode: FsMode): boolean => mode === 'rw' || mode === 'create';

const matches = (pattern: string, name: string): boolean =>
  pattern === name || (pattern.endsWith('.*') && name.startsWith(pattern.slice(0, -1)));

/** The strongest policy the context gives on a bus name, counting `.*` prefixes. */
export function policyFor(policies: ReadonlyMap<string, BusPolicy>, name: string): { policy: BusPolicy; via?: string } {
  const rank: Record<BusPolicy, number> = { none: 0, see: 1, talk: 2, own: 3 };
  let best: { policy: BusPolicy; via?: string } = { policy: 'none' };
  for (const [pattern, policy] of policies)
    if (matches(pattern, name) && rank[policy] > rank[best.policy]) best = { policy, via: pattern };
  return best;
}

/** Whether the app can call a session or system bus name (talk or own). */
export function talksTo(ctx: Context, bus: 'session' | 'system', name: string): string | undefined {
  const p = policyFor(ctx.bus[bus], name);
  return p.policy === 'talk' || p.policy === 'own' ? (p.via ?? name) : undefined;
}

export const has = (ctx: Context, kind: keyof Context['flags'], name: string): boolean =>
  ctx.flags[kind].get(name) === true;

/** X11 unless fallback-x11 stands beside Wayland: then X11 only where no Wayland session runs. */
export const usesX11 = (ctx: Context): boolean =>
  has(ctx, 'sockets', 'x11') && !(has(ctx, 'sockets', 'fallback-x11') && has(ctx, 'sockets', 'wayland'));
