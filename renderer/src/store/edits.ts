// Editing the user's override of the selected app (or the global one): changes show at once,
// are saved together a moment later, and every save, reset and undo can be undone and redone.

import type { StateCreator } from 'zustand';
import { changeKey, type Change } from '../../../shared/flatpak/edit';
import { call } from '../api';
import type { Store } from './index';
import { appPage, pageOf, samePage, showsPermissions, targetOf, type PermissionsPage } from './selection';
import type { PortalStep } from '../../../shared/portals/model';
import type { Failure } from '../../../shared/errors';
import type { Response } from '../../../shared/ipc/contract';
import { describeChanges } from '../../../shared/flatpak/change-label';
import { defineMessage, defineMessages, t, type Message, type Values } from '../../../shared/i18n';
import { targetName } from './selectors';

const M = defineMessages({
  notReplayed: {
    id: 'ui.edits.not-replayed',
    defaultMessage: '{direction, select, undo {Not undone} other {Not redone}}: {reason}',
    description: 'Toast when Undo or Redo failed; reason is the error message',
  },
  partlyReplayed: {
    id: 'ui.edits.partly-replayed',
    defaultMessage:
      '{direction, select, undo {Partly undone} other {Partly redone}}; {kept} of {total} kept as another program left them: {reason}',
    description:
      'Toast when Undo or Redo put back only some files: kept of total files stayed as another program changed them; reason is the first error message',
  },
  replayed: {
    id: 'ui.edits.replayed',
    defaultMessage: '{direction, select, undo {Undone} other {Redone}}: {step}.',
    description:
      'Toast after Undo or Redo; step is what the step did, as in ui.edits.step-label ("revoke Network for Spotify")',
  },
  globalRemoved: {
    id: 'ui.edits.reset.global-removed',
    defaultMessage: 'The global override was removed.',
    description: 'Toast after Reset on the All applications page',
  },
  appRemoved: {
    id: 'ui.edits.reset.app-removed',
    defaultMessage: 'Your override of this app was removed.',
    description: 'Toast after Reset on an app’s page',
  },
  appAndPortalsRemoved: {
    id: 'ui.edits.reset.app-and-portals-removed',
    defaultMessage:
      'Your override and {count, plural, one {# portal permission} other {# portal permissions}} of this app were removed.',
    description: 'Toast after Reset on an app’s page that also forgot its portal permissions',
  },
  portalsRemoved: {
    id: 'ui.edits.reset.portals-removed',
    defaultMessage:
      '{count, plural, one {The # portal permission of this app was removed.} other {The # portal permissions of this app were removed.}}',
    description: 'Toast after Reset on an app’s page without an override file, which forgot its portal permissions',
  },
  portalsNotRemoved: {
    id: 'ui.edits.reset.portals-not-removed',
    defaultMessage:
      '{done} {count, plural, one {# portal permission} other {# portal permissions}} could not be removed: {reason}',
    description:
      'Toast after Reset when some portal permissions stayed; done is one of the ui.edits.reset.* sentences, reason the first error message',
  },
  notSaved: {
    id: 'ui.edits.not-saved',
    defaultMessage: 'Not saved: {reason}',
    description: 'Toast when a change could not be saved; reason is the error message',
  },
  stepLabel: {
    id: 'ui.edits.step-label',
    defaultMessage: '{change} for {target}',
    description:
      'What a saved change did, read after "Undo: " and "Saved: "; change is a phrase such as "revoke Network", target an app’s name or "All applications"',
  },
  notReset: {
    id: 'ui.edits.not-reset',
    defaultMessage: 'Not reset: {reason}',
    description: 'Toast when Reset failed; reason is the error message',
  },
  resetLabel: {
    id: 'ui.edits.reset-label',
    defaultMessage: 'reset {target}',
    description: 'A reset in the undo history, read after "Undo: "; target is an app’s name or "All applications"',
  },
});

/** The toast after a change was saved, with what the step did. */
export const SAVED = defineMessage({
  id: 'ui.edits.saved',
  defaultMessage: 'Saved: {step}.',
  description:
    'Toast after a change was saved; step is what it did, a ui.edits.step-label or ui.portals.step-label ("revoke Network for Spotify")',
});

/** Changes wait this long for more before they are saved (the issue asks for < 0.5 s). */
export const SAVE_DELAY_MS = 250;

export interface FileStep {
  readonly appId: string | null;
  /** The file before and after, base64; null where there was no file. */
  readonly before: string | null;
  readonly after: string | null;
}

/** What a review decision marked as seen of one app in one installation (null: nothing). */
export type SeenStep = Response<'review:decide'>['seen'][number];

/** One undoable step: a save, a reset, a portal change, or a whole batch (hardening, import). */
export interface UndoStep {
  /** What it did, in words that read after "Undo: ", naming the app: "revoke Network for Spotify". */
  readonly label: string;
  readonly files: readonly FileStep[];
  readonly portals: readonly PortalStep[];
  /** A Deny in the review also marked its items as seen: Undo makes them new again. */
  readonly seen?: readonly SeenStep[];
}

