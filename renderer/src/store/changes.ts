import type { StateCreator } from 'zustand';
import type { EventPayload } from '../../../shared/ipc/contract';
import type { Store } from './index';
import { showsPermissions } from './selection';

export interface ChangesSlice {
  /**
   * Rereads what a change to the files may have changed (a terminal, an update, a portal, the
   * window's own writes, which the watcher reports too). A change to some apps' own overrides
   * rereads just those apps; anything else (an install, a global override, portal grants) may
   * concern every app, and the list is read again.
   */
  heardChange: (changed: EventPayload<'flatpak:changed'>) => void;
}

export const createChangesSlice: StateCreator<Store, [], [], ChangesSlice> = (_set, get) => ({
  heardChange: (changed) => {
    const state = get();
    const listed =
      changed.appIds !== null && !changed.apps && !changed.portals
        ? state.reloadApps(changed.appIds)
        : state.loadCatalog();
    // The list first (its marks show what changed), then the Overview's ranking of all apps;
    // also before the first page is picked, when the ranking asked at start may become the
    // Overview's without another read (select's atStart).
    if (state.selected === null || state.selected.kind === 'overview') void listed.then(() => get().loadAudit());
    else if (showsPermissions(state.selected)) void state.loadPermissions();
    if (changed.portals) void state.loadPortals();
    // An install or update may change what an app declares.
    if (changed.apps) void listed.then(() => get().loadReview());
  },
});
