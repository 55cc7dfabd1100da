// Flatpak's FlatpakContext: the permissions one layer (metadata or an override file) grants or
// revokes, read from a keyfile exactly as flatpak_context_load_metadata does.

import { madeValid } from '../keyfile/bytes';
import { unescapedText } from '../keyfile/escape';
import { BUS_POLICIES, FLAG_KINDS, knownFlags, type FlagKind } from './catalogue';
import { checkBusName, checkPathCharacters, invalidBusName } from './grammar';
import { defineMessages, t } from '../i18n';
import { fsWarningText, isPlainPath, parseFilesystem, type FsMode } from './filesystem';
import { parseNegation } from './negation';
import type { KeyFile } from '../keyfile/keyfile';
import type { Version } from './version';

export type BusPolicy = 'none' | 'see' | 'talk' | 'own';
export const BUS_POLICY_RANK: Readonly<Record<BusPolicy, number>> = { none: 0, see: 1, talk: 2, own: 3 };
export type BusKind = 'session' | 'system';

export const GROUP = {
  context: 'Context',
  sessionBus: 'Session Bus Policy',
  systemBus: 'System Bus Policy',
  environment: 'Environment',
  policyPrefix: 'Policy ',
} as const;

export const KEY = {
  filesystems: 'filesystems',
  persistent: 'persistent',
  unsetEnvironment: 'unset-environment',
} as const;

export const BUS_GROUP: Readonly<Record<BusKind, string>> = { session: GROUP.sessionBus, system: GROUP.systemBus };

/**
 * One layer of permissions. Flags map a name to granted (true) or revoked (false); a name that
 * is absent is left to the layers below. Filesystem paths map to a mode, `none` revoking.
 */
export interface Context {
  readonly flags: Readonly<Record<FlagKind, ReadonlyMap<string, boolean>>>;
  readonly filesystems: ReadonlyMap<string, FsMode>;
  readonly persistent: ReadonlySet<string>;
  /** A value, or null for a variable removed from the environment. */
  readonly env: ReadonlyMap<string, string | null>;
  readonly bus: Readonly<Record<BusKind, ReadonlyMap<string, BusPolicy>>>;
  /** Generic `[Policy subsystem]` groups: `subsystem.key` → values, `!value` revoking. */
  readonly policies: ReadonlyMap<string, readonly string[]>;
}

const UNCHANGED = 'an empty map shared by many contexts is never changed';

/** A map that refuses to change: one empty map stands for many (EMPTY_MAP). */
class EmptyMap extends Map<string, never> {
  override set(): this {
    throw new TypeError(UNCHANGED);
  }
  override delete(): boolean {
    throw new TypeError(UNCHANGED);
  }
  override clear(): void {
    throw new TypeError(UNCHANGED);
  }
}
class EmptySet extends Set<never> {
  override add(): this {
    throw new TypeError(UNCHANGED);
  }
  override delete(): boolean {
    throw new TypeError(UNCHANGED);
  }
  override clear(): void {
    throw new TypeError(UNCHANGED);
  }
}

/**
 * One empty map (and set) for the empty fields of contexts read from the cache and of merges:
 * most fields are empty, and a listing made a map for each of them on every run (issue 19).
 * Writing to them throws, as a change would reach every context that shares them.
 */
export const EMPTY_MAP: ReadonlyMap<string, never> = new EmptyMap();
export const EMPTY_SET: ReadonlySet<never> = new EmptySet();

export function emptyContext(): Context {
  return {
    flags: { shared: new Map(), sockets: new Map(), devices: new Map(), features: new Map() },
    filesystems: new Map(),
    persistent: new Set(),
    env: new Map(),
    bus: { session: new Map(), system: new Map() },
    policies: new Map(),
  };
}

export function isEmptyContext(c: Context): boolean {
  return (
    FLAG_KINDS.every((k) => c.flags[k].size === 0) &&
    c.filesystems.size === 0 &&
    c.persistent.size === 0 &&
    c.env.size === 0 &&
    c.bus.session.size === 0 &&
    c.bus.system.size === 0 &&
    c.policies.size === 0
  );
}

