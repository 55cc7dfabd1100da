// Changes to one override layer. A change either sets an entry of the layer directly (the way
// `flatpak override` does) or asks for an effective value. A grant the layers below already give
// is left out, so the override holds no copy of them; a revoke is always written, as Flatpak
// writes it, because it is the user's word that the app must not have the permission even when
// an update makes it ask (a `!network` the layers below do not need yet is what keeps it).

import { FLAG_KINDS, type FlagKind } from './catalogue';
import { emptyContext, takeFilesystem, type BusKind, type BusPolicy, type Context } from './context';
import type { FsMode } from './filesystem';

/** One entry of a layer; `undefined` as value means "no entry": back to what the layers below say. */
export type Change =
  | { readonly kind: FlagKind; readonly name: string; readonly value: boolean | undefined }
  | { readonly kind: 'filesystems'; readonly path: string; readonly value: FsMode | undefined }
  | { readonly kind: 'filesystem-reset'; readonly value: true | undefined }
  | { readonly kind: 'persistent'; readonly path: string; readonly value: true | undefined }
  | { readonly kind: 'environment'; readonly name: string; readonly value: string | null | undefined }
  | { readonly kind: 'bus'; readonly bus: BusKind; readonly name: string; readonly value: BusPolicy | undefined };

export function isFlagKind(kind: string): kind is FlagKind {
  return (FLAG_KINDS as readonly string[]).includes(kind);
}

/**
 * A layer being changed. Each of its maps is copied the first time a change writes to it, and
 * one working layer takes a whole batch of changes: copying every map of a large override for
 * every change made a batch cost the override's size times the number of changes.
 */
class WorkingLayer {
  private readonly owned = new Set<object>();
  private current: Context;

  constructor(c: Context) {
    this.current = {
      flags: c.flags,
      filesystems: c.filesystems,
      persistent: c.persistent,
      env: c.env,
      bus: c.bus,
      policies: c.policies,
    };
  }

  get context(): Context {
    return this.current;
  }

  flags(kind: FlagKind): Map<string, boolean> {
    return this.own(this.current.flags[kind], (m) => ({
      ...this.current,
      flags: { ...this.current.flags, [kind]: m },
    }));
  }

  filesystems(): Map<string, FsMode> {
    return this.own(this.current.filesystems, (filesystems) => ({ ...this.current, filesystems }));
  }

  env(): Map<string, string | null> {
    return this.own(this.current.env, (env) => ({ ...this.current, env }));
  }

  bus(kind: BusKind): Map<string, BusPolicy> {
    return this.own(this.current.bus[kind], (m) => ({ ...this.current, bus: { ...this.current.bus, [kind]: m } }));
  }

  persistent(): Set<string> {
    const now = this.current.persistent;
    if (now instanceof Set && this.owned.has(now)) return now as Set<string>;
    const copy = new Set<string>();
    now.forEach((p: string) => copy.add(p));
    this.owned.add(copy);
    this.current = { ...this.current, persistent: copy };
    return copy;
  }

  private own<V>(m: ReadonlyMap<string, V>, put: (copy: Map<string, V>) => Context): Map<string, V> {
    if (m instanceof Map && this.owned.has(m)) return m as Map<string, V>;
    // Copied by forEach: the constructor walks an iterator, which made an entry array for each
    // of a large override's entries and cost a quarter more.
    const copy = new Map<string, V>();
    m.forEach((v, k) => copy.set(k, v));
    this.owned.add(copy);
    this.current = put(copy);
    return copy;
  }
}

const setOrDelete = <K, V>(m: Map<K, V>, k: K, v: V | undefined) => (v === undefined ? m.delete(k) : m.set(k, v));

/** Sets (or removes) one entry of a layer, as the matching `flatpak override` flag would. */
export function applyChange(layer: Context, change: Change): Context {
  const w = new WorkingLayer(layer);
  applyChangeIn(w, change);
  return w.context;
}

