import { compareExposure } from '../../../shared/hardening/audit';
import { hasAll, type CapabilityId } from '../../../shared/hardening/capabilities';
import type { AppInfo } from '../../../shared/model';
import type { Store } from './index';
import type { SortOrder } from './selection';
import { t } from '../../../shared/i18n';
import { COMMON } from '../i18n/messages';

const NO_APPS: readonly AppInfo[] = [];

// Selectors must return stable values: a new array on every call would re-render forever.
export const selectApps = (s: Store): readonly AppInfo[] => s.catalog?.apps ?? NO_APPS;
const NO_WARNINGS: readonly string[] = [];
/** What reading the installations met: an installations.d file Flatpak would refuse, or, inside
 *  Confine's own Flatpak, an installation it cannot see (with the command that lets it). */
export const selectCatalogWarnings = (s: Store): readonly string[] => s.catalog?.warnings ?? NO_WARNINGS;

/** What the list narrows to besides the search: the apps that can do all of `wanted`. */
export interface CapabilityFilter {
  readonly wanted: readonly CapabilityId[];
  /** Each app's capabilities; an app missing here (its permissions unreadable) has none. */
  readonly of: Readonly<Record<string, readonly CapabilityId[]>>;
}

const NO_FILTER: CapabilityFilter = { wanted: [], of: {} };

/** Case-insensitive search over name and ID, narrowed by capability, sorted by name or with the
 *  most exposed first. */
export function filterApps(
  apps: readonly AppInfo[],
  query: string,
  sort: SortOrder = 'name',
  exposure: Readonly<Record<string, { score: number; escapes: number }>> = {},
  can: CapabilityFilter = NO_FILTER,
): AppInfo[] {
  const q = query.trim().toLowerCase();
  const matches = apps.filter(
    (a) =>
      (q === '' || a.name.toLowerCase().includes(q) || a.id.toLowerCase().includes(q)) &&
      (can.wanted.length === 0 || hasAll(can.of[a.id] ?? [], can.wanted)),
  );
  const byName = (a: AppInfo, b: AppInfo) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  // Ways out first, as the audit ranks them, then the score.
  const rank = (id: string) => exposure[id] ?? { score: 0, escapes: 0 };
  if (sort === 'exposure') return matches.sort((a, b) => compareExposure(rank(a.id), rank(b.id)) || byName(a, b));
  return matches.sort(byName);
}

export const selectSelectedApp = (s: Store): AppInfo | undefined =>
  s.selected?.kind === 'app' ? appIn(s.catalog?.apps, s.selected.appId) : undefined;
const appIn = (apps: readonly AppInfo[] | undefined, id: string) => apps?.find((a) => a.id === id);

/** What an override belongs to, in words: the app's name (its ID while the list lacks it), or
 *  "All applications" for the global override (null). */
export function targetName(s: Store, appId: string | null): string {
  if (appId === null) return t(COMMON.allApps);
  return appIn(s.catalog?.apps, appId)?.name ?? appId;
}
