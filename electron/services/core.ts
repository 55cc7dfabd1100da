// The one entry point to Flatpak's state on this machine. The CLI and the window's IPC handlers
// both call these functions; nothing here imports Electron.

import { emptyContext, type Context } from '../../shared/flatpak/context';
import type { Change } from '../../shared/flatpak/edit';
import {
  effectiveContext,
  mergeContexts,
  mergeLayers,
  type Effective,
  type Layer,
  type LayerId,
} from '../../shared/flatpak/merge';
import { toDisposable, type Disposable } from '../../shared/disposable';
import { identityOf, ObjectMemo } from '../../shared/memo';
import { ConfineError, ERROR_MESSAGES } from '../../shared/errors';
import { isAppId } from '../../shared/flatpak/grammar';
import { defineMessages, t } from '../../shared/i18n';
import { sessionFrom, type Session } from '../../shared/hardening/session';
import type { AppInfo, InstallationInfo } from '../../shared/model';
import { readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { describeApp, iconIndex, type IconIndex } from './appstream';
import { preferredLanguages } from '../../shared/i18n';
import { DescriptionCache, type CachedDescription } from './cache';
import { CONFINE_BUILD } from '../../shared/version';
import { deploymentsIn, scanInstallation, type DeploymentRecord } from './deployments';
import { inSlices } from './in-slices';
import { readBytesSync } from './read-files';
import type { StoreConnection } from './permission-store';
import { askFlatpakVersion, versionInfo, type FlatpakVersionInfo } from './flatpak-version';
import { findInstallations, flatpakPaths, readSelfSandbox, type Environment, type FlatpakPaths } from './locations';
import type { SelfSandbox } from '../../shared/flatpak/self-sandbox';
import {
  overridePath,
  overridesDir,
  parseLayer,
  parseOverride,
  readOverride,
  readOverrideBytes,
  type OverrideBytes,
  type OverrideChange,
  type OverrideRead,
  type OverrideRef,
  type ParsedLayer,
  type Scope,
} from './overrides';

// The writers (keyfile edits, atomic swaps) and the edit rules are loaded by the first write: a
// read-only command (list, show, audit) never compiles them (issue 19).
const writer = () => import('./override-write');
const editor = () => import('../../shared/flatpak/edit');

export interface LayerState {
  readonly id: LayerId;
  readonly path: string;
  readonly state: 'ok' | 'missing' | 'malformed' | 'unreadable';
  readonly message?: string;
  readonly symlink?: boolean;
  readonly warnings?: readonly string[];
}

export interface AppPermissions {
  readonly appId: string;
  readonly deployment: DeploymentRecord;
  readonly layers: readonly LayerState[];
  /** Set when a file is malformed: Flatpak itself refuses to run or describe the app then. */
  readonly error?: string;
  readonly effective?: Effective;
  readonly context?: Context;
  /** Every layer but the user's override of the app: what the user's override is measured against. */
  readonly below?: Context;
  readonly userLayer?: Context;
  /**
   * With `error`: what Flatpak enforces once the malformed override files are reset (removed),
   * merged from the layers that can be read. Absent when the app's own metadata is unreadable.
   */
  readonly onceReset?: Effective;
}

function layerState(id: LayerId, read: OverrideRead): { state: LayerState; context?: Context } {
  switch (read.state) {
    case 'missing':
      return { state: { id, path: read.path, state: 'missing' } };
    case 'unreadable':
      return { state: { id, path: read.path, state: 'unreadable', message: read.message } };
    case 'malformed':
      return { state: { id, path: read.path, state: 'malformed', message: read.message, symlink: read.symlink } };
    case 'ok':
      return {
        state: { id, path: read.path, state: 'ok', symlink: read.symlink, warnings: read.warnings },
        context: read.context,
      };
  }
}

export interface Snapshot {
  readonly apps: readonly AppInfo[];
  readonly permissions: ReadonlyMap<string, AppPermissions>;
  readonly installations: readonly InstallationInfo[];
  readonly warnings: readonly string[];
  /** The two global overrides as read for this snapshot (a broken one stops many apps at once). */
  readonly globals: { readonly user: OverrideRead; readonly system: OverrideRead };
}

/** When a deployment was made (its folder's time), undefined when that cannot be told. */
function updatedAt(path: string): string | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false })?.mtime.toISOString();
  } catch {
    return undefined;
  }
}

/** The time of a deployment's folder as a number, what `updated` is made from: for ReadInputs'
 *  text, without the date and its text that updatedAt makes. */
function folderTime(path: string): number | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false })?.mtimeMs;
  } catch {
    return undefined;
  }
}

