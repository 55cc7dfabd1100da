// A context as plain JSON data and back, for the cache of parsed metadata: a deployed commit's
// metadata never changes, so a later run takes its context from the cache instead of reading
// and parsing the file (issue 19). Entries keep their order, which is the file's (the merge and
// `show` follow it). Reading back checks every field and gives undefined for anything that is
// not exactly what `contextRecord` writes: a damaged or hand-made cache entry is parsed anew.

import { BUS_POLICY_RANK, EMPTY_MAP, EMPTY_SET, type BusPolicy, type Context } from './context';
import { FS_MODE_RANK, type FsMode } from './filesystem';

type Entries<V> = [string, V][];

/** What `contextRecord` makes: arrays of entries, as compact as JSON allows. */
export interface ContextRecord {
  readonly shared: Entries<boolean>;
  readonly sockets: Entries<boolean>;
  readonly devices: Entries<boolean>;
  readonly features: Entries<boolean>;
  readonly filesystems: Entries<FsMode>;
  readonly persistent: string[];
  readonly env: Entries<string | null>;
  readonly session: Entries<BusPolicy>;
  readonly system: Entries<BusPolicy>;
  readonly policies: Entries<string[]>;
}

const entries = <V, W>(m: ReadonlyMap<string, V>, f: (v: V) => W): Entries<W> => {
  const out: Entries<W> = [];
  m.forEach((v, k) => out.push([k, f(v)]));
  return out;
};
const same = <V>(v: V): V => v;

export function contextRecord(c: Context): ContextRecord {
  return {
    shared: entries(c.flags.shared, same),
    sockets: entries(c.flags.sockets, same),
    devices: entries(c.flags.devices, same),
    features: entries(c.flags.features, same),
    filesystems: entries(c.filesystems, same),
    persistent: [...c.persistent],
    env: entries(c.env, same),
    session: entries(c.bus.session, same),
    system: entries(c.bus.system, same),
    policies: entries(c.policies, (v) => [...v]),
  };
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
// Own keys only: `toString` or `__proto__` is no mode or policy.
const isFsMode = (v: unknown): v is FsMode => isString(v) && Object.hasOwn(FS_MODE_RANK, v);
const isBusPolicy = (v: unknown): v is BusPolicy => isString(v) && Object.hasOwn(BUS_POLICY_RANK, v);
const isEnvValue = (v: unknown): v is string | null => v === null || isString(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

// Most fields of a context are empty (1156 of the 2000 of 200 apps of the bench): each read back
// as a map of its own was most of the maps a listing made, and of their garbage (issue 19).

/** The entries as a map, or undefined unless every one is a [name, value] pair with a good value
 *  and no name comes twice (which `contextRecord` never writes). */
function mapOf<V>(v: unknown, valid: (x: unknown) => x is V): ReadonlyMap<string, V> | undefined {
  if (!Array.isArray(v)) return undefined;
  if (v.length === 0) return EMPTY_MAP;
  const m = new Map<string, V>();
  // Indices, not for…of or destructuring: this runs for every app of a listing while still
  // cold, where each step of an iterator made a result object for the collector.
  for (let i = 0; i < v.length; i++) {
    const e: unknown = v[i];
    if (!Array.isArray(e) || e.length !== 2) return undefined;
    const k: unknown = e[0];
    const x: unknown = e[1];
    if (!isString(k) || !valid(x)) return undefined;
    m.set(k, x);
  }
  return m.size === v.length ? m : undefined;
}

/** The context a record holds, or undefined for anything `contextRecord` could not have made. */
export function contextFromRecord(v: unknown): Context | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const r = v as Record<string, unknown>;
  const shared = mapOf(r.shared, isBoolean);
  const sockets = mapOf(r.sockets, isBoolean);
  const devices = mapOf(r.devices, isBoolean);
  const features = mapOf(r.features, isBoolean);
  const filesystems = mapOf(r.filesystems, isFsMode);
  const env = mapOf(r.env, isEnvValue);
  const session = mapOf(r.session, isBusPolicy);
  const system = mapOf(r.system, isBusPolicy);
  const policies = mapOf(r.policies, isStringList);
  if (!isStringList(r.persistent)) return undefined;
  const persistent = r.persistent.length === 0 ? EMPTY_SET : new Set(r.persistent);
  if (
    !shared ||
    !sockets ||
    !devices ||
    !features ||
    !filesystems ||
    !env ||
    !session ||
    !system ||
    !policies ||
    persistent.size !== r.persistent.length
  )
    return undefined;
  return {
    flags: { shared, sockets, devices, features },
    filesystems,
    persistent,
    env,
    bus: { session, system },
    policies,
  };
}
