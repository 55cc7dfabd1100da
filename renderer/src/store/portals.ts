// The selected app's portal permissions, from the permission store, and changes to them; each
// change is one undoable step.

import type { StateCreator } from 'zustand';
import type { PortalRow, PortalsView, PortalValue } from '../../../shared/portals/model';
import { call } from '../api';
import type { Store } from './index';
import { latestRead } from './latest';
import { IDLE, settled, started, type Loading } from './loading';
import { samePage } from './selection';

export interface PortalsSlice {
  portals: PortalsView | null;
  portalsFor: string | null;
  portalsLoad: Loading;
  /** The row being written, so its control waits. */
  portalBusy: string | null;
  loadPortals: () => Promise<void>;
  setPortal: (row: PortalRow, value: PortalValue) => Promise<void>;
}

export const createPortalsSlice: StateCreator<Store, [], [], PortalsSlice> = (set, get) => {
  const nextRead = latestRead();
  return {
    portals: null,
    portalsFor: null,
    portalsLoad: IDLE,
    portalBusy: null,
    loadPortals: async () => {
      const signal = nextRead();
      const selected = get().selected;
      if (selected?.kind !== 'app') {
        set({ portals: null, portalsFor: null, portalsLoad: IDLE });
        return;
      }
      const { appId } = selected;
      set({ portalsLoad: started(get().portalsLoad) });
      const r = await call('portals:get', { appId });
      if (signal.aborted || !samePage(get().selected, selected)) return;
      set({ portals: r.ok ? r.value : null, portalsFor: appId, portalsLoad: settled(r) });
    },
    setPortal: async (row, value) => {
      const appId = get().portalsFor;
      if (appId === null) return;
      set({ portalBusy: row.key });
      const r = await call('portals:set', { appId, table: row.table, id: row.id, value });
      set({ portalBusy: null });
      if (!r.ok) get().showFailure('Not changed: ', r.error);
      else get().recordBatch(`${row.label} change`, [], [r.value]);
      await get().loadPortals();
    },
  };
};
