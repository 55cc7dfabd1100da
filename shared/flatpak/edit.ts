// Changes to one override layer. A change either sets an entry of the layer directly (the way
// `flatpak override` does) or asks for an effective value, in which case the entry is written
// only when the layers below do not already give that value, so the override holds nothing but
// the difference from them.

import { FLAG_KINDS, type FlagKind } from './catalogue';
import { emptyContext, takeFilesystem, type BusKind, type BusPolicy, type Context } from './context';
import type { FsMode } from './filesystem';
import { mergeContexts } from './merge';

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

function mutable(c: Context) {
  return {
    flags: {
      shared: new Map(c.flags.shared),
      sockets: new Map(c.flags.sockets),
      devices: new Map(c.flags.devices),
      features: new Map(c.flags.features),
    },
    filesystems: new Map(c.filesystems),
    persistent: new Set(c.persistent),
    env: new Map(c.env),
    bus: { session: new Map(c.bus.session), system: new Map(c.bus.system) },
    policies: new Map(c.policies),
  };
}

const setOrDelete = <K, V>(m: Map<K, V>, k: K, v: V | undefined) => (v === undefined ? m.delete(k) : m.set(k, v));

/** Sets (or removes) one entry of a layer, as the matching `flatpak override` flag would. */
export function applyChange(layer: Context, change: Change): Context {
  const c = mutable(layer);
  switch (change.kind) {
    case 'filesystems':
      if (change.value === undefined) c.filesystems.delete(change.path);
      else takeFilesystem(c.filesystems, change.path, change.value);
      // `!host:reset` always carries `!host` with it (Flatpak's take_filesystem).
      if (c.filesystems.has('host-reset') && !c.filesystems.has('host')) c.filesystems.set('host', 'none');
      break;
    case 'filesystem-reset':
      if (change.value) takeFilesystem(c.filesystems, 'host-reset', 'none');
      else c.filesystems.delete('host-reset');
      break;
    case 'persistent':
      if (change.value) c.persistent.add(change.path);
      else c.persistent.delete(change.path);
      break;
    case 'environment':
      setOrDelete(c.env, change.name, change.value);
      break;
    case 'bus':
      setOrDelete(c.bus[change.bus], change.name, change.value);
      break;
    default:
      setOrDelete(c.flags[change.kind], change.name, change.value);
  }
  return c;
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
 * Makes the effective value of one entry equal `change.value` with the smallest override:
 * the entry is dropped when the layers below already give that value, and written otherwise.
 * A change with value `undefined` simply returns the entry to its default.
 */
export function setEffective(below: Context, layer: Context, change: Change): Context {
  // A reset is an instruction about the layers below, not a value; it is taken as given.
  if (change.kind === 'filesystem-reset') return applyChange(layer, change);
  const without = applyChange(layer, { ...change, value: undefined });
  if (change.value === undefined) return without;
  if (valueOf(mergeContexts(below, without), change) === wantedValue(change)) return without;
  return applyChange(layer, change);
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
 * has the value last asked for. Returns to default and resets go first, so a later one cannot
 * undo a value asked for in the same batch; a reset revokes `host` where it stands, as in Flatpak.
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
  const structural = ordered.filter((c) => c.kind === 'filesystem-reset' || c.value === undefined);
  const valued = ordered.filter((c) => !structural.includes(c));
  return [...structural, ...valued].reduce((l, c) => setEffective(below, l, c), layer);
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
  const granted = <V extends string>(m: ReadonlyMap<string, V>) => new Map([...m].filter(([k, v]) => v !== 'none' && k !== 'host-reset')) as Map<string, Exclude<V, 'none'>>;
  return {
    flags: { shared: on(ctx.flags.shared), sockets: on(ctx.flags.sockets), devices: on(ctx.flags.devices), features: on(ctx.flags.features) },
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
    for (const name of new Set([...now.flags[kind], ...desired.flags[kind]])) changes.push({ kind, name, value: desired.flags[kind].has(name) });
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

/** The minimal user override that turns the layers below into the desired state. */
export function diffOverride(below: Context, desired: DesiredState): Context {
  return changesTo(below, desired).reduce((layer, change) => setEffective(below, layer, change), emptyContext());
}
