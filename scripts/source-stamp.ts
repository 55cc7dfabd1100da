// A digest of the sources a build of main or the CLI is made from, built into it as
// __CONFINE_SOURCE__: the cache of parsed metadata (electron/services/cache.ts) and list --json's
// kept output (list-output.ts) are kept only by the build that wrote them, so a changed parser
// never trusts what an older one parsed. The libraries bundled with them count too, by the lock
// file's versions: the AppStream reader's XML parser (saxes) is one.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'build' ? [] : sources(path);
    return /\.(ts|json)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [path] : [];
  });
}

/** The first 16 hex digits of a SHA-256 over the paths and contents of shared/ and electron/,
 *  and of package-lock.json. */
export function sourceStamp(root: string): string {
  const h = createHash('sha256');
  const lock = join(root, 'package-lock.json');
  const files = [
    ...sources(join(root, 'shared')),
    ...sources(join(root, 'electron')),
    ...(existsSync(lock) ? [lock] : []),
  ];
  for (const file of files.sort()) {
    h.update(`${relative(root, file)}\0`);
    h.update(readFileSync(file));
    h.update('\0');
  }
  return h.digest('hex').slice(0, 16);
}
