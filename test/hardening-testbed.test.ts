// The audit and the presets on the real test bed: apps of known shapes get the expected findings
// and proposals, `flatpak info --show-permissions` shows the hardened set after `confine harden`,
// and apply then undo leaves the override folder byte for byte as it was.

import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlatpakCore } from '../electron/services/core';
import { applyHardening } from '../electron/services/hardening';
import { confine, flatpak, testbed, workspace } from './helpers/testbed';
import { tempDir } from './helpers/temp';

const apps = testbed().apps;
const byProfile = (profile: string) => {
  const app = apps.find((a) => a.profile === profile);
  if (!app) throw new Error(`no ${profile} app`);
  return app;
};

interface AuditJson {
  apps: { id: string; score: number; findings: { id: string; severity: string }[] }[];
  overview: {
    apps: number;
    canEscape: number;
    readHome: number;
    network: number;
    x11: number;
    bySeverity: Record<string, number>;
  };
}

interface HardenJson {
  apps: {
    appId: string;
    proposals: { id: string; selected: boolean; cost: string; evidence: string[]; title: string; changes: unknown[] }[];
    selected: string[];
  }[];
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir).catch(() => [])).sort())
    out[name] = (await readFile(join(dir, name))).toString('base64');
  return out;
}

describe('the audit of the test bed', () => {
  it('finds what the apps of known shapes can do, escapes first', async () => {
    const env = await workspace();
    const r = await confine(env, ['audit', '--json']);
    expect(r.code).toBe(0);
    const audit = JSON.parse(r.stdout) as AuditJson;
    const findings = (profile: string) =>
      audit.apps.find((a) => a.id === byProfile(profile).id)?.findings.map((f) => f.id) ?? [];
    expect(findings('sandbox-escape')).toEqual(
      expect.arrayContaining(['escape:flatpak-portal', 'escape:session-bus', 'escape:write-startup']),
    );
    expect(findings('kitchen-sink')).toEqual(
      expect.arrayContaining(['escape:write-home', 'device-all', 'secrets', 'network', 'pulseaudio', 'x11-fallback']),
    );
    expect(findings('none')).toEqual([]);
    expect(findings('network-only')).toEqual(['network']);
    expect(findings('legacy-x11')).toEqual(['x11', 'network', 'ipc']);
    expect(findings('photo-tool')).toEqual(expect.arrayContaining(['escape:write-home', 'x11']));
    expect(findings('secrets-user')).toEqual(expect.arrayContaining(['secrets', 'ssh-auth', 'gpg-agent']));
    // Escapes come first and the list is ordered by score.
    const scores = audit.apps.map((a) => a.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const a of audit.apps) {
      const order = a.findings.map((f) => ['escape', 'high', 'medium', 'low'].indexOf(f.severity));
      expect(order).toEqual([...order].sort((x, y) => x - y));
    }
    const o = audit.overview;
    expect(o.apps).toBe(apps.length);
    expect(o.canEscape).toBe(audit.apps.filter((a) => a.findings.some((f) => f.severity === 'escape')).length);
    // Counted independently: every app whose flatpak info shows shared=network.
    let network = 0;
    for (const a of apps)
      if (/^shared=.*\bnetwork;/m.test((await flatpak(env, ['info', '--user', '--show-permissions', a.id])).stdout))
        network++;
    expect(o.network).toBe(network);
  });

  it('prints a ranking a person can read', async () => {
    const env = await workspace();
    const r = await confine(env, ['audit']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(
      /^\d+ apps: \d+ can escape the sandbox, \d+ can read your home folder, \d+ have the network, \d+ use X11 even on Wayland\.$/,
    );
    expect(r.stdout).toContain('Note: Flatpak cannot stop apps from reading much of /sys and /proc');
  });
});

describe('presets on the test bed', () => {
  it('keeps what apps of a kind need, and says what each change costs', async () => {
    const env = await workspace();
    const ids = [byProfile('web-browser').id, byProfile('music-player').id, byProfile('photo-tool').id];
    const run = async (preset: string) => {
      const r = await confine(env, ['harden', ...ids, '--preset', preset, '--dry-run', '--json']);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as HardenJson;
      return (profile: string, id: string) =>
        out.apps.find((a) => a.appId === byProfile(profile).id)?.proposals.find((p) => p.id === id);
    };
    const recommended = await run('recommended');
    const strict = await run('strict');
    // What an app is for is not proposed in recommended; strict shows it unticked, with why.
    expect(recommended('web-browser', 'network')).toBeUndefined();
    expect(strict('web-browser', 'network')).toMatchObject({
      selected: false,
      cost: 'core',
      evidence: [expect.stringContaining('WebBrowser') as string],
    });
    expect(recommended('music-player', 'pulseaudio')).toBeUndefined();
    expect(strict('music-player', 'pulseaudio')).toMatchObject({ selected: false, cost: 'core' });
    // A photo tool keeps its files; the ways out beneath them are made read-only, ticked.
    expect(recommended('photo-tool', 'home')).toBeUndefined();
    expect(recommended('photo-tool', 'mask:config')).toMatchObject({
      selected: true,
      cost: 'none',
      changes: [{ kind: 'filesystems', path: '~/.config', value: 'ro' }],
    });
    expect(strict('photo-tool', 'home')).toMatchObject({
      selected: false,
      cost: 'core',
      title: expect.stringContaining('save only into your folders') as string,
    });
    // A dry run writes nothing, not even the folders a protection needs.
    expect(await readdir(join(env.FLATPAK_USER_DIR ?? '', 'overrides'))).toEqual([]);
    expect(await readdir(env.HOME ?? '')).not.toContain('.ssh');
  });

  it('hardens as flatpak then enforces, and a second run changes nothing', async () => {
    const env = await workspace();
    const photo = byProfile('photo-tool');
    const escape = byProfile('sandbox-escape');
    const r = await confine(env, ['harden', photo.id, escape.id]);
    expect(r.code).toBe(0);
    const photoShow = (await flatpak(env, ['info', '--user', '--show-permissions', photo.id])).stdout;
    expect(photoShow).toMatch(/^filesystems=(.*;)?home;/m);
    expect(photoShow).toMatch(/^filesystems=(.*;)?~\/\.config:ro;/m);
    // The folders a read-only protection needs now exist, private to the user.
    expect(((await stat(join(env.HOME ?? '', '.ssh'))).mode & 0o777).toString(8)).toBe('700');
    const escapeShow = (await flatpak(env, ['info', '--user', '--show-permissions', escape.id])).stdout;
    expect(escapeShow).not.toMatch(/sockets=.*session-bus/);
    expect(escapeShow).not.toContain('xdg-config/autostart');
    // A development tool keeps talking to org.freedesktop.Flatpak under the recommended preset;
    // the strict preset shows it, unticked, as what the app is for.
    expect(escapeShow).toContain('org.freedesktop.Flatpak=talk');
    expect(r.stdout).not.toContain('Stop it running commands outside the sandbox');
    const strictDry = await confine(env, ['harden', escape.id, '--preset', 'strict', '--dry-run']);
    expect(strictDry.stdout).toMatch(
      /left +Stop it running commands outside the sandbox\n[^]*?Breaks what the app is for: its AppStream categor(y is|ies are) Development/,
    );
    const files = await snapshot(join(env.FLATPAK_USER_DIR ?? '', 'overrides'));
    const again = await confine(env, ['harden', photo.id, escape.id]);
    expect(again.code).toBe(0);
    expect(await snapshot(join(env.FLATPAK_USER_DIR ?? '', 'overrides'))).toEqual(files);
    // --only applies exactly the changes named, ticked or not.
    expect((await confine(env, ['harden', escape.id, '--preset', 'strict', '--only', 'flatpak-portal'])).code).toBe(0);
    expect((await flatpak(env, ['info', '--user', '--show-permissions', escape.id])).stdout).not.toContain(
      'org.freedesktop.Flatpak',
    );
    const bad = await confine(env, ['harden', escape.id, '--only', 'no-such-change']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown change no-such-change');
  });

  it('leaves an app with a malformed override alone, and says so', async () => {
    const env = await workspace();
    const app = byProfile('kitchen-sink');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(env.FLATPAK_USER_DIR ?? '', 'overrides', app.id), 'garbage line\n');
    const r = await confine(env, ['harden', app.id, byProfile('legacy-x11').id]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('skipped:');
    expect(await readFile(join(env.FLATPAK_USER_DIR ?? '', 'overrides', app.id), 'utf8')).toBe('garbage line\n');
  });

  it('apply then undo leaves the override folder byte for byte as it was', async () => {
    const ids = apps.slice(0, 24).map((a) => a.id);
    const arg = fc.constantFrom(
      '--nosocket=x11',
      '--unshare=network',
      '--filesystem=~/Games:ro',
      '--filesystem=home',
      '--nofilesystem=host',
      '--talk-name=org.freedesktop.secrets',
      '--env=A=b',
      '--device=all',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...ids, null), fc.array(arg, { minLength: 1, maxLength: 3 })), {
          maxLength: 5,
        }),
        fc.constantFrom('recommended', 'strict', 'offline' as const),
        async (setup, preset) => {
          const env = await workspace();
          for (const [app, args] of setup)
            expect((await flatpak(env, ['override', '--user', ...args, ...(app ? [app] : [])])).code).toBe(0);
          const dir = join(env.FLATPAK_USER_DIR ?? '', 'overrides');
          const before = await snapshot(dir);
          const core = await FlatpakCore.create({ env, version: { version: [1, 14, 10], detected: true } });
          const chosen = ids.filter((_, i) => i % 2 === 0);
          const { previewHardening } = await import('../electron/services/hardening');
          const previews = await previewHardening(core, chosen, preset);
          const outcomes = await applyHardening(
            core,
            preset,
            previews.map((p) => ({ appId: p.appId, proposalIds: [...p.selected] })),
          );
          for (const o of outcomes.reverse())
            if (o.ok && o.changed) await core.restore({ scope: 'user', app: o.appId }, o.after, o.before);
          expect(await snapshot(dir)).toEqual(before);
        },
      ),
      { numRuns: 15, seed: 5 },
    );
  }, 300_000);
});

