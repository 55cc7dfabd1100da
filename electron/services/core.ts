// The one entry point to Flatpak's state on this machine. The CLI and the window's IPC handlers
// both call these functions; nothing here imports Electron.

import { readdir } from 'node:fs/promises';
import { emptyContext, type Context } from '../../shared/flatpak/context';
import { applyChange, applyEffectiveChanges, type Change } from '../../shared/flatpak/edit';
import { effectiveContext, mergeContexts, mergeLayers, type Effective, type Layer, type LayerId } from '../../shared/flatpak/merge';
import { ConfineError } from '../../shared/errors';
import type { AppInfo, InstallationInfo } from '../../shared/model';
import { describeApp } from './appstream';
import { scanInstallation, type DeploymentRecord } from './deployments';
import { readBytes } from './files';
import { detectFlatpakVersion, type FlatpakVersionInfo } from './flatpak-version';
import { findInstallations, flatpakPaths, type Environment, type FlatpakPaths } from './locations';
import { overridePath, overridesDir, parseLayer, readOverride, resetOverride, restoreOverride, updateOverride, type OverrideChange, type OverrideRead, type OverrideRef, type Scope } from './overrides';

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
      return { state: { id, path: read.path, state: 'ok', symlink: read.symlink, warnings: read.warnings }, context: read.context };
  }
}

/** Reads the override files that exist in one folder, for many apps at once. */
class OverrideFolder {
  private names?: Promise<Set<string>>;
  private readonly cache = new Map<string, Promise<OverrideRead>>();

  constructor(
    private readonly core: FlatpakCore,
    private readonly scope: Scope,
  ) {}

  read(app: string | null): Promise<OverrideRead> {
    const path = overridePath(this.core.paths, { scope: this.scope, app });
    let cached = this.cache.get(path);
    if (!cached) {
      this.names ??= readdir(overridesDir(this.core.paths, this.scope)).then((n) => new Set(n), () => new Set<string>());
      cached = this.names.then((names) => (names.has(app ?? 'global') ? readOverride(path, this.core.version.version) : { state: 'missing' as const, path }));
      this.cache.set(path, cached);
    }
    return cached;
  }
}

export class FlatpakCore {
  private constructor(
    readonly paths: FlatpakPaths,
    readonly version: FlatpakVersionInfo,
  ) {}

  static async create(options: { env?: Environment; version?: FlatpakVersionInfo } = {}): Promise<FlatpakCore> {
    const env = options.env ?? process.env;
    return new FlatpakCore(flatpakPaths(env), options.version ?? (await detectFlatpakVersion(env)));
  }

  async installations(): Promise<{ installations: readonly InstallationInfo[]; warnings: readonly string[] }> {
    return findInstallations(this.paths);
  }

  /** Every deployed app, its deployments ordered the way Flatpak picks one (user first). */
  async deployments(): Promise<{ byApp: Map<string, DeploymentRecord[]>; installations: readonly InstallationInfo[]; warnings: readonly string[] }> {
    const { installations, warnings } = await this.installations();
    const scanned = await Promise.all(installations.map(scanInstallation));
    const byApp = new Map<string, DeploymentRecord[]>();
    for (const list of scanned) for (const d of list) byApp.set(d.appId, [...(byApp.get(d.appId) ?? []), d]);
    return { byApp: new Map([...byApp].sort(([a], [b]) => (a < b ? -1 : 1))), installations, warnings };
  }

  async listApps(): Promise<{ apps: AppInfo[]; warnings: readonly string[] }> {
    const { byApp, warnings } = await this.deployments();
    const apps = await Promise.all([...byApp].map(([id, deps]) => this.describe(id, deps)));
    return { apps, warnings };
  }

  async describe(id: string, deps: readonly DeploymentRecord[]): Promise<AppInfo> {
    const primary = deps[0];
    const problems: string[] = [];
    const about = primary ? await describeApp(primary.path, id) : {};
    let runtime: string | undefined;
    if (primary) {
      const bytes = await readBytes(primary.metadataPath).catch(() => null);
      if (bytes === null) problems.push(`${primary.metadataPath} cannot be read`);
      else {
        const layer = parseLayer(primary.metadataPath, bytes, this.version.version);
        if (layer.ok) runtime = layer.doc.getString('Application', 'runtime')?.value;
        else problems.push(layer.message);
      }
    }
    const info: AppInfo = {
      id,
      name: about.name ?? id.split('.').pop() ?? id,
      categories: about.categories ?? [],
      deployments: deps.map(({ installation, kind, arch, branch, path, updated }) => (updated ? { installation, kind, arch, branch, path, updated } : { installation, kind, arch, branch, path })),
      problems,
      ...(about.summary ? { summary: about.summary } : {}),
      ...(about.developer ? { developer: about.developer } : {}),
      ...(about.version ? { version: about.version } : {}),
      ...(about.icon ? { icon: about.icon } : {}),
      ...(runtime ? { runtime } : {}),
    };
    return info;
  }

