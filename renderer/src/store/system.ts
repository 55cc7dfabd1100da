import type { StateCreator } from 'zustand';
import type { Response } from '../../../shared/ipc/contract';
import { call } from '../api';
import type { Store } from './index';

export type SystemStatus = Response<'system:status'>;

export interface SystemSlice {
  system: SystemStatus | null;
  systemError: string | null;
  systemLoading: boolean;
  loadSystem: () => Promise<void>;
}

export const createSystemSlice: StateCreator<Store, [], [], SystemSlice> = (set) => ({
  system: null,
  systemError: null,
  systemLoading: false,
  loadSystem: async () => {
    set({ systemLoading: true });
    const r = await call('system:status', {});
    set(r.ok ? { system: r.value, systemError: null, systemLoading: false } : { systemError: r.error.message, systemLoading: false });
  },
});
