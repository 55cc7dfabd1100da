// Layering exactly as Flatpak computes an app's permissions (flatpak_context_merge): the app's
// metadata, then for system-installed apps the system `global` and per-app overrides, then the
// user's `global` and per-app overrides. A later layer wins per entry; every effective entry
// remembers the layer it came from.

import { defineMessages } from '../i18n';
import { FLAG_KINDS, worded, type FlagKind } from './catalogue';
import { applyGenericPolicy, emptyContext, type BusKind, type BusPolicy, type Context } from './context';
import type { FsMode } from './filesystem';

export const LAYER_IDS = ['app', 'system-global', 'system-app', 'user-global', 'user-app'] as const;
export type LayerId = (typeof LAYER_IDS)[number];

const LAYER = defineMessages({
  app: {
    id: 'permission.layer.app',
    defaultMessage: 'App default',
    description: 'Where an entry comes from: the app’s own metadata',
  },
  systemGlobal: {
    id: 'permission.layer.system-global',
    defaultMessage: 'System-wide (all apps)',
    description: 'Where an entry comes from: the system installation’s override for all apps',
  },
  systemApp: {
    id: 'permission.layer.system-app',
    defaultMessage: 'System override',
    description: 'Where an entry comes from: the system installation’s override of this app',
  },
  userGlobal: {
    id: 'permission.layer.user-global',
    defaultMessage: 'Global override',
    description: 'Where an entry comes from: the user’s override for all apps',
  },
  userApp: {
    id: 'permission.layer.user-app',
    defaultMessage: 'This app’s override',
    description: 'Where an entry comes from: the user’s override of this app',
  },
});

export const LAYER_LABELS: Readonly<Record<LayerId, string>> = worded(
  {},
  {
    app: LAYER.app,
    'system-global': LAYER.systemGlobal,
    'system-app': LAYER.systemApp,
    'user-global': LAYER.userGlobal,
    'user-app': LAYER.userApp,
  },
);

export interface Layer {
  readonly id: LayerId;
  readonly context: Context;
}

export interface Sourced<T> {
  readonly value: T;
  readonly source: LayerId;
  /**
   * A denial (a flag off, `!path`, a bus name's `none`) although no layer below grants the
   * entry: it asks for nothing now and holds when an update of the app asks.
   */
  readonly unasked?: true;
}

export interface Effective {
  readonly flags: Readonly<Record<FlagKind, ReadonlyMap<string, Sourced<boolean>>>>;
  readonly filesystems: ReadonlyMap<string, Sourced<FsMode>>;
  /** Persistent paths are only ever added; the source is the lowest layer that lists one. */
  readonly persistent: ReadonlyMap<string, LayerId>;
  readonly env: ReadonlyMap<string, Sourced<string | null>>;
  readonly bus: Readonly<Record<BusKind, ReadonlyMap<string, Sourced<BusPolicy>>>>;
  readonly policies: ReadonlyMap<string, Sourced<readonly string[]>>;
  /** The last layer whose `!host:reset` dropped the file access granted below it. */
  readonly filesystemReset?: LayerId;
  /**
   * File access a `!host:reset` took away and no layer from there on gave back: the path, the
   * access it had and the layer that granted it. `host` stays here when the resetting layer's
   * `!host` is the one that reset implies.
   */
  readonly removedByReset?: ReadonlyMap<string, RemovedFilesystem>;
}

export interface RemovedFilesystem {
  readonly mode: FsMode;
  /** The layer that granted the access. */
  readonly source: LayerId;
  /** The layer whose reset removed it. */
  readonly removedBy: LayerId;
}

// Flags, filesystem modes and bus policies have a few values each, so their sourced values are
// made once per value and layer and shared (they are read-only): one object per entry made
// every view of a large override that much slower.
const shared = new Map<LayerId, Map<boolean | string, Sourced<boolean | string>>>();
const sharedUnasked = new Map<LayerId, Map<boolean | string, Sourced<boolean | string>>>();
const isDenial = (value: boolean | string) => value === false || value === 'none';

/**
 * The sourced value an entry of this layer gets, given what the layers below gave it (`before`):
 * a denial of something nothing below grants is marked as unasked.
 */