export interface Toast {
  readonly id: number;
  readonly message: string;
  readonly kind: 'info' | 'error';
  /** Offer to undo the step just made. */
  readonly undo?: boolean;
  /** The failure shown, kept typed: a conflict offers to reload what changed. */
  readonly failure?: Failure;
  /** The control that led here is gone or disabled (Reset): the toast's first button takes focus. */
  readonly takeFocus?: boolean;
  /** One more thing to do next, such as verifying what was just applied. */
  readonly action?: { readonly label: string; readonly run: () => void };
  /** The same message with commands in it, for the toast to show them as code (as the help under
   *  the control does); `message` stays its plain text, for the store's readers and tests. */
  readonly rich?: {
    readonly message: Message;
    readonly values: Values;
    readonly code: Readonly<Record<string, string>>;
  };
}

export interface EditsSlice {
  /** Changes shown but not yet saved, by entry. */
  pending: ReadonlyMap<string, Change>;
  pendingFor: PermissionsPage | null;
  saving: boolean;
  undoStack: readonly UndoStep[];
  redoStack: readonly UndoStep[];
  toast: Toast | null;
  queueChange: (change: Change) => void;
  flush: () => Promise<void>;
  /** Resets the override of the page shown, or of `target` (null: the global one) from any page. */
  resetOverride: (target?: string | null) => Promise<void>;
  /** Records a batch written in main (hardening, import) as one undoable step. */
  recordBatch: (
    label: string,
    files: readonly FileStep[],
    portals?: readonly PortalStep[],
    seen?: readonly SeenStep[],
  ) => void;
  undo: () => Promise<void>;
  redo: () => Promise<void>;
  showToast: (toast: Omit<Toast, 'id'>) => void;
  /** Shows a failure: a message whose `{reason}` is the failure's message, or (formatted
   *  already) the words that go before it; the toast keeps the failure so it can offer Reload. */
  showFailure: (prefix: string | Message, failure: Failure, undo?: boolean) => void;
  /** Reads again the app a failure concerns (or, without one, the page shown): after a conflict, what is on disk now. */
  reloadAfter: (failure: Failure) => Promise<void>;
  dismissToast: () => void;
}

let timer: ReturnType<typeof setTimeout> | undefined;
let toastCounter = 0;
// Undo and redo run one after another: a quick second Ctrl+Z waits for the first.
let replaying: Promise<void> = Promise.resolve();

type Get = () => Store;
type Set = (partial: Partial<EditsSlice>) => void;

/** Undo puts back the file as it was before a step; redo as it was after. Either one refuses
 *  when the file changed since, so an outside change is never overwritten. */
async function replay(get: Get, set: Set, direction: 'undo' | 'redo'): Promise<void> {
  await get().flush();
  const from = direction === 'undo' ? get().undoStack : get().redoStack;
  const step = from.at(-1);
  if (!step) return;
  const apps = new Set<string | null>([...step.files.map((f) => f.appId), ...step.portals.map((p) => p.appId)]);
  const [only] = apps;
  if (apps.size === 1 && only !== undefined) get().select(pageOf(only));
  const files = step.files.map((f) =>
    direction === 'undo'
      ? { appId: f.appId, expected: f.after, content: f.before }
      : { appId: f.appId, expected: f.before, content: f.after },
  );
  const portals = step.portals.map((p) => ({
    appId: p.appId,
    table: p.table,
    id: p.id,
    ...(direction === 'undo' ? { expected: p.after, content: p.before } : { expected: p.before, content: p.after }),
  }));
  const seen = (step.seen ?? []).map((v) => ({
    appId: v.appId,
    installation: v.installation,
    ...(direction === 'undo' ? { seen: v.removed, unseen: v.added } : { seen: v.added, unseen: v.removed }),
  }));
  const r = await call('override:restore', { files, portals, seen });
  if (!r.ok) {
    get().showToast({
      kind: 'error',
      message: t(M.notReplayed, { direction, reason: r.error.message }),
      failure: r.error,
    });
    return;
  }
  if (r.value.failures.length > 0) {
    // Some files changed since; those stay as they are now, the rest went back.
    const first = r.value.failures[0];
    const none = r.value.files.length + r.value.portals.length === 0;
    const kept = r.value.failures.length;
    if (first) {
      const values = { direction, reason: first.error.message, kept, total: files.length + portals.length };
      get().showToast({
        kind: 'error',
        message: t(none ? M.notReplayed : M.partlyReplayed, values),
        failure: first.error,
      });
    }
    if (none) return;
  }
  get().forgetHardened(r.value.files.map((f) => f.appId));
  const rest = from.slice(0, -1);
  if (direction === 'undo') set({ undoStack: rest, redoStack: [...get().redoStack, step] });
  else set({ redoStack: rest, undoStack: [...get().undoStack, step] });
  if (r.value.failures.length === 0)
    get().showToast({ kind: 'info', message: t(M.replayed, { direction, step: step.label }) });
  await get().loadPermissions();
  await get().afterBatch();
  if (seen.length > 0) await get().loadReview();
}

