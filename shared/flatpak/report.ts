// Effective permissions as plain JSON data: every entry with its value and the layer it came
// from. Revocations are listed too, so a reader sees what an override took away.

import type { FlagKind } from './catalogue';
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

/** The mark of a standing denial, present only where it is one (the JSON stays as it was elsewhere). */
const unasked = (s: Sourced<unknown>) => (s.unasked ? { unasked: true as const } : {});

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

const busEntry = (name: string, s: Sourced<BusPolicy>): BusEntry => ({
  name,
  policy: s.value,
  source: s.source,
  ...unasked(s),
});

export function effectiveReport(e: Effective): EffectiveReport {
  const flags = (kind: FlagKind) =>
    [...e.flags[kind]].map(([name, s]) => ({ name, allowed: s.value, source: s.source, ...unasked(s) })).sort(byName);
  const report: EffectiveReport = {
    shared: flags('shared'),
    sockets: flags('sockets'),
    devices: flags('devices'),
    features: flags('features'),
    filesystems: [...e.filesystems]
      .filter(([path]) => path !== 'host-reset')
      .map(([path, s]) => ({ path, mode: s.value, source: s.source, ...unasked(s) }))
      .sort((a, b) => (a.path < b.path ? -1 : 1)),
    persistent: [...e.persistent]
      .map(([path, source]) => ({ path, source }))
      .sort((a, b) => (a.path < b.path ? -1 : 1)),
    environment: [...e.env].map(([name, s]) => ({ name, value: s.value, source: s.source })).sort(byName),
    sessionBus: [...e.bus.session].map(([name, s]) => busEntry(name, s)).sort(byName),
    systemBus: [...e.bus.system].map(([name, s]) => busEntry(name, s)).sort(byName),
    policies: [...e.policies]
      .map(([key, s]) => ({ key, values: s.value, source: s.source }))
      .sort((a, b) => (a.key < b.key ? -1 : 1)),
  };
  if (!e.filesystemReset) return report;
  const removed = e.removedByReset
    ? [...e.removedByReset].map(([path, r]) => ({ path, ...r })).sort((a, b) => (a.path < b.path ? -1 : 1))
    : [];
  return removed.length
    ? { ...report, filesystemReset: e.filesystemReset, removedByReset: removed }
    : { ...report, filesystemReset: e.filesystemReset };
}
