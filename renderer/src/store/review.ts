// "New since you last looked": what updates changed in the apps' declared permissions, with
// Keep and Deny (the same service calls as `confine review --accept|--deny`), and each app's lock.

import type { StateCreator } from 'zustand';
import type { Response } from '../../../shared/ipc/contract';
import { defineMessages, formatList, t } from '../../../shared/i18n';
import { call } from '../api';
import type { Store } from './index';
import { latestRead } from './latest';
import { IDLE, settled, started, type Loading } from './loading';
import { targetName } from './selectors';

export type ReviewList = Response<'review:list'>;
export type PendingReview = ReviewList['pending'][number];

const M = defineMessages({
  stepDeny: {
    id: 'ui.review.step-deny',
    defaultMessage: 'deny {items} for {target}',
    description:
      'Names a step in the undo history (“Undo: deny Network for Spotify”); items: permission labels as a list; target: an app’s name or ui.review.all-apps',
  },
  allApps: {
    id: 'ui.review.all-apps',
    defaultMessage: '{count, plural, one {# app} other {# apps}}',
    description: 'The target of a Deny all across apps, read in ui.review.step-deny (“deny … for 3 apps”)',
  },
  denied: {
    id: 'ui.review.denied',
    defaultMessage: 'Denied: {items}.',
    description: 'Toast after Deny; items: permission labels as a list',
  },
  kept: {
    id: 'ui.review.kept',
    defaultMessage: 'Kept: {items}.',
    description: 'Toast after Keep; items: permission labels as a list',
  },
  deniedAndKept: {
    id: 'ui.review.denied-and-kept',
    defaultMessage: 'Denied: {denied}. Kept, as Flatpak cannot take it back: {kept}.',
    description: 'Toast after Deny where some items cannot be denied (--persist); both are lists of permission labels',
  },
  notDecided: {
    id: 'ui.review.not-decided',
    defaultMessage: 'Not changed: {reason}',
    description: 'Toast when Keep or Deny failed; reason is the error message',
  },
  notLocked: {
    id: 'ui.review.not-locked',
    defaultMessage: 'Not locked: {reason}',
    description: 'Toast when locking or unlocking an app failed; reason is the error message',
  },
  lockedNow: {
    id: 'ui.review.locked-now',
    defaultMessage:
      '{locked, select, yes {{app} is locked: what an update adds is denied while Confine or {command} runs.} other {{app} is unlocked: what an update adds waits here for you.}}',
    description: 'Toast after the lock switch; app is an app’s name, command is confine watch',
  },
  deniedByWatcher: {
    id: 'ui.review.denied-by-watcher',
    defaultMessage: '{app} is locked; its update asked for {items}, which Confine denied.',
    description: 'Toast when the lock watcher denied what an update newly asked for; items: permission labels',
  },
});

export interface ReviewSlice {
  review: ReviewList | null;
  reviewLoad: Loading;
  /** A Keep or Deny is under way (its buttons wait). */
  reviewBusy: boolean;
  loadReview: () => Promise<void>;
  /**
   * Keeps or denies what changed in these apps ('all': every app listed), or only `items` of
   * one app. `label` turns Flatpak's words into the ones the window shows.
   */
  decideReview: (
    appIds: readonly string[] | 'all',
    deny: boolean,
    label: (item: string) => string,
    items?: readonly string[],
  ) => Promise<void>;
  setAppLock: (appId: string, locked: boolean) => Promise<void>;
  /** The lock watcher denied these for a locked app: the app is read again, and a toast says so. */
  noteWatcherDenial: (appId: string, labels: readonly string[]) => Promise<void>;
}

const NO_PENDING: readonly PendingReview[] = [];
const NO_IDS: ReadonlySet<string> = new Set();

export const selectPending = (s: Store): readonly PendingReview[] => s.review?.pending ?? NO_PENDING;

let pendingIds: { of: readonly PendingReview[]; ids: ReadonlySet<string> } = { of: NO_PENDING, ids: NO_IDS };
/** The apps with something new, for the list's marker (the same set while the list is the same). */
export function selectPendingIds(s: Store): ReadonlySet<string> {
  const pending = selectPending(s);
  if (pendingIds.of !== pending) pendingIds = { of: pending, ids: new Set(pending.map((p) => p.appId)) };
  return pendingIds.ids;
}