function resetMessage(appId: string | null, file: boolean, portals: number): string {
  if (appId === null) return t(M.globalRemoved);
  if (!portals) return t(M.appRemoved);
  return t(file ? M.appAndPortalsRemoved : M.portalsRemoved, { count: portals });
}

export const createEditsSlice: StateCreator<Store, [], [], EditsSlice> = (set, get) => ({
  pending: new Map(),
  pendingFor: null,
  saving: false,
  undoStack: [],
  redoStack: [],
  toast: null,

  queueChange: (change) => {
    const selected = get().selected;
    if (!showsPermissions(selected)) return;
    // Changes for another app are saved first, never mixed.
    if (get().pendingFor !== null && !samePage(get().pendingFor, selected)) void get().flush();
    const pending = new Map(get().pending);
    pending.delete(changeKey(change));
    pending.set(changeKey(change), change);
    set({ pending, pendingFor: selected });
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void get().flush(), SAVE_DELAY_MS);
  },

  flush: async () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const { pending, pendingFor } = get();
    if (pending.size === 0 || pendingFor === null) return;
    const changes = [...pending.values()];
    set({ pending: new Map(), saving: true });
    const appId = targetOf(pendingFor);
    const r = await call('override:change', { appId, changes });
    set({ saving: false });
    if (!r.ok) {
      get().showFailure(M.notSaved, r.error);
    } else if (r.value.changed) {
      const label = t(M.stepLabel, { change: describeChanges(changes), target: targetName(get(), appId) });
      get().recordBatch(label, [{ appId, before: r.value.before, after: r.value.after }]);
      // One undo history serves every app: the note says which change Undo would take back.
      get().showToast({ kind: 'info', message: t(SAVED, { step: label }), undo: true });
    }
    if (samePage(get().selected, pendingFor)) await get().loadPermissions();
    if (get().pending.size === 0) set({ pendingFor: null });
  },

  resetOverride: async (target) => {
    await get().flush();
    const page = get().selected;
    if (target === undefined && !showsPermissions(page)) return;
    const appId = target !== undefined ? target : showsPermissions(page) ? targetOf(page) : null;
    const r = await call('override:reset', { appId });
    if (!r.ok) {
      get().showFailure(M.notReset, r.error);
    } else if (r.value.changed || r.value.portals.length > 0) {
      get().recordBatch(
        t(M.resetLabel, { target: targetName(get(), appId) }),
        r.value.changed ? [{ appId, before: r.value.before, after: r.value.after }] : [],
        r.value.portals,
      );
      const done = resetMessage(appId, r.value.changed, r.value.portals.length);
      const first = r.value.portalFailures[0];
      // Reset disables itself (or, on a malformed file, goes away): focus moves to Undo, the one
      // thing to do next, rather than falling to the page's body.
      if (first)
        get().showToast({
          kind: 'error',
          message: t(M.portalsNotRemoved, { done, count: r.value.portalFailures.length, reason: first.message }),
          failure: first,
          undo: true,
          takeFocus: true,
        });
      else get().showToast({ kind: 'info', message: done, undo: true, takeFocus: true });
    }
    if (showsPermissions(get().selected)) {
      await get().loadPermissions();
      await get().loadPortals();
    }
    // A global override reaches every app: their exposure and the overview change with it.
    if (appId === null) await get().afterBatch();
  },

  undo: () => (replaying = replaying.then(() => replay(get, set, 'undo'))),
  redo: () => (replaying = replaying.then(() => replay(get, set, 'redo'))),

  recordBatch: (label, files, portals = [], seen = []) => {
    // A new change to an app just hardened: verifying it would no longer show that hardening.
    get().forgetHardened(files.map((f) => f.appId));
    if (files.length + portals.length > 0)
      set({
        undoStack: [...get().undoStack, { label, files, portals, ...(seen.length > 0 ? { seen } : {}) }].slice(-100),
        redoStack: [],
      });
  },

  showToast: (toast) => set({ toast: { ...toast, id: ++toastCounter } }),
  showFailure: (prefix, failure, undo) =>
    get().showToast({
      kind: 'error',
      message: typeof prefix === 'string' ? prefix + failure.message : t(prefix, { reason: failure.message }),
      failure,
      ...(undo ? { undo } : {}),
    }),
  reloadAfter: async (failure) => {
    const shown = get().selected;
    const target = failure.appId !== undefined ? appPage(failure.appId) : showsPermissions(shown) ? shown : undefined;
    if (target !== undefined && !samePage(target, shown)) get().select(target);
    else await Promise.all([get().loadPermissions(), get().loadPortals()]);
    await get().loadCatalog();
  },
  dismissToast: () => set({ toast: null }),
});
