import type { StateCreator } from 'zustand';
import type { Response } from '../../../shared/ipc/contract';
import { call } from '../api';
import type { Store } from './index';
import { latestRead } from './latest';
import { IDLE, settled, started, type Loading } from './loading';

export type Audit = Response<'audit:load'>;

export interface AuditSlice {
  audit: Audit | null;
  auditLoad: Loading;
  loadAudit: () => Promise<void>;
  /** Reloads everything a batch (hardening, import, undo) may have changed. */
  afterBatch: () => Promise<void>;
}

export const createAuditSlice: StateCreator<Store, [], [], AuditSlice> = (set, get) => {
  const nextRead = latestRead();
  return {
    audit: null,
    auditLoad: IDLE,
    loadAudit: async () => {
      const signal = nextRead();
      set({ auditLoad: started(get().auditLoad) });
      const r = await call('audit:load', {});
      if (signal.aborted) return;
      set(r.ok ? { audit: r.value, auditLoad: settled(r) } : { auditLoad: settled(r) });
    },
    afterBatch: async () => {
      await get().loadCatalog();
      await get().loadPortals();
      // The Overview shown; elsewhere it is read again when picked (select).
      if (get().selected?.kind === 'overview') await get().loadAudit();
    },
  };
};
