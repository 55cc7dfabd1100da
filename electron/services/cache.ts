// A cache of what never changes: what a deployed commit says about itself and the permissions
// its metadata grants (a deployment's files are immutable; an update deploys a new commit), in
// catalog.json, and the version of a given `flatpak` binary, in flatpak.json. Overrides are never cached: they are read each time.
// It lives in $XDG_CACHE_HOME/confine; a missing, unreadable or damaged cache is simply rebuilt,
// a damaged entry is read anew from the files, and a cache that cannot be written is not an error.
// Another Confine may write it meanwhile: each write replaces the whole file at once (a rename),
// so a reader sees one writer's file or the other's, and each entry is checked before it is used.

import type * as Crypto from 'node:crypto';
import { realpathSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import type { Context } from '../../shared/flatpak/context';
import { contextFromRecord, contextRecord, type ContextRecord } from '../../shared/flatpak/context-record';
import { parseVersion, type Version } from '../../shared/flatpak/version';
import { CONFINE_BUILD } from '../../shared/version';
import { cacheDir } from './cache-dir';
import { readBytesSync } from './read-files';
import type { Environment } from './locations';

export interface CachedDescription {
  name?: string;
  summary?: string;
  developer?: string;
  version?: string;
  categories?: string[];
  updated?: string;
}

/** A commit's metadata as the merge uses it: its context and the runtime it names. */
export interface CachedMetadata {
  readonly context: Context;
  readonly runtime?: string;
}

interface FlatpakBinary {
  path: string;
  /** The file the path leads to through its links: where a store's links point (Nix, Guix) a
   *  new version has another, while its time (the same for every file) and size may not. */
  real: string;
  mtimeMs: number;
  size: number;
  version: string;
}

const FORMAT = 2;

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

function metadata(v: unknown): CachedMetadata | undefined {
  if (!isRecord(v) || (v.runtime !== undefined && typeof v.runtime !== 'string')) return undefined;
  const context = contextFromRecord(v.context);
  if (!context) return undefined;
  return v.runtime === undefined ? { context } : { context, runtime: v.runtime };
}

function flatpakBinary(v: unknown): FlatpakBinary | undefined {
  if (
    !isRecord(v) ||
    typeof v.path !== 'string' ||
    typeof v.real !== 'string' ||
    typeof v.mtimeMs !== 'number' ||
    typeof v.size !== 'number' ||
    typeof v.version !== 'string'
  )
    return undefined;
  return { path: v.path, real: v.real, mtimeMs: v.mtimeMs, size: v.size, version: v.version };
}

/** The entries of a section as they are in the file, each checked when it is first asked for:
 *  a run checks (and builds objects for) only what it uses. */
function section(v: unknown): Map<string, unknown> {
  // Object.entries gives own properties only; JSON.parse makes even `__proto__` one of them.
  return new Map<string, unknown>(isRecord(v) ? Object.entries(v) : []);
}

/** One section of the cache: entries as read from the file until checked, then as checked. */
class Section<T, Stored> {
  /** Raw entries from the file and entries set in this run, by key. */
  private readonly entries: Map<string, unknown>;
  private readonly checked = new Map<string, T | undefined>();
  readonly used = new Set<string>();

  constructor(
    raw: unknown,
    private readonly check: (v: unknown) => T | undefined,
    private readonly store: (v: T) => Stored,
  ) {
    this.entries = section(raw);
  }

  get(key: string): T | undefined {
    this.used.add(key);
    if (this.checked.has(key)) return this.checked.get(key);
    const raw = this.entries.get(key);
    const value = raw === undefined ? undefined : this.check(raw);
    this.checked.set(key, value);
    return value;
  }

  set(key: string, value: T): void {
    this.used.add(key);
    this.checked.set(key, value);
    this.entries.set(key, this.store(value));
  }

  /** Drops the entries not used in this run; whether any went. */
  prune(): boolean {
    let pruned = false;
    for (const key of this.entries.keys()) {
      if (!this.used.has(key)) {
        this.entries.delete(key);
        pruned = true;
      }
    }
    return pruned;
  }

  /** The section as written: an entry found damaged is left out (it is replaced once read anew). */
  toJSON(): Record<string, unknown> {
    const out: [string, unknown][] = [];
    for (const [key, raw] of this.entries) if (!this.checked.has(key) || this.checked.get(key)) out.push([key, raw]);
    // fromEntries defines each key as its own property, even one named __proto__.
    return Object.fromEntries(out);
  }
}

export { cacheDir };

/** The JSON in a cache file, or undefined when there is none or it is damaged. */
function readJson(file: string): unknown {
  try {
    const bytes = readBytesSync(file);
    return bytes ? (JSON.parse(bytes.toString('utf8')) as unknown) : undefined;
  } catch {
    // A damaged cache is rebuilt.
    return undefined;
  }
}

/** Replaces a cache file at once (a rename), so another Confine reads one whole file or the other. */
export async function writeCacheFile(file: string, text: string): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true, mode: 0o700 });
  // Loaded here: setting up crypto costs a run that changes nothing several milliseconds.
  // Required, not imported: see appstream.ts's zlib.
  const { randomBytes } = createRequire(import.meta.url)('node:crypto') as typeof Crypto;
  const tmp = `${file}.${randomBytes(6).toString('hex')}`;
  try {
    await writeFile(tmp, text, { mode: 0o600 });
    await rename(tmp, file);
  } catch (e) {
    // A write cut short (a full disk) or a rename refused leaves no half file beside the cache.
    await rm(tmp, { force: true });
    throw e;
  }
}

