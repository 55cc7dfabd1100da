// The hardening words go through the catalog: the audit and every preset, run over real Flathub
// apps (test/corpus) and over permission sets that fire every rule, say nothing in plain English
// under German or under the pseudo-locale, where every translated letter is accented. Only
// placeholder values may stay as they are: Flatpak's entries, paths, bus names, AppStream
// categories, Flathub's check names and the folder words of another area (filesystemWords).

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { po } from 'gettext-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { corpusApps, finishArgsFor } from '../../e2e/testbed/corpus';
import { VERSION } from '../../test/arbitraries/context';
import { contextOf } from '../../test/helpers/finish-args';
import { filesystemWords, XDG_FILESYSTEMS } from '../flatpak/catalogue';
import type { Context } from '../flatpak/context';
import { formatList, inEnglish, setLanguage } from '../i18n';
import { auditApp, LIMITS, SEVERITY_LABELS } from './audit';
import { CAPABILITIES } from './capabilities';
import { flathubExceptions } from './flathub';
import { NEED_LOSS, type AppFacts, type HomeEntry } from './needs';
import { COST_LABELS, PRESET_LABELS, PRESETS } from './preset-labels';
import { costSentence, propose } from './presets';
import { BUS_ROUTES, MASK_LOCATIONS, PATH_ROUTES } from './routes';
import type { Session } from './session';

interface Input {
  readonly name: string;
  readonly args: readonly string[];
  readonly app: AppFacts;
}

const home = new Map<string, HomeEntry>(
  MASK_LOCATIONS.map((l) => [l, l.includes('rc') || l.endsWith('profile') ? 'file' : 'dir']),
);
const facts = (id: string, categories: readonly string[], runtime: string, session: Session): AppFacts => ({
  id,
  categories,
  runtime,
  session,
  flatpak: VERSION,
  home,
});
const WAYLAND: Session = { type: 'wayland', desktop: 'GNOME' };
const X11_KDE: Session = { type: 'x11', desktop: 'KDE' };

/** Permission sets between them firing every audit rule and every preset rule, each variant. */
const SETS: readonly (readonly [string, readonly string[], readonly string[], Session])[] = [
  [
    'everything at once',
    [
      '--socket=session-bus',
      '--socket=system-bus',
      '--filesystem=home',
      '--filesystem=~/.config:ro',
      '--filesystem=xdg-run/pipewire-0',
      '--filesystem=xdg-run/podman',
      '--filesystem=/tmp',
      '--filesystem=xdg-run/gnupg',
      '--talk-name=org.freedesktop.Flatpak',
      '--talk-name=org.freedesktop.systemd1',
      '--talk-name=ca.desrt.dconf',
      '--talk-name=org.freedesktop.secrets',
      '--talk-name=org.freedesktop.impl.portal.PermissionStore',
      '--system-talk-name=org.freedesktop.NetworkManager',
      '--socket=x11',
      '--socket=wayland',
      '--socket=pulseaudio',
      '--socket=ssh-auth',
      '--socket=gpg-agent',
      '--socket=pcsc',
      '--socket=cups',
      '--share=network',
      '--share=ipc',
      '--device=all',
      '--device=kvm',
      '--device=shm',
      '--allow=devel',
      '--allow=bluetooth',
      '--allow=canbus',
    ],
    ['Development', 'IDE'],
    WAYLAND,
  ],
  [
    'narrow ways out',
    [
      '--filesystem=xdg-config/autostart',
      '--filesystem=xdg-data/flatpak/overrides:create',
      '--filesystem=~/.gnupg',
      '--filesystem=~/.ssh',
      '--filesystem=~/.mozilla/native-messaging-hosts',
      '--filesystem=~/.var/app',
      '--filesystem=xdg-config',
      '--socket=x11',
      '--socket=fallback-x11',
      '--socket=wayland',
      '--socket=pulseaudio',
      '--filesystem=xdg-run/pipewire-0',
      '--device=all',
      '--device=dri',
    ],
    ['Graphics'],
    X11_KDE,
  ],
  ['whole host, read only', ['--filesystem=host:ro', '--socket=fallback-x11'], ['Office'], WAYLAND],
  ['whole host', ['--filesystem=host', '--socket=x11'], ['Game'], WAYLAND],
  ['home with protections renamed away', ['--filesystem=home', '--filesystem=~/.config/autostart:ro'], [], WAYLAND],
  [
    'some folders and system files',
    [
      '--filesystem=xdg-download',
      '--filesystem=~/Games:create',
      '--filesystem=host-os:ro',
      '--filesystem=host-etc:ro',
      '--filesystem=home:ro',
      '--socket=fallback-x11',
      '--env=GDK_BACKEND=x11',
    ],
    ['Audio', 'Video'],
    WAYLAND,
  ],
  ['files only', ['--filesystem=xdg-download', '--filesystem=host-etc:ro', '--filesystem=host-os:ro'], [], WAYLAND],
];

