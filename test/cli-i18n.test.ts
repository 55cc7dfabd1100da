// The command line in the user's language: German and French chosen from the environment as
// gettext reads it, English under C, `--json` the same bytes in every language, and under the
// pseudo-locale no plain English left in the lines the CLI itself writes.

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLanguage } from '../shared/i18n';
import { confine, testbed, workspace } from './helpers/testbed';
import { englishWords, type Data } from './helpers/english-words';

const apps = testbed().apps;
const byProfile = (profile: string) => {
  const app = apps.find((a) => a.profile === profile);
  if (!app) throw new Error(`no ${profile} app`);
  return app;
};
// An app with findings and proposals under every preset: it has something to lose.
const APP = byProfile('sandbox-escape').id;

const LOCALE = {
  c: { LANG: 'C' },
  de: { LANG: 'de_DE.UTF-8' },
  fr: { LANG: 'fr_FR.UTF-8' },
  pseudo: { LANG: 'en_XA.UTF-8' },
} as const;

interface AuditJson {
  apps: { id: string; name: string; error?: string; findings: { severity: string; title: string }[] }[];
  limits: string[];
}
interface ListJson {
  apps: { id: string; name: string; version?: string; deployments: { branch: string; installation: string }[] }[];
}
interface HardenJson {
  apps: {
    name: string;
    proposals: {
      title: string;
      reason: string;
      loses: string;
      cost: 'none' | 'feature' | 'core';
      evidence: string[];
    }[];
  }[];
}

// Flatpak's tokens and the CLI's own words that the help and tables print as they are typed.
const TOKENS = [
  'confine',
  'flatpak',
  'override',
  'network',
  'ipc',
  'x11',
  'wayland',
  'pulseaudio',
  'dri',
  'all',
  'kvm',
  'shm',
  'devel',
  'multiarch',
  'bluetooth',
  'list',
  'show',
  'audit',
  'harden',
  'export',
  'import',
  'portals',
  'mac',
  'verify',
  'completion',
  'review',
  'lock',
  'unlock',
  'watch',
  'help',
  'recommended',
  'strict',
  'offline',
  'bash',
  'zsh',
  'fish',
  'camera',
  'microphone',
  'location',
  'unset',
  'stable',
  'master',
  'user',
  'system',
];

let env: Record<string, string>;
const run = (locale: Readonly<Record<string, string>>, args: readonly string[]) =>
  confine({ ...env, LANG: '', LANGUAGE: '', LC_ALL: '', LC_MESSAGES: '', ...locale }, args);

beforeAll(async () => {
  env = await workspace();
  // The description cache, filled once, so every language reads the same.
  await run(LOCALE.c, ['list', '--json']);
});

// runCli chooses the language of this process; the tests after these get English again.
afterAll(() => setLanguage([]));

