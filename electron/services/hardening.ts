// The audit and the presets applied to the installed apps: the same functions serve the window
// and `confine audit` / `confine harden`.

import { lstat, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { applyEffectiveChanges } from '../../shared/flatpak/edit';
import { effectiveContext, mergeContexts } from '../../shared/flatpak/merge';
import { overrideCommand } from '../../shared/flatpak/override-args';
import {
  auditApp,
  compareExposure,
  LIMITS,
  machineOverview,
  type AppAudit,
  type MachineOverview,
  type PortalGrant,
} from '../../shared/hardening/audit';
import type { AppFacts, HomeEntry } from '../../shared/hardening/needs';
import { MASK_LOCATIONS } from '../../shared/hardening/routes';
import { grantsOf } from './portals';
import { propose, selectedChanges, selectedPreparations, type Proposal } from '../../shared/hardening/presets';
import { type PresetName } from '../../shared/hardening/preset-labels';
import { ConfineError, ERROR_MESSAGES, failure, failureOf, type Failure } from '../../shared/errors';
import { defineMessage, t } from '../../shared/i18n';

const LEFT_AS_IS = defineMessage({
  id: 'error.harden.left-as-is',
  defaultMessage: '{problem, select, none {The app cannot be read} other {{problem}}}; it is left as it is.',
  description: 'An app that cannot be hardened; problem: why its permissions cannot be read',
});
import type { AppInfo } from '../../shared/model';
import type { AppPermissions, FlatpakCore, Snapshot } from './core';
import type { Scope } from './overrides';
import type { Context } from '../../shared/flatpak/context';
import { systemOverrideCommand } from '../../shared/flatpak/self-sandbox';

export interface AuditedApp {
  readonly id: string;
  readonly name: string;
  readonly score: number;
  readonly findings: AppAudit['findings'];
  /** Set when Flatpak cannot read the app's permissions (a malformed file). */
  readonly error?: string;
  /** With `error`: the score and findings are those the app gets once the malformed files are reset. */
  readonly onceReset?: boolean;
}

/** A malformed global override: Flatpak refuses to run or describe every app it applies to. */
export interface BrokenGlobal {
  readonly scope: Scope;
  readonly path: string;
  readonly message: string;
  /** The apps whose default deployment it applies to (system ones apply to system-wide apps only). */
  readonly apps: readonly string[];
  /** For a system file, which Confine does not write: the command that resets it. */
  readonly command?: string;
}

export interface AuditReport {
  readonly apps: readonly AuditedApp[];
  readonly overview: MachineOverview;
  readonly limits: readonly string[];
  readonly brokenGlobals: readonly BrokenGlobal[];
}

/** The malformed global overrides, each with the apps it stops: the user's stops every
 *  deployment, the system's those installed system-wide (Flatpak applies it to them only). */
export function brokenGlobals(snap: Pick<Snapshot, 'apps' | 'globals'>): BrokenGlobal[] {
  const broken: BrokenGlobal[] = [];
  for (const scope of ['user', 'system'] as const) {
    const read = snap.globals[scope];
    if (read.state !== 'malformed') continue;
    const apps = snap.apps
      .filter((a) => scope === 'user' || a.deployments.some((d) => d.kind !== 'user'))
      .map((a) => a.id);
    broken.push({
      scope,
      path: read.path,
      message: read.message,
      apps,
      ...(scope === 'system' ? { command: systemOverrideCommand(null, ['--reset']) } : {}),
    });
  }
  return broken;
}

/** Every app with its findings, the most exposed first. */
/** `read` is told of the read of every app the audit is made from. */
export async function auditAll(core: FlatpakCore, read?: (snap: Snapshot) => void): Promise<AuditReport> {
  const [snap, grants] = await Promise.all([core.snapshot(), grantsOf(core)]);
  read?.(snap);
  const audited: { app: AuditedApp; context?: Context }[] = snap.apps.map((app) => {
    const perms = snap.permissions.get(app.id);
    const context = perms?.context ?? (perms?.onceReset ? effectiveContext(perms.onceReset) : undefined);
    if (!perms || !context)
      return { app: { id: app.id, name: app.name, score: 0, findings: [], error: perms?.error ?? 'not readable' } };
    const audit = auditApp(context, grants.get(app.id));
    const base = { id: app.id, name: app.name, score: audit.score, findings: audit.findings };
    return { app: perms.error ? { ...base, error: perms.error, onceReset: true } : base, context };
  });
  const apps = audited.map((a) => a.app).sort((a, b) => compareExposure(a, b) || a.name.localeCompare(b.name));
  const overview = machineOverview(
    audited.flatMap((a) =>
      a.context ? [{ audit: { score: a.app.score, findings: a.app.findings }, context: a.context }] : [],
    ),
  );
  return { apps, overview, limits: LIMITS, brokenGlobals: brokenGlobals(snap) };
}

export interface HardeningPreview {
  readonly appId: string;
  readonly name: string;
  readonly proposals: readonly Proposal[];
  /** The ids ticked for this preview (the defaults, or the caller's choice). */
  readonly selected: readonly string[];
  readonly before: { readonly score: number; readonly findings: number };
  readonly after: { readonly score: number; readonly findings: number };
  /** The user's whole override after applying, as a command. */
  readonly command: string;
  readonly error?: string;
}

/** A home entry (`~/.ssh`) as a path in the user's home folder. */
const inHome = (home: string, location: string): string => join(home, location.slice(2));

/** What each home entry that masks depend on is, as `lstat` sees it (links are not followed). */
async function homeEntries(home: string): Promise<Map<string, HomeEntry>> {
  const kinds = await Promise.all(
    MASK_LOCATIONS.map(async (loc) => {
      const s = await lstat(inHome(home, loc)).catch(() => undefined);
      const kind: HomeEntry | undefined = !s
        ? undefined
        : s.isSymbolicLink()
          ? 'link'
          : s.isFile()
            ? 'file'
            : s.isDirectory()
              ? 'dir'
              : 'other';
      return [loc, kind] as const;
    }),
  );
  return new Map(kinds.filter((k): k is readonly [string, HomeEntry] => k[1] !== undefined));
}

type Facts = Omit<AppFacts, 'id' | 'categories' | 'runtime'>;

async function factsOf(core: FlatpakCore): Promise<Facts> {
  return { session: core.session(), flatpak: core.version.version, home: await homeEntries(core.homeDir()) };
}

function previewOne(
  app: AppInfo,
  perms: AppPermissions | undefined,
  preset: PresetName,
  chosen: readonly string[] | undefined,
  grants: readonly PortalGrant[] | undefined,
  facts: Facts,
): HardeningPreview {
  const empty = { score: 0, findings: 0 };
  if (!perms?.context || !perms.below || !perms.userLayer || perms.error) {
    return {
      appId: app.id,
      name: app.name,
      proposals: [],
      selected: [],
      before: empty,
      after: empty,
      command: '',
      error: t(LEFT_AS_IS, { problem: perms?.error ?? 'none' }),
    };
  }
  const proposals = propose(preset, perms.context, {
    ...facts,
    id: app.id,
    categories: app.categories,
    ...(app.runtime ? { runtime: app.runtime } : {}),
  });
  const selected = chosen
    ? proposals.filter((p) => chosen.includes(p.id)).map((p) => p.id)
    : proposals.filter((p) => p.selected).map((p) => p.id);
  const layer = applyEffectiveChanges(perms.below, perms.userLayer, selectedChanges(proposals, new Set(selected)));
  const before = auditApp(perms.context, grants);
  const after = auditApp(mergeContexts(perms.below, layer), grants);
  return {
    appId: app.id,
    name: app.name,
    proposals,
    selected,
    before: { score: before.score, findings: before.findings.length },
    after: { score: after.score, findings: after.findings.length },
    command: overrideCommand(app.id, layer),
  };
}

/** What a preset would change for each app; `choices` overrides the default ticks per app. */
export async function previewHardening(
  core: FlatpakCore,
  appIds: readonly string[] | 'all',
  preset: PresetName,
  choices?: Readonly<Record<string, readonly string[]>>,
): Promise<HardeningPreview[]> {
  const [snap, grants, facts] = await Promise.all([core.snapshot(), grantsOf(core), factsOf(core)]);
  const wanted = appIds === 'all' ? snap.apps : appIds.map((id) => snap.apps.find((a) => a.id === id) ?? id);
  return wanted.map((app) => {
    if (typeof app === 'string') throw new ConfineError('not-installed', t(ERROR_MESSAGES.notInstalled, { app }));
    return previewOne(app, snap.permissions.get(app.id), preset, choices?.[app.id], grants.get(app.id), facts);
  });
}

export interface AppliedFile {
  readonly appId: string;
  readonly before: Buffer | null;
  readonly after: Buffer | null;
  readonly changed: boolean;
}

export type ApplyOutcome =
  ({ readonly ok: true } & AppliedFile) | { readonly ok: false; readonly appId: string; readonly error: Failure };

/**
 * Applies the ticked proposals, worked out again from the files as they are now, one override
 * per app. An app that cannot be read (a malformed file) is left alone and reported.
 */
export async function applyHardening(
  core: FlatpakCore,
  preset: PresetName,
  items: readonly { appId: string; proposalIds: readonly string[] }[],
): Promise<ApplyOutcome[]> {
  const previews = await previewHardening(
    core,
    items.map((i) => i.appId),
    preset,
    Object.fromEntries(items.map((i) => [i.appId, i.proposalIds])),
  );
  const outcomes: ApplyOutcome[] = [];
  for (const preview of previews) {
    if (preview.error) {
      outcomes.push({ ok: false, appId: preview.appId, error: failure('malformed', preview.error, preview.appId) });
      continue;
    }
    const changes = selectedChanges(preview.proposals, new Set(preview.selected));
    if (changes.length === 0) {
      outcomes.push({ ok: true, appId: preview.appId, before: null, after: null, changed: false });
      continue;
    }
    try {
      // A read-only mask holds only on a folder that exists when the app starts.
      for (const loc of selectedPreparations(preview.proposals, new Set(preview.selected))) {
        await mkdir(inHome(core.homeDir(), loc), { mode: 0o700 }).catch((e: NodeJS.ErrnoException) => {
          if (e.code !== 'EEXIST') throw e;
        });
      }
      const written = await core.changeApp(preview.appId, changes);
      outcomes.push({
        ok: true,
        appId: preview.appId,
        before: written.before,
        after: written.after,
        changed: written.changed,
      });
    } catch (e) {
      outcomes.push({ ok: false, appId: preview.appId, error: failureOf(e, preview.appId) });
    }
  }
  return outcomes;
}
