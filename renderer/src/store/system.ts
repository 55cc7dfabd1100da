import type { StateCreator } from 'zustand';
import type { Response } from '../../../shared/ipc/contract';
import { call } from '../api';
import type { Store } from './index';
import { latestRead } from './latest';
import { IDLE, settled, started, type Loading } from './loading';

export type SystemStatus = Response<'system:status'>;

export interface SystemSlice {
  system: SystemStatus | null;
  systemLoad: Loading;
  loadSystem: () => Promise<void>;
}

export const createSystemSlice: StateCreator<Store, [], [], SystemSlice> = (set, get) => {
  const nextRead = latestRead();
  return {
    system: null,
    systemLoad: IDLE,
    loadSystem: async () => {
      const signal = nextRead();
      set({ systemLoad: started(get().systemLoad) });
      const r = await call('system:status', {});
      if (signal.aborted) return;
      set(r.ok ? { system: r.value, systemLoad: settled(r) } : { systemLoad: settled(r) });
    },
  };
};
