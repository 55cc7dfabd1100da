import type { StateCreator } from 'zustand';
import { call } from '../api';
import type { Store } from './index';

/** The "All applications" entry, which shows the global override. */
export const GLOBAL = '*global*';

export interface SelectionSlice {
  /** An app ID, GLOBAL, or null before anything is chosen. */
  selected: string | null;
  query: string;
  select: (id: string | null) => void;
  setQuery: (query: string) => void;
}

export const createSelectionSlice: StateCreator<Store, [], [], SelectionSlice> = (set, get) => ({
  selected: null,
  query: '',
  select: (id) => {
    if (get().selected === id) return;
    set({ selected: id });
    void call('settings:set', { selectedApp: id === null || id === GLOBAL ? null : id });
    void get().loadPermissions();
  },
  setQuery: (query) => set({ query }),
});