/** The folder a deployment's own files are read from: for a commit, the commit's folder that
 *  `active` named when the deployment was found. Read through `active`, an update made since
 *  gives another commit's files, kept (the descriptions, the metadata, list --json's output) as
 *  this commit's and used again once this commit is active again (a rollback). */
function filesOf(dep: DeploymentRecord): string {
  return dep.commit === undefined ? dep.path : `${dep.path.slice(0, dep.path.lastIndexOf('/') + 1)}${dep.commit}`;
}

/** How long a finished read still answers for the files: a change that the watcher has not
 *  yet told (it waits a few milliseconds for a burst to end) is at most this old. */
const SHARED_READ_MS = 1000;

/**
 * How long a window's core waits after a read before it writes the description cache. Writing
 * it (a JSON text of every app's description and metadata) took 15 ms, and up to 90 ms on a
 * first start, of the main thread that is about to send the list to the page (issue 15). A
 * window quit before then leaves the cache unwritten: the next start reads as a first one.
 */
const SAVE_LATER_MS = 2000;

const CORE_ERRORS = defineMessages({
  notInstalledIn: {
    id: 'error.not-installed-in',
    defaultMessage: '{app} is not installed in installation “{installation}”',
    description: 'installation: an installation’s ID (user, system, or one from installations.d)',
  },
  noSuchFile: {
    id: 'error.no-such-file-or-directory',
    defaultMessage: '{path}: No such file or directory',
    description: 'An app’s metadata file is missing; the system’s words for ENOENT',
  },
  fixFirst: {
    id: 'error.fix-layer-first',
    defaultMessage: '{problem}. Fix or reset that file first.',
    description:
      'An app’s permissions cannot be changed while a file below its override is broken; problem: what is wrong with it',
  },
});

/** What a read is made of, found before anything is described or merged. */
interface Scan {
  readonly session: ReadSession;
  readonly byApp: ReadonlyMap<string, readonly DeploymentRecord[]>;
  readonly installations: readonly InstallationInfo[];
  readonly warnings: readonly string[];
  readonly icons: ReadonlyMap<string, IconIndex>;
}

/** A full read's inputs (FlatpakCore.readInputs) and the read made from them, with the text
 *  again: gone if the read found what the text cannot hold. */
export interface ReadInputs {
  readonly text: string | undefined;
  readonly warnings: readonly string[];
  readonly read: () => Promise<{ snapshot: Snapshot; text: string | undefined }>;
}

/** An override as read, for ReadInputs' text: its bytes themselves (latin1 keeps each byte one
 *  character), so a change of the same size within the same clock tick still shows. */
function readInput(read: OverrideBytes): unknown {
  switch (read.state) {
    case 'missing':
      return [read.state, read.path];
    case 'unreadable':
      return [read.state, read.path, read.message];
    case 'read':
      return [read.state, read.path, read.symlink, read.bytes.toString('latin1')];
  }
}

/** The apps as a read finds them, before their permissions are read. */
export type Listing = Pick<Snapshot, 'apps' | 'installations' | 'warnings'>;

interface SharedRead {
  /** The count of writes and noticed changes when it began. */
  readonly writes: number;
  readonly snapshot: Promise<Snapshot>;
  /** The same read's apps, known before their permissions are. */
  readonly listing: Promise<Listing>;
  /** When it finished (performance.now()), once it has. */
  done?: number;
}

/** An app's own layer: what its metadata grants, and the runtime it names. `missing` when there
 *  is no such file. */
export type MetadataRead =
  | { ok: true; context: Context; warnings: readonly string[]; runtime?: string }
  | { ok: false; message: string; unreadable: boolean; missing?: true };

/** A good read of metadata as the rest of the core uses it; the parsed file itself is not kept. */
function metadataRead(layer: ParsedLayer): MetadataRead {
  const runtime = layer.doc.getString('Application', 'runtime')?.value;
  const read = { ok: true as const, context: layer.context, warnings: layer.warnings };
  return runtime === undefined ? read : { ...read, runtime };
}

/** The names in a folder, none when there is no folder, null when it cannot be listed.
 *  Synchronous: one call, where the thread pool's round trip held up every app's read behind it
 *  (issue 19). */
function namesIn(dir: string): ReadonlySet<string> | null {
  try {
    return new Set(readdirSync(dir));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? new Set() : null;
  }
}

/** Reads the override files that exist in one folder, for many apps at once. */
class OverrideFolder {
  /** The folder's names, to skip the files that are not there; null when it cannot be listed
   *  (a system folder of mode 0711): each file is then opened by its path, as Flatpak does. */
  private names?: ReadonlySet<string> | null;
  private dir?: string;
  // By app rather than by path: every app asks for the global override, and putting its path
  // together (the ID checked, the folder joined) each time was much of a listing's garbage.
  private global?: OverrideBytes;
  private readonly apps = new Map<string, OverrideBytes>();
  private readonly parsed = new Map<OverrideBytes, Promise<OverrideRead>>();