let pendingOf: { of: readonly PendingReview[]; appId: string; entries: readonly PendingReview[] } = {
  of: NO_PENDING,
  appId: '',
  entries: NO_PENDING,
};
/** What is new in one app, in each installation that has it. */
export function selectPendingOf(s: Store, appId: string): readonly PendingReview[] {
  const pending = selectPending(s);
  if (pendingOf.of !== pending || pendingOf.appId !== appId)
    pendingOf = { of: pending, appId, entries: pending.filter((p) => p.appId === appId) };
  return pendingOf.entries;
}

/** Whether the app is locked, and whether that is by the lock of every app. */
export function selectLock(s: Store, appId: string): { locked: boolean; all: boolean } {
  const locks = s.review?.locks;
  if (!locks) return { locked: false, all: false };
  return { locked: locks.all || locks.apps.includes(appId), all: locks.all };
}

export const createReviewSlice: StateCreator<Store, [], [], ReviewSlice> = (set, get) => {
  const nextRead = latestRead();
  return {
    review: null,
    reviewLoad: IDLE,
    reviewBusy: false,
    loadReview: async () => {
      const signal = nextRead();
      set({ reviewLoad: started(get().reviewLoad) });
      const r = await call('review:list', {});
      if (signal.aborted) return;
      set(r.ok ? { review: r.value, reviewLoad: settled(r) } : { reviewLoad: settled(r) });
    },
    decideReview: async (appIds, deny, label, items) => {
      const ids = appIds === 'all' ? [...selectPendingIds(get())] : [...appIds];
      if (ids.length === 0) return;
      await get().flush();
      set({ reviewBusy: true });
      const r = await call('review:decide', { appIds: ids, deny, ...(items ? { items: [...items] } : {}) });
      set({ reviewBusy: false });
      if (!r.ok) {
        get().showFailure(M.notDecided, r.error);
        await get().loadReview();
        return;
      }
      const denied = [...new Set(r.value.decisions.flatMap((d) => d.denied))].map(label);
      const kept = [...new Set(r.value.decisions.flatMap((d) => d.kept))].map(label);
      const notDeniable = [...new Set(r.value.decisions.flatMap((d) => d.notDeniable))].map(label);
      const [one] = ids;
      const target =
        ids.length === 1 && one !== undefined ? targetName(get(), one) : t(M.allApps, { count: ids.length });
      if (r.value.files.length > 0)
        get().recordBatch(t(M.stepDeny, { items: formatList(denied), target }), r.value.files, [], r.value.seen);
      const first = r.value.failures[0];
      if (first) get().showFailure(M.notDecided, first.error, r.value.files.length > 0);
      else if (denied.length > 0)
        get().showToast({
          kind: 'info',
          message:
            notDeniable.length > 0
              ? t(M.deniedAndKept, { denied: formatList(denied), kept: formatList(notDeniable) })
              : t(M.denied, { items: formatList(denied) }),
          undo: r.value.files.length > 0,
        });
      else if (kept.length > 0) get().showToast({ kind: 'info', message: t(M.kept, { items: formatList(kept) }) });
      await get().loadReview();
      if (r.value.files.length > 0) {
        await get().loadPermissions();
        await get().afterBatch();
      }
    },
    setAppLock: async (appId, locked) => {
      const r = await call('review:lock', { appId, locked });
      const review = get().review;
      if (!r.ok) get().showFailure(M.notLocked, r.error);
      else {
        if (review) set({ review: { ...review, locks: r.value } });
        const values = { app: targetName(get(), appId), locked: locked ? 'yes' : 'no' };
        const code = { command: 'confine watch' };
        get().showToast({
          kind: 'info',
          message: t(M.lockedNow, { ...values, ...code }),
          rich: { message: M.lockedNow, values, code },
        });
      }
      await get().loadReview();
    },
    noteWatcherDenial: async (appId, labels) => {
      get().showToast({
        kind: 'info',
        message: t(M.deniedByWatcher, { app: targetName(get(), appId), items: formatList(labels) }),
      });
      await get().reloadApps([appId]);
      if (get().selected?.kind === 'app') await get().loadPermissions();
      await get().loadReview();
    },
  };
};
