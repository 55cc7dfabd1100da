// The real-app corpus as test-bed apps: each Flathub app's own finish-args, categories and
// runtime (test/corpus/flathub-apps.json, with the commit each was read from), built with
// `flatpak build-finish` as Flathub builds them. Options the installed Flatpak does not know are
// left out, as that Flatpak would ignore them, and listed.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { knownFlags, type FlagKind } from '../../shared/flatpak/catalogue';
import type { Version } from '../../shared/flatpak/version';
import type { TestbedApp } from './apps';

export interface CorpusApp {
  readonly id: string;
  readonly name: string;
  readonly manifest: {
    readonly repo: string;
    readonly commit: string;
    readonly date: string | null;
    readonly path: string;
  };
  readonly runtime: string;
  readonly runtimeVersion: string;
  readonly base: string | null;
  readonly command: string;
  readonly finishArgs: readonly string[];
  readonly categories: readonly string[];
  readonly categoriesFrom: { readonly repo: string; readonly commit: string; readonly path: string };
}

const CORPUS = fileURLToPath(new URL('../../test/corpus/flathub-apps.json', import.meta.url));

export function corpusApps(): readonly CorpusApp[] {
  return (JSON.parse(readFileSync(CORPUS, 'utf8')) as { apps: CorpusApp[] }).apps;
}

const FLAG_OPTIONS: Readonly<Record<string, FlagKind>> = {
  '--share': 'shared',
  '--unshare': 'shared',
  '--socket': 'sockets',
  '--nosocket': 'sockets',
  '--device': 'devices',
  '--nodevice': 'devices',
  '--allow': 'features',
  '--disallow': 'features',
};

/** The finish-args `flatpak build-finish` of this version accepts, and those it would refuse. */
export function finishArgsFor(args: readonly string[], version: Version): { kept: string[]; dropped: string[] } {
  const kept: string[] = [];
  const dropped: string[] = [];
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const option = eq < 0 ? arg : arg.slice(0, eq);
    const kind = FLAG_OPTIONS[option];
    // --require-version only says which Flatpak the app wants; the test bed runs what is here.
    if (option === '--require-version' || (kind && !knownFlags(kind, version).includes(arg.slice(eq + 1))))
      dropped.push(arg);
    else kept.push(arg);
  }
  return { kept, dropped };
}

const PALETTE: readonly (readonly [number, number, number])[] = [
  [0x35, 0x84, 0xe4],
  [0x26, 0xa2, 0x69],
  [0xe0, 0x1b, 0x24],
  [0xff, 0x78, 0x00],
  [0x91, 0x41, 0xac],
];

export function corpusTestbedApps(version: Version): TestbedApp[] {
  return corpusApps().map((app, i) => ({
    index: i + 1,
    id: app.id,
    name: app.name,
    summary: `${app.name}, with the permissions of its Flathub manifest (${app.manifest.repo}@${app.manifest.commit.slice(0, 10)})`,
    version: '1.0.0',
    developer: app.manifest.repo.split('/')[0] ?? 'Flathub',
    categories: app.categories,
    profile: 'corpus',
    finishArgs: finishArgsFor(app.finishArgs, version).kept,
    color: PALETTE[i % PALETTE.length] ?? [0, 0, 0],
    runtime: { id: app.runtime, branch: app.runtimeVersion },
  }));
}