  constructor(
    private readonly core: FlatpakCore,
    private readonly scope: Scope,
  ) {}

  /** The file as read, not yet parsed. */
  bytes(app: string | null): OverrideBytes {
    let read = app === null ? this.global : this.apps.get(app);
    if (!read) {
      const dir = (this.dir ??= overridesDir(this.core.paths, this.scope));
      // What overridePath gives (join of a folder join wrote and a valid ID), or its refusal.
      const path =
        app === null
          ? `${dir}/global`
          : isAppId(app)
            ? `${dir}/${app}`
            : overridePath(this.core.paths, { scope: this.scope, app });
      if (this.names === undefined) this.names = namesIn(dir);
      read =
        this.names === null || this.names.has(app ?? 'global') ? readOverrideBytes(path) : { state: 'missing', path };
      if (app === null) this.global = read;
      else this.apps.set(app, read);
    }
    return read;
  }

  read(app: string | null): Promise<OverrideRead> {
    const bytes = this.bytes(app);
    let read = this.parsed.get(bytes);
    if (!read) this.parsed.set(bytes, (read = Promise.resolve(parseOverride(bytes, this.core.version.version))));
    return read;
  }
}

/** One consistent read of the files: each file is read and parsed at most once. */
class ReadSession {
  readonly user: OverrideFolder;
  readonly system: OverrideFolder;
  private readonly metadataCache = new Map<string, Promise<MetadataRead>>();

  constructor(
    private readonly core: FlatpakCore,
    private readonly byCommit: Map<string, MetadataRead>,
    /** The cache of parsed metadata, for a read of every app; a read of one app reads its file,
     *  which costs less than reading what is kept of all of them. */
    private readonly kept?: DescriptionCache,
  ) {
    this.user = new OverrideFolder(core, 'user');
    this.system = new OverrideFolder(core, 'system');
  }

  /** The metadata of a deployment; a commit's is read once in the life of the process and,
   *  parsed, kept in the cache for later runs, as a commit's files never change (the
   *  descriptions rely on it too). */
  metadata(dep: DeploymentRecord): Promise<MetadataRead> {
    const key = dep.commit ? `${dep.path}@${dep.commit}` : undefined;
    const known = key === undefined ? undefined : this.byCommit.get(key);
    if (known) return Promise.resolve(known);
    // By the version too: which flags a file grants depends on the Flatpak that reads it.
    const keptKey =
      key === undefined || this.kept === undefined ? undefined : `${this.core.version.version.join('.')} ${key}`;
    const kept = keptKey === undefined ? undefined : this.kept?.getMetadata(keptKey);
    if (key !== undefined && kept) {
      const read: MetadataRead = { ok: true, warnings: [], ...kept };
      this.byCommit.set(key, read);
      return Promise.resolve(read);
    }
    const path = dep.metadataPath;
    let cached = this.metadataCache.get(path);
    if (!cached) {
      cached = Promise.resolve(this.readMetadata(path, `${filesOf(dep)}/metadata`));
      // Only a good read is kept: a file that could not be read may be fixed. Nor one with
      // warnings: they are words in the language of the run that read it.
      if (key !== undefined)
        void cached.then((read) => {
          if (!read.ok) return;
          this.byCommit.set(key, read);
          if (keptKey !== undefined && read.warnings.length === 0) this.kept?.setMetadata(keptKey, read);
        });
      this.metadataCache.set(path, cached);
    }
    return cached;
  }

  /** The metadata at `path`, read from `from` (the same file, by its commit's folder). */
  private readMetadata(path: string, from: string): MetadataRead {
    let bytes: Buffer | null;
    try {
      bytes = readBytesSync(from);
    } catch (e) {
      return { ok: false, message: `${path}: ${(e as Error).message}`, unreadable: true };
    }
    if (bytes === null)
      return { ok: false, message: t(CORE_ERRORS.noSuchFile, { path }), unreadable: true, missing: true };
    const layer = parseLayer(path, bytes, this.core.version.version);
    return layer.ok ? metadataRead(layer) : { ok: false, message: layer.message, unreadable: false };
  }
}

/** What the layers of an app merge into; the same objects while the layers are the same. */
interface Merged {
  readonly effective?: Effective;
  readonly context?: Context;
  readonly below?: Context;
  readonly onceReset?: Effective;
}

/**
 * Merges the layers (lowest first; `broken` when one of them is malformed). The plain context
 * and what lies below the user's override are made when first asked for: a listing needs only
 * the effective permissions, and each of the others is another merge with a map per field.
 */
