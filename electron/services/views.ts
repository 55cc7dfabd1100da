// The plain data the window shows, built from the core: the catalog of apps and the
// permissions view of one app or of the global override.

import { emptyContext, isEmptyContext } from '../../shared/flatpak/context';
import { mergeLayers } from '../../shared/flatpak/merge';
import { overrideCommand } from '../../shared/flatpak/override-args';
import { effectiveReport } from '../../shared/flatpak/report';
import { renderShowPermissions } from '../../shared/flatpak/show';
import { formatVersion } from '../../shared/flatpak/version';
import { auditApp, escapesOf, type Severity } from '../../shared/hardening/audit';
import { capabilitiesOf, type CapabilityId } from '../../shared/hardening/capabilities';
import type { Response } from '../../shared/ipc/contract';
import type { AppPermissions, FlatpakCore, Snapshot } from './core';
import { inSlices } from './in-slices';
import { auditAll } from './hardening';
import type { OverrideRead } from './overrides';
import { grantsOf } from './portals';

/** What the window is told about one override file it read. */
function layerState(id: 'user-global' | 'system-global', read: OverrideRead) {
  if (read.state === 'ok')
    return { id, path: read.path, state: 'ok' as const, symlink: read.symlink, warnings: read.warnings };
  if (read.state === 'missing') return { id, path: read.path, state: 'missing' as const };
  return { id, path: read.path, state: read.state, message: read.message };
}

/** What the list shows of each app beside its description: errors, exposure, capabilities,
 *  changes. Audited in slices (see inSlices): a first catalogue audits every app while the
 *  window's page loads on the same thread. */
async function entriesOf(snap: Snapshot, grants: Awaited<ReturnType<typeof grantsOf>>) {
  const errors: Record<string, string> = {};
  const exposure: Record<string, { score: number; escapes: number; worst: Severity | null }> = {};
  const capabilities: Record<string, CapabilityId[]> = {};
  const changed: string[] = [];
  await inSlices([...snap.permissions], ([id, p]) => {
    if (p.error) errors[id] = p.error;
    if (changedByUser(p)) changed.push(id);
    if (p.context) {
      const audit = auditApp(p.context, grants.get(id));
      exposure[id] = { score: audit.score, escapes: escapesOf(audit), worst: audit.findings[0]?.severity ?? null };
      capabilities[id] = capabilitiesOf(p.context, grants.get(id), audit);
    }
    return Promise.resolve();
  });
  return { errors, exposure, capabilities, changed };
}

type Marks = Awaited<ReturnType<typeof entriesOf>>;

/** The marks of each shared read, by the portal grants they were worked out with: the window's
 *  read-ahead and its page's first request ask for the same read, while main is busiest. */
const marksOfRead = new WeakMap<Snapshot, { readonly grants: string; readonly marks: Promise<Marks> }>();

/** Each app's marks in the list, from the read under way (the one catalogListView lists). */
export async function catalogMarksView(core: FlatpakCore): Promise<Response<'catalog:marks'>> {
  const [snap, grants] = await Promise.all([core.snapshot(), grantsOf(core)]);
  const key = JSON.stringify([...grants]);
  const known = marksOfRead.get(snap);
  if (known?.grants === key) return known.marks;
  const marks = entriesOf(snap, grants);
  marksOfRead.set(snap, { grants: key, marks });
  return marks;
}

/** The apps of the read under way, as soon as they are described (see FlatpakCore.listing). */
export async function catalogListView(core: FlatpakCore): Promise<Response<'catalog:list'>> {
  const { apps, installations, warnings } = await core.listing();
  return {
    flatpakVersion: formatVersion(core.version.version),
    flatpakDetected: core.version.detected,
    installations,
    apps,
    warnings,
  };
}

/**
 * The work of the window's first answers done while its page loads: the list read, and every
 * app audited for the list's exposure marks, which memoises the audits the Overview ranks too.
 * At a thousand apps the audits are most of a first catalogue's cost, and the page's start-up
 * leaves main idle meanwhile.
 */
export async function readAhead(core: FlatpakCore): Promise<void> {
  await catalogMarksView(core);
}

/**
 * The catalogue's entries of just these apps, read again after an outside change to their
 * overrides; the other apps' files are not read. An ID not installed is listed as gone.
 */
export async function catalogPatch(core: FlatpakCore, appIds: readonly string[]): Promise<Response<'catalog:apps'>> {
  const [snap, grants] = await Promise.all([core.snapshot({ only: appIds }), grantsOf(core)]);
  const found = new Set(snap.apps.map((a) => a.id));
  return {
    apps: snap.apps,
    ...(await entriesOf(snap, grants)),
    gone: [...new Set(appIds)].filter((id) => !found.has(id)),
  };
}

/** The Overview's audit: each app with the worst of its findings (its page shows them all). */
export async function auditView(core: FlatpakCore, read?: (snap: Snapshot) => void): Promise<Response<'audit:load'>> {
  const report = await auditAll(core, read);
  return {
    ...report,
    apps: report.apps.map(({ findings, ...app }) => {
      const worst = findings[0];
      return worst ? { ...app, worst: { severity: worst.severity, title: worst.title } } : app;
    }),
  };
}

/**
 * Whether the user changed the app: its own override says something, or is a file Flatpak
 * refuses (still the user's, and theirs to fix). An empty file changes nothing.
 */
export function changedByUser(p: AppPermissions): boolean {
  const layer = p.layers.find((l) => l.id === 'user-app');
  if (layer === undefined || layer.state === 'missing') return false;
  if (layer.state !== 'ok') return true;
  return p.userLayer === undefined || !isEmptyContext(p.userLayer);
}

export async function permissionsView(
  core: FlatpakCore,
  appId: string | null,
  installation?: string,
): Promise<Response<'permissions:get'>> {
  if (appId === null) {
    const [read, system] = await Promise.all([
      core.readOverride({ scope: 'user', app: null }),
      core.readOverride({ scope: 'system', app: null }),
    ]);
    const layer = read.state === 'ok' ? read.context : emptyContext();
    const systemLayer = system.state === 'ok' ? system.context : emptyContext();
    // The system-wide global override lies below the user's for every system-installed app;
    // it is shown beside it, and only the user's is edited.
    // The user's file first: a malformed one is what stops editing here.
    const layers = [layerState('user-global', read), layerState('system-global', system)];
    const effective = effectiveReport(
      mergeLayers([
        { id: 'system-global', context: systemLayer },
        { id: 'user-global', context: layer },
      ]),
    );
    const own = effectiveReport(mergeLayers([{ id: 'user-global', context: layer }]));
    return {
      appId: null,
      layers,
      ...(read.state === 'malformed' ? { error: read.message } : { effective, userLayer: own }),
      command: overrideCommand(null, layer),
    };
  }
  const [perms, grants] = await Promise.all([core.appPermissions(appId, installation), grantsOf(core)]);
  const user = perms.userLayer ?? emptyContext();
  return {
    appId,
    installation: perms.deployment.installation,
    layers: perms.layers,
    ...(perms.error ? { error: perms.error } : {}),
    ...(perms.effective ? { effective: effectiveReport(perms.effective) } : {}),
    ...(perms.onceReset ? { onceReset: effectiveReport(perms.onceReset) } : {}),
    ...(perms.error ? {} : { userLayer: effectiveReport(mergeLayers([{ id: 'user-app', context: user }])) }),
    ...(perms.context
      ? {
          show: renderShowPermissions(perms.context, core.version.version),
          findings: auditApp(perms.context, grants.get(appId)).findings,
        }
      : {}),
    command: overrideCommand(appId, user),
  };
}
