// The selected app's portal permissions, from the permission store, and changes to them; each
// change is one undoable step.

import type { StateCreator } from 'zustand';
import type { PortalRow, PortalState, PortalsView, PortalValue } from '../../../shared/portals/model';
import { call } from '../api';
import type { Store } from './index';
import { latestRead } from './latest';
import { IDLE, settled, started, type Loading } from './loading';
import { samePage } from './selection';
import { kindByKey, portalState } from '../../../shared/portals/catalogue';
import { targetName } from './selectors';
import { SAVED } from './edits';
import { defineMessages, t } from '../../../shared/i18n';

const M = defineMessages({
  step: {
    id: 'ui.portals.step-label',
    defaultMessage:
      '{action, select, forget {forget {permission} for {target}} allow {allow {permission} for {target}} deny {deny {permission} for {target}} other {change {permission} for {target}}}',
    description:
      'A portal change in the undo history, read after "Undo: " and "Saved: "; permission is a portal permission’s name (Camera), target an app’s name',
  },
  notChanged: {
    id: 'ui.portals.not-changed',
    defaultMessage: 'Not changed: {reason}',
    description: 'Toast when a portal permission could not be changed; reason is the error message',
  },
});

/** A portal change, by the state it leads to: the choice of words in the undo history. */
const ACTIONS: Readonly<Record<PortalState, string>> = {
  'not-set': 'forget',
  allowed: 'allow',
  denied: 'deny',
  other: 'change',
};

export interface PortalsSlice {
  portals: PortalsView | null;
  portalsFor: string | null;
  portalsLoad: Loading;
  /** The row being written, so its control waits. */
  portalBusy: string | null;
  loadPortals: () => Promise<void>;
  setPortal: (row: PortalRow, value: PortalValue) => Promise<void>;
}

export const createPortalsSlice: StateCreator<Store, [], [], PortalsSlice> = (set, get) => {
  const nextRead = latestRead();
  return {
    portals: null,
    portalsFor: null,
    portalsLoad: IDLE,
    portalBusy: null,
    loadPortals: async () => {
      const signal = nextRead();
      const selected = get().selected;
      if (selected?.kind !== 'app') {
        set({ portals: null, portalsFor: null, portalsLoad: IDLE });
        return;
      }
      const { appId } = selected;
      set({ portalsLoad: started(get().portalsLoad) });
      const r = await call('portals:get', { appId });
      if (signal.aborted || !samePage(get().selected, selected)) return;
      set({ portals: r.ok ? r.value : null, portalsFor: appId, portalsLoad: settled(r) });
    },
    setPortal: async (row, value) => {
      const appId = get().portalsFor;
      if (appId === null) return;
      set({ portalBusy: row.key });
      const r = await call('portals:set', { appId, table: row.table, id: row.id, value });
      set({ portalBusy: null });
      if (!r.ok) get().showFailure(M.notChanged, r.error);
      else {
        const kind = kindByKey(row.key);
        const state: PortalState = value === null ? 'not-set' : kind ? portalState(kind, value) : 'other';
        const label = t(M.step, { action: ACTIONS[state], permission: row.label, target: targetName(get(), appId) });
        get().recordBatch(label, [], [r.value]);
        get().showToast({ kind: 'info', message: t(SAVED, { step: label }), undo: true });
      }
      await get().loadPortals();
    },
  };
};
