// Which parts of a permissions page are folded, kept while the window runs (not saved): a group
// folded on one app stays folded on the next, so a person who never needs "Devices" folds it once.
// In the store rather than in each group, because the jump list and "Expand all" change groups
// they do not render.
import type { StateCreator } from 'zustand';
import type { Store } from './index';

export interface FoldsSlice {
  /** Group heading ids that are folded; a group not listed is open. */
  folded: Readonly<Record<string, true>>;
  /** Whether the full list of findings is shown under the exposure line (folded at first). */
  exposureOpen: boolean;
  setFolded: (ids: readonly string[], folded: boolean) => void;
  setExposureOpen: (open: boolean) => void;
}

export const createFoldsSlice: StateCreator<Store, [], [], FoldsSlice> = (set) => ({
  folded: {},
  exposureOpen: false,
  setFolded: (ids, folded) =>
    set((s) => {
      const next: Record<string, true> = { ...s.folded };
      for (const id of ids) {
        if (folded) next[id] = true;
        else delete next[id];
      }
      return { folded: next };
    }),
  setExposureOpen: (open) => set({ exposureOpen: open }),
});

/** Whether the group whose heading has this id is folded. */
export const selectFolded =
  (id: string) =>
  (s: Store): boolean =>
    s.folded[id] === true;
