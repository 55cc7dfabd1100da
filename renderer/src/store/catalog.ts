import type { StateCreator } from 'zustand';
import type { Response } from '../../../shared/ipc/contract';
import { call } from '../api';
import type { Store } from './index';

export type Catalog = Response<'catalog:load'>;

export interface CatalogSlice {
  catalog: Catalog | null;
  catalogLoading: boolean;
  catalogError: string | null;
  loadCatalog: () => Promise<void>;
}

export const createCatalogSlice: StateCreator<Store, [], [], CatalogSlice> = (set) => ({
  catalog: null,
  catalogLoading: false,
  catalogError: null,
  loadCatalog: async () => {
    set({ catalogLoading: true });
    const r = await call('catalog:load', {});
    if (r.ok) set({ catalog: r.value, catalogLoading: false, catalogError: null });
    else set({ catalogLoading: false, catalogError: r.error.message });
  },
});
