// One store made of small slices (zustand's slices pattern); components read it through
// selectors, with useShallow where a selector builds an object.

import { create } from 'zustand';
import { createAuditSlice, type AuditSlice } from './audit';
import { createCatalogSlice, type CatalogSlice } from './catalog';
import { createChangesSlice, type ChangesSlice } from './changes';
import { createEditsSlice, type EditsSlice } from './edits';
import { createFoldsSlice, type FoldsSlice } from './folds';
import { createHardenSlice, type HardenSlice } from './harden';
import { createPermissionsSlice, type PermissionsSlice } from './permissions';
import { createSelectionSlice, type SelectionSlice } from './selection';
import { createPortalsSlice, type PortalsSlice } from './portals';
import { createReviewSlice, type ReviewSlice } from './review';
import { createSystemSlice, type SystemSlice } from './system';
import { createTransferSlice, type TransferSlice } from './transfer';
import { createVerifySlice, type VerifySlice } from './verify';

export type Store = CatalogSlice &
  SelectionSlice &
  PermissionsSlice &
  EditsSlice &
  AuditSlice &
  HardenSlice &
  TransferSlice &
  SystemSlice &
  PortalsSlice &
  FoldsSlice &
  VerifySlice &
  ReviewSlice &
  ChangesSlice;

export const useStore = create<Store>()((...a) => ({
  ...createCatalogSlice(...a),
  ...createSelectionSlice(...a),
  ...createPermissionsSlice(...a),
  ...createEditsSlice(...a),
  ...createAuditSlice(...a),
  ...createHardenSlice(...a),
  ...createTransferSlice(...a),
  ...createSystemSlice(...a),
  ...createPortalsSlice(...a),
  ...createFoldsSlice(...a),
  ...createVerifySlice(...a),
  ...createReviewSlice(...a),
  ...createChangesSlice(...a),
}));

/** Resolves the first time `ready` holds of the store (at once if it holds now). */
export function settledOnce(ready: (s: Store) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (ready(useStore.getState())) return resolve();
    const stop = useStore.subscribe((s) => {
      if (!ready(s)) return;
      stop();
      resolve();
    });
  });
}