const INPUTS: readonly Input[] = [
  ...SETS.map(([name, args, categories, session]) => ({
    name,
    args,
    app: facts('org.example.App', categories, 'org.kde.Platform/x86_64/6.8', session),
  })),
  // Every third app of the corpus: kinds, runtimes and Flathub exceptions enough, at a third of the time.
  ...corpusApps()
    .filter((_, i) => i % 3 === 0)
    .map((a) => ({
      name: a.id,
      // As the corpus test bed installs them (what this Flatpak knows), less what `flatpak
      // override` has no option for and `--persist=.`, which manifests write and overrides refuse:
      // none of them is a permission the hardening words speak of.
      args: finishArgsFor(a.finishArgs, VERSION).kept.filter((arg) => !/^--(metadata|persist)=/.test(arg)),
      app: facts(a.id, a.categories, `${a.runtime}/x86_64/${a.runtimeVersion}`, WAYLAND),
    })),
];

interface Said {
  readonly where: string;
  readonly text: string;
}

/** Everything the hardening area says about the inputs, in the current language. */
function everything(): Said[] {
  const said: Said[] = [];
  const say = (where: string, text: string) => said.push({ where, text });
  for (const s of Object.keys(SEVERITY_LABELS) as (keyof typeof SEVERITY_LABELS)[])
    say(`severity ${s}`, SEVERITY_LABELS[s]);
  for (const p of PRESETS) {
    say(`preset ${p}`, PRESET_LABELS[p].label);
    say(`preset ${p} description`, PRESET_LABELS[p].description);
  }
  for (const [cost, label] of Object.entries(COST_LABELS)) say(`cost ${cost}`, label);
  for (const [need, loss] of Object.entries(NEED_LOSS)) say(`loss ${need}`, loss);
  LIMITS.forEach((l, i) => say(`limit ${i}`, l));
  for (const c of CAPABILITIES) {
    say(`capability ${c.id}`, c.label);
    say(`capability ${c.id} description`, c.description);
  }
  for (const { name, args, app } of INPUTS) {
    // A fresh context each time: the audit is kept per context object.
    const ctx: Context = contextOf(args);
    for (const f of auditApp(ctx).findings) {
      say(`${name}: ${f.id} title`, f.title);
      say(`${name}: ${f.id} detail`, f.detail);
    }
    for (const preset of PRESETS)
      for (const p of propose(preset, ctx, app)) {
        const at = `${name}: ${preset} ${p.id}`;
        say(`${at} title`, p.title);
        say(`${at} reason`, p.reason);
        say(`${at} loses`, p.loses);
        say(`${at} cost`, costSentence(p));
      }
  }
  return said;
}