/** Flatpak's apply_generic_policy: a value replaces its own earlier form (with or without `!`). */
export function applyGenericPolicy(values: readonly string[] | undefined, value: string): string[] {
  const bare = parseNegation(value).name;
  return [...(values ?? []).filter((old) => parseNegation(old).name !== bare), value];
}

/** Flatpak's take_filesystem: `!host:reset` also revokes `host`. */
export function takeFilesystem(map: Map<string, FsMode>, path: string, mode: FsMode): void {
  if (path === 'host-reset') map.set('host', 'none');
  map.set(path, mode);
}

export type LoadResult =
  | { readonly ok: true; readonly context: Context; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly message: string };

const POLICY_NAMES: ReadonlyMap<string, BusPolicy> = new Map(BUS_POLICIES.map((p) => [p.name, p.name]));

export function parsePolicy(value: string): BusPolicy | undefined {
  return POLICY_NAMES.get(value);
}

// GLib's words for a key it cannot read (flatpak prints them as they are), in the user's language.
const M = defineMessages({
  cannotInterpret: {
    id: 'error.keyfile.cannot-interpret',
    defaultMessage: 'Key file contains key “{key}” which has a value that cannot be interpreted.',
    description: 'GLib’s wording for a broken override file; key: a key of the file such as filesystems',
  },
  notUtf8: {
    id: 'error.keyfile.not-utf8',
    defaultMessage: 'Key file contains key “{key}” with value “{value}” which is not UTF-8',
    description: 'GLib’s wording for a broken override file; key: a key such as filesystems; value: its value',
  },
});

const cannotInterpret = (key: string) => t(M.cannotInterpret, { key });

/**
 * Reads a bus policy group into `into`, or says which name is invalid. Lines are read in file
 * order, so a large group needs no map of its keys. That gives GLib's reading (the last line of
 * a name wins) as long as every policy is one Flatpak knows; a name whose last policy is unknown
 * must be left out from where it first stood, so a group with any such line is read by key.
 */
function loadBusPolicies(file: KeyFile, group: string, into: Map<string, BusPolicy>): string | undefined {
  let bad: string | undefined;
  let unknownPolicy = false;
  file.eachEntry(group, (name, raw) => {
    if (bad || unknownPolicy) return;
    // The first bad line is the first bad name in order of first appearance, as by key.
    if (checkBusName(name)) bad = invalidBusName(name);
    const policy = parsePolicy(unescapedText(raw));
    if (policy) into.set(name, policy);
    else unknownPolicy = true;
  });
  if (bad || !unknownPolicy) return bad;
  into.clear();
  for (const name of file.keys(group)) {
    if (checkBusName(name)) return invalidBusName(name);
    const policy = parsePolicy(unescapedText(file.getRaw(group, name) ?? ''));
    if (policy) into.set(name, policy);
  }
  return undefined;
}

