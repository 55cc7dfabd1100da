// What the window may load: the files of the built renderer, and app icons. Shared by the
// `app://` protocol handler in Electron and by the end-to-end harness's server, so both serve
// exactly the same bytes with the same headers.

import { readFile, realpath } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
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

const notFound = (): Asset => ({ status: 404, body: Buffer.from('Not found'), headers: headers('text/plain; charset=utf-8') });

/** A file of the built renderer, or 404: a path that leaves the folder never gets out. */
export async function rendererAsset(root: string, pathname: string): Promise<Asset> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return notFound();
  }
  const file = join(root, decoded === '/' || decoded === '' ? 'index.html' : decoded);
  const rel = relative(root, file);
  if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return notFound();
  const type = TYPES[extname(file)];
  if (!type) return notFound();
  try {
    return { status: 200, body: await readFile(file), headers: headers(type) };
  } catch {
    return notFound();
  }
}

/** Where the icons are, as the last catalog load found them. */
export class IconRegistry {
  private icons = new Map<string, string>();
  private roots: readonly string[] = [];

  update(apps: readonly { id: string; icon?: string }[], installationPaths: readonly string[]): void {
    this.icons = new Map(apps.flatMap((a) => (a.icon ? [[a.id, a.icon] as const] : [])));
    this.roots = installationPaths;
  }

  lookup(appId: string): { icon: string | undefined; roots: readonly string[] } {
    return { icon: this.icons.get(appId), roots: this.roots };
  }
}

/** The icon of an installed app, read only from inside an installation. */
export async function appIcon(registry: IconRegistry, appId: string): Promise<Asset> {
  if (!isAppId(appId)) return notFound();
  const { icon, roots } = registry.lookup(appId);
  if (!icon) return notFound();
  const type = TYPES[extname(icon)];
  if (type !== 'image/png' && type !== 'image/svg+xml') return notFound();
  try {
    // Exported icons are links into the app's deployment; the real file must lie inside the
    // deployed apps of an installation.
    const real = await realpath(icon);
    const inside = await Promise.all(roots.map(async (root) => realpath(join(root, 'app')).then((p) => !relative(p, real).startsWith('..'), () => false)));
    if (!inside.some(Boolean)) return notFound();
    return { status: 200, body: await readFile(real), headers: { ...headers(type), 'Cache-Control': 'max-age=60' } };
  } catch {
    return notFound();
  }
}
