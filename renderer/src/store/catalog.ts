import type { StateCreator } from 'zustand';
import type { Response } from '../../../shared/ipc/contract';
import { call } from '../api';
import type { Store } from './index';
import { latestRead } from './latest';
import { IDLE, settled, started, type Loading } from './loading';

export type Catalog = Response<'catalog:load'>;

export interface CatalogSlice {
  catalog: Catalog | null;
  catalogLoad: Loading;
  loadCatalog: () => Promise<void>;
}

export const createCatalogSlice: StateCreator<Store, [], [], CatalogSlice> = (set, get) => {
  const nextRead = latestRead();
  return {
    catalog: null,
    catalogLoad: IDLE,
    loadCatalog: async () => {
      const signal = nextRead();
      set({ catalogLoad: started(get().catalogLoad) });
      const r = await call('catalog:load', {});
      if (signal.aborted) return;
      set(r.ok ? { catalog: r.value, catalogLoad: settled(r) } : { catalogLoad: settled(r) });
    },
  };
};