  private async findDeployment(appId: string, installation?: string): Promise<DeploymentRecord> {
    const { byApp } = await this.deployments();
    const deps = byApp.get(appId) ?? [];
    const dep = installation === undefined ? deps[0] : deps.find((d) => d.installation === installation);
    if (!dep) {
      const where = installation === undefined ? '' : ` in installation “${installation}”`;
      throw new ConfineError('not-installed', `${appId} is not installed${where}`);
    }
    return dep;
  }

  private async permissionsOf(dep: DeploymentRecord, user: OverrideFolder, system: OverrideFolder): Promise<AppPermissions> {
    const layers: LayerState[] = [];
    const contexts: Layer[] = [];
    const meta = await readBytes(dep.metadataPath).catch((e: Error) => e);
    if (meta === null || meta instanceof Error) {
      const message = `${dep.metadataPath}: ${meta instanceof Error ? meta.message : 'No such file'}`;
      layers.push({ id: 'app', path: dep.metadataPath, state: 'unreadable', message });
      return { appId: dep.appId, deployment: dep, layers, error: message };
    }
    const parsed = parseLayer(dep.metadataPath, meta, this.version.version);
    if (!parsed.ok) {
      layers.push({ id: 'app', path: dep.metadataPath, state: 'malformed', message: parsed.message });
      return { appId: dep.appId, deployment: dep, layers, error: parsed.message };
    }
    layers.push({ id: 'app', path: dep.metadataPath, state: 'ok', warnings: parsed.warnings });
    contexts.push({ id: 'app', context: parsed.context });
    // Flatpak applies system overrides to system-wide (and custom) installations only.
    const reads: [LayerId, Promise<OverrideRead>][] = [];
    if (dep.kind !== 'user') reads.push(['system-global', system.read(null)], ['system-app', system.read(dep.appId)]);
    reads.push(['user-global', user.read(null)], ['user-app', user.read(dep.appId)]);
    let error: string | undefined;
    let userLayer: Context = emptyContext();
    for (const [id, read] of reads) {
      const { state, context } = layerState(id, await read);
      layers.push(state);
      if (state.state === 'malformed') error ??= state.message;
      if (context) contexts.push({ id, context });
      if (id === 'user-app' && context) userLayer = context;
    }
    if (error) return { appId: dep.appId, deployment: dep, layers, error };
    const effective = mergeLayers(contexts);
    const below = mergeContexts(...contexts.filter((l) => l.id !== 'user-app').map((l) => l.context));
    return { appId: dep.appId, deployment: dep, layers, effective, context: effectiveContext(effective), below, userLayer };
  }

  private folders(): { user: OverrideFolder; system: OverrideFolder } {
    return { user: new OverrideFolder(this, 'user'), system: new OverrideFolder(this, 'system') };
  }

  async appPermissions(appId: string, installation?: string): Promise<AppPermissions> {
    const dep = await this.findDeployment(appId, installation);
    const { user, system } = this.folders();
    return this.permissionsOf(dep, user, system);
  }

  /** The permissions of every app's default deployment, reading each override file once. */
  async allPermissions(): Promise<Map<string, AppPermissions>> {
    const { byApp } = await this.deployments();
    const { user, system } = this.folders();
    const entries = await Promise.all([...byApp].map(async ([id, deps]) => [id, await this.permissionsOf(deps[0] as DeploymentRecord, user, system)] as const));
    return new Map(entries);
  }

  async readOverride(ref: OverrideRef): Promise<OverrideRead> {
    return readOverride(overridePath(this.paths, ref), this.version.version);
  }

  /**
   * Changes the user's override of an app. Each change asks for an effective value, and the
   * override keeps an entry only where the layers below do not already give that value.
   */
  async changeApp(appId: string, changes: readonly Change[]): Promise<OverrideChange> {
    const path = overridePath(this.paths, { scope: 'user', app: appId });
    const perms = await this.appPermissions(appId);
    if (!perms.below) {
      const bad = perms.layers.find((l) => l.id !== 'user-app' && l.state === 'malformed');
      if (bad) throw new ConfineError('malformed', `${bad.message ?? perms.error}. Fix or reset that file first.`, bad.path);
    }
    const below = perms.below ?? emptyContext();
    return updateOverride(path, this.version.version, (layer) => applyEffectiveChanges(below, layer, changes));
  }

  /** Changes an override layer entry by entry, exactly as given (used for the global override). */
  async changeLayer(ref: OverrideRef, changes: readonly Change[]): Promise<OverrideChange> {
    return updateOverride(overridePath(this.paths, ref), this.version.version, (layer) => changes.reduce(applyChange, layer));
  }

  async reset(ref: OverrideRef): Promise<OverrideChange> {
    return resetOverride(overridePath(this.paths, ref));
  }

  async restore(ref: OverrideRef, expected: Buffer | null, content: Buffer | null): Promise<void> {
    return restoreOverride(overridePath(this.paths, ref), expected, content);
  }
}
