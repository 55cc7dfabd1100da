// @vitest-environment jsdom
// The sidebar, the Overview and System pages, the harden and import dialogs, the banners and the
// notes of the window, drawn in German and in the pseudo-locale: a string of theirs that skips
// the catalog stays English there, and this test names it.

import { act, cleanup, render } from '@testing-library/react';
import { createRef } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SEVERITY_LABELS } from '../../../shared/hardening/audit';
import { CAPABILITIES } from '../../../shared/hardening/capabilities';
import { COST_LABELS, PRESET_LABELS } from '../../../shared/hardening/preset-labels';
import { setLanguage } from '../../../shared/i18n';
import { BrokenLayerBanner, STOPS } from '../components/BrokenLayerBanner';
import { CapabilityFilter } from '../components/CapabilityFilter';
import { CommandPanel } from '../components/CommandPanel';
import { HardenDialog } from '../components/HardenDialog';
import { ImportDialog } from '../components/ImportDialog';
import { installationLabel } from '../components/installation';
import { Sidebar } from '../components/Sidebar';
import { SystemGlobalNote } from '../components/SystemGlobalNote';
import { Toast } from '../components/Toast';
import { OverviewPage } from '../pages/OverviewPage';
import { SystemPage } from '../pages/SystemPage';
import { useStore } from '../store';
import { t } from '../../../shared/i18n';

const failure = { code: 'io', message: 'ƒȧȧīŀḗḓ' } as const;
const batch = {
  files: [{ appId: 'org.gnome.Maps', before: null, after: 'W0NvbnRleHRdCg==' }],
  portals: [],
  failures: [{ appId: 'com.spotify.Client', error: failure }],
};
const answers: Record<string, unknown> = {
  'transfer:export': { path: '/home/u/confine-overrides.json', files: 3, skipped: ['org.example.Skipped'] },
  'harden:apply': batch,
  'transfer:import-apply': { ...batch, portals: [{ table: 'devices', id: 'camera', app: 'org.gnome.Maps' }] },
};
Object.defineProperty(window, 'confine', {
  value: {
    invoke: vi.fn((channel: string) =>
      Promise.resolve(channel in answers ? { ok: true, value: answers[channel] } : { ok: false, error: failure }),
    ),
    subscribe: () => () => undefined,
  },
});

beforeAll(() => {
  // jsdom has no modal dialogs; an open one is all this test needs.
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});
afterEach(cleanup);
afterAll(() => setLanguage([]));

const deployment = (kind: 'user' | 'system') => ({
  installation: kind,
  kind,
  arch: 'x86_64',
  branch: 'stable',
  path: '/x',
});
const app = (id: string, name: string, kinds: ('user' | 'system')[]) => ({
  id,
  name,
  categories: [],
  deployments: kinds.map(deployment),
  problems: [],
});
const finding = {
  id: 'network',
  severity: 'high',
  title: 'Ƥřǿǿşḗ',
  detail: 'Ƥřǿǿşḗ',
  permission: '--share=network',
} as const;

/** Puts every part of the window this test covers into a state that shows its words. */
function showEverything() {
  useStore.setState({
    selected: { kind: 'overview' },
    can: ['camera'],
    catalog: {
      flatpakVersion: '1.14.10',
      flatpakDetected: true,
      installations: [],
      apps: [app('com.spotify.Client', 'Spotify', ['user', 'system']), app('org.gnome.Maps', 'Maps', ['system'])],
      errors: {},
      exposure: { 'com.spotify.Client': { worst: 'high', score: 4, escapes: 0 } },
      capabilities: {},
      changed: ['com.spotify.Client'],
      warnings: [],
    },
    catalogLoad: { loading: false, error: null },
    audit: {
      apps: [
        { id: 'com.spotify.Client', name: 'Spotify', score: 4, worst: finding },
        { id: 'org.gnome.Maps', name: 'Maps', score: 0 },
        { id: 'org.example.Broken', name: 'Broken', score: 2, error: 'ƀȧḓ', onceReset: true, worst: finding },
        { id: 'org.example.Unread', name: 'Unread', score: 0, error: 'ƀȧḓ' },
      ],
      brokenGlobals: [
        { scope: 'system', path: '/var/lib/flatpak/overrides/global', message: 'ƀȧḓ', apps: ['org.gnome.Maps'] },
      ],
      overview: {
        apps: 4,
        canEscape: 1,
        readHome: 2,
        network: 3,
        x11: 1,
        bySeverity: { escape: 1, high: 1, medium: 0, low: 2 },
      },
      limits: ['Ŀīḿīŧ'],
    },
    auditLoad: { loading: false, error: failure },
    system: null,
    systemLoad: { loading: false, error: failure },
    harden: {
      appIds: ['com.spotify.Client', 'org.gnome.Maps', 'org.example.Broken'],
      preset: 'recommended',
      choices: {},
      busy: false,
      error: null,
      previews: [
        {
          appId: 'com.spotify.Client',
          name: 'Spotify',
          proposals: [
            {
              id: 'network',
              title: 'Ŧīŧŀḗ',
              reason: 'Řḗȧȧşǿǿƞ',
              loses: 'ŀǿǿşḗ',
              cost: 'feature',
              evidence: ['ḗṽīḓḗƞƈḗ'],
              changes: [],
              prepare: [],
              selected: true,
            },
          ],
          selected: ['network'],
          before: { score: 4, findings: 1 },
          after: { score: 1, findings: 1 },
          command: 'flatpak override --user --unshare=network com.spotify.Client',
        },
        {
          appId: 'org.gnome.Maps',
          name: 'Maps',
          proposals: [],
          selected: [],
          before: { score: 0, findings: 0 },
          after: { score: 0, findings: 0 },
          command: '',
        },
        {
          appId: 'org.example.Broken',
          name: 'Broken',
          proposals: [],
          selected: [],
          before: { score: 2, findings: 1 },
          after: { score: 2, findings: 1 },
          command: '',
          error: 'ƀȧḓ',
        },
      ],
    },
    importing: {
      path: '/home/u/confine-overrides.json',
      token: '0'.repeat(32),
      items: [
        { app: null, status: 'new', portals: 0, malformed: null },
        { app: 'com.spotify.Client', status: 'changed', portals: 2, malformed: 'ƀȧḓ' },
        { app: 'org.gnome.Maps', status: 'same', portals: 0, malformed: null },
      ],
      elsewhere: ['org.example.System'],
      review: { apps: 2, locks: { all: false, apps: ['org.gnome.Maps'] }, missing: ['ḗẋŧřȧ'] },
      mergeReview: true,
      chosen: [null, 'com.spotify.Client'],
      busy: false,
    },
    undoStack: [{ label: 'ŀȧƀḗŀ', files: [], portals: [] }],
    toast: { id: 1, kind: 'error', message: 'ḿḗşşȧȧɠḗ', undo: true, failure: { code: 'conflict', message: 'x' } },
  });
  const layer = { id: 'system-global', path: '/var/lib/flatpak/overrides/global', state: 'present' } as const;
  render(
    <>
      <Sidebar searchRef={createRef()} />
      <CapabilityFilter />
      <OverviewPage />
      <SystemPage />
      <HardenDialog />
      <ImportDialog />
      <Toast />
      <BrokenLayerBanner layer="user-app" path="/o" message="ƀȧḓ" stops={t(STOPS.thisApp)} onReset={() => {}} />
      <BrokenLayerBanner layer="system-app" path="/o" message="ƀȧḓ" stops={t(STOPS.thisApp)} command="flatpak" />
      <BrokenLayerBanner layer="app" path="/o" message="ƀȧḓ" stops={t(STOPS.thisApp)} />
      <SystemGlobalNote layer={{ ...layer, state: 'malformed', message: 'ƀȧḓ' } as never} />
      <SystemGlobalNote layer={layer as never} />
      <CommandPanel command="flatpak override --user" empty={false} />
      <CommandPanel command="flatpak override --user" empty />
    </>,
  );
}

