import type { StateCreator } from 'zustand';
import type { CapabilityId } from '../../../shared/hardening/capabilities';
import type { Page } from '../../../shared/ipc/schemas';
import { call } from '../api';
import type { Store } from './index';

export type { Page };
/** A page that shows permissions: an app's, or the global override's ("All applications"). */
export type PermissionsPage = Extract<Page, { kind: 'global' | 'app' }>;

/** The exposure overview of the whole machine. */
export const OVERVIEW: Page = { kind: 'overview' };
/** The "All applications" entry, which shows the global override. */
export const GLOBAL: PermissionsPage = { kind: 'global' };
/** The machine's protection: SELinux, AppArmor and the sandbox's footing. */
export const SYSTEM: Page = { kind: 'system' };
export const appPage = (appId: string): PermissionsPage => ({ kind: 'app', appId });

/** Whether a selection shows permissions (an app or the global override) rather than a page of its own. */
export function showsPermissions(page: Page | null): page is PermissionsPage {
  return page !== null && (page.kind === 'app' || page.kind === 'global');
}

/** The app whose override a permissions page edits; null for the global override. */
export const targetOf = (page: PermissionsPage): string | null => (page.kind === 'app' ? page.appId : null);

/** The page of an override: the app's, or the global one for null. */
export const pageOf = (appId: string | null): PermissionsPage => (appId === null ? GLOBAL : appPage(appId));

export function samePage(a: Page | null, b: Page | null): boolean {
  if (a === null || b === null) return a === b;
  return a.kind === b.kind && (a.kind !== 'app' || (b.kind === 'app' && a.appId === b.appId));
}

export type SortOrder = 'name' | 'exposure';

export interface SelectionSlice {
  /** The page shown, or null before anything is chosen. It changes identity only when the page changes. */
  selected: Page | null;
  query: string;
  sort: SortOrder;
  /** The list shows only the apps that can do all of these. */
  can: readonly CapabilityId[];
  /**
   * Shows a page and reads what it shows. `atStart`: the window's first page, picked before the
   * user could change anything; the Overview's ranking asked at start is then its read, if still
   * under way (a change heard meanwhile reads it again: heardChange).
   */
  select: (page: Page, options?: { atStart?: boolean }) => void;
  setQuery: (query: string) => void;
  setSort: (sort: SortOrder) => void;
  toggleCan: (id: CapabilityId) => void;
  clearCan: () => void;
}

export const createSelectionSlice: StateCreator<Store, [], [], SelectionSlice> = (set, get) => ({
  selected: null,
  query: '',
  sort: 'name',
  can: [],
  select: (page, options) => {
    if (samePage(get().selected, page)) return;
    const atStart = options?.atStart === true;
    set({ selected: page });
    // The first page is the remembered one, or the Overview in its place: nothing to remember.
    if (!atStart) void call('settings:set', { page });
    if (page.kind === 'overview') {
      if (!(atStart && get().auditLoad.loading)) void get().loadAudit();
    } else if (page.kind === 'system') void get().loadSystem();
    else {
      void get().loadPermissions();
      void get().loadPortals();
    }
  },
  setQuery: (query) => set({ query }),
  setSort: (sort) => set({ sort }),
  toggleCan: (id) => {
    const can = get().can;
    set({ can: can.includes(id) ? can.filter((c) => c !== id) : [...can, id] });
  },
  clearCan: () => set({ can: [] }),
});
