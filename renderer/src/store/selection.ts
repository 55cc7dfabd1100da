import type { StateCreator } from 'zustand';
import { call } from '../api';
import type { Store } from './index';

/** The "All applications" entry, which shows the global override. */
export const GLOBAL = '*global*';
/** The exposure overview of the whole machine. */
export const OVERVIEW = '*overview*';

/** The machine's protection: SELinux, AppArmor and the sandbox's footing. */
export const SYSTEM = '*system*';

/** Whether a selection shows permissions (an app or the global override) rather than a page of its own. */
export function showsPermissions(id: string | null): id is string {
  return id !== null && id !== OVERVIEW && id !== SYSTEM;
}

export type SortOrder = 'name' | 'exposure';

export interface SelectionSlice {
  /** An app ID, GLOBAL, OVERVIEW, SYSTEM, or null before anything is chosen. */
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
    void call('settings:set', { selectedApp: showsPermissions(id) && id !== GLOBAL ? id : null });
    if (id === OVERVIEW) void get().loadAudit();
    else if (id === SYSTEM) void get().loadSystem();
    else {
      void get().loadPermissions();
      void get().loadPortals();
    }
  },
  setQuery: (query) => set({ query }),
  setSort: (sort) => set({ sort }),
});
