// Probes in the app's real sandbox: the app page's "Verify in the sandbox" and, after a
// hardening, "Verify after applying" run through the one action here (and so the one IPC).

import type { StateCreator } from 'zustand';
import type { Response } from '../../../shared/ipc/contract';
import { call } from '../api';
import type { Store } from './index';

export type VerifyOutcome = Response<'sandbox:verify'> | { ok: false; reason: 'ipc'; message: string };
export type VerifyResultOk = Extract<Response<'sandbox:verify'>, { ok: true }>;

export interface ProbeState {
  readonly busy: boolean;
  readonly outcome: VerifyOutcome | null;
}

/** An app just hardened: its override before the change and a probe made before it, if any. */
export interface HardenedApp {
  readonly appId: string;
  readonly name: string;
  /** The user override before the change, as the batch gave it (base64; null: there was none). */
  readonly before: string | null;
  /** The user override the change wrote (base64; null: removed), to tell a later change from it. */
  readonly after: string | null;
  readonly earlier?: VerifyResultOk;
}

/**
 * Whether a probe made before a change shows what the change started from: it ran on the very
 * override the change replaced, and on the same layers below as the probe after it. A probe
 * made before the user (or another program) changed the app again is not "before" this change.
 */
export function earlierFits(earlier: VerifyResultOk, before: string | null, after?: VerifyResultOk): boolean {
  if (!earlier.basis || earlier.basis.override !== before) return false;
  return after === undefined || after.basis?.below === earlier.basis.below;
}

export interface VerifyAfterApp extends HardenedApp {
  readonly state: 'waiting' | 'running' | 'done';
  readonly outcome?: VerifyOutcome;
}

export interface VerifyAfterState {
  /** Tells one run from the next, so a closed run's late answers are dropped. */
  readonly run: number;
  readonly apps: readonly VerifyAfterApp[];
  readonly running: boolean;
  /** Stopped before every app was probed: the rest stay waiting. */
  readonly stopped: boolean;
}

export interface VerifySlice {
  /** The last probe of each app, while the window is open. */
  probes: Readonly<Record<string, ProbeState>>;
  runProbe: (appId: string, before?: string | null) => Promise<VerifyOutcome>;
  /** Ends the app's probe under way and its sandbox; the probe then answers `stopped`. */
  stopProbe: (appId: string) => Promise<void>;
  /**
   * The apps the last hardening changed that "Verify after applying" may still probe: each
   * leaves once verified, dismissed, or changed again through Confine.
   */
  lastHardened: readonly HardenedApp[] | null;
  /** Withdraws the offer to verify these apps after applying. */
  forgetHardened: (appIds: readonly (string | null)[]) => void;
  verifyAfter: VerifyAfterState | null;
  /** Probes the apps just hardened (only `appIds` of them when given), one after the other. */
  startVerifyAfter: (appIds?: readonly string[]) => Promise<void>;
  /** Ends the probe under way, with its sandbox, and probes no further app. */
  stopVerifyAfter: () => void;
  closeVerifyAfter: () => void;
}

let runs = 0;

export const createVerifySlice: StateCreator<Store, [], [], VerifySlice> = (set, get) => {
  const updateApp = (run: VerifyAfterState, appId: string, patch: Partial<VerifyAfterApp>) => {
    const now = get().verifyAfter;
    // Closed, or a new run started meanwhile: this one's answers go nowhere.
    if (!now || now.run !== run.run) return;
    set({ verifyAfter: { ...now, apps: now.apps.map((a) => (a.appId === appId ? { ...a, ...patch } : a)) } });
  };
  return {
    probes: {},
    runProbe: async (appId, before) => {
      set({ probes: { ...get().probes, [appId]: { busy: true, outcome: get().probes[appId]?.outcome ?? null } } });
      const r = await call('sandbox:verify', before === undefined ? { appId } : { appId, before });
      const outcome: VerifyOutcome = r.ok ? r.value : { ok: false, reason: 'ipc', message: r.error.message };
      set({ probes: { ...get().probes, [appId]: { busy: false, outcome } } });
      return outcome;
    },
    stopProbe: async (appId) => {
      await call('sandbox:stop', { appId });
    },
    lastHardened: null,
    forgetHardened: (appIds) => {
      const now = get().lastHardened;
      if (!now) return;
      const left = now.filter((a) => !appIds.includes(a.appId));
      if (left.length !== now.length) set({ lastHardened: left.length ? left : null });
    },
    verifyAfter: null,
    startVerifyAfter: async (appIds) => {
      const apps = get().lastHardened?.filter((a) => !appIds || appIds.includes(a.appId));
      if (!apps?.length || get().verifyAfter?.running) return;
      const run: VerifyAfterState = {
        run: ++runs,
        apps: apps.map((a) => ({ ...a, state: 'waiting' as const })),
        running: true,
        stopped: false,
      };
      set({ verifyAfter: run });
      // One at a time: each probe starts a whole sandbox, and the machine is the user's.
      for (const app of apps) {
        const now = get().verifyAfter;
        if (!now || now.run !== run.run || now.stopped) break;
        updateApp(run, app.appId, { state: 'running' });
        const outcome = await get().runProbe(app.appId, app.before);
        updateApp(run, app.appId, { state: 'done', outcome });
        // Verified: the offer has done its work (a stopped probe leaves it, to be run again).
        if (outcome.ok || outcome.reason !== 'stopped') get().forgetHardened([app.appId]);
      }
      const end = get().verifyAfter;
      if (end && end.run === run.run) set({ verifyAfter: { ...end, running: false } });
    },
    stopVerifyAfter: () => {
      const now = get().verifyAfter;
      if (!now?.running) return;
      set({ verifyAfter: { ...now, stopped: true } });
      const running = now.apps.find((a) => a.state === 'running');
      if (running) void get().stopProbe(running.appId);
    },
    closeVerifyAfter: () => {
      set({ verifyAfter: null });
    },
  };
};