function merge(contexts: readonly Layer[], broken: boolean): Merged {
  let below: Context | undefined;
  const belowOf = () => (below ??= mergeContexts(...contexts.filter((l) => l.id !== 'user-app').map((l) => l.context)));
  if (broken)
    return {
      onceReset: mergeLayers(contexts),
      get below() {
        return belowOf();
      },
    };
  const effective = mergeLayers(contexts);
  let context: Context | undefined;
  return {
    effective,
    get context() {
      return (context ??= effectiveContext(effective));
    },
    get below() {
      return belowOf();
    },
  };
}

export class FlatpakCore {
  private store: Promise<StoreConnection> | undefined;
  private readonly portalListeners = new Set<(table: string) => void>();
  /** Parsed metadata by deployment and commit, for the life of the process; pruned by a full read. */
  private readonly metadataByCommit = new Map<string, MetadataRead>();
  /** Merges by the app's own metadata, so they go when it does. */
  private readonly merges = new ObjectMemo<Context, Merged>(2);
  /** Bumped by each write through this core and each outside change noticed; a read under way
   *  from before is not shared. */
  private writes = 0;
  /**
   * The last full read, shared with whoever asks while it is under way or in the moment after
   * (the window asks for the list and the Overview's audit at once, or one after the other)
   * unless a write or a noticed change came since it began.
   */
  private reading: SharedRead | undefined;
  /** Whether reads are shared at all: only when a watcher notes every outside change. */
  private sharing = false;
  /** A cache write waiting (saveLater), and whether it prunes. */
  private saveTimer: NodeJS.Timeout | undefined;
  private prunePending = false;
  /** The write the timer began, waited for by close: the owner may remove the folder next. */
  private saving: Promise<void> | undefined;

  private constructor(
    readonly paths: FlatpakPaths,
    readonly version: FlatpakVersionInfo,
    private readonly cache: DescriptionCache,
    private readonly env: Environment,
    /** Confine's own Flatpak sandbox when it runs in one, else null. */
    readonly sandbox: SelfSandbox | null,
    /** Whether a read's cache write waits until after the read is answered (a window). */
    private readonly saveLater: boolean,
  ) {}

  /** The portal permission store on the session bus, connected on first use; a lost
   *  connection is made again next time. */
  async portals(): Promise<StoreConnection> {
    let current = await (this.store ??= this.connectPortals());
    if (current.ok && !current.store.alive()) {
      // The failed connection lets go of its handlers before the new one is made.
      current.store.close();
      current = await (this.store = this.connectPortals());
    }
    if (!current.ok) this.store = undefined;
    return current;
  }

  /** Tells `listener` of every change to the permission store, over reconnections, until disposed. */
  async watchPortals(listener: (table: string) => void): Promise<Disposable> {
    // A function of its own, so the same listener watching twice is removed once per dispose.
    const entry = (table: string) => listener(table);
    this.portalListeners.add(entry);
    const watching = toDisposable(() => this.portalListeners.delete(entry));
    // Connected now, so that changes arrive from here on.
    await this.portals();
    return watching;
  }

  private async connectPortals(): Promise<StoreConnection> {
    // The D-Bus library is loaded by the first use: most commands never talk to the bus.
    const { connectPermissionStore } = await import('./permission-store');
    const connection = await connectPermissionStore(this.env, this.sandbox);
    // One listener per connection, which goes with it when it is closed; it tells whoever
    // watches at the time of the change.
    if (connection.ok)
      connection.store.onChanged((table) => {
        for (const l of [...this.portalListeners]) if (this.portalListeners.has(l)) l(table);
      });
    return connection;
  }

  /** The desktop session the app runs in, as its environment tells. */
  session(): Session {
    return sessionFrom(this.env);
  }

  /** The environment Flatpak is run with (the process's, or a test bed's). */
  environment(): Environment {
    return this.env;
  }

  /** The user's home folder, where the home entries of permissions land. */
  homeDir(): string {
    return this.env.HOME ?? homedir();
  }

