import type { StateCreator } from 'zustand';
import type { Response } from '../../../shared/ipc/contract';
import { call } from '../api';
import type { Store } from './index';
import { IDLE, settled, started, type Loading } from './loading';

export type SystemStatus = Response<'system:status'>;

export interface SystemSlice {
  system: SystemStatus | null;
  systemLoad: Loading;
  loadSystem: () => Promise<void>;
}

export const createSystemSlice: StateCreator<Store, [], [], SystemSlice> = (set, get) => ({
  system: null,
  systemLoad: IDLE,
  loadSystem: async () => {
    set({ systemLoad: started(get().systemLoad) });
    const r = await call('system:status', {});
    set(r.ok ? { system: r.value, systemLoad: settled(r) } : { systemLoad: settled(r) });
  },
});
