// The handler table: each channel of the contract bound to a service call. It imports nothing
// from Electron, so the window's IPC, the end-to-end harness and the unit tests run the very
// same functions.

import { randomBytes } from 'node:crypto';
import { ConfineError, failureOf } from '../../shared/errors';
import { defineMessages, t } from '../../shared/i18n';
import type { Response } from '../../shared/ipc/contract';
import { HELP_LINKS } from '../../shared/ipc/links';
import { isFlagKind, type Change as OverrideChangeRequest } from '../../shared/flatpak/edit';
import { formatVersion, type Version } from '../../shared/flatpak/version';
import { flagNameProblem, overrideContentProblem } from '../../shared/ipc/content';
import { readSystemStatus, type SystemFs } from '../services/system';
import { portalsView, restorePortals, setPortal } from '../services/portals';
import { resetApp } from '../services/reset';
import { verifyApp } from '../services/verify';
import { applyHardening, previewHardening } from '../services/hardening';
import {
  applyImport,
  exportOverrides,
  exportSystemTree,
  importReview,
  parseExport,
  previewImport,
  readExportFile,
  writeExportFile,
  type ExportFile,
  type ImportItem,
} from '../services/transfer';
import type { FlatpakCore } from '../services/core';
import type { OverrideChange } from '../services/overrides';
import type { SettingsStore } from '../services/settings';
import { auditView, catalogListView, catalogMarksView, catalogPatch, permissionsView } from '../services/views';
import { completeFolders, userFolders } from '../services/complete-path';
import { ReviewService } from '../services/review';
import type { IconRegistry } from './assets';
import type { Handlers } from './dispatch';

/** File choosers; main shows the desktop's own dialogs, tests answer with a path. */
export interface Dialogs {
  saveFile(defaultName: string): Promise<string | null>;
  openFile(): Promise<string | null>;
  chooseFolder(): Promise<string | null>;
}

export interface HandlerDeps {
  readonly core: () => Promise<FlatpakCore>;
  /** Filled by each catalog load, read by the icon route. */
  readonly icons: IconRegistry;
  readonly settings: SettingsStore;
  /** Opens an allow-listed https link in the user's browser. */
  readonly openExternal: (url: string) => Promise<void>;
  readonly writeClipboard: (text: string) => void;
  readonly dialogs: Dialogs;
  /** Where the machine's protection is read: the host's `/`, or a fixture tree in tests. */
  readonly systemFs: () => Promise<SystemFs>;
  /**
   * The app the window was opened for (`confine --app ID`, or a D-Bus show-app call that opened
   * it); it opens instead of the remembered one.
   */
  readonly launchApp?: () => string | null;
  /** The user's home folder, the only place whose folder names the window may list. */
  readonly home: string;
  /** $XDG_CONFIG_HOME, where user-dirs.dirs says where the XDG folders are (~/.config when unset). */
  readonly configHome?: string;
}

const b64 = (b: Buffer | null) => (b === null ? null : b.toString('base64'));
const bytes = (s: string | null) => (s === null ? null : Buffer.from(s, 'base64'));

function written(c: OverrideChange) {
  return { path: c.path, before: b64(c.before), after: b64(c.after), changed: c.changed };
}

type Batch = Response<'override:restore'>;

/**
 * The request schemas know no Flatpak version and check with the newest grammar; these checks
 * repeat them with the version that will read the file, before anything is written, so a file
 * that this Flatpak would refuse (or a permission it would drop) is refused as bad input.
 */
const M = defineMessages({
  refusedRestore: {
    id: 'error.ipc.restore-refused',
    defaultMessage:
      '{global, select, yes {The override of all apps} other {The override of {app}}} was not restored: Flatpak {version} would refuse it ({problem})',
    description: 'An undo or redo refused; version: Flatpak’s version number; problem: what Flatpak would refuse',
  },
  exportClosed: { id: 'error.ipc.export-closed', defaultMessage: 'That export is no longer open; open it again' },
  httpsOnly: { id: 'error.ipc.https-only', defaultMessage: 'Only https links can be opened' },
});

