// @vitest-environment jsdom
// The app page in other languages: under the pseudo-locale every word the page's own components
// and store write is accented, so a text that skips the catalog shows as plain English; under
// German none of their English sentences is left. Text that reaches the page already made, from
// shared/ or from main (permission labels, findings, portal names, app data), is not theirs and
// is left out, as are Flatpak's tokens, paths and names.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { po } from 'gettext-parser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as flatpakCatalogue from '../../../shared/flatpak/catalogue';
import { describeChanges } from '../../../shared/flatpak/change-label';
import * as help from '../../../shared/flatpak/help';
import * as merge from '../../../shared/flatpak/merge';
import type { EffectiveReport } from '../../../shared/flatpak/report';
import * as audit from '../../../shared/hardening/audit';
import { currentLocale, formatDateTime, formatList, setLanguage } from '../../../shared/i18n';
import type { AppInfo } from '../../../shared/model';
import * as portalCatalogue from '../../../shared/portals/catalogue';
import type { PortalsView } from '../../../shared/portals/model';
import * as verify from '../../../shared/verify/compare';
import { installationLabel } from '../components/installation';
import { useStore } from '../store';
import { IDLE } from '../store/loading';
import type { PermissionsView } from '../store/permissions';
import { appPage } from '../store/selection';
import { PermissionsPage } from './AppPage';

const APP_ID = 'org.example.Editor';
const APP: AppInfo = {
  id: APP_ID,
  name: 'Example Editor',
  summary: 'Edit example files',
  developer: 'Example Project',
  version: '2.4.1',
  runtime: 'org.gnome.Platform/x86_64/47',
  categories: [],
  deployments: [
    {
      installation: 'user',
      kind: 'user',
      arch: 'x86_64',
      branch: 'stable',
      path: '/home/u/.local/share/flatpak/app/org.example.Editor/x86_64/stable/active',
      updated: '2026-03-14T10:00:00Z',
    },
  ],
  problems: [],
};

const EFFECTIVE: EffectiveReport = {
  shared: [{ name: 'network', allowed: true, source: 'app' }],
  sockets: [
    { name: 'x11', allowed: false, source: 'user-app' },
    { name: 'wayland', allowed: true, source: 'app' },
  ],
  devices: [{ name: 'dri', allowed: true, source: 'system-global' }],
  features: [],
  filesystems: [
    { path: 'home', mode: 'rw', source: 'app' },
    { path: 'xdg-download', mode: 'ro', source: 'user-app' },
    { path: '~/Games', mode: 'ro', source: 'user-global' },
  ],
  removedByReset: [{ path: 'host-os', mode: 'ro', source: 'app', removedBy: 'user-app' }],
  filesystemReset: 'user-app',
  persistent: [{ path: '.example', source: 'user-app' }],
  environment: [
    { name: 'GTK_THEME', value: 'Adwaita:dark', source: 'user-app' },
    { name: 'LD_PRELOAD', value: null, source: 'app' },
  ],
  sessionBus: [{ name: 'org.freedesktop.secrets', policy: 'talk', source: 'app' }],
  systemBus: [{ name: 'org.freedesktop.login1', policy: 'none', source: 'user-app' }],
  policies: [],
};

const FINDINGS: audit.Finding[] = [
  { id: 'home', severity: 'high', title: 'Reads and changes your files', detail: 'Every file.', permission: 'home' },
  { id: 'x11', severity: 'medium', title: 'Sees other windows', detail: 'Keystrokes.', permission: 'x11' },
];

const PORTALS: PortalsView = {
  available: true,
  version: 2,
  rows: [
    ...portalCatalogue.PORTAL_KINDS.slice(0, 3).map((k, i) => ({
      key: k.key,
      table: k.table,
      id: k.id,
      label: k.label,
      description: k.description,
      state: (['allowed', 'denied', 'not-set'] as const)[i]!,
      value: null,
      known: true,
      ...(i === 2 ? { unavailable: 'not yet' } : {}),
    })),
    {
      key: 'devices/speakers2',
      table: 'devices',
      id: 'speakers2',
      label: 'devices/speakers2',
      description: '',
      state: 'other',
      value: null,
      known: false,
    },
  ],
};

const VIEW: PermissionsView = {
  appId: APP_ID,
  layers: [{ id: 'user-app', path: '/home/u/.local/share/flatpak/overrides/org.example.Editor', state: 'ok' }],
  effective: EFFECTIVE,
  command: 'flatpak override --user --nosocket=x11 org.example.Editor',
  findings: FINDINGS,
};