/** flatpak_context_load_metadata for one keyfile, as the given Flatpak version reads it. */
export function loadContext(file: KeyFile, version: Version): LoadResult {
  const warnings: string[] = [];
  const flags = {
    shared: new Map<string, boolean>(),
    sockets: new Map<string, boolean>(),
    devices: new Map<string, boolean>(),
    features: new Map<string, boolean>(),
  };
  const filesystems = new Map<string, FsMode>();
  const persistent = new Set<string>();
  const env = new Map<string, string | null>();
  const bus = { session: new Map<string, BusPolicy>(), system: new Map<string, BusPolicy>() };
  const policies = new Map<string, string[]>();

  const list = (key: string): readonly string[] | string | undefined => {
    const got = file.getStringList(GROUP.context, key);
    if (!got) return undefined;
    if (got.problem?.kind === 'not-utf8')
      return t(M.notUtf8, { key, value: madeValid(file.getRaw(GROUP.context, key) ?? '') });
    return got.problem ? cannotInterpret(key) : got.items;
  };

  for (const kind of FLAG_KINDS) {
    const items = list(kind);
    if (typeof items === 'string') return { ok: false, message: items };
    const known = new Set(knownFlags(kind, version));
    for (const item of items ?? []) {
      const { negated, name } = parseNegation(item);
      if (known.has(name)) flags[kind].set(name, !negated);
    }
  }

  const fsItems = list(KEY.filesystems);
  if (typeof fsItems === 'string') return { ok: false, message: fsItems };
  // An index rather than for…of: this loop runs once per path of a large override while still
  // cold, where each step of an iterator made a result object for the collector.
  const fsList = fsItems ?? [];
  for (let i = 0; i < fsList.length; i++) {
    const token = fsList[i] ?? '';
    // A plain path (most of a large list) is read without a result object made for it; it is
    // never `host-reset`, the one path takeFilesystem treats apart.
    const negated = token.charCodeAt(0) === 33;
    const name = negated ? token.slice(1) : token;
    if (isPlainPath(name)) {
      filesystems.set(name, negated ? 'none' : 'rw');
      continue;
    }
    const parsed = parseFilesystem(name, negated);
    if (!parsed.ok) {
      if (parsed.fatal) return { ok: false, message: parsed.message };
      continue;
    }
    if (parsed.warning) warnings.push(fsWarningText(parsed.warning));
    takeFilesystem(filesystems, parsed.path, parsed.mode);
  }

  const persistItems = list(KEY.persistent);
  if (typeof persistItems === 'string') return { ok: false, message: persistItems };
  for (const item of persistItems ?? []) {
    const bad = checkPathCharacters(item);
    if (bad) return { ok: false, message: bad };
    persistent.add(item);
  }

  for (const kind of ['session', 'system'] as const) {
    const bad = loadBusPolicies(file, BUS_GROUP[kind], bus[kind]);
    if (bad) return { ok: false, message: bad };
  }

  // Every line in file order, a later one for the same name winning: what GLib reads, in the
  // order of first appearance, without a map of the group's keys made first.
  file.eachEntry(GROUP.environment, (name, raw) => env.set(name, unescapedText(raw)));

  // unset-environment outranks [Environment], so a variable may be listed in both.
  const unsetItems = list(KEY.unsetEnvironment);
  if (typeof unsetItems === 'string') return { ok: false, message: unsetItems };
  for (const name of unsetItems ?? []) env.set(name, null);

  for (const group of file.groupNames()) {
    if (!group.startsWith(GROUP.policyPrefix)) continue;
    const subsystem = group.slice(GROUP.policyPrefix.length);
    for (const key of file.keys(group)) {
      const values = file.getStringList(group, key);
      if (!values || values.problem) continue;
      const policyKey = `${subsystem}.${key}`;
      for (const value of values.items) policies.set(policyKey, applyGenericPolicy(policies.get(policyKey), value));
    }
  }

  return { ok: true, context: { flags, filesystems, persistent, env, bus, policies }, warnings };
}

/** A canonical, order-free form of a context, for comparing two of them. */
export function canonicalContext(c: Context): string {
  const sorted = <V>(m: ReadonlyMap<string, V>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify({
    flags: FLAG_KINDS.map((k) => sorted(c.flags[k])),
    filesystems: sorted(c.filesystems),
    persistent: [...c.persistent].sort(),
    env: sorted(c.env),
    bus: [sorted(c.bus.session), sorted(c.bus.system)],
    policies: sorted(c.policies),
  });
}

/** Whether two maps hold the same keys with the same values (which are never undefined). */
export function sameEntries<V>(
  a: ReadonlyMap<string, V>,
  b: ReadonlyMap<string, V>,
  same: (x: V, y: V) => boolean = (x, y) => x === y,
): boolean {
  if (a.size !== b.size) return false;
  // forEach, which has no early exit, costs less than a cold for…of over a large map.
  let equal = true;
  a.forEach((v, k) => {
    const w = b.get(k);
    if (equal && (w === undefined || !same(v, w))) equal = false;
  });
  return equal;
}
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Whether two contexts hold the same entries; what canonicalContext compares, without sorting
 *  and printing both, which for a large override cost more than the edit itself. */
export function sameContext(a: Context, b: Context): boolean {
  return (
    FLAG_KINDS.every((k) => sameEntries(a.flags[k], b.flags[k])) &&
    sameEntries(a.filesystems, b.filesystems) &&
    a.persistent.size === b.persistent.size &&
    [...a.persistent].every((p) => b.persistent.has(p)) &&
    sameEntries(a.env, b.env) &&
    sameEntries(a.bus.session, b.bus.session) &&
    sameEntries(a.bus.system, b.bus.system) &&
    sameEntries(a.policies, b.policies, sameList)
  );
}
