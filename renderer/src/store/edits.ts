// Editing the user's override of the selected app (or the global one): changes show at once,
// are saved together a moment later, and every save, reset and undo can be undone and redone.

import type { StateCreator } from 'zustand';
import { changeKey, type Change } from '../../../shared/flatpak/edit';
import { call } from '../api';
import type { Store } from './index';
import { GLOBAL } from './selection';

/** Changes wait this long for more before they are saved (the issue asks for < 0.5 s). */
export const SAVE_DELAY_MS = 250;

export interface UndoStep {
  readonly appId: string | null;
  readonly label: string;
  /** The file before and after, base64; null where there was no file. */
  readonly before: string | null;
  readonly after: string | null;
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
  get().select(step.appId ?? GLOBAL);
  const [expected, content] = direction === 'undo' ? [step.after, step.before] : [step.before, step.after];
  const r = await call('override:restore', { appId: step.appId, expected, content });
  if (!r.ok) {
    get().showToast({ kind: 'error', message: `Not ${direction === 'undo' ? 'undone' : 'redone'}: ${r.error.message}` });
    return;
  }
  const rest = from.slice(0, -1);
  if (direction === 'undo') set({ undoStack: rest, redoStack: [...get().redoStack, step] });
  else set({ redoStack: rest, undoStack: [...get().undoStack, step] });
  get().showToast({ kind: 'info', message: `${step.label} ${direction === 'undo' ? 'undone' : 'redone'}.` });
  await get().loadPermissions();
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
      set({ undoStack: [...get().undoStack, { appId, label, before: r.value.before, after: r.value.after }].slice(-100), redoStack: [] });
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
      set({ undoStack: [...get().undoStack, { appId, label: 'Reset', before: r.value.before, after: r.value.after }], redoStack: [] });
      get().showToast({ kind: 'info', message: appId ? 'Your override of this app was removed.' : 'The global override was removed.', undo: true });
    }
    await get().loadPermissions();
  },

  undo: () => replay(get, set, 'undo'),
  redo: () => replay(get, set, 'redo'),

  showToast: (toast) => set({ toast: { ...toast, id: ++toastCounter } }),
  dismissToast: () => set({ toast: null }),
});