  /** Lets go of the session bus, so a command-line run can end. */
  async close(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      this.saving = this.cache.save({ prune: this.prunePending });
    }
    await this.saving;
    const current = await this.store;
    this.store = undefined;
    if (current?.ok) current.store.close();
  }

  /** `env` stands in for the process environment, so tests and the bench point everything at a
   *  test bed; `sandbox` for what /.flatpak-info says, which is read when it is not given;
   *  `saveLater` for a window, whose cache write waits until its answers are out (SAVE_LATER_MS).
   *  A command writes before it answers, as it ends right after. */
  static async create(
    options: {
      env?: Environment;
      version?: FlatpakVersionInfo;
      sandbox?: SelfSandbox | null;
      saveLater?: boolean;
    } = {},
  ): Promise<FlatpakCore> {
    const env = options.env ?? process.env;
    const sandbox = options.sandbox === undefined ? await readSelfSandbox() : options.sandbox;
    const cache = await DescriptionCache.open(env);
    // Inside the sandbox no `flatpak` can be asked; the one that started it wrote its version.
    const version =
      options.version ??
      (sandbox?.flatpakVersion
        ? { version: sandbox.flatpakVersion, detected: true }
        : versionInfo(await cache.flatpakVersion(env, () => askFlatpakVersion(env))));
    // Kept now rather than at the end of a listing: a command that lists nothing (an edit)
    // would otherwise start `flatpak --version` on every run.
    if (!options.version && !sandbox?.flatpakVersion) await cache.save({ prune: false });
    return new FlatpakCore(flatpakPaths(env, sandbox), version, cache, env, sandbox, options.saveLater === true);
  }

  async installations(): Promise<{ installations: readonly InstallationInfo[]; warnings: readonly string[] }> {
    return findInstallations(this.paths, this.sandbox);
  }

  /** Every deployed app, its deployments ordered the way Flatpak picks one (user first). */
  async deployments(only?: readonly string[]): Promise<{
    byApp: Map<string, DeploymentRecord[]>;
    installations: readonly InstallationInfo[];
    warnings: readonly string[];
  }> {
    const { installations, warnings } = await this.installations();
    const scanned = await Promise.all(
      installations.map((i) => (only === undefined ? scanInstallation(i) : deploymentsIn(i, only))),
    );
    const byApp = new Map<string, DeploymentRecord[]>();
    for (const list of scanned) for (const d of list) byApp.set(d.appId, [...(byApp.get(d.appId) ?? []), d]);
    return { byApp: new Map([...byApp].sort(([a], [b]) => (a < b ? -1 : 1))), installations, warnings };
  }

  /** Every app (or `only` these, after an outside change to them) with what it says about
   *  itself and, unless asked not to, its permissions, reading each file once. */
  snapshot(options: { permissions?: boolean; only?: readonly string[] } = {}): Promise<Snapshot> {
    if (options.only !== undefined || !this.sharing) return this.read(options);
    // A full read serves one without permissions as well (the System page's list of apps).
    const last = this.reading;
    if (last?.writes === this.writes && (last.done === undefined || performance.now() - last.done < SHARED_READ_MS))
      return last.snapshot;
    if (options.permissions === false) return this.read(options);
    let listed: (listing: Listing) => void = () => undefined;
    const listing = new Promise<Listing>((resolve) => (listed = resolve));
    const snapshot = this.read(options, listed);
    // A read that fails before listing its apps fails its listing too.
    const reading: SharedRead = { writes: this.writes, snapshot, listing: Promise.race([listing, snapshot]) };
    // Its failure is told to whoever waits on the snapshot; a listing nobody asked for stays quiet.
    reading.listing.catch(() => undefined);
    this.reading = reading;
    reading.snapshot.then(
      () => (reading.done = performance.now()),
      () => {
        if (this.reading === reading) this.reading = undefined;
      },
    );
    return reading.snapshot;
  }

  /** What a read (of every app, or `only` these) is made of, found: the deployments, the
   *  installations' icons, and a session that reads each file once. */
  private async scan(only?: readonly string[]): Promise<Scan> {
    const session = this.readSession(this.cache);
    const { byApp, installations, warnings } = await this.deployments(only);
    const icons = new Map(await Promise.all(installations.map(async (i) => [i.id, await iconIndex(i.path)] as const)));
    return { session, byApp, installations, warnings, icons };
  }

  /**
   * A full read with permissions, and everything it is made of but the deployed commits' own
   * files (which never change) as one text: two reads with the same text give the same snapshot.
   * For a cache of what is made from a read (the CLI's `list --json`, list-output.ts). Overrides
   * are in it byte for byte, not by their times. There is no text when the read depends on more
   * than it holds: a deployment that is a plain folder (no commit: its files may change), a
   * commit whose folder is gone, or, once read, an app whose metadata could not be read (it may
   * be mended; a commit's metadata once read is kept for good, as the description cache does).
   */
  async readInputs(): Promise<ReadInputs> {
    const scan = await this.scan();
    const { session, byApp, installations, warnings, icons } = scan;
    let whole = true;
    const apps = Array.from(byApp, ([id, deps]) => {
      const dep = deps[0] as DeploymentRecord;
      if (deps.some((d) => d.commit === undefined)) whole = false;
      const overrides = this.overridesOn(dep, session, true).map(([, folder, app]) => readInput(folder.bytes(app)));
      // The folder's time too: the list says when the deployment was made (see aboutDeployment).
      // A commit whose folder is gone is read from what was kept of it, not from its files, which
      // say what an uncached run says: no text then.
      const updated = folderTime(filesOf(dep));
      if (updated === undefined) whole = false;
      return [id, deps, updated, icons.get(dep.installation)?.get(id) ?? null, overrides];
    });
    const text = whole
      ? JSON.stringify([CONFINE_BUILD, this.version, preferredLanguages(), installations, warnings, apps])
      : undefined;
    return {
      text,
      warnings,
      read: async () => {
        const snapshot = await this.read({}, undefined, scan);
        return { snapshot, text: snapshot.apps.some((a) => a.problems.length > 0) ? undefined : text };
      },
    };
  }

  /**
   * Every app (or `only` these) described first, then their permissions: `listed` is told the
   * apps as soon as they are described, so a window shows its list before the rest is read.
   */
  private async read(
    options: { permissions?: boolean; only?: readonly string[] },
    listed?: (listing: Listing) => void,
    scanned?: Scan,
  ): Promise<Snapshot> {
    const { session, byApp, installations, warnings, icons } = scanned ?? (await this.scan(options.only));
    if (options.only === undefined) this.forgetMetadataBut(byApp);
    const deployed = [...byApp];
    const apps = await inSlices(deployed, ([id, deps]) =>
      this.describe(id, deps, session, icons.get((deps[0] as DeploymentRecord).installation) ?? new Map()),
    );
    listed?.({ apps, installations, warnings });
    const permissions = new Map<string, AppPermissions>();
    if (options.permissions !== false) {
      const read = await inSlices(deployed, ([, deps]) => this.permissionsOf(deps[0] as DeploymentRecord, session));
      read.forEach((perms, i) => permissions.set((apps[i] as AppInfo).id, perms));
    }
    const [user, system] = await Promise.all([session.user.read(null), session.system.read(null)]);
    // A reread of a few apps saw too few deployments to tell which cache entries are gone.
    await this.saveCache(options.only === undefined);
    return { apps, permissions, installations, warnings, globals: { user, system } };
  }

  /**
   * The apps of the read under way or just done, as soon as they are described; a window's
   * list shows them while their permissions are still being read.
   */
  listing(): Promise<Listing> {
    if (!this.sharing) return this.snapshot({ permissions: false });
    const snapshot = this.snapshot();
    return this.reading?.snapshot === snapshot ? this.reading.listing : snapshot;
  }

  /** Writes the description cache now, or for a window a while after the last read. */
  private async saveCache(prune: boolean): Promise<void> {
    if (!this.saveLater) return this.cache.save({ prune });
    this.prunePending ||= prune;
    this.saveTimer ??= setTimeout(() => {
      this.saveTimer = undefined;
      const pruning = this.prunePending;
      this.prunePending = false;
      // save() keeps its own failures (a full or read-only home) to itself.
      this.saving = this.cache.save({ prune: pruning });
    }, SAVE_LATER_MS).unref();
  }

  private readSession(kept?: DescriptionCache): ReadSession {
    return new ReadSession(this, this.metadataByCommit, kept);
  }

  /** Reads deployments' own metadata as a full read does: a commit's file is parsed once in the
   *  life of the process (and kept for later runs), so what the window's read parsed is not
   *  read again (the review of every app's declared permissions read and parsed them all anew:
   *  ~200 ms at a thousand apps, on every window's start). */
  metadataReader(): (dep: DeploymentRecord) => Promise<MetadataRead> {
    const session = this.readSession(this.cache);
    return (dep) => session.metadata(dep);
  }

  /**
   * Drops what is kept of deployments no longer there, as a full read does. For a long-running
   * owner that edits without ever reading everything (`confine watch`): each edit after an
   * update keeps the new commit's metadata, and without this every update would add one.
   */
  async forgetGoneDeployments(): Promise<void> {
    this.forgetMetadataBut((await this.deployments()).byApp);
  }

  /** Drops the parsed metadata of deployments no longer there (an update, an uninstall). */
  private forgetMetadataBut(byApp: ReadonlyMap<string, readonly DeploymentRecord[]>): void {
    const deployed = new Set<string>();
    for (const deps of byApp.values()) for (const d of deps) if (d.commit) deployed.add(`${d.path}@${d.commit}`);
    for (const key of this.metadataByCommit.keys()) if (!deployed.has(key)) this.metadataByCommit.delete(key);
  }

  async listApps(): Promise<{ apps: readonly AppInfo[]; warnings: readonly string[] }> {
    const { apps, warnings } = await this.snapshot({ permissions: false });
    return { apps, warnings };
  }

  private async describe(
    id: string,
    deps: readonly DeploymentRecord[],
    session: ReadSession,
    icons: IconIndex,
  ): Promise<AppInfo> {
    const primary = deps[0];
    const problems: string[] = [];
    const [about, meta] = primary
      ? await Promise.all([this.aboutDeployment(primary, icons), session.metadata(primary)])
      : [{}, undefined];
    let runtime: string | undefined;
    if (meta?.ok) runtime = meta.runtime;
    else if (meta) problems.push(meta.message);
    return {
      id,
      name: about.name ?? id.split('.').pop() ?? id,
      categories: about.categories ?? [],
      deployments: deps.map(({ installation, kind, arch, branch, path }, i) => {
        const updated = i === 0 ? about.updated : undefined;
        return updated
          ? { installation, kind, arch, branch, path, updated }
          : { installation, kind, arch, branch, path };
      }),
      problems,
      ...(about.summary ? { summary: about.summary } : {}),
      ...(about.developer ? { developer: about.developer } : {}),
      ...(about.version ? { version: about.version } : {}),
      ...(about.icon ? { icon: about.icon } : {}),
      ...(runtime ? { runtime } : {}),
    };
  }

  /** What a deployment says about itself, from the cache when its commit was seen before. */
  private async aboutDeployment(
    dep: DeploymentRecord,
    icons: IconIndex,
  ): Promise<CachedDescription & { icon?: string }> {
    const languages = preferredLanguages();
    // A commit's description in each set of languages asked for (none: the untranslated one).
    const key = dep.commit
      ? `${dep.path}@${dep.commit}${languages.length > 0 ? `#${languages.join(':')}` : ''}`
      : undefined;
    const files = filesOf(dep);
    const kept = key ? this.cache.get(key) : undefined;
    const about = kept ?? (await describeApp(files, dep.appId, languages));
    // When the deployment was made, from its folder each time rather than kept with the commit's
    // description: a reinstall deploys the same commit anew, in a new folder. Synchronous, as the
    // files describeApp reads: one stat, where the thread pool's round trip costs more than the call.
    const updated = updatedAt(files);
    // A folder that is not there was described as nothing, which is not kept for the commit: its
    // files may come back (`flatpak repair`).
    if (key && !kept && updated) this.cache.set(key, about);
    const fresh: CachedDescription & { icon?: string } = { ...about };
    if (updated) fresh.updated = updated;
    else delete fresh.updated;
    const icon = icons.get(dep.appId);
    if (icon) fresh.icon = icon;
    return fresh;
  }

  private async findDeployment(appId: string, installation?: string): Promise<DeploymentRecord> {
    // Only this app's folders: scanning every app to find one made `show` cost as much as `list`.
    const { byApp } = await this.deployments([appId]);
    const deps = byApp.get(appId) ?? [];
    const dep = installation === undefined ? deps[0] : deps.find((d) => d.installation === installation);
    if (!dep) {
      throw new ConfineError(
        'not-installed',
        installation === undefined
          ? t(ERROR_MESSAGES.notInstalled, { app: appId })
          : t(CORE_ERRORS.notInstalledIn, { app: appId, installation }),
      );
    }
    return dep;
  }

  /** Reads the layers of a deployment, lowest first; the user's override of the app only when
   *  asked, since an edit of it needs only what lies below and reads the file itself. */
  private async readLayers(
    dep: DeploymentRecord,
    session: ReadSession,
    withUserApp: boolean,
  ): Promise<{ layers: LayerState[]; contexts: Layer[]; error?: string }> {
    const layers: LayerState[] = [];
    const contexts: Layer[] = [];
    const meta = await session.metadata(dep);
    if (!meta.ok) {
      layers.push({
        id: 'app',
        path: dep.metadataPath,
        state: meta.unreadable ? 'unreadable' : 'malformed',
        message: meta.message,
      });
      return { layers, contexts, error: meta.message };
    }
    layers.push({ id: 'app', path: dep.metadataPath, state: 'ok', warnings: meta.warnings });
    contexts.push({ id: 'app', context: meta.context });
    let error: string | undefined;
    for (const [id, folder, app] of this.overridesOn(dep, session, withUserApp)) {
      const { state, context } = layerState(id, await folder.read(app));
      layers.push(state);
      if (state.state === 'malformed') error ??= state.message;
      if (context) contexts.push({ id, context });
    }
    return error === undefined ? { layers, contexts } : { layers, contexts, error };
  }

  /** The overrides that lie on a deployment's metadata, lowest first: the folder and the app
   *  (null: the global one) of each. */
  private overridesOn(
    dep: DeploymentRecord,
    session: ReadSession,
    withUserApp: boolean,
  ): [LayerId, OverrideFolder, string | null][] {
    const layers: [LayerId, OverrideFolder, string | null][] = [];
    // Flatpak applies system overrides to system-wide (and custom) installations only.
    if (dep.kind !== 'user')
      layers.push(['system-global', session.system, null], ['system-app', session.system, dep.appId]);
    layers.push(['user-global', session.user, null]);
    if (withUserApp) layers.push(['user-app', session.user, dep.appId]);
    return layers;
  }

  private async permissionsOf(dep: DeploymentRecord, session: ReadSession): Promise<AppPermissions> {
    const { layers, contexts, error } = await this.readLayers(dep, session, true);
    const own = contexts[0];
    if (own === undefined) return { appId: dep.appId, deployment: dep, layers, error };
    const belowOk = !layers.some((l) => l.id !== 'user-app' && l.state === 'malformed');
    // Unchanged files parse into the very same objects (see parseLayer), so this key is the same
    // exactly when the layers are.
    const key = `${error === undefined ? '' : 'broken'}:${belowOk}:${contexts.map((l) => `${l.id}=${identityOf(l.context)}`).join(',')}`;
    const merged = this.merges.get(own.context, key, () => merge(contexts, error !== undefined));
    const base = { appId: dep.appId, deployment: dep, layers };
    if (error) {
      const broken = { ...base, error, onceReset: merged.onceReset };
      return belowOk
        ? {
            ...broken,
            get below() {
              return merged.below;
            },
          }
        : broken;
    }
    let userLayer: Context | undefined;
    return {
      ...base,
      effective: merged.effective,
      get context() {
        return merged.context;
      },
      get below() {
        return merged.below;
      },
      get userLayer() {
        return (userLayer ??= contexts.find((l) => l.id === 'user-app')?.context ?? emptyContext());
      },
    };
  }

  async appPermissions(appId: string, installation?: string): Promise<AppPermissions> {
    const dep = await this.findDeployment(appId, installation);
    return this.permissionsOf(dep, this.readSession());
  }

  /** The permissions of every app's default deployment. */
  async allPermissions(): Promise<ReadonlyMap<string, AppPermissions>> {
    return (await this.snapshot()).permissions;
  }

  async readOverride(ref: OverrideRef): Promise<OverrideRead> {
    return readOverride(overridePath(this.paths, ref), this.version.version);
  }

  /**
   * Changes the user's override of an app. Each change asks for an effective value: a grant is
   * kept only where the layers below do not already give it, a revoke always (see setEffective).
   */
  async changeApp(appId: string, changes: readonly Change[]): Promise<OverrideChange> {
    return this.writing(() => this.changeAppNow(appId, changes));
  }

  /**
   * Says that something changed the files (the window's watcher noticed it): a read under way
   * may have missed it, and whoever asks from now on gets a new one.
   */
  noteOutsideChange(): void {
    this.writes++;
  }

  /**
   * Lets callers share a full read (see `snapshot`). Only for an owner whose watcher calls
   * noteOutsideChange for every change to the files (the window's main process); without one a
   * change made meanwhile would go unseen.
   */
  shareReads(): void {
    this.sharing = true;
  }

  /** Counts a write once it is over (or failed): a read begun before then may not have seen it. */
  private async writing<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      this.writes++;
    }
  }

  private async changeAppNow(appId: string, changes: readonly Change[]): Promise<OverrideChange> {
    const path = overridePath(this.paths, { scope: 'user', app: appId });
    // Only the layers below: the override itself is read, checked and edited by updateOverride,
    // and merging it into the effective permissions here was work thrown away.
    const dep = await this.findDeployment(appId);
    const { layers, contexts, error } = await this.readLayers(dep, this.readSession(), false);
    if (error !== undefined) {
      const bad = layers.find((l) => l.state !== 'ok' && l.state !== 'missing');
      throw new ConfineError('malformed', t(CORE_ERRORS.fixFirst, { problem: bad?.message ?? error }), bad?.path);
    }
    const below = mergeContexts(...contexts.map((l) => l.context));
    const [{ updateOverride }, { applyEffectiveChanges }] = await Promise.all([writer(), editor()]);
    return updateOverride(path, this.version.version, (layer) => applyEffectiveChanges(below, layer, changes));
  }

  /** Changes an override layer entry by entry, exactly as given (used for the global override). */
  async changeLayer(ref: OverrideRef, changes: readonly Change[]): Promise<OverrideChange> {
    return this.writing(async () => {
      const [{ updateOverride }, { applyChange }] = await Promise.all([writer(), editor()]);
      return updateOverride(overridePath(this.paths, ref), this.version.version, (layer) =>
        changes.reduce(applyChange, layer),
      );
    });
  }

  async reset(ref: OverrideRef): Promise<OverrideChange> {
    return this.writing(async () => (await writer()).resetOverride(overridePath(this.paths, ref)));
  }

  async restore(ref: OverrideRef, expected: Buffer | null, content: Buffer | null, mode?: number): Promise<void> {
    return this.writing(async () =>
      (await writer()).restoreOverride(overridePath(this.paths, ref), expected, content, mode),
    );
  }
}
