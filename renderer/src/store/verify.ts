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
  readonly earlier?: VerifyResultOk;
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
  /** The apps the last hardening changed, which "Verify after applying" probes. */
  lastHardened: readonly HardenedApp[] | null;
  verifyAfter: VerifyAfterState | null;
  startVerifyAfter: () => Promise<void>;
  /** Probes no further app; the one under way finishes (a probe stops by itself within its time limit). */
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
    lastHardened: null,
    verifyAfter: null,
    startVerifyAfter: async () => {
      const apps = get().lastHardened;
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
      }
      const end = get().verifyAfter;
      if (end && end.run === run.run) set({ verifyAfter: { ...end, running: false } });
    },
    stopVerifyAfter: () => {
      const now = get().verifyAfter;
      if (now?.running) set({ verifyAfter: { ...now, stopped: true } });
    },
    closeVerifyAfter: () => {
      set({ verifyAfter: null });
    },
  };
};
