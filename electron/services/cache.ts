// A cache of what never changes: the description of a deployed commit (a deployment's files are
// immutable; an update deploys a new commit) and the version of a given `flatpak` binary.
// It lives in $XDG_CACHE_HOME/confine; a missing, unreadable or damaged cache is simply rebuilt,
// and a cache that cannot be written is not an error.

import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parseVersion, type Version } from '../../shared/flatpak/version';
import { readBytes } from './files';
import type { Environment } from './locations';

export interface CachedDescription {
  name?: string;
  summary?: string;
  developer?: string;
  version?: string;
  categories?: string[];
  updated?: string;
}

interface CacheData {
  format: 1;
  flatpak?: { path: string; mtimeMs: number; size: number; version: string };
  apps: Record<string, CachedDescription>;
}

// Checked by hand rather than with a schema library: the cache is read on every run, and
// loading the library and building its schemas cost more than the check (issue 19).
const TEXT_FIELDS = ['name', 'summary', 'developer', 'version', 'updated'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function description(v: unknown): CachedDescription | undefined {
  if (!isRecord(v)) return undefined;
  const d: CachedDescription = {};
  for (const k of TEXT_FIELDS) {
    const x = v[k];
    if (x === undefined) continue;
    if (typeof x !== 'string') return undefined;
    d[k] = x;
  }
  const c = v.categories;
  if (c !== undefined) {
    if (!Array.isArray(c) || !c.every((x) => typeof x === 'string')) return undefined;
    d.categories = c;
  }
  return d;
}

/** The cache as `save` writes it, or undefined for anything else (then it is rebuilt). */
function cacheData(v: unknown): CacheData | undefined {
  if (!isRecord(v) || v.format !== 1 || !isRecord(v.apps)) return undefined;
  const entries: [string, CachedDescription][] = [];
  for (const [key, entry] of Object.entries(v.apps)) {
    const d = description(entry);
    if (!d) return undefined;
    entries.push([key, d]);
  }
  // fromEntries defines each key as its own property, even one named __proto__.
  const data: CacheData = { format: 1, apps: Object.fromEntries(entries) };
  const f = v.flatpak;
  if (f !== undefined) {
    if (
      !isRecord(f) ||
      typeof f.path !== 'string' ||
      typeof f.mtimeMs !== 'number' ||
      typeof f.size !== 'number' ||
      typeof f.version !== 'string'
    )
      return undefined;
    data.flatpak = { path: f.path, mtimeMs: f.mtimeMs, size: f.size, version: f.version };
  }
  return data;
}

export function cacheDir(env: Environment): string {
  const home = env.HOME || homedir();
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'confine');
}

export class DescriptionCache {
  private changed = false;
  private readonly used = new Set<string>();

  private constructor(
    private readonly file: string,
    private data: CacheData,
  ) {}

  static async open(env: Environment): Promise<DescriptionCache> {
    const file = join(cacheDir(env), 'catalog.json');
    let data: CacheData = { format: 1, apps: {} };
    try {
      const bytes = await readBytes(file);
      if (bytes) data = cacheData(JSON.parse(bytes.toString('utf8'))) ?? data;
    } catch {
      // A damaged cache is rebuilt.
    }
    return new DescriptionCache(file, data);
  }

  get(key: string): CachedDescription | undefined {
    this.used.add(key);
    return this.data.apps[key];
  }

  set(key: string, value: CachedDescription): void {
    this.used.add(key);
    this.data.apps[key] = value;
    this.changed = true;
  }

  /** The version of `flatpak` on PATH, asked only when that binary changed since last time. */
  async flatpakVersion(env: Environment, ask: () => Promise<Version | undefined>): Promise<Version | undefined> {
    const binary = await findOnPath('flatpak', env.PATH ?? '');
    if (!binary) return ask();
    const cached = this.data.flatpak;
    if (cached && cached.path === binary.path && cached.mtimeMs === binary.mtimeMs && cached.size === binary.size) {
      const v = parseVersion(cached.version);
      if (v) return v;
    }
    const version = await ask();
    if (version) {
      this.data.flatpak = { ...binary, version: version.join('.') };
      this.changed = true;
    }
    return version;
  }

  /** Writes the cache if anything changed, keeping only entries of deployments still seen. */
  async save(options: { prune: boolean }): Promise<void> {
    if (options.prune) {
      for (const key of Object.keys(this.data.apps)) {
        if (!this.used.has(key)) {
          delete this.data.apps[key];
          this.changed = true;
        }
      }
    }
    if (!this.changed) return;
    try {
      await mkdir(join(this.file, '..'), { recursive: true, mode: 0o700 });
      // Loaded here: setting up crypto costs a run that changes nothing several milliseconds.
      const { randomBytes } = await import('node:crypto');
      const tmp = `${this.file}.${randomBytes(6).toString('hex')}`;
      await writeFile(tmp, JSON.stringify(this.data), { mode: 0o600 });
      await rename(tmp, this.file);
      this.changed = false;
    } catch {
      // A read-only or full home is no reason to fail; the next run rebuilds.
    }
  }
}

async function findOnPath(
  name: string,
  path: string,
): Promise<{ path: string; mtimeMs: number; size: number } | undefined> {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      const s = await stat(candidate);
      if (s.isFile()) return { path: candidate, mtimeMs: s.mtimeMs, size: s.size };
    } catch {
      // Not in this folder.
    }
  }
  return undefined;
}