const VERIFIED = {
  ok: true,
  appId: APP_ID,
  dataFolderExisted: true,
  summary: { same: 1, explained: 1, unexplained: 1, notOnHost: 1 },
  rows: [
    {
      id: 'ssh',
      group: 'sensitive',
      label: 'SSH keys and configuration',
      target: '~/.ssh',
      expected: 'none',
      observed: 'hidden',
      verdict: 'explained',
      via: '!~/.ssh',
      note: 'An empty folder.',
    },
    {
      id: 'dri',
      group: 'devices',
      label: 'Graphics',
      target: '/dev/dri',
      expected: 'write',
      observed: 'write',
      verdict: 'same',
      detail: ['card0', 'renderD128'],
    },
    {
      id: 'kvm',
      group: 'devices',
      label: 'Virtualisation',
      target: '/dev/kvm',
      expected: 'none',
      observed: 'write',
      verdict: 'unexplained',
      note: 'Unknown.',
    },
  ],
};

const invoke = vi.fn((channel: string, _request: unknown): Promise<unknown> => {
  const value =
    channel === 'sandbox:verify'
      ? VERIFIED
      : channel === 'override:reset'
        ? { path: '/o', before: 'eA==', after: null, changed: true, portals: [], portalFailures: [] }
        : channel === 'portals:get'
          ? PORTALS
          : channel === 'permissions:get'
            ? VIEW
            : channel === 'portals:set'
              ? { appId: APP_ID, table: 'background', id: 'background', before: null, after: null }
              : channel === 'fs:userFolders'
                ? { folders: {} }
                : { path: '/o', before: null, after: 'eA==', changed: true };
  return Promise.resolve({ ok: true, value });
});
Object.defineProperty(window, 'confine', { value: { invoke, subscribe: () => () => undefined } });

/** Every string a value holds, however deep (getters included). */
function strings(value: unknown, into = new Set<string>(), seen = new Set<unknown>()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (value && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    for (const v of Object.values(value)) strings(v, into, seen);
  }
  return into;
}

/** What reaches the page already in words from elsewhere: shared/'s labels and prose (a code
 *  such as `home` is not prose: it shows only as a token), and the data given to the page. */
