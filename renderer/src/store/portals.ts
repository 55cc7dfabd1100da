// The selected app's portal permissions, from the permission store, and changes to them; each
// change is one undoable step.

import type { StateCreator } from 'zustand';
import type { PortalRow, PortalsView, PortalValue } from '../../../shared/portals/model';
import { call } from '../api';
import type { Store } from './index';
import { samePage } from './selection';


export interface PortalsSlice {
  portals: PortalsView | null;
  portalsFor: string | null;
  portalsError: string | null;
  /** The row being written, so its control waits. */
  portalBusy: string | null;
  loadPortals: () => Promise<void>;
  setPortal: (row: PortalRow, value: PortalValue) => Promise<void>;
}

export const createPortalsSlice: StateCreator<Store, [], [], PortalsSlice> = (set, get) => ({
  portals: null,
  portalsFor: null,
  portalsError: null,
  portalBusy: null,
  loadPortals: async () => {
    const selected = get().selected;
    if (selected?.kind !== 'app') {
      set({ portals: null, portalsFor: null, portalsError: null });
      return;
    }
    const { appId } = selected;
    const r = await call('portals:get', { appId });
    if (!samePage(get().selected, selected)) return;
    set(r.ok ? { portals: r.value, portalsFor: appId, portalsError: null } : { portals: null, portalsFor: appId, portalsError: r.error.message });
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
});