function checkChanges(changes: readonly OverrideChangeRequest[], version: Version): void {
  for (const c of changes) {
    if (!isFlagKind(c.kind) || !('name' in c)) continue;
    const problem = flagNameProblem(c.kind, c.name, version);
    if (problem) throw new ConfineError('invalid-input', problem);
  }
}

function checkContents(files: readonly { appId: string | null; content: string | null }[], version: Version): void {
  for (const f of files) {
    const content = bytes(f.content);
    if (content === null) continue;
    const problem = overrideContentProblem(content, version);
    if (problem)
      throw new ConfineError(
        'invalid-input',
        t(M.refusedRestore, {
          global: f.appId === null ? 'yes' : 'no',
          app: f.appId ?? '',
          version: formatVersion(version),
          problem,
        }),
      );
  }
}

/** Runs a call about one app (null: the global override) so that its failure names the app. */
async function concerning<T>(appId: string | null, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const f = failureOf(e, appId);
    throw new ConfineError(f.code, f.message, f.path, f.appId);
  }
}

function emptyBatch(): {
  files: Batch['files'][number][];
  portals: Batch['portals'][number][];
  failures: Batch['failures'][number][];
} {
  return { files: [], portals: [], failures: [] };
}

export function createHandlers(deps: HandlerDeps): Handlers {
  // Exports opened for import, kept in main so their content need not travel back and forth.
  const opened = new Map<string, { file: ExportFile; items: readonly ImportItem[] }>();
  // The probes under way, by app, so Stop can end them (and their sandboxes).
  const probing = new Map<string, Set<AbortController>>();
  return {
    'catalog:list': async () => {
      const list = await catalogListView(await deps.core());
      // The rows ask for their icons as soon as they show.
      deps.icons.update(
        list.apps,
        list.installations.map((i) => i.path),
      );
      return list;
    },
    'catalog:marks': async () => catalogMarksView(await deps.core()),
    'catalog:apps': async ({ appIds }) => {
      const patch = await catalogPatch(await deps.core(), appIds);
      deps.icons.patch(patch.apps, patch.gone);
      return patch;
    },
    'permissions:get': async ({ appId, installation }) => permissionsView(await deps.core(), appId, installation),
    'override:change': ({ appId, changes }) =>
      concerning(appId, async () => {
        const core = await deps.core();
        checkChanges(changes, core.version.version);
        return written(
          appId === null
            ? await core.changeLayer({ scope: 'user', app: null }, changes)
            : await core.changeApp(appId, changes),
        );
      }),
    'override:reset': ({ appId }) =>
      concerning(appId, async () => {
        const reset = await resetApp(await deps.core(), appId);
        return { ...written(reset.file), portals: [...reset.portals], portalFailures: [...reset.portalFailures] };
      }),
    'portals:get': async ({ appId }) => portalsView(await (await deps.core()).portals(), appId),
    'sandbox:verify': async ({ appId, before }) => {
      const core = await deps.core();
      const stop = new AbortController();
      const mine = probing.get(appId) ?? new Set();
      probing.set(appId, mine.add(stop));
      try {
        return await verifyApp(core, core.environment(), appId, {
          signal: stop.signal,
          ...(before === undefined ? {} : { before: bytes(before) }),
        });
      } finally {
        mine.delete(stop);
        if (mine.size === 0 && probing.get(appId) === mine) probing.delete(appId);
      }
    },
    'sandbox:stop': ({ appId }) => {
      const running = [...(probing.get(appId) ?? [])];
      for (const c of running) c.abort();
      return Promise.resolve({ stopped: running.length });
    },
    'portals:set': ({ appId, table, id, value }) =>
      concerning(appId, async () => setPortal(await (await deps.core()).portals(), appId, table, id, value)),
    'override:restore': async ({ files, portals, seen }) => {
      const core = await deps.core();
      // All or nothing: one file this Flatpak would refuse stops the batch before any write.
      checkContents(files, core.version.version);
      const batch = emptyBatch();
      if (portals.length > 0) {
        const restored = await restorePortals(await core.portals(), portals);
        batch.portals.push(...restored.done);
        batch.failures.push(...restored.failures);
      }
      for (const f of files) {
        try {
          await core.restore({ scope: 'user', app: f.appId }, bytes(f.expected), bytes(f.content));
          batch.files.push({ appId: f.appId, before: f.expected, after: f.content });
        } catch (e) {
          batch.failures.push({ appId: f.appId, error: failureOf(e, f.appId) });
        }
      }
      // A review decision's seen lists go back with its overrides, not without: an app whose
      // file stayed (changed since) keeps its review state too.
      if (seen.length > 0) {
        const stayed = new Set(batch.failures.map((f) => f.appId));
        const paths = new Map((await core.installations()).installations.map((i) => [i.id, i.path]));
        const service = new ReviewService(core);
        for (const appId of new Set(seen.map((s) => s.appId))) {
          if (stayed.has(appId)) continue;
          const steps = seen.flatMap((s) => {
            const installationPath = s.appId === appId ? paths.get(s.installation) : undefined;
            return installationPath ? [{ installationPath, seen: s.seen, unseen: s.unseen }] : [];
          });
          await service
            .restoreSeen(appId, steps)
            .catch((e: unknown) => batch.failures.push({ appId, error: failureOf(e, appId) }));
        }
      }
      return batch;
    },
    // The Overview asks for its audit without waiting for the list, and may have it first: the
    // icons its ranking shows are known from the same read, not only once the list is answered
    // (until then an icon was refused, and the ranking kept the neutral one).
    'audit:load': async () =>
      auditView(await deps.core(), (snap) =>
        deps.icons.update(
          snap.apps,
          snap.installations.map((i) => i.path),
        ),
      ),
    'system:status': async () => {
      const core = await deps.core();
      const { apps } = await core.listApps();
      return readSystemStatus(
        await deps.systemFs(),
        core.version.detected ? formatVersion(core.version.version) : null,
        apps,
      );
    },
    'harden:preview': async ({ appIds, preset, choices }) =>
      previewHardening(await deps.core(), appIds, preset, choices),
    'harden:apply': async ({ preset, items }) => {
      const batch = emptyBatch();
      for (const o of await applyHardening(await deps.core(), preset, items)) {
        if (!o.ok) batch.failures.push({ appId: o.appId, error: o.error });
        else if (o.changed) batch.files.push({ appId: o.appId, before: b64(o.before), after: b64(o.after) });
      }
      return batch;
    },
    'transfer:export': async ({ kind }) => {
      const core = await deps.core();
      if (kind === 'system-tree') {
        const dir = await deps.dialogs.chooseFolder();
        if (dir === null) return { path: null, files: 0, skipped: [] };
        const { files, skipped } = await exportSystemTree(core, dir);
        return { path: dir, files: files.length, skipped };
      }
      const path = await deps.dialogs.saveFile('confine-overrides.json');
      if (path === null) return { path: null, files: 0, skipped: [] };
      const { file, skipped } = await exportOverrides(core);
      // The save dialog has asked before replacing a file.
      await writeExportFile(path, file, { replace: true });
      return { path, files: file.overrides.length, skipped };
    },
    'transfer:import-preview': async () => {
      const path = await deps.dialogs.openFile();
      if (path === null) return { path: null, token: '', items: [], elsewhere: [], review: null };
      const core = await deps.core();
      const file = parseExport(await readExportFile(path));
      const all = await previewImport(core, file);
      // The window's undo puts back bytes in the user's folder; system overrides and links
      // are restored by `confine import`, which says so.
      const here = (i: ImportItem) =>
        i.scope === 'user' && i.incoming?.kind !== 'link' && i.current?.kind !== 'link' && i.problem === undefined;
      const items = all.filter(here);
      const token = randomBytes(16).toString('hex');
      const review = await importReview(core, file, true);
      opened.set(token, { file, items });
      if (opened.size > 8) opened.delete(opened.keys().next().value ?? '');
      return {
        path,
        token,
        items: items.map(({ app, status, portals, malformed }) => ({
          app,
          status,
          portals: portals.length,
          malformed: malformed ?? null,
        })),
        elsewhere: all
          .filter((i) => !here(i) && i.status !== 'same')
          .map(
            (i) =>
              `${i.app ?? 'global'}${i.scope === 'system' ? ' (system)' : ''}${i.problem ? `: ${i.problem}` : i.incoming?.kind === 'link' ? `: a link to ${i.incoming.target}` : ''}`,
          ),
        review,
      };
    },
    'transfer:import-apply': async ({ token, apps, review }) => {
      const entry = opened.get(token);
      if (!entry) throw new ConfineError('invalid-input', t(M.exportClosed));
      const core = await deps.core();
      const { files, portals, failures } = await applyImport(
        core,
        entry.items.filter((i) => i.status !== 'same' && apps.includes(i.app)),
      );
      // The review state after the files, as `confine import` merges it; its failure is one
      // more item left as it was.
      let merged: Awaited<ReturnType<typeof importReview>> = null;
      const failed = [...failures];
      if (review)
        merged = await importReview(core, entry.file, false).catch((e: unknown) => {
          failed.push({ appId: null, error: failureOf(e, null) });
          return null;
        });
      return { files, portals, failures: failed, review: merged };
    },
    'link:open': async ({ link }) => {
      const url = HELP_LINKS[link];
      if (!url.startsWith('https://')) throw new ConfineError('invalid-input', t(M.httpsOnly));
      // Only the fixed https links of HELP_LINKS reach this call (link:open takes a key, not a URL).
      await deps.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
      return {};
    },
    'clipboard:write': ({ text }) => {
      deps.writeClipboard(text);
      return Promise.resolve({});
    },
    'settings:get': () => {
      const launched = deps.launchApp?.() ?? null;
      return Promise.resolve({
        page: launched !== null ? { kind: 'app', appId: launched } : (deps.settings.get().page ?? null),
      });
    },
    'settings:set': async ({ page }) => {
      await deps.settings.update({ page });
      return {};
    },
    'fs:completePath': ({ path }) => completeFolders(deps.home, path),
    'fs:userFolders': async () => ({ folders: await userFolders(deps.home, deps.configHome) }),
    'review:list': async () => {
      const service = new ReviewService(await deps.core());
      const { pending } = await service.list();
      return {
        pending: pending.map(({ appId, installation, added, removed, locked }) => ({
          appId,
          installation,
          added,
          removed,
          locked,
        })),
        locks: await service.locks(),
      };
    },
    'review:decide': async ({ appIds, deny, items }) => {
      // The very calls of `confine review APP --accept|--deny`, app by app: one that fails
      // leaves the others decided.
      const service = new ReviewService(await deps.core());
      type Out = Response<'review:decide'>;
      const out: { [K in keyof Out]: Out[K][number][] } = { decisions: [], files: [], failures: [], seen: [] };
      const ids = new Map((await (await deps.core()).installations()).installations.map((i) => [i.path, i.id]));
      for (const appId of appIds) {
        try {
          const { decision, file, seen } = await concerning(appId, () => service.decideWritten(appId, deny, items));
          out.decisions.push(decision);
          if (file?.changed) out.files.push({ appId, before: b64(file.before), after: b64(file.after) });
          for (const s of seen) {
            const installation = ids.get(s.installationPath);
            if (installation !== undefined) out.seen.push({ appId, installation, added: s.added, removed: s.removed });
          }
        } catch (e) {
          out.failures.push({ appId, error: failureOf(e, appId) });
        }
      }
      return out;
    },
    'review:lock': ({ appId, locked }) =>
      concerning(appId, async () => new ReviewService(await deps.core()).setLock([appId], locked)),
  };
}