const writeJson = (file: string, data: unknown) => writeCacheFile(file, JSON.stringify(data));

/** What catalog.json holds: the descriptions and the parsed metadata, by deployed commit. */
class Catalog {
  changed = false;
  readonly apps: Section<CachedDescription, CachedDescription>;
  readonly metadata: Section<CachedMetadata, { context: ContextRecord; runtime?: string }>;

  constructor(data: unknown) {
    // Another format, or one written by other sources (whose parser may read metadata
    // differently), is not used at all.
    const ours = isRecord(data) && data.format === FORMAT && data.build === CONFINE_BUILD ? data : {};
    this.apps = new Section(ours.apps, description, (d) => d);
    this.metadata = new Section(ours.metadata, metadata, (m) =>
      m.runtime === undefined
        ? { context: contextRecord(m.context) }
        : { context: contextRecord(m.context), runtime: m.runtime },
    );
  }

  toJSON(): unknown {
    return { format: FORMAT, build: CONFINE_BUILD, apps: this.apps, metadata: this.metadata };
  }
}

export class DescriptionCache {
  private catalogRead: Catalog | undefined;
  private flatpakChanged = false;

  private constructor(
    private readonly dir: string,
    private flatpak: FlatpakBinary | undefined,
  ) {}

  /** Reads the small file every run needs (the version of flatpak); the catalog of every
   *  deployment is read when first used, so that a command about one app (`show`) reads its
   *  app's files rather than what is kept of all of them. */
  static open(env: Environment): Promise<DescriptionCache> {
    const dir = cacheDir(env);
    return Promise.resolve(new DescriptionCache(dir, flatpakBinary(readJson(join(dir, 'flatpak.json')))));
  }

  private catalog(): Catalog {
    return (this.catalogRead ??= new Catalog(readJson(join(this.dir, 'catalog.json'))));
  }

  get(key: string): CachedDescription | undefined {
    return this.catalog().apps.get(key);
  }

  set(key: string, value: CachedDescription): void {
    const catalog = this.catalog();
    catalog.apps.set(key, value);
    catalog.changed = true;
  }

  /** The metadata of a deployed commit as a Flatpak of this version reads it, if kept. */
  getMetadata(key: string): CachedMetadata | undefined {
    return this.catalog().metadata.get(key);
  }

  setMetadata(key: string, value: CachedMetadata): void {
    const catalog = this.catalog();
    catalog.metadata.set(key, value);
    catalog.changed = true;
  }

  /** The version of `flatpak` on PATH, asked only when that binary changed since last time. */
  async flatpakVersion(env: Environment, ask: () => Promise<Version | undefined>): Promise<Version | undefined> {
    const binary = findOnPath('flatpak', env.PATH ?? '');
    if (!binary) return ask();
    const cached = this.flatpak;
    if (
      cached &&
      cached.path === binary.path &&
      cached.real === binary.real &&
      cached.mtimeMs === binary.mtimeMs &&
      cached.size === binary.size
    ) {
      const v = parseVersion(cached.version);
      if (v) return v;
    }
    const version = await ask();
    if (version) {
      this.flatpak = { ...binary, version: version.join('.') };
      this.flatpakChanged = true;
    }
    return version;
  }

  /** Writes what changed; with `prune`, keeps only entries of deployments seen in this run. */
  async save(options: { prune: boolean }): Promise<void> {
    const catalog = this.catalogRead;
    if (catalog && options.prune) {
      // Both, not the first that prunes.
      const pruned = [catalog.apps.prune(), catalog.metadata.prune()];
      if (pruned.includes(true)) catalog.changed = true;
    }
    try {
      if (this.flatpakChanged) {
        await writeJson(join(this.dir, 'flatpak.json'), this.flatpak);
        this.flatpakChanged = false;
      }
      if (catalog?.changed) {
        await writeJson(join(this.dir, 'catalog.json'), catalog);
        catalog.changed = false;
      }
    } catch {
      // A read-only or full home is no reason to fail; the next run rebuilds.
    }
  }
}

/** The first regular file named `name` in the folders of PATH, and what tells a changed one. */
function findOnPath(
  name: string,
  path: string,
): { path: string; real: string; mtimeMs: number; size: number } | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      // Synchronous, without an exception for each folder that has none: a few microseconds each.
      const s = statSync(candidate, { throwIfNoEntry: false });
      if (s?.isFile())
        return { path: candidate, real: realpathSync.native(candidate), mtimeMs: s.mtimeMs, size: s.size };
    } catch {
      // A folder that cannot be searched has none.
    }
  }
  return undefined;
}
