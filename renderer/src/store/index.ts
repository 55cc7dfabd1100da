// One store made of small slices (zustand's slices pattern); components read it through the
// selectors in selectors.ts.

import { create } from 'zustand';
import { createCatalogSlice, type CatalogSlice } from './catalog';
import { createPermissionsSlice, type PermissionsSlice } from './permissions';
import { createSelectionSlice, type SelectionSlice } from './selection';

export type Store = CatalogSlice & SelectionSlice & PermissionsSlice;

export const useStore = create<Store>()((...a) => ({
  ...createCatalogSlice(...a),
  ...createSelectionSlice(...a),
  ...createPermissionsSlice(...a),
}));
