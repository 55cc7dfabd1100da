// One store made of small slices (zustand's slices pattern); components read it through
// selectors, with useShallow where a selector builds an object.

import { create } from 'zustand';
import { createCatalogSlice, type CatalogSlice } from './catalog';
import { createEditsSlice, type EditsSlice } from './edits';
import { createPermissionsSlice, type PermissionsSlice } from './permissions';
import { createSelectionSlice, type SelectionSlice } from './selection';

export type Store = CatalogSlice & SelectionSlice & PermissionsSlice & EditsSlice;

export const useStore = create<Store>()((...a) => ({
  ...createCatalogSlice(...a),
  ...createSelectionSlice(...a),
  ...createPermissionsSlice(...a),
  ...createEditsSlice(...a),
}));
