import type { StateCreator } from 'zustand';
import type { Response } from '../../../shared/ipc/contract';
import { call } from '../api';
import type { Store } from './index';
import { latestRead } from './latest';
import { IDLE, settled, started, type Loading } from './loading';

export type Catalog = Response<'catalog:list'> & Response<'catalog:marks'>;
export type CatalogPatch = Response<'catalog:apps'>;

/** The marks of a catalogue whose apps are listed before their audits are done. */
const NO_MARKS: Response<'catalog:marks'> = { errors: {}, exposure: {}, capabilities: {}, changed: [] };

export interface CatalogSlice {
  catalog: Catalog | null;
  /** The catalogue holds the apps alone so far: their errors, exposure, capabilities and
   *  changes are still being read (all empty until then). */
  catalogListedOnly: boolean;
  catalogLoad: Loading;
  loadCatalog: () => Promise<void>;
  /** Reads again only these apps (an outside change to their overrides) and patches them in. */
  reloadApps: (appIds: readonly string[]) => Promise<void>;
}

function without<T>(record: Readonly<Record<string, T>>, ids: ReadonlySet<string>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(record)) if (!ids.has(k)) out[k] = v;
  return out;
}

/**
 * The catalogue with the entries of the patched apps replaced (or, for apps gone, removed); every
 * other app keeps its very object, so what shows it need not draw it again.
 */
export function patchCatalog(catalog: Catalog, patch: CatalogPatch): Catalog {
  const touched = new Set([...patch.apps.map((a) => a.id), ...patch.gone]);
  const fresh = new Map(patch.apps.map((a) => [a.id, a]));
  const apps = catalog.apps.flatMap((a) => {
    if (!touched.has(a.id)) return [a];
    const now = fresh.get(a.id);
    fresh.delete(a.id);
    return now ? [now] : [];
  });
  // An app new to the list (an override read before its install was seen) goes in ID order,
  // as the full list is.
  for (const a of fresh.values()) {
    const at = apps.findIndex((b) => b.id > a.id);
    apps.splice(at === -1 ? apps.length : at, 0, a);
  }
  const changedNow = new Set(patch.changed);
  return {
    ...catalog,
    apps,
    errors: { ...without(catalog.errors, touched), ...patch.errors },
    exposure: { ...without(catalog.exposure, touched), ...patch.exposure },
    capabilities: { ...without(catalog.capabilities, touched), ...patch.capabilities },
    changed: [...catalog.changed.filter((id) => !touched.has(id)), ...changedNow],
  };
}

export const createCatalogSlice: StateCreator<Store, [], [], CatalogSlice> = (set, get) => {
  const nextRead = latestRead();
  // Bumped by every full read: a patch read before it lands on a catalogue that already has it.
  let generation = 0;
  // Patches land in the order they were asked for, so a later read of an app wins.
  let patches: Promise<void> = Promise.resolve();
  return {
    catalog: null,
    catalogListedOnly: false,
    catalogLoad: IDLE,
    loadCatalog: async () => {
      const signal = nextRead();
      generation++;
      set({ catalogLoad: started(get().catalogLoad) });
      const listed = call('catalog:list', {});
      const marked = call('catalog:marks', {});
      // A first read shows the apps as soon as they are described: at a thousand apps their
      // permissions and audits take as long again.
      void listed.then((r) => {
        if (signal.aborted || !r.ok || get().catalog !== null) return;
        set({ catalog: { ...r.value, ...NO_MARKS }, catalogListedOnly: true });
      });
      const [list, marks] = await Promise.all([listed, marked]);
      if (signal.aborted) return;
      if (list.ok && marks.ok)
        set({ catalog: { ...list.value, ...marks.value }, catalogListedOnly: false, catalogLoad: settled(marks) });
      // What was listed alone is no catalogue: the error shows in its place.
      else
        set({
          ...(get().catalogListedOnly ? { catalog: null, catalogListedOnly: false } : {}),
          catalogLoad: settled(list.ok ? marks : list),
        });
    },
    reloadApps: (appIds) => {
      // A full read under way may have read these apps before they changed: read all again.
      if (get().catalog === null || get().catalogLoad.loading) return get().loadCatalog();
      if (appIds.length === 0) return Promise.resolve();
      const asked = generation;
      const read = call('catalog:apps', { appIds: [...appIds] });
      patches = patches.then(async () => {
        const r = await read;
        const catalog = get().catalog;
        if (asked !== generation || catalog === null) return;
        if (r.ok) set({ catalog: patchCatalog(catalog, r.value) });
        else await get().loadCatalog();
      });
      return patches;
    },
  };
};
