import type { StateCreator } from 'zustand';
import type { Response } from '../../../shared/ipc/contract';
import { call } from '../api';
import type { Store } from './index';

export type Audit = Response<'audit:load'>;

export interface AuditSlice {
  audit: Audit | null;
  auditError: string | null;
  loadAudit: () => Promise<void>;
  /** Reloads everything a batch (hardening, import, undo) may have changed. */
  afterBatch: () => Promise<void>;
}

export const createAuditSlice: StateCreator<Store, [], [], AuditSlice> = (set, get) => ({
  audit: null,
  auditError: null,
  loadAudit: async () => {
    const r = await call('audit:load', {});
    if (r.ok) set({ audit: r.value, auditError: null });
    else set({ auditError: r.error.message });
  },
  afterBatch: async () => {
    await get().loadCatalog();
    await get().loadPortals();
    if (get().audit) await get().loadAudit();
  },
});