/** The notes the store's actions show: after export, hardening and import. */
async function notes(): Promise<string[]> {
  const shown: string[] = [];
  const note = () => shown.push(useStore.getState().toast?.message ?? '');
  await act(() => useStore.getState().exportOverrides('file'));
  note();
  await act(() => useStore.getState().applyHarden());
  note();
  shown.push(...useStore.getState().undoStack.map((s) => s.label));
  await act(() => useStore.getState().applyImport());
  note();
  shown.push(...useStore.getState().undoStack.map((s) => s.label));
  await act(() => useStore.getState().openImport());
  note();
  return shown;
}

/** Every text the page shows or names: text, accessible names, tooltips, placeholders. */
function words(): string[] {
  const out: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n.textContent ?? '');
  for (const el of document.body.querySelectorAll('*'))
    for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) out.push(el.getAttribute(attr) ?? '');
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

/** What other parts put into these words, in the language shown (their translation is theirs to test). */
function theirs(): string[] {
  return [
    ...Object.values(SEVERITY_LABELS),
    ...Object.values(PRESET_LABELS).flatMap((p) => [p.label, p.description]),
    ...Object.values(COST_LABELS),
    ...CAPABILITIES.flatMap((c) => [c.label, c.description]),
    ...(['user', 'system'] as const).map((kind) => installationLabel(deployment(kind))),
  ];
}

// Placeholder values: names, IDs, paths and commands, and Flatpak's own words.
const VALUES = [
  /\b[a-z]+(\.[A-Za-z0-9_-]+){2,}\b/g, // app IDs
  /\/[\w./-]+/g, // paths
  /flatpak override[\w -]*|confine import|--[\w=-]+|\bflatpak\b/g,
  /\b(Spotify|Maps|Broken|Unread|x86_64)\b/g,
];

function leftInEnglish(shown: readonly string[]): string[] {
  const foreign = theirs().sort((a, b) => b.length - a.length);
  return shown.filter((text) => {
    let rest = text;
    for (const v of VALUES) rest = rest.replace(v, ' ');
    for (const f of foreign) rest = rest.split(f).join(' ');
    return /[A-Za-z]{3,}/.test(rest);
  });
}

async function shownIn(language: string): Promise<string[]> {
  await setLanguage([language]);
  showEverything();
  const shown = words();
  cleanup();
  return [...shown, ...(await notes())];
}

describe('the window’s sidebar, Overview, System page, dialogs and notes', () => {
  it('in the pseudo-locale keep no English word: each string went through the catalog', async () => {
    const shown = await shownIn('en-XA');
    expect(shown.length).toBeGreaterThan(60);
    expect(leftInEnglish(shown)).toEqual([]);
  });

  it('in German show no English sentence of their own', async () => {
    const english = new Set(await shownIn('en'));
    // A word rightly the same in German (the catalog marks it so), or a name.
    const same = new Set(['System', 'Name', 'Flatpak']);
    const german = await shownIn('de');
    const untranslated = german.filter((s) => english.has(s) && !same.has(s) && leftInEnglish([s]).length > 0);
    expect(untranslated).toEqual([]);
    // The notes of the store and the pages' headings are German words, not the English ones.
    expect(german).toContain('Übersicht');
    expect(german.some((s) => s.includes('gehärtet'))).toBe(true);
  });
});
