// Layering exactly as Flatpak computes an app's permissions (flatpak_context_merge): the app's
// metadata, then for system-installed apps the system `global` and per-app overrides, then the
// user's `global` and per-app overrides. A later layer wins per entry; every effective entry
// remembers the layer it came from.

import { defineMessages } from '../i18n';
import { FLAG_KINDS, worded, type FlagKind } from './catalogue';
import { applyGenericPolicy, EMPTY_MAP, emptyContext, type BusKind, type BusPolicy, type Context } from './context';
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

type Sourcer = ReturnType<typeof sourcedIn>;
/** sourcedIn's function for each layer, made once: a listing merges two layers for each app. */
const sourcers = new Map<LayerId, Sourcer>();
const sourcerOf = (source: LayerId): Sourcer => {
  let s = sourcers.get(source);
  if (!s) sourcers.set(source, (s = sourcedIn(source)));
  return s;
};

export function mergeLayers(layers: readonly Layer[]): Effective {
  // Each map is made when a layer first puts an entry in it; a field no layer fills is the one
  // shared EMPTY_MAP. Most fields of most apps are empty: a map each was a fifth of what a
  // listing allocated in the merge (issue 19).
  const flags: Partial<Record<FlagKind, Map<string, Sourced<boolean>>>> = {};
  let filesystems: Map<string, Sourced<FsMode>> | undefined;
  let persistent: Map<string, LayerId> | undefined;
  let env: Map<string, Sourced<string | null>> | undefined;
  let session: Map<string, Sourced<BusPolicy>> | undefined;
  let system: Map<string, Sourced<BusPolicy>> | undefined;
  let policies: Map<string, Sourced<readonly string[]>> | undefined;
  let filesystemReset: LayerId | undefined;
  let removed: Map<string, RemovedFilesystem> | undefined;

  // forEach and indices rather than for…of: a run over a large override, and the merge of each
  // of a listing's apps, is mostly cold code, where each step of an iterator made an entry array
  // and a result object for the collector. An empty field of a layer is skipped, callback and all.
  for (let l = 0; l < layers.length; l++) {
    const { id: source, context } = layers[l] as Layer;
    const sourced = sourcerOf(source);
    for (let k = 0; k < FLAG_KINDS.length; k++) {
      const kind = FLAG_KINDS[k] as FlagKind;
      const from = context.flags[kind];
      if (from.size === 0) continue;
      const m = (flags[kind] ??= new Map<string, Sourced<boolean>>());
      from.forEach((value, name) => m.set(name, sourced(value, m.get(name))));
    }
    const resets = context.filesystems.has('host-reset');
    if (resets) {
      // Only grants count as removed: a `!path` below took nothing the reset could take away.
      filesystems?.forEach((s, path) => {
        if (s.value !== 'none')
          (removed ??= new Map()).set(path, { mode: s.value, source: s.source, removedBy: source });
      });
      filesystems?.clear();
      filesystemReset = source;
    }
    if (context.filesystems.size > 0) {
      const fs = (filesystems ??= new Map<string, Sourced<FsMode>>());
      context.filesystems.forEach((value, path) => {
        // The `!host` a reset implies does not give host back, and is no denial of its own (it
        // goes with the reset); any other entry of this or a later layer decides that path anew.
        const implied = resets && path === 'host' && value === 'none';
        fs.set(path, sourced(value, fs.get(path), !implied));
        if (!implied) removed?.delete(path);
      });
    }
    if (context.persistent.size > 0) {
      const p = (persistent ??= new Map<string, LayerId>());
      context.persistent.forEach((path) => {
        if (!p.has(path)) p.set(path, source);
      });
    }
    if (context.env.size > 0) {
      const e = (env ??= new Map<string, Sourced<string | null>>());
      context.env.forEach((value, name) => e.set(name, { value, source }));
    }
    if (context.bus.session.size > 0) {
      const b = (session ??= new Map<string, Sourced<BusPolicy>>());
      context.bus.session.forEach((value, name) => b.set(name, sourced(value, b.get(name))));
    }
    if (context.bus.system.size > 0) {
      const b = (system ??= new Map<string, Sourced<BusPolicy>>());
      context.bus.system.forEach((value, name) => b.set(name, sourced(value, b.get(name))));
    }
    if (context.policies.size > 0) {
      const p = (policies ??= new Map<string, Sourced<readonly string[]>>());
      context.policies.forEach((values, key) => {
        let merged = p.get(key)?.value;
        for (const v of values) merged = applyGenericPolicy(merged, v);
        p.set(key, { value: merged ?? [], source });
      });
    }
  }
  const base = {
    flags: {
      shared: flags.shared ?? EMPTY_MAP,
      sockets: flags.sockets ?? EMPTY_MAP,
      devices: flags.devices ?? EMPTY_MAP,
      features: flags.features ?? EMPTY_MAP,
    },
    filesystems: filesystems ?? EMPTY_MAP,
    persistent: persistent ?? EMPTY_MAP,
    env: env ?? EMPTY_MAP,
    bus: { session: session ?? EMPTY_MAP, system: system ?? EMPTY_MAP },
    policies: policies ?? EMPTY_MAP,
  };
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
