import type { StateCreator } from 'zustand';
import type { Response } from '../../../shared/ipc/contract';
import { call } from '../api';
import type { Store } from './index';
import { latestRead } from './latest';
import { IDLE, settled, started, type Loading } from './loading';
import { samePage, showsPermissions, targetOf, type Page } from './selection';

export type PermissionsView = Response<'permissions:get'>;

export interface PermissionsSlice {
  view: PermissionsView | null;
  viewFor: Page | null;
  viewLoad: Loading;
  loadPermissions: () => Promise<void>;
}

export const createPermissionsSlice: StateCreator<Store, [], [], PermissionsSlice> = (set, get) => {
  const nextRead = latestRead();
  return {
    view: null,
    viewFor: null,
    viewLoad: IDLE,
    loadPermissions: async () => {
      const signal = nextRead();
      const selected = get().selected;
      if (!showsPermissions(selected)) {
        set({ view: null, viewFor: null, viewLoad: IDLE });
        return;
      }
      set({ viewLoad: started(get().viewLoad) });
      const r = await call('permissions:get', { appId: targetOf(selected) });
      // A slow answer is dropped when a newer read started (this app again after another) or
      // the user left for a page that reads no permissions.
      if (signal.aborted || !samePage(get().selected, selected)) return;
      set({ view: r.ok ? r.value : null, viewFor: selected, viewLoad: settled(r) });
    },
  };
};
