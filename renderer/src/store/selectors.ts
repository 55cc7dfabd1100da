import type { AppInfo } from '../../../shared/model';
import type { Store } from './index';

const NO_APPS: readonly AppInfo[] = [];

// Selectors must return stable values: a new array on every call would re-render forever.
export const selectApps = (s: Store): readonly AppInfo[] => s.catalog?.apps ?? NO_APPS;

/** Case-insensitive search over name and ID, names in order. */
export function filterApps(apps: readonly AppInfo[], query: string): AppInfo[] {
  const q = query.trim().toLowerCase();
  const matches = q === '' ? [...apps] : apps.filter((a) => a.name.toLowerCase().includes(q) || a.id.toLowerCase().includes(q));
  return matches.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

export const selectSelectedApp = (s: Store): AppInfo | undefined => s.catalog?.apps.find((a) => a.id === s.selected);