function applyChangeIn(w: WorkingLayer, change: Change): void {
  switch (change.kind) {
    case 'filesystems': {
      const fs = w.filesystems();
      if (change.value === undefined) fs.delete(change.path);
      else takeFilesystem(fs, change.path, change.value);
      // `!host:reset` always carries `!host` with it (Flatpak's take_filesystem).
      if (fs.has('host-reset') && !fs.has('host')) fs.set('host', 'none');
      break;
    }
    case 'filesystem-reset':
      if (change.value) takeFilesystem(w.filesystems(), 'host-reset', 'none');
      else w.filesystems().delete('host-reset');
      break;
    case 'persistent':
      if (change.value) w.persistent().add(change.path);
      else w.persistent().delete(change.path);
      break;
    case 'environment':
      setOrDelete(w.env(), change.name, change.value);
      break;
    case 'bus':
      setOrDelete(w.bus(change.bus), change.name, change.value);
      break;
    default:
      setOrDelete(w.flags(change.kind), change.name, change.value);
  }
}

/** What a context says for the entry a change is about (flattened: absent reads as off). */
function valueOf(ctx: Context, change: Exclude<Change, { kind: 'filesystem-reset' }>): unknown {
  switch (change.kind) {
    case 'filesystems':
      return ctx.filesystems.get(change.path) ?? 'none';
    case 'persistent':
      return ctx.persistent.has(change.path) || undefined;
    case 'environment':
      return ctx.env.has(change.name) ? ctx.env.get(change.name) : undefined;
    case 'bus':
      return ctx.bus[change.bus].get(change.name) ?? 'none';
    default:
      return ctx.flags[change.kind].get(change.name) ?? false;
  }
}

function wantedValue(change: Exclude<Change, { kind: 'filesystem-reset' }>): unknown {
  if (change.kind === 'filesystems') return change.value ?? 'none';
  if (change.kind === 'bus') return change.value ?? 'none';
  if (isFlagKind(change.kind)) return change.value ?? false;
  return change.value;
}

/**
 * Whether a change takes a permission away: `--unshare`, `--nosocket`, `--nodevice`,
 * `--disallow`, `--nofilesystem`, `--no-talk-name` and `--unset-env`. A reset of the file
 * access below is an instruction of its own and is taken as given anyway.
 */
export function isRevoke(change: Change): boolean {
  switch (change.kind) {
    case 'filesystems':
    case 'bus':
      return change.value === 'none';
    case 'environment':
      return change.value === null;
    case 'persistent':
    case 'filesystem-reset':
      return false;
    default:
      return change.value === false;
  }
}

/**
 * Makes the effective value of one entry equal `change.value`. A grant is dropped when the
 * layers below already give it; a revoke is written even then, so it holds when an update of
 * the app asks for the permission. A change with value `undefined` returns the entry to its
 * default: that is how a revoke is forgotten.
 */
export function setEffective(below: Context, layer: Context, change: Change): Context {
  const w = new WorkingLayer(layer);
  setEffectiveIn(below, w, change, true);
  return w.context;
}

/** What the layers below give for the entry once the layer holds none for it. */
function valueWithoutEntry(
  below: Context,
  layer: Context,
  change: Exclude<Change, { kind: 'filesystem-reset' }>,
): unknown {
  // A reset in the layer hides every path below it; `host` even stays revoked by it.
  if (change.kind === 'filesystems' && change.path !== 'host-reset' && layer.filesystems.has('host-reset'))
    return 'none';
  return valueOf(below, change);
}

function setEffectiveIn(below: Context, w: WorkingLayer, change: Change, keepRevokes: boolean): void {
  // A reset is an instruction about the layers below, not a value; it is taken as given.
  if (change.kind === 'filesystem-reset') return applyChangeIn(w, change);
  if (keepRevokes && isRevoke(change)) return applyChangeIn(w, change);
  const enough = change.value === undefined || valueWithoutEntry(below, w.context, change) === wantedValue(change);
  applyChangeIn(w, enough ? { ...change, value: undefined } : change);
}

/** Which entry a change is about, so later changes to the same entry replace earlier ones. */
export function changeKey(c: Change): string {
  switch (c.kind) {
    case 'filesystems':
    case 'persistent':
      return `${c.kind}:${c.path}`;
    case 'filesystem-reset':
      return c.kind;
    case 'bus':
      return `bus:${c.bus}:${c.name}`;
    default:
      return `${c.kind}:${c.name}`;
  }
}

