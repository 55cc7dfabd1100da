// Editing the user's override of the selected app (or the global one): changes show at once,
// are saved together a moment later, and every save, reset and undo can be undone and redone.

import type { StateCreator } from 'zustand';
import { changeKey, type Change } from '../../../shared/flatpak/edit';
import { call } from '../api';
import type { Store } from './index';
import { GLOBAL } from './selection';

/** Changes wait this long for more before they are saved (the issue asks for < 0.5 s). */
export const SAVE_DELAY_MS = 250;

export interface FileStep {
  readonly appId: string | null;
  /** The file before and after, base64; null where there was no file. */
  readonly before: string | null;
  readonly after: string | null;
}

/** One undoable step: a save, a reset, or a whole batch (hardening, import). */
export interface UndoStep {
  readonly label: string;
  readonly files: readonly FileStep[];
}

export interface Toast {
  readonly id: number;
  readonly message: string;
  readonly kind: 'info' | 'error';
  /** Offer to undo the step just made. */
  readonly undo?: boolean;
}

export interface EditsSlice {
  /** Changes shown but not yet saved, by entry. */
  pending: ReadonlyMap<string, Change>;
  pendingFor: string | null;
  saving: boolean;
  undoStack: readonly UndoStep[];
  redoStack: readonly UndoStep[];
  toast: Toast | null;
  queueChange: (change: Change) => void;
  flush: () => Promise<void>;
  resetOverride: () => Promise<void>;
  /** Records a batch written in main (hardening, import) as one undoable step. */
  recordBatch: (label: string, files: readonly FileStep[]) => void;
  undo: () => Promise<void>;
  redo: () => Promise<void>;
  showToast: (toast: Omit<Toast, 'id'>) => void;
  dismissToast: () => void;
}

const targetOf = (selected: string | null): string | null => (selected === GLOBAL ? null : selected);
let timer: ReturnType<typeof setTimeout> | undefined;
let toastCounter = 0;

type Get = () => Store;
type Set = (partial: Partial<EditsSlice>) => void;

/** Undo puts back the file as it was before a step; redo as it was after. Either one refuses
 *  when the file changed since, so an outside change is never overwritten. */
async function replay(get: Get, set: Set, direction: 'undo' | 'redo'): Promise<void> {
  await get().flush();
  const from = direction === 'undo' ? get().undoStack : get().redoStack;
  const step = from.at(-1);
  if (!step) return;
  const only = step.files.length === 1 ? step.files[0] : undefined;
  if (only) get().select(only.appId ?? GLOBAL);
  const files = step.files.map((f) => (direction === 'undo' ? { appId: f.appId, expected: f.after, content: f.before } : { appId: f.appId, expected: f.before, content: f.after }));
  const r = await call('override:restore', { files });
  const verb = direction === 'undo' ? 'undone' : 'redone';
  if (!r.ok) {
    get().showToast({ kind: 'error', message: `Not ${verb}: ${r.error.message}` });
    return;
  }
  if (r.value.failures.length > 0) {
    // Some files changed since; those stay as they are now, the rest went back.
    get().showToast({ kind: 'error', message: `${r.value.failures.length} file(s) changed since and were kept: ${r.value.failures[0]?.error ?? ''}` });
    if (r.value.files.length === 0) return;
  }
  const rest = from.slice(0, -1);
  if (direction === 'undo') set({ undoStack: rest, redoStack: [...get().redoStack, step] });
  else set({ redoStack: rest, undoStack: [...get().undoStack, step] });
  if (r.value.failures.length === 0) get().showToast({ kind: 'info', message: `${step.label} ${verb}.` });
  await get().loadPermissions();
  await get().afterBatch();
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
    if (selected === null) return;
    // Changes for another app are saved first, never mixed.
    if (get().pendingFor !== null && get().pendingFor !== selected) void get().flush();
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
      get().showToast({ kind: 'error', message: `Not saved: ${r.error.message}` });
    } else if (r.value.changed) {
      const label = changes.length === 1 ? 'Change' : `${changes.length} changes`;
      get().recordBatch(label, [{ appId, before: r.value.before, after: r.value.after }]);
    }
    if (get().selected === pendingFor) await get().loadPermissions();
    if (get().pending.size === 0) set({ pendingFor: null });
  },

  resetOverride: async () => {
    await get().flush();
    const appId = targetOf(get().selected);
    const r = await call('override:reset', { appId });
    if (!r.ok) {
      get().showToast({ kind: 'error', message: `Not reset: ${r.error.message}` });
    } else if (r.value.changed) {
      get().recordBatch('Reset', [{ appId, before: r.value.before, after: r.value.after }]);
      get().showToast({ kind: 'info', message: appId ? 'Your override of this app was removed.' : 'The global override was removed.', undo: true });
    }
    await get().loadPermissions();
  },

  undo: () => replay(get, set, 'undo'),
  redo: () => replay(get, set, 'redo'),

  recordBatch: (label, files) => {
    if (files.length > 0) set({ undoStack: [...get().undoStack, { label, files }].slice(-100), redoStack: [] });
  },

  showToast: (toast) => set({ toast: { ...toast, id: ++toastCounter } }),
  dismissToast: () => set({ toast: null }),
});