/** Placeholder values: what the words may hold as written, in any language. */
function tokens(): string[] {
  const out = new Set<string>([
    'filesystem=host',
    '/tmp',
    '/sys',
    '/proc',
    '/usr',
    '/etc',
    '/dev/kvm',
    '/dev/shm',
    'authorized_keys',
  ]);
  // Shorter ones cannot be a word of three letters, and taking them out would cut words apart.
  const add = (t: string) => {
    if (t.length >= 3) out.add(t);
  };
  for (const r of PATH_ROUTES) add(r.location);
  for (const b of BUS_ROUTES) add(b.name);
  for (const l of MASK_LOCATIONS) add(l);
  for (const x of XDG_FILESYSTEMS) {
    add(filesystemWords(x.name));
    add(x.name);
    if (x.location) add(x.location);
    add((x.location ?? x.name).replace(/^~\//, ''));
  }
  for (const { args, app } of INPUTS) {
    app.categories.forEach(add);
    flathubExceptions(app.id).forEach(add);
    for (const arg of args) {
      const value = arg.replace(/^--[a-z-]+=/, '');
      add(value);
      add(value.replace(/:(ro|rw|create)$/, ''));
      add(filesystemWords(value.replace(/:(ro|rw|create)$/, '')));
      for (const part of value.split(/[:=]/)) add(part);
    }
    for (const f of auditApp(contextOf(args)).findings)
      for (const entry of f.permission.split(/[\s;]/)) {
        add(entry);
        for (const part of entry.split(/[:=]/)) add(part);
      }
  }
  // Longest first, so that a path is taken whole before a shorter token inside it.
  return [...out].sort((a, b) => b.length - a.length);
}

function withoutTokens(text: string, all: readonly string[]): string {
  let rest = text;
  for (const t of all) rest = rest.split(t).join(' ');
  return rest;
}

/** The words the language's list formatting joins with ("and", "or"): CLDR's, not the catalog's. */
const listWords = (): string[] =>
  (['conjunction', 'disjunction'] as const).flatMap(
    (type) => formatList(['\u0001', '\u0002', '\u0003'], type).match(/\p{L}+/gu) ?? [],
  );

/** Texts the German catalog keeps as in English on purpose (a name: "Bluetooth"). */
async function sameOnPurpose(): Promise<Set<string>> {
  const table = po.parse(await readFile(join(import.meta.dirname, '../../locales/de.po')));
  return new Set(
    Object.values(table.translations)
      .flatMap((byId) => Object.values(byId))
      .filter((e) => /same as English/.test(e.comments?.translator ?? ''))
      .map((e) => e.msgstr[0] ?? ''),
  );
}

// English function words, and the verbs the English titles start with; case matters (CAN bus).
const ENGLISH_WORDS =
  /\b(the|and|your|you|can|with|which|that|this|its|for|from|not|into|what|when|where|only|every|other|outside|through|without|cannot|may|keep|make|revoke|runs|settings|access|it|of|to|or|It|The|Your|Make|Revoke|Keep|Stop|Changes|Reads|Runs|Use|Replace)\b/;

afterEach(async () => {
  await setLanguage([]);
});

describe('the hardening words in other languages', () => {
  it('under the pseudo-locale, every letter of every finding, proposal, cost and label is accented', async () => {
    await setLanguage(['en-XA']);
    const all = tokens();
    const joiners = new Set(listWords());
    const plain = everything().flatMap(({ where, text }) => {
      const english = (withoutTokens(text, all).match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !joiners.has(w));
      return english.length > 0 ? [`${where}: ${english.join(' ')} in «${text}»`] : [];
    });
    expect(plain).toEqual([]);
  });

  it('in German, nothing is left as the English says it', async () => {
    const english = everything();
    await setLanguage(['de']);
    const all = tokens();
    const german = everything();
    const kept = await sameOnPurpose();
    // The same inputs in the same order: each text pairs with its English.
    expect(german.map((s) => s.where)).toEqual(english.map((s) => s.where));
    const problems = german.flatMap(({ where, text }, i) => {
      const rest = withoutTokens(text, all);
      const same = text === english[i]!.text && /[A-Za-z]{3,}/.test(rest) && !kept.has(text);
      const word = ENGLISH_WORDS.exec(rest);
      return same || word ? [`${where}: «${text}»${word ? ` has “${word[0]}”` : ''}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it('is English again for JSON, whatever the language', async () => {
    const ctx = contextOf(SETS[0]![1]);
    const app = INPUTS[0]!.app;
    const json = () => JSON.stringify({ audit: auditApp(ctx), proposals: propose('strict', ctx, app) });
    const before = json();
    await setLanguage(['de']);
    expect(json()).not.toEqual(before);
    expect(inEnglish(json)).toEqual(before);
  });
});