function sourcedIn(
  source: LayerId,
): <T extends boolean | string>(value: T, before: Sourced<T> | undefined, canStand?: boolean) => Sourced<T> {
  const tableOf = (all: typeof shared) => {
    let byValue = all.get(source);
    if (!byValue) all.set(source, (byValue = new Map<boolean | string, Sourced<boolean | string>>()));
    return byValue;
  };
  const table = tableOf(shared);
  const unasked = tableOf(sharedUnasked);
  // The app's own denials are its own business, not a word of the user's kept for later.
  const overrides = source !== 'app';
  return <T extends boolean | string>(value: T, before: Sourced<T> | undefined, canStand = true) => {
    const standing = overrides && canStand && isDenial(value) && (before === undefined || isDenial(before.value));
    const t = standing ? unasked : table;
    let s = t.get(value);
    if (!s) t.set(value, (s = standing ? { value, source, unasked: true } : { value, source }));
    return s as Sourced<T>;
  };
}

export function mergeLayers(layers: readonly Layer[]): Effective {
  const flags = { shared: new Map(), sockets: new Map(), devices: new Map(), features: new Map() } as Record<
    FlagKind,
    Map<string, Sourced<boolean>>
  >;
  const filesystems = new Map<string, Sourced<FsMode>>();
  const persistent = new Map<string, LayerId>();
  const env = new Map<string, Sourced<string | null>>();
  const bus = { session: new Map<string, Sourced<BusPolicy>>(), system: new Map<string, Sourced<BusPolicy>>() };
  const policies = new Map<string, Sourced<readonly string[]>>();
  let filesystemReset: LayerId | undefined;
  let removed: Map<string, RemovedFilesystem> | undefined;

  // forEach and indices rather than for…of: a run over a large override, and the merge of each
  // of a listing's apps, is mostly cold code, where each step of an iterator made an entry array
  // and a result object for the collector.
  for (let l = 0; l < layers.length; l++) {
    const { id: source, context } = layers[l] as Layer;
    const sourced = sourcedIn(source);
    for (let k = 0; k < FLAG_KINDS.length; k++) {
      const kind = FLAG_KINDS[k] as FlagKind;
      const m = flags[kind];
      context.flags[kind].forEach((value, name) => m.set(name, sourced(value, m.get(name))));
    }
    const resets = context.filesystems.has('host-reset');
    if (resets) {
      // Only grants count as removed: a `!path` below took nothing the reset could take away.
      filesystems.forEach((s, path) => {
        if (s.value !== 'none')
          (removed ??= new Map()).set(path, { mode: s.value, source: s.source, removedBy: source });
      });
      filesystems.clear();
      filesystemReset = source;
    }
    context.filesystems.forEach((value, path) => {
      // The `!host` a reset implies does not give host back, and is no denial of its own (it
      // goes with the reset); any other entry of this or a later layer decides that path anew.
      const implied = resets && path === 'host' && value === 'none';
      filesystems.set(path, sourced(value, filesystems.get(path), !implied));
      if (!implied) removed?.delete(path);
    });
    context.persistent.forEach((path) => {
      if (!persistent.has(path)) persistent.set(path, source);
    });
    context.env.forEach((value, name) => env.set(name, { value, source }));
    context.bus.session.forEach((value, name) => bus.session.set(name, sourced(value, bus.session.get(name))));
    context.bus.system.forEach((value, name) => bus.system.set(name, sourced(value, bus.system.get(name))));
    context.policies.forEach((values, key) => {
      let merged = policies.get(key)?.value;
      for (const v of values) merged = applyGenericPolicy(merged, v);
      policies.set(key, { value: merged ?? [], source });
    });
  }
  const base = { flags, filesystems, persistent, env, bus, policies };
  if (!filesystemReset) return base;
  return removed?.size ? { ...base, filesystemReset, removedByReset: removed } : { ...base, filesystemReset };
}

const values = <K, V>(m: ReadonlyMap<K, Sourced<V>>): Map<K, V> => {
  // A loop, not a map over a spread: that made two arrays per entry, which for a large
  // override was much of the cost of showing it.
  const out = new Map<K, V>();
  m.forEach((s, k) => out.set(k, s.value));
  return out;
};

/** The merged layers as one plain context, as Flatpak holds it before printing. */
export function effectiveContext(e: Effective): Context {
  return {
    flags: {
      shared: values(e.flags.shared),
      sockets: values(e.flags.sockets),
      devices: values(e.flags.devices),
      features: values(e.flags.features),
    },
    filesystems: values(e.filesystems),
    persistent: new Set(e.persistent.keys()),
    env: values(e.env),
    bus: { session: values(e.bus.session), system: values(e.bus.system) },
    policies: values(e.policies),
  };
}

/** Merges plain contexts (lowest first) into one. */
export function mergeContexts(...contexts: readonly Context[]): Context {
  if (contexts.length === 0) return emptyContext();
  return effectiveContext(mergeLayers(contexts.map((context) => ({ id: 'app', context }))));
}
