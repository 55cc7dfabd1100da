// The permissions' words in other languages: every label, line, help text, change phrase and
// portal word goes through the catalog. Under the pseudo-locale a text that skipped it stays
// plain English among accented letters; under German and French it stays the English text.

import { afterEach, describe, expect, it } from 'vitest';
import { inEnglish, setLanguage } from '../i18n';
import {
  kindByKey,
  describeValue,
  OTHER_TABLES,
  otherLabel,
  PORTAL_KINDS,
  type PortalKind,
} from '../portals/catalogue';
import {
  BUS_POLICIES,
  ENTRY_STATES,
  FILESYSTEM_GROUP,
  FILESYSTEM_MODES,
  FILESYSTEM_RESET,
  FLAG_GROUPS,
  FLAG_OPTIONS,
  OTHER_OPTIONS,
  SPECIAL_FILESYSTEMS,
  STATE_LABELS,
  XDG_FILESYSTEMS,
  filesystemLabel,
  filesystemWords,
} from './catalogue';
import { describeChange, describeChanges } from './change-label';
import type { Change } from './edit';
import { busNameHelp, helpCatalogueIds, helpFor } from './help';
import { LAYER_LABELS } from './merge';
import { systemOverrideRefusal, unreachableInstallation } from './self-sandbox';

afterEach(async () => {
  await setLanguage([]);
});

const SANDBOX = { appId: 'dev.confine.Confine' };
const CHANGES: Change[] = [
  { kind: 'shared', name: 'network', value: false },
  { kind: 'sockets', name: 'x11', value: true },
  { kind: 'devices', name: 'dri', value: undefined },
  { kind: 'filesystems', path: 'xdg-download', value: 'ro' },
  { kind: 'filesystems', path: 'home', value: 'none' },
  { kind: 'filesystems', path: 'xdg-documents/Work', value: 'create' },
  { kind: 'filesystems', path: '~/Games', value: 'rw' },
  { kind: 'filesystems', path: '~/Games', value: undefined },
  { kind: 'filesystem-reset', value: true },
  { kind: 'filesystem-reset', value: undefined },
  { kind: 'persistent', path: '.mozilla', value: true },
  { kind: 'persistent', path: '.mozilla', value: undefined },
  { kind: 'environment', name: 'GTK_THEME', value: 'Adwaita' },
  { kind: 'environment', name: 'GTK_THEME', value: null },
  { kind: 'environment', name: 'GTK_THEME', value: undefined },
  { kind: 'bus', bus: 'session', name: 'org.example.Service', value: 'talk' },
  { kind: 'bus', bus: 'system', name: 'org.example.Service', value: 'none' },
  { kind: 'bus', bus: 'system', name: 'org.example.Service', value: undefined },
];

/** Values that reach the text as they are, never translated: Flatpak's tokens, paths, names. */
const TOKENS = [
  ...XDG_FILESYSTEMS.flatMap((x) => [x.name, x.location ?? '']),
  '/dev/shm',
  '/dev/bus/usb',
  '/etc',
  '~/.var/app/ID/…',
  '$XDG_RUNTIME_DIR',
  '!host:reset',
  '--user',
  'Work',
  '~/Games',
  '~/.mozilla',
  'GTK_THEME',
  'org.example.Service',
  '/mnt/flatpak',
  'extra',
  "flatpak override --user dev.confine.Confine '--filesystem=/mnt/flatpak:ro'",
  'flatpak override --system --unshare=network org.example.App',
  'flatpak override --user dev.confine.Confine --filesystem=/mnt/flatpak:ro',
  'text/plain',
  'org.gnome.TextEditor',
  'usb:0781:5581',
  'read, write',
  'logout, suspend',
  'yes, no',
  'screencast-v2',
  'restore-token',
  'CITY',
  'city',
]
  .filter((t) => t !== '')
  // Longest first, so a token is not cut by a shorter one inside it.
  .sort((a, b) => b.length - a.length);

