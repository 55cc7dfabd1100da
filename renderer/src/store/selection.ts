import type { StateCreator } from 'zustand';
import { call } from '../api';
import type { Store } from './index';

/** The "All applications" entry, which shows the global override. */
export const GLOBAL = '*global*';
/** The exposure overview of the whole machine. */
export const OVERVIEW = '*overview*';

export type SortOrder = 'name' | 'exposure';

export interface SelectionSlice {
  /** An app ID, GLOBAL, OVERVIEW, or null before anything is chosen. */
  selected: string | null;
  query: string;
  sort: SortOrder;
  select: (id: string | null) => void;
  setQuery: (query: string) => void;
  setSort: (sort: SortOrder) => void;
}

export const createSelectionSlice: StateCreator<Store, [], [], SelectionSlice> = (set, get) => ({
  selected: null,
  query: '',
  sort: 'name',
  select: (id) => {
    if (get().selected === id) return;
    set({ selected: id });
    void call('settings:set', { selectedApp: id === null || id === GLOBAL || id === OVERVIEW ? null : id });
    if (id === OVERVIEW) void get().loadAudit();
    else void get().loadPermissions();
  },
  setQuery: (query) => set({ query }),
  setSort: (sort) => set({ sort }),
});
