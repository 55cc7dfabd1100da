// The preview of a preset for one app or many: every proposed change with its reason, each of
// which can be unticked; Apply writes one override per app as one undoable batch.

import type { StateCreator } from 'zustand';
import type { PresetName } from '../../../shared/hardening/preset-labels';
import type { Response } from '../../../shared/ipc/contract';
import type { Failure } from '../../../shared/errors';
import { call } from '../api';
import type { Store } from './index';
import { targetName } from './selectors';
import { defineMessages, t } from '../../../shared/i18n';

const M = defineMessages({
  stepOne: {
    id: 'ui.harden.step-one',
    defaultMessage: 'harden {name}',
    description: 'Names a step in the undo history (“Undo: harden Firefox”, “Undone: harden Firefox.”); name is an app',
  },
  stepMany: {
    id: 'ui.harden.step-many',
    defaultMessage: 'harden {count, plural, one {# app} other {# apps}}',
    description: 'Names a step in the undo history (“Undo: harden 3 apps”)',
  },
  done: {
    id: 'ui.harden.done',
    defaultMessage: '{count, plural, one {# app hardened} other {# apps hardened}}.',
    description: 'A note after Apply in the hardening dialog',
  },
  verifyAfter: {
    id: 'ui.harden.verify-after',
    defaultMessage: 'Verify after applying',
    description: 'Button in the note after Apply: run the probe in the sandbox of each app just hardened',
  },
  partly: {
    id: 'ui.harden.partly',
    defaultMessage:
      '{count, plural, one {# app hardened} other {# apps hardened}}; {failed, plural, one {# left as it was} other {# left as they were}}: {problem}',
    description: 'A note after Apply when some apps failed; problem is the first failure’s reason',
  },
});

export type Previews = Response<'harden:preview'>;

export interface HardenState {
  readonly appIds: readonly string[] | 'all';
  readonly preset: PresetName;
  readonly previews: Previews | null;
  /** Ticked proposals per app, once the user changed any. */
  readonly choices: Readonly<Record<string, readonly string[]>>;
  readonly busy: boolean;
  readonly error: Failure | null;
}

export interface HardenSlice {
  harden: HardenState | null;
  openHarden: (appIds: readonly string[] | 'all', preset?: PresetName) => Promise<void>;
  setHardenPreset: (preset: PresetName) => Promise<void>;
  toggleProposal: (appId: string, proposalId: string) => Promise<void>;
  applyHarden: () => Promise<void>;
  closeHarden: () => void;
}

async function refresh(get: () => Store, set: (p: Partial<HardenSlice>) => void): Promise<void> {
  const h = get().harden;
  if (!h) return;
  set({ harden: { ...h, busy: true } });
  const r = await call('harden:preview', {
    appIds: h.appIds === 'all' ? 'all' : [...h.appIds],
    preset: h.preset,
    choices: Object.fromEntries(Object.entries(h.choices).map(([k, v]) => [k, [...v]])),
  });
  const now = get().harden;
  // A later toggle or preset change has its own request under way; this answer is stale.
  if (!now || now.choices !== h.choices || now.preset !== h.preset) return;
  set({
    harden: r.ok ? { ...now, previews: r.value, busy: false, error: null } : { ...now, busy: false, error: r.error },
  });
}

export const createHardenSlice: StateCreator<Store, [], [], HardenSlice> = (set, get) => ({
  harden: null,
  openHarden: async (appIds, preset = 'recommended') => {
    await get().flush();
    set({ harden: { appIds, preset, previews: null, choices: {}, busy: true, error: null } });
    await refresh(get, set);
  },
  setHardenPreset: async (preset) => {
    const h = get().harden;
    if (!h) return;
    set({ harden: { ...h, preset, choices: {} } });
    await refresh(get, set);
  },
  toggleProposal: async (appId, proposalId) => {
    const h = get().harden;
    const preview = h?.previews?.find((p) => p.appId === appId);
    if (!h || !preview) return;
    const current = h.choices[appId] ?? preview.selected;
    const next = current.includes(proposalId) ? current.filter((x) => x !== proposalId) : [...current, proposalId];
    set({ harden: { ...h, choices: { ...h.choices, [appId]: next } } });
    await refresh(get, set);
  },
  applyHarden: async () => {
    const h = get().harden;
    if (!h?.previews) return;
    const items = h.previews
      .filter((p) => !p.error && p.selected.length > 0)
      .map((p) => ({ appId: p.appId, proposalIds: [...p.selected] }));
    if (items.length === 0) {
      set({ harden: null });
      return;
    }
    set({ harden: { ...h, busy: true } });
    // A probe made before the change is what "Verify after applying" compares with.
    const probes = get().probes;
    const r = await call('harden:apply', { preset: h.preset, items });
    if (!r.ok) {
      set({ harden: { ...h, busy: false, error: r.error } });
      return;
    }
    set({ harden: null });
    const [one] = items;
    get().recordBatch(
      items.length === 1 && one
        ? t(M.stepOne, { name: targetName(get(), one.appId) })
        : t(M.stepMany, { count: items.length }),
      r.value.files,
    );
    const hardened = r.value.files.length;
    const first = r.value.failures[0];
    const undo = r.value.files.length > 0;
    const changed = r.value.files.flatMap((f) => {
      if (f.appId === null) return [];
      const earlier = probes[f.appId]?.outcome;
      return [
        {
          appId: f.appId,
          name: targetName(get(), f.appId),
          before: f.before,
          after: f.after,
          ...(earlier?.ok ? { earlier } : {}),
        },
      ];
    });
    // Apps hardened earlier and not changed since stay offered beside these (recordBatch above
    // withdrew the ones this batch changed again).
    const offered = [...(get().lastHardened ?? []), ...changed];
    set({ lastHardened: offered.length ? offered : null });
    const ids = changed.map((c) => c.appId);
    const action = changed.length
      ? { action: { label: t(M.verifyAfter), run: () => void get().startVerifyAfter(ids) } }
      : {};
    if (first) {
      const message = t(M.partly, { count: hardened, failed: r.value.failures.length, problem: first.error.message });
      get().showToast({ kind: 'error', message, failure: first.error, ...(undo ? { undo } : {}), ...action });
    } else get().showToast({ kind: 'info', message: t(M.done, { count: hardened }), undo, ...action });
    await get().loadPermissions();
    await get().afterBatch();
  },
  closeHarden: () => set({ harden: null }),
});