/** Everything the permissions area puts into words, for realistic inputs, each with where it came from. */
function everything(): [string, string][] {
  const out: [string, string][] = [];
  const named = (where: string, o: { label: string; description: string; short?: string }) => {
    out.push([`${where} label`, o.label], [`${where} description`, o.description]);
    if (o.short !== undefined) out.push([`${where} short`, o.short]);
  };
  for (const o of FLAG_OPTIONS) named(`${o.kind}:${o.name}`, o);
  for (const [kind, g] of Object.entries(FLAG_GROUPS)) named(`group ${kind}`, g);
  named('group filesystems', FILESYSTEM_GROUP);
  for (const o of [...SPECIAL_FILESYSTEMS, ...XDG_FILESYSTEMS, FILESYSTEM_RESET]) named(o.name, o);
  for (const o of FILESYSTEM_MODES) named(`mode ${o.name}`, o);
  for (const o of BUS_POLICIES) named(`policy ${o.name}`, o);
  for (const o of Object.values(OTHER_OPTIONS)) named(o.name, o);
  for (const s of ENTRY_STATES) out.push([`state ${s.name}`, s.label]);
  for (const [k, v] of Object.entries(STATE_LABELS)) out.push([`state ${k}`, v]);
  for (const [k, v] of Object.entries(LAYER_LABELS)) out.push([`layer ${k}`, v]);
  for (const id of helpCatalogueIds()) {
    const h = helpFor(id);
    out.push([`help ${id} allows`, h?.allows ?? `no help for ${id}`], [`help ${id} without`, h?.without ?? '']);
  }
  for (const bus of ['session', 'system'] as const)
    for (const p of BUS_POLICIES) out.push([`bus name ${bus} ${p.name}`, busNameHelp(bus, p.name)?.allows ?? '']);
  out.push(['subfolder', filesystemLabel('xdg-documents/Work')], ['words', filesystemWords('xdg-config')]);
  for (const c of CHANGES) out.push([`change ${JSON.stringify(c)}`, describeChange(c)]);
  out.push(['changes', describeChanges(CHANGES.slice(0, 2))]);
  for (const k of PORTAL_KINDS) {
    named(`portal ${k.key}`, k);
    if (k.exposure)
      out.push([`portal ${k.key} title`, k.exposure.title], [`portal ${k.key} detail`, k.exposure.detail]);
  }
  const location = kindByKey('location') as PortalKind;
  const background = kindByKey('background') as PortalKind;
  out.push(
    ['value unset', describeValue(background, null)],
    ['value ask', describeValue(background, ['ask'])],
    ['value empty', describeValue(background, [])],
    ['value city', describeValue(location, ['CITY', '0'])],
    ['value odd', describeValue(location, ['city', '0'])],
  );
  const samples: Readonly<Record<string, [string, string[]]>> = {
    documents: ['a1b2c3', ['read', 'write']],
    screencast: ['restore-token', ['screencast-v2']],
    'remote-desktop': ['restore-token', ['screencast-v2']],
    'input-capture': ['restore-token', ['screencast-v2']],
    usb: ['usb:0781:5581', ['yes', 'no']],
    inhibit: ['inhibit', ['logout', 'suspend']],
    'desktop-used-apps': ['text/plain', ['org.gnome.TextEditor']],
  };
  for (const table of Object.keys(OTHER_TABLES)) {
    const [id, value] = samples[table] ?? ['', []];
    const words = otherLabel(table, id, value);
    out.push([`table ${table} label`, words.label], [`table ${table} description`, words.description]);
  }
  const unknown = otherLabel('screencast-v2', 'restore-token', ['yes', 'no']);
  out.push(['unknown table label', unknown.label], ['unknown table description', unknown.description]);
  out.push(
    ['unreachable', unreachableInstallation(SANDBOX, { id: 'extra', path: '/mnt/flatpak' } as never)],
    [
      'refusal in sandbox',
      systemOverrideRefusal(
        SANDBOX,
        TOKENS.find((t) => t.includes('--system'))!,
      ),
    ],
    [
      'refusal',
      systemOverrideRefusal(
        null,
        TOKENS.find((t) => t.includes('--system'))!,
      ),
    ],
  );
  return out;
}

const withoutTokens = (text: string) => TOKENS.reduce((s, token) => s.split(token).join(' '), text);

describe('the permissions in other languages', () => {
  it('covers every table of the area, with realistic inputs (a check that the checks see something)', () => {
    const texts = everything();
    expect(Object.keys(OTHER_TABLES).every((t) => texts.some(([w]) => w === `table ${t} label`))).toBe(true);
    expect(texts.length).toBeGreaterThan(300);
    // English has plain words, which the checks below would find where a catalog is skipped.
    expect(texts.filter(([, text]) => /[A-Za-z]{3}/.test(withoutTokens(text))).length).toBe(texts.length);
  });

  it('puts every text through the catalog under the pseudo-locale: no plain English word is left', async () => {
    await setLanguage(['en-XA']);
    const plain = everything().flatMap(([where, text]) => {
      const words = withoutTokens(text).match(/[A-Za-z]{3,}/g);
      return words ? [`${where}: ${words.join(' ')} in “${text}”`] : [];
    });
    expect(plain).toEqual([]);
  });

  // Words German and French never use, which an English sentence can hardly do without.
  const ENGLISH = /\b(the|and|with|without|your|can|cannot|from|every|which|when|not|this|that|only|its|to)\b/;
  // Rightly the same in English: product names and Flatpak's terms (see the PO files' "same as English").
  const SAME = new Set([
    'Bluetooth',
    'Sockets',
    'Cache',
    'Configuration',
    'Configuration (xdg-config)',
    'Notifications',
    'Microphone',
  ]);

  it.each(['de', 'fr'])('%s: every text is translated, none is the English one', async (language) => {
    const english = inEnglish(everything);
    await setLanguage([language]);
    const translated = everything();
    expect(translated.map(([w]) => w)).toEqual(english.map(([w]) => w));
    const problems = translated.flatMap(([where, text], i) => {
      const before = english[i]![1];
      if (text === before && !SAME.has(text)) return [`${where}: still English: “${text}”`];
      const word = withoutTokens(text).match(ENGLISH);
      return word ? [`${where}: English word “${word[0]}” in “${text}”`] : [];
    });
    expect(problems).toEqual([]);
  });
});