describe('the CLI in the environment’s language', () => {
  it('speaks German under LANG=de_DE.UTF-8: the help, the audit and a usage error', async () => {
    const help = await run(LOCALE.de, ['--help']);
    expect(help.stdout).toMatch(/^Aufruf: confine COMMAND \[OPTION…\]\n/);
    expect(help.stdout).toContain('\nBefehle:\n');
    expect(help.stdout).toContain('Exit-Status: 0 Erfolg, 2 falsche Eingabe');
    const audit = await run(LOCALE.de, ['audit']);
    expect(audit.code).toBe(0);
    expect(audit.stdout.split('\n')[0]).toMatch(
      /^\d+ Apps: \d+ können aus der Sandbox ausbrechen, \d+ können Ihren persönlichen Ordner lesen, \d+ haben Netzwerkzugriff, \d+ nutzen X11 selbst unter Wayland\.$/,
    );
    expect(audit.stdout.split('\n')[1]).toMatch(
      /^Befunde: \d+ Ausbruch aus der Sandbox, \d+ hoch, \d+ mittel und \d+ niedrig\.$/,
    );
    const usage = await run(LOCALE.de, ['list', '--reset']);
    expect({ code: usage.code, stderr: usage.stderr }).toEqual({
      code: 2,
      stderr: 'Fehler: list nimmt --reset nicht (override nimmt es)\n',
    });
    const missing = await run(LOCALE.de, ['show']);
    expect(missing.stderr).toBe('Fehler: APP fehlt\n');
  });

  it('refuses what Flatpak’s grammar refuses in the user’s language, its tokens left as they are', async () => {
    const location = ['override', APP, '--filesystem=bad::x'];
    const name = ['show', '../../.bashrc'];
    // One after the other: each run chooses the language of this process.
    const deLocation = await run(LOCALE.de, location);
    const deName = await run(LOCALE.de, name);
    const xaLocation = await run(LOCALE.pseudo, location);
    const xaName = await run(LOCALE.pseudo, name);
    expect({ code: deLocation.code, stderr: deLocation.stderr }).toEqual({
      code: 2,
      stderr:
        'Fehler: Unbekannter Dateisystem-Ort bad, gültige Orte sind: host, host-os, host-etc, home, xdg-*[/…], ~/dir, /dir\n',
    });
    expect({ code: deName.code, stderr: deName.stderr }).toEqual({
      code: 2,
      stderr: "Fehler: '../../.bashrc' ist kein gültiger Anwendungsname: Name darf nicht mit einem Punkt beginnen\n",
    });
    // What was typed and the locations Flatpak names are data; every other word is accented.
    for (const r of [xaLocation, xaName]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/ƞ/);
      expect(englishWords(r.stderr, { words: ['bad', 'host', 'etc', 'home', 'dir', 'bashrc'] })).toEqual([]);
    }
  });

  it('takes LANGUAGE’s first choice over LANG, and English under LC_ALL=C', async () => {
    const french = await run({ LANGUAGE: 'fr:de', LANG: 'de_DE.UTF-8' }, ['frobnicate']);
    // French puts a no-break space before a colon or semicolon.
    expect(french.stderr).toBe('erreur\u00a0: Commande inconnue frobnicate\u00a0; voir confine help\n');
    const c = await run({ LC_ALL: 'C', LANG: 'de_DE.UTF-8', LANGUAGE: 'fr' }, ['frobnicate']);
    expect(c.stderr).toBe('error: Unknown command frobnicate; see confine help\n');
  });

  it('writes the same JSON in every language', async () => {
    for (const args of [
      ['audit', '--json'],
      ['list', '--json'],
    ]) {
      // One after the other: each run chooses the language of this process, so runs side by side
      // would all write in whichever language was chosen last, and always agree.
      const outputs: Awaited<ReturnType<typeof run>>[] = [];
      for (const l of Object.values(LOCALE)) outputs.push(await run(l, args));
      const [english, ...others] = outputs;
      expect(english?.code).toBe(0);
      for (const other of others) expect({ args, stdout: other.stdout }).toEqual({ args, stdout: english?.stdout });
    }
  });

  it('leaves no plain English of its own under the pseudo-locale en-XA', async () => {
    await setLanguage([]);
    const audit = JSON.parse((await run(LOCALE.c, ['audit', '--json'])).stdout) as AuditJson;
    const listed = JSON.parse((await run(LOCALE.c, ['list', '--json'])).stdout) as ListJson;
    const hardened = JSON.parse((await run(LOCALE.c, ['harden', APP, '--dry-run', '--json'])).stdout) as HardenJson;
    const names = [...audit.apps, ...listed.apps, ...hardened.apps].map((a) => a.name);
    const versions = listed.apps.flatMap((a) => (a.version ? [a.version] : []));
    const installations = listed.apps.flatMap((a) => a.deployments.map((d) => d.installation));
    const data: Data = {
      strings: [...names, ...versions],
      words: [...TOKENS, ...installations],
    };
    const outputs = await Promise.all(
      [['list'], ['show', APP], ['audit'], ['--help'], ['override', '--help'], ['harden', APP, '--dry-run']].map(
        async (args) => ({ args, ...(await run(LOCALE.pseudo, args)) }),
      ),
    );
    for (const { args, code, stdout, stderr } of outputs) {
      expect({ args, code }).toEqual({ args, code: 0 });
      expect({ args, english: englishWords(stdout + stderr, data) }).toEqual({ args, english: [] });
    }
    // The pseudo-locale did apply: its accented words are there.
    expect(outputs.find((o) => o.args[0] === 'audit')?.stdout).toMatch(/ȧȧƥƥş/);
  });

  it('leaves none either in review, watch, verify and harden --lock', async () => {
    // What an update changed, as if APP had been updated since the first look: two of its
    // declarations forgotten and one it no longer makes remembered; the same for an app of the
    // system installation (in the user one too), whose headings name the installation.
    await run(LOCALE.c, ['review']);
    const listed = JSON.parse((await run(LOCALE.c, ['list', '--json'])).stdout) as ListJson;
    const systemApp = listed.apps.find((a) => a.deployments.some((d) => d.installation === 'default'))?.id ?? '';
    const path = join(env.XDG_STATE_HOME ?? '', 'confine', 'review.json');
    const state = JSON.parse(await readFile(path, 'utf8')) as { seen: Record<string, Record<string, string[]>> };
    for (const apps of Object.values(state.seen))
      for (const app of [APP, systemApp])
        if (apps[app]) apps[app] = [...(apps[app] ?? []).slice(2), '--talk-name=org.example.Gone'].sort();
    await writeFile(path, JSON.stringify(state));
    // Named as other commands name an override: the system one "(system)", in the reader's
    // words, the user one by its app alone; never by the installations' IDs (user, default).
    const headings = (await run(LOCALE.de, ['review'])).stdout.split('\n').filter((l) => /^\S/.test(l));
    expect(headings.filter((l) => l.startsWith(systemApp))).toEqual([systemApp, `${systemApp} (System)`]);
    const data: Data = {
      strings: listed.apps.map((a) => a.name),
      words: [...TOKENS, ...listed.apps.flatMap((a) => a.deployments.map((d) => d.installation))],
    };
    // verify stops at the runtime without a shell; --lock is said after the changes are made.
    const reads = await Promise.all(
      [['review'], ['watch', '--help'], ['verify', '--help'], ['verify', APP]].map(async (args) => ({
        args,
        ...(await run(LOCALE.pseudo, args)),
      })),
    );
    const locked = { args: ['harden', APP, '--lock'], ...(await run(LOCALE.pseudo, ['harden', APP, '--lock'])) };
    for (const { args, stdout, stderr } of [...reads, locked])
      expect({ args, english: englishWords(stdout + stderr, data) }).toEqual({ args, english: [] });
    // Each said what it is for: the review its two additions and one removal, the lock its app.
    expect(reads[0]?.stdout).toContain('--talk-name=org.example.Gone');
    expect(reads[0]?.stdout).not.toMatch(/\((user|default)\)/);
    expect(reads[3]).toMatchObject({ code: 1 });
    expect(locked).toMatchObject({ code: 0 });
    expect(locked.stdout).toMatch(new RegExp(`\\S.*${APP.replace(/\./g, '\\.')}\\n$`));
  });

  it('would see a line that bypassed the catalog', () => {
    expect(englishWords('Ƥşḗḗŭŭḓŏŏ: 3 apps can escape', { words: TOKENS })).toEqual([
      'apps in: Ƥşḗḗŭŭḓŏŏ: 3 apps can escape',
      'can in: Ƥşḗḗŭŭḓŏŏ: 3 apps can escape',
      'escape in: Ƥşḗḗŭŭḓŏŏ: 3 apps can escape',
    ]);
    expect(englishWords('--socket=x11 org.example.App /home/user APP sockets:x11\n[Session Bus Policy]')).toEqual([]);
  });
});
