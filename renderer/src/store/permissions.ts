import type { StateCreator } from 'zustand';
import type { Response } from '../../../shared/ipc/contract';
import { call } from '../api';
import type { Store } from './index';
import { samePage, showsPermissions, targetOf, type Page } from './selection';

export type PermissionsView = Response<'permissions:get'>;

export interface PermissionsSlice {
  view: PermissionsView | null;
  viewFor: Page | null;
  viewLoading: boolean;
  viewError: string | null;
  loadPermissions: () => Promise<void>;
}

export const createPermissionsSlice: StateCreator<Store, [], [], PermissionsSlice> = (set, get) => ({
  view: null,
  viewFor: null,
  viewLoading: false,
  viewError: null,
  loadPermissions: async () => {
    const selected = get().selected;
    if (!showsPermissions(selected)) {
      set({ view: null, viewFor: null, viewError: null });
      return;
    }
    set({ viewLoading: true });
    const r = await call('permissions:get', { appId: targetOf(selected) });
    // A slow answer for an app the user has already left is dropped.
    if (!samePage(get().selected, selected)) return;
    if (r.ok) set({ view: r.value, viewFor: selected, viewLoading: false, viewError: null });
    else set({ view: null, viewFor: selected, viewLoading: false, viewError: r.error.message });
  },
});
