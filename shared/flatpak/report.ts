// Effective permissions as plain JSON data: every entry with its value and the layer it came
// from. Revocations are listed too, so a reader sees what an override took away.

import type { BusPolicy } from './context';
import type { FsMode } from './filesystem';
import type { Effective, LayerId, RemovedFilesystem, Sourced } from './merge';

export interface FlagEntry {
  readonly name: string;
  readonly allowed: boolean;
  readonly source: LayerId;
  /** Denied although no layer below grants it: it holds when an update of the app asks. */
  readonly unasked?: true;
}

export interface EffectiveReport {
  readonly shared: readonly FlagEntry[];
  readonly sockets: readonly FlagEntry[];
  readonly devices: readonly FlagEntry[];
  readonly features: readonly FlagEntry[];
  readonly filesystems: readonly {
    readonly path: string;
    readonly mode: FsMode;
    readonly source: LayerId;
    readonly unasked?: true;
  }[];
  readonly filesystemReset?: LayerId;
  /** File access a `!host:reset` removed, by path, sorted. */
  readonly removedByReset?: readonly ({ readonly path: string } & RemovedFilesystem)[];
  readonly persistent: readonly { readonly path: string; readonly source: LayerId }[];
  readonly environment: readonly { readonly name: string; readonly value: string | null; readonly source: LayerId }[];
  readonly sessionBus: readonly BusEntry[];
  readonly systemBus: readonly BusEntry[];
  readonly policies: readonly { readonly key: string; readonly values: readonly string[]; readonly source: LayerId }[];
}

export interface BusEntry {
  readonly name: string;
  readonly policy: BusPolicy;
  readonly source: LayerId;
  readonly unasked?: true;
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const byPath = <T extends { path: string }>(a: T, b: T) => (a.path < b.path ? -1 : 1);

/** The entries of a map as report rows, sorted. Pushed from forEach rather than mapped over a
 *  spread: a listing makes these for every app, and the spread's pair arrays and the merged-in
 *  marks were most of what it allocated. A standing denial's mark is present only where it is
 *  one (the JSON stays as it was elsewhere). */
function rows<K, V, R>(m: ReadonlyMap<K, V>, row: (value: V, key: K) => R | undefined, order: (a: R, b: R) => number) {
  const out: R[] = [];
  // Most fields are empty (about 1000 of the 2000 of a 200-app listing): no callback for them.
  if (m.size === 0) return out;
  m.forEach((v, k) => {
    const r = row(v, k);
    if (r !== undefined) out.push(r);
  });
  return sortFew(out, order);
}

/** At most this many rows are sorted by insertion here; a listing's fields have mostly 0 to 3. */
const FEW = 8;

/**
 * Sorts in place, as Array.prototype.sort would (stable, so the same order): that sort sets up
 * a work state of ~0.8 kB on each call, even for two rows, and a listing of 200 apps called it
 * some 450 times (issue 19). Insertion over a few rows makes nothing.
 */
function sortFew<R>(rows: R[], order: (a: R, b: R) => number): R[] {
  if (rows.length > FEW) return rows.sort(order);
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i] as R;
    let j = i - 1;
    for (; j >= 0 && order(rows[j] as R, row) > 0; j--) rows[j + 1] = rows[j] as R;
    rows[j + 1] = row;
  }
  return rows;
}

const flagEntry = (s: Sourced<boolean>, name: string): FlagEntry =>
  s.unasked
    ? { name, allowed: s.value, source: s.source, unasked: true }
    : { name, allowed: s.value, source: s.source };

const busEntry = (s: Sourced<BusPolicy>, name: string): BusEntry =>
  s.unasked ? { name, policy: s.value, source: s.source, unasked: true } : { name, policy: s.value, source: s.source };

export function effectiveReport(e: Effective): EffectiveReport {
  const report: EffectiveReport = {
    shared: rows(e.flags.shared, flagEntry, byName),
    sockets: rows(e.flags.sockets, flagEntry, byName),
    devices: rows(e.flags.devices, flagEntry, byName),
    features: rows(e.flags.features, flagEntry, byName),
    filesystems: rows(
      e.filesystems,
      (s, path) =>
        path === 'host-reset'
          ? undefined
          : s.unasked
            ? { path, mode: s.value, source: s.source, unasked: true as const }
            : { path, mode: s.value, source: s.source },
      byPath,
    ),
    persistent: rows(e.persistent, (source, path) => ({ path, source }), byPath),
    environment: rows(e.env, (s, name) => ({ name, value: s.value, source: s.source }), byName),
    sessionBus: rows(e.bus.session, busEntry, byName),
    systemBus: rows(e.bus.system, busEntry, byName),
    policies: rows(
      e.policies,
      (s, key) => ({ key, values: s.value, source: s.source }),
      (a, b) => (a.key < b.key ? -1 : 1),
    ),
  };
  if (!e.filesystemReset) return report;
  const removed = e.removedByReset ? [...e.removedByReset].map(([path, r]) => ({ path, ...r })).sort(byPath) : [];
  return removed.length
    ? { ...report, filesystemReset: e.filesystemReset, removedByReset: removed }
    : { ...report, filesystemReset: e.filesystemReset };
}