function fromElsewhere(): RegExp {
  const prose = [...strings([flatpakCatalogue, help, merge, audit, portalCatalogue, verify])]
    .filter((s) => /[A-Z\s]/.test(s))
    // An access is also said in lower case inside a sentence ("gave read only").
    .flatMap((s) => [s, s.toLocaleLowerCase(currentLocale())]);
  const data = [...strings([APP, VIEW, PORTALS, VERIFIED])];
  const made = [
    ...EFFECTIVE.filesystems.map((f) => flatpakCatalogue.filesystemLabel(f.path)),
    ...APP.deployments.map(installationLabel),
    describeChanges([{ kind: 'sockets', name: 'wayland', value: false }]),
    // The language's own words for joining a list and naming a month, from the platform's
    // locale data.
    ...formatList(['\uE001', '\uE002']).split(/[\uE001-\uE003]/),
    ...formatList(['\uE001', '\uE002', '\uE003']).split(/[\uE001-\uE003]/),
    formatDateTime(new Date(APP.deployments[0]!.updated!), { year: 'numeric', month: 'long', day: 'numeric' }),
  ];
  const all = [...prose, ...data, ...made]
    .map((s) => s.trim())
    .filter((s) => s.length >= 3)
    .sort((a, b) => b.length - a.length);
  // Whole words only: "Network" is no part of org.freedesktop.NetworkManager.
  const escaped = all.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\d])(?:${escaped.join('|')})(?![\\p{L}\\d])`, 'gu');
}

/** The words a text shows in English: runs of three or more plain letters, once data, tokens,
 *  paths and names are taken out. */
function englishWords(text: string, exempt: RegExp): string[] {
  const rest = text
    .replace(exempt, ' ')
    .replace(/(^|[\s(])[~/$!:.][^\s,;()]*/g, ' ') // paths, Flatpak's options and suffixes, dot folders
    .replace(/\b[\w-]+(\.[\w*-]+)+/g, ' ') // bus names, app IDs, versions
    .replace(/\b[A-Z][A-Z0-9_]+\b/g, ' '); // environment variables
  return rest.match(/[A-Za-z]{3,}/g) ?? [];
}

/** The page's own text, by text node, and every attribute a person hears or sees. */
function shownTexts(root: HTMLElement): string[] {
  const page = root.cloneNode(true) as HTMLElement;
  // Not the page's own: the command (another area) and Flatpak's tokens.
  for (const el of page.querySelectorAll('section[aria-labelledby="group-command"], code')) el.remove();
  const texts: string[] = [];
  const walker = document.createTreeWalker(page, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n.textContent ?? '');
  for (const el of page.querySelectorAll('*'))
    for (const attr of ['aria-label', 'aria-description', 'title', 'placeholder']) {
      const v = el.getAttribute(attr);
      if (v) texts.push(v);
    }
  return texts;
}

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  useStore.setState({
    selected: appPage(APP_ID),
    catalog: {
      flatpakVersion: '1.14.10',
      flatpakDetected: true,
      installations: [],
      apps: [APP],
      warnings: [],
      exposure: { [APP_ID]: { score: 42, escapes: 0 } },
    } as unknown as ReturnType<typeof useStore.getState>['catalog'],
    view: VIEW,
    viewFor: appPage(APP_ID),
    viewLoad: IDLE,
    portals: PORTALS,
    portalsFor: APP_ID,
    folded: {},
    exposureOpen: true,
    pending: new Map(),
    pendingFor: null,
    undoStack: [],
    redoStack: [],
    toast: null,
  });
});

afterEach(async () => {
  cleanup();
  vi.useRealTimers();
  await setLanguage([]);
});

/** Shows everything the page can show for the test app: the findings, a probe's result, the
 *  help of a row, hints of the forms; then makes a change and a reset for their toasts. */
async function exercise(): Promise<{ texts: string[]; toasts: string[] }> {
  const { container } = render(<PermissionsPage />);
  const verifyButton = within(document.getElementById('group-verify-body')!).getAllByRole('button')[0]!;
  await userEvent.click(verifyButton);
  await screen.findByRole('table');
  await userEvent.click(container.querySelector<HTMLButtonElement>('.help-toggle')!);
  const texts = shownTexts(container);
  const toasts: string[] = [];
  // Wayland's switch: a change saved, then the override reset.
  await userEvent.click(screen.getByRole('switch', { name: flatpakCatalogue.flagOption('sockets', 'wayland')!.label }));
  await act(() => vi.advanceTimersByTimeAsync(500));
  toasts.push(useStore.getState().toast?.message ?? '');
  toasts.push(useStore.getState().undoStack.at(-1)?.label ?? '');
  await act(() => useStore.getState().resetOverride());
  toasts.push(useStore.getState().toast?.message ?? '');
  toasts.push(useStore.getState().undoStack.at(-1)?.label ?? '');
  return { texts, toasts };
}

describe('the app page in another language', () => {
  it('says nothing of its own in plain English under the pseudo-locale', async () => {
    await setLanguage(['en-XA']);
    const { texts, toasts } = await exercise();
    // The page did show: the probe's table, the findings and the forms are there.
    expect(texts.length).toBeGreaterThan(100);
    expect(toasts.every((t) => t !== '')).toBe(true);
    const exempt = fromElsewhere();
    const english = [...texts, ...toasts].flatMap((t) => englishWords(t, exempt).map((w) => `${w} in “${t}”`));
    expect(english).toEqual([]);
  });

  it('leaves none of its English sentences in German', async () => {
    await setLanguage(['de']);
    const { texts, toasts } = await exercise();
    const shown = [...texts, ...toasts].join('\n');
    const left = englishPhrases().filter((p) => shown.includes(p));
    expect(left).toEqual([]);
    expect(shown).toContain('Alle ausklappen');
  });
});

// The files whose messages these tests cover.
const MINE =
  /^renderer\/src\/(pages\/AppPage|components\/(PermissionGroups|AddForms|Controls|FoldGroup|PortalsGroup|Findings|VerifyPanel)|store\/(edits|portals|selectors))\.tsx?$/;

/** The English text of this page's messages, in runs of two words or more. */
function englishPhrases(): string[] {
  const template = po.parse(readFileSync(join(import.meta.dirname, '../../../locales/confine.pot')));
  const phrases: string[] = [];
  const literals = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if (e.type === TYPE.literal) phrases.push(e.value.trim());
      if (e.type === TYPE.plural || e.type === TYPE.select) for (const o of Object.values(e.options)) literals(o.value);
    }
  };
  for (const [ctx, byId] of Object.entries(template.translations))
    for (const entry of Object.values(byId))
      if (ctx !== '' && MINE.test(entry.comments?.reference ?? '')) literals(parse(entry.msgid));
  return phrases.filter((p) => /[A-Za-z]{3,}\s+[A-Za-z]{2,}/.test(p));
}
