// The machine-protection fixture trees in test/fixtures/mac: each folder is a root as the reader
// sees `/`. What git cannot hold (who reads, setuid bits, read errors such as EACCES from the
// kernel) lives in the folder's __fixture__.json, which `fixtureFs` applies.

import { cp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostFs, type SystemFs } from '../../electron/services/system';

export const MAC_FIXTURES = fileURLToPath(new URL('../../test/fixtures/mac', import.meta.url));

export interface FixtureMeta {
  readonly euid: number;
  /** Octal mode strings by absolute path, e.g. "4755" for a setuid bubblewrap. */
  readonly modes: Readonly<Record<string, string>>;
  /** Owner uid by absolute path (files in git belong to whoever checked them out). */
  readonly owners?: Readonly<Record<string, number>>;
  /** What `PROGRAM --version` prints, by absolute path (programs of a tree are never run). */
  readonly versions?: Readonly<Record<string, string>>;
  /** errno codes by absolute path, thrown on read. */
  readonly errors: Readonly<Record<string, string>>;
  readonly variants?: Readonly<
    Record<string, { readonly euid?: number; readonly errors?: Readonly<Record<string, string>> }>
  >;
}

export async function fixtureMeta(dir: string): Promise<FixtureMeta> {
  return JSON.parse(await readFile(join(dir, '__fixture__.json'), 'utf8')) as FixtureMeta;
}

/** A SystemFs over a fixture folder, as seen by the fixture's reader (or one of its variants). */
export async function fixtureFs(dir: string, variant?: string): Promise<SystemFs> {
  const meta = await fixtureMeta(dir);
  const v = variant === undefined ? undefined : meta.variants?.[variant];
  if (variant !== undefined && !v) throw new Error(`${dir} has no variant ${variant}`);
  const errors = v?.errors ?? meta.errors;
  const euid = v?.euid ?? meta.euid;
  const host = hostFs(dir, euid);
  const fail = (path: string) => {
    const code = errors[`/${path}`];
    if (code) throw Object.assign(new Error(`${code}: /${path}`), { code });
  };
  return {
    euid,
    async read(path) {
      fail(path);
      return host.read(path);
    },
    async stat(path) {
      const real = await host.stat(path);
      if (real === null) return null;
      const mode = meta.modes[`/${path}`];
      const uid = meta.owners?.[`/${path}`];
      return {
        mode: mode === undefined ? real.mode : (real.mode & ~0o7777) | Number.parseInt(mode, 8),
        uid: uid ?? real.uid,
        gid: real.gid,
      };
    },
    exists: (path) => host.exists(path),
    list: (path) => host.list(path),
    readlink: (path) => host.readlink(path),
    version: async (path) => ((await host.exists(path)) ? (meta.versions?.[`/${path}`] ?? null) : null),
    // What the host reader refused (a pipe, a huge file) is reported as on a real machine.
    refusals: () => host.refusals?.() ?? { notes: [], more: 0 },
  };
}

export interface FixtureChange {
  /** Files to write, by path relative to the root. */
  readonly write?: Readonly<Record<string, string>>;
  readonly remove?: readonly string[];
  readonly meta?: Partial<FixtureMeta>;
}

/** A copy of a fixture with some files changed, for an edge case of a real tree, into `dir`
 *  (an empty folder the caller made, and removes). */
export async function deriveFixture(base: string, change: FixtureChange, dir: string): Promise<string> {
  await cp(join(MAC_FIXTURES, base), dir, { recursive: true });
  for (const path of change.remove ?? []) await rm(join(dir, path), { recursive: true, force: true });
  for (const [path, text] of Object.entries(change.write ?? {})) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  if (change.meta) {
    const meta = await fixtureMeta(dir);
    await writeFile(join(dir, '__fixture__.json'), JSON.stringify({ ...meta, ...change.meta }, null, 1));
  }
  return dir;
}