/**
 * Applies several changes to the user's override of an app so that, in the end, every entry
 * has the value last asked for, each revoke written (see setEffective). Returns to default and
 * resets go first, so a later one cannot undo a value asked for in the same batch; a reset
 * revokes `host` where it stands, as in Flatpak.
 */
export function applyEffectiveChanges(below: Context, layer: Context, changes: readonly Change[]): Context {
  const last = new Map<string, Change>();
  for (const c of changes) {
    last.delete(changeKey(c));
    last.set(changeKey(c), c);
    if (c.kind === 'filesystem-reset' && c.value) {
      last.delete('filesystems:host');
      last.set('filesystems:host', { kind: 'filesystems', path: 'host', value: 'none' });
    }
  }
  const ordered = [...last.values()];
  const isStructural = (c: Change) => c.kind === 'filesystem-reset' || c.value === undefined;
  const w = new WorkingLayer(layer);
  for (const c of [...ordered.filter(isStructural), ...ordered.filter((c) => !isStructural(c))])
    setEffectiveIn(below, w, c, true);
  return w.context;
}

/** The flattened state a user wants for an app: what `--show-permissions` would print. */
export interface DesiredState {
  readonly flags: Readonly<Record<FlagKind, ReadonlySet<string>>>;
  readonly filesystems: ReadonlyMap<string, Exclude<FsMode, 'none'>>;
  readonly persistent: ReadonlySet<string>;
  readonly env: ReadonlyMap<string, string | null>;
  readonly bus: Readonly<Record<BusKind, ReadonlyMap<string, Exclude<BusPolicy, 'none'>>>>;
}

/** The state a context grants, flattened. */
export function desiredStateOf(ctx: Context): DesiredState {
  const on = (m: ReadonlyMap<string, boolean>) => new Set([...m].filter(([, v]) => v).map(([k]) => k));
  const granted = <V extends string>(m: ReadonlyMap<string, V>) =>
    new Map([...m].filter(([k, v]) => v !== 'none' && k !== 'host-reset')) as Map<string, Exclude<V, 'none'>>;
  return {
    flags: {
      shared: on(ctx.flags.shared),
      sockets: on(ctx.flags.sockets),
      devices: on(ctx.flags.devices),
      features: on(ctx.flags.features),
    },
    filesystems: granted(ctx.filesystems),
    persistent: new Set(ctx.persistent),
    env: new Map(ctx.env),
    bus: { session: granted(ctx.bus.session), system: granted(ctx.bus.system) },
  };
}

/** Every change that moves the effective state of `below` to `desired`. */
export function changesTo(below: Context, desired: DesiredState): Change[] {
  const now = desiredStateOf(below);
  const changes: Change[] = [];
  for (const kind of FLAG_KINDS) {
    for (const name of new Set([...now.flags[kind], ...desired.flags[kind]]))
      changes.push({ kind, name, value: desired.flags[kind].has(name) });
  }
  for (const path of new Set([...now.filesystems.keys(), ...desired.filesystems.keys()])) {
    changes.push({ kind: 'filesystems', path, value: desired.filesystems.get(path) ?? 'none' });
  }
  for (const path of desired.persistent) changes.push({ kind: 'persistent', path, value: true });
  for (const [name, value] of desired.env) changes.push({ kind: 'environment', name, value });
  for (const bus of ['session', 'system'] as const) {
    for (const name of new Set([...now.bus[bus].keys(), ...desired.bus[bus].keys()])) {
      changes.push({ kind: 'bus', bus, name, value: desired.bus[bus].get(name) ?? 'none' });
    }
  }
  return changes;
}

/**
 * The minimal user override that turns the layers below into the desired state. A state says
 * what an app has, not what the user refused, so here a revoke the layers below do not need
 * is left out too.
 */
export function diffOverride(below: Context, desired: DesiredState): Context {
  const w = new WorkingLayer(emptyContext());
  for (const change of changesTo(below, desired)) setEffectiveIn(below, w, change, false);
  return w.context;
}
