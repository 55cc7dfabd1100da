#!/usr/bin/env node
// Confine's package-lock.json is written without `resolved` URLs (npm's
// omit-lockfile-registry-resolved): npm then asks the registry for each package's metadata to
// find its tarball, which an offline build cannot do. This fills in the URL npm itself uses for
// a registry package, so that `npm ci --offline` takes each tarball straight from the cache that
// generated-sources.json lays out, and flatpak-node-generator sees the same URLs.
//
//   node packaging/flatpak/lockfile-resolved.mjs IN [OUT]     (OUT defaults to IN)

import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const NPM_REGISTRY = 'https://registry.npmjs.org';

/** The package name of a lockfile v2/v3 `packages` key, or undefined for the root and links. */
export function packageName(path, entry) {
  if (path === '' || entry.link) return undefined;
  if (typeof entry.name === 'string') return entry.name;
  const at = path.lastIndexOf('node_modules/');
  return at < 0 ? undefined : path.slice(at + 'node_modules/'.length);
}

/** The tarball URL npm fetches for NAME@VERSION from the public registry. */
export function registryTarball(name, version) {
  const base = name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
  return `${NPM_REGISTRY}/${name}/-/${base}-${version}.tgz`;
}

/** A copy of LOCK where every registry package without `resolved` has it. */
export function withResolved(lock) {
  if (lock.lockfileVersion !== 2 && lock.lockfileVersion !== 3) throw new Error(`lockfile version ${lock.lockfileVersion} is not supported (2 or 3)`);
  const packages = {};
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    const name = packageName(path, entry);
    const fromRegistry = name !== undefined && entry.resolved === undefined && typeof entry.version === 'string' && typeof entry.integrity === 'string';
    packages[path] = fromRegistry ? { ...entry, resolved: registryTarball(name, entry.version) } : entry;
  }
  return { ...lock, packages };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [input, output = input] = process.argv.slice(2);
  if (!input) {
    process.stderr.write('usage: lockfile-resolved.mjs IN [OUT]\n');
    process.exit(2);
  }
  writeFileSync(output, `${JSON.stringify(withResolved(JSON.parse(readFileSync(input, 'utf8'))), null, 2)}\n`);
}
