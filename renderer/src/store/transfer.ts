// Export of the user's overrides, and import with a preview and one undoable batch.

import type { StateCreator } from 'zustand';
import type { Response } from '../../../shared/ipc/contract';
import { call } from '../api';
import type { Store } from './index';
import { count } from '../../../shared/plural';

export type ImportPreview = Response<'transfer:import-preview'>;

export interface TransferSlice {
  importing: (ImportPreview & { chosen: readonly (string | null)[]; busy: boolean }) | null;
  exportOverrides: (kind: 'file' | 'system-tree') => Promise<void>;
  openImport: () => Promise<void>;
  toggleImport: (app: string | null) => void;
  applyImport: () => Promise<void>;
  closeImport: () => void;
}

export const createTransferSlice: StateCreator<Store, [], [], TransferSlice> = (set, get) => ({
  importing: null,
  exportOverrides: async (kind) => {
    await get().flush();
    const r = await call('transfer:export', { kind });
    if (!r.ok) get().showFailure('Not exported: ', r.error);
    else if (r.value.path) {
      const skipped = r.value.skipped.length ? ` (${r.value.skipped.length} skipped: ${r.value.skipped[0] ?? ''})` : '';
      get().showToast({
        kind: 'info',
        message: `${count(r.value.files, 'override file', 'override files')} exported to ${r.value.path}${skipped}.`,
      });
    }
  },
  openImport: async () => {
    await get().flush();
    const r = await call('transfer:import-preview', {});
    if (!r.ok) get().showFailure('Not imported: ', r.error);
    else if (r.value.path)
      set({
        importing: {
          ...r.value,
          chosen: r.value.items.filter((i) => i.status !== 'same').map((i) => i.app),
          busy: false,
        },
      });
  },
  toggleImport: (app) => {
    const i = get().importing;
    if (!i) return;
    set({
      importing: { ...i, chosen: i.chosen.includes(app) ? i.chosen.filter((a) => a !== app) : [...i.chosen, app] },
    });
  },
  applyImport: async () => {
    const i = get().importing;
    if (!i || i.chosen.length === 0) {
      set({ importing: null });
      return;
    }
    set({ importing: { ...i, busy: true } });
    const r = await call('transfer:import-apply', { token: i.token, apps: [...i.chosen] });
    set({ importing: null });
    if (!r.ok) {
      get().showFailure('Not imported: ', r.error);
      return;
    }
    const files = count(r.value.files.length, 'override file', 'override files');
    const portals = count(r.value.portals.length, 'portal permission', 'portal permissions');
    get().recordBatch(
      r.value.files.length > 0 ? `import ${count(r.value.files.length, 'file', 'files')}` : `import ${portals}`,
      r.value.files,
      r.value.portals,
    );
    const failed = r.value.failures.length;
    const done = `${files}${r.value.portals.length ? ` and ${portals}` : ''} imported`;
    const undo = r.value.files.length + r.value.portals.length > 0;
    const first = r.value.failures[0];
    if (first) get().showFailure(`${done}; ${failed} left as they were: `, first.error, undo);
    else get().showToast({ kind: 'info', message: `${done}.`, undo });
    await get().loadPermissions();
    await get().afterBatch();
  },
  closeImport: () => set({ importing: null }),
});