describe('export and import', () => {
  it('round-trips every override through an export file and a system folder', async () => {
    const env = await workspace();
    const [a, b] = [byProfile('legacy-x11'), byProfile('network-only')];
    await flatpak(env, ['override', '--user', '--nosocket=x11', '--env=X=y z', a.id]);
    await flatpak(env, ['override', '--user', '--unshare=ipc']);
    const dir = join(env.FLATPAK_USER_DIR ?? '', 'overrides');
    const before = await snapshot(dir);
    const out = await tempDir('confine-exp-');
    expect((await confine(env, ['export', join(out, 'all.json')])).code).toBe(0);
    // Never over an existing file.
    const again = await confine(env, ['export', join(out, 'all.json')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('exists');
    expect((await confine(env, ['export', '--system-tree', join(out, 'fleet')])).code).toBe(0);
    expect((await readdir(join(out, 'fleet'))).sort()).toEqual([
      'README.md',
      'inventory.ini',
      'overrides',
      'playbook.yml',
    ]);
    expect(await readFile(join(out, 'fleet/overrides/global'), 'utf8')).toBe('[Context]\nshared=!ipc;\n');
    expect(await readFile(join(out, 'fleet/playbook.yml'), 'utf8')).toContain('dest: /var/lib/flatpak/overrides/');
    // The folder works as a system override folder for Flatpak itself.
    const sysEnv = { ...env, FLATPAK_SYSTEM_DIR: env.FLATPAK_SYSTEM_DIR ?? '' };
    const { cp } = await import('node:fs/promises');
    await cp(join(out, 'fleet/overrides'), join(sysEnv.FLATPAK_SYSTEM_DIR, 'overrides'), {
      recursive: true,
      force: true,
    });
    const systemApp = testbed().systemAppIds.find((id) => id === a.id) ?? testbed().systemAppIds[3] ?? '';
    expect((await flatpak(sysEnv, ['info', '--system', '--show-permissions', systemApp])).stdout).not.toMatch(
      /shared=.*ipc/,
    );

    for (const f of Object.keys(before))
      expect((await confine(env, ['override', '--reset', ...(f === 'global' ? [] : [f])])).code).toBe(0);
    await flatpak(env, ['override', '--user', '--nosocket=wayland', b.id]);
    const dry = await confine(env, ['import', join(out, 'all.json'), '--dry-run']);
    expect(dry.stdout).toContain(`would create\t${a.id}`);
    expect(dry.stdout).toContain('would create\tglobal');
    const imported = await confine(env, ['import', join(out, 'all.json')]);
    expect(imported.code).toBe(0);
    const after = await snapshot(dir);
    expect({ ...after, [b.id]: undefined }).toEqual({ ...before, [b.id]: undefined });
  });

  it('refuses a damaged or forged export and writes nothing', async () => {
    const env = await workspace();
    const out = await tempDir('confine-bad-');
    const { writeFile } = await import('node:fs/promises');
    const good = {
      format: 'confine-overrides',
      version: 1,
      confine: '0.1.0',
      flatpak: '1.14.10',
      created: 'x',
      overrides: [] as unknown[],
    };
    const cases: [string, unknown, string][] = [
      ['not json', '{', 'Not a Confine export'],
      [
        'a path as app',
        { ...good, overrides: [{ app: '../../.bashrc', content: '', sha256: '0'.repeat(64) }] },
        'is not a valid application name',
      ],
      [
        'a wrong checksum',
        {
          ...good,
          overrides: [{ app: 'org.example.App', content: '[Context]\nshared=network;\n', sha256: 'a'.repeat(64) }],
        },
        'does not match its checksum',
      ],
      [
        'an unknown scope',
        {
          ...good,
          version: 2,
          overrides: [
            { scope: 'root', app: null, bytes: '', sha256: createHash('sha256').update('').digest('hex'), mode: 0o644 },
          ],
        },
        'Not a Confine export',
      ],
      [
        'both bytes and a link',
        {
          ...good,
          version: 2,
          overrides: [
            {
              scope: 'user',
              app: null,
              bytes: '',
              sha256: createHash('sha256').update('').digest('hex'),
              mode: 0o644,
              link: '/etc/passwd',
            },
          ],
        },
        'either bytes and their checksum, or a link',
      ],
      [
        'the same override twice',
        { ...good, version: 2, overrides: [0, 1].map(() => ({ scope: 'system', app: null, link: 'x', mode: 0o777 })) },
        'global \\(system\\) appears twice',
      ],
    ];
    for (const [name, content, message] of cases) {
      const file = join(out, `${name}.json`);
      await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
      const r = await confine(env, ['import', file]);
      expect({ name, code: r.code }).toEqual({ name, code: 2 });
      expect(r.stderr).toMatch(new RegExp(message));
    }
    expect(await readdir(join(env.FLATPAK_USER_DIR ?? '', 'overrides'))).toEqual([]);
  });
});
