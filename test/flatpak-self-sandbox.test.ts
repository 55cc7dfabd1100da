// Confine run as a Flatpak, in a real sandbox with the manifest's finish-args (read through
// flatpak-builder), beside the same bundle run outside on the same installations: what it lists,
// writes and reads must be the same, and what the sandbox hides it must say, with the command
// that does the job on the host. How the installations are placed: test/helpers/self-sandbox.ts.
// It runs as root, as CI does: the mounts of the namespace and `flatpak override --system` need it.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSessionBus, type SessionBus } from '../e2e/testbed/session-bus';
import { parseVersion } from '../shared/flatpak/version';
import {
  buildSelfSandbox,
  CLI_BUNDLE,
  CONFINE_ID,
  manifestFinishArgs,
  NATIVE_ADDON,
  type CommandResult,
  type SelfSandbox,
} from './helpers/self-sandbox';
import { showReading } from './helpers/testbed';
import { tempDir } from './helpers/temp';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

let s: SelfSandbox;
let dir: string;
/** Test bed apps by shape (e2e/testbed/apps.ts): 1 and 2 are also installed system-wide. */
let KITCHEN_SINK: string;
let NETWORK_ONLY: string;
let LEGACY_X11: string;

const ok = (r: CommandResult, what: string): string => {
  expect(r.code, `${what}: ${r.stderr}${r.stdout.slice(0, 2000)}`).toBe(0);
  return r.stdout;
};

interface Listed {
  flatpakVersion: string;
  apps: { id: string; deployments: { installation: string; kind: string; path: string }[] }[];
}

/** What `flatpak --version` says outside, as Confine formats a version. */
let hostFlatpak: string | undefined;

async function listBoth(env?: Record<string, string>): Promise<[CommandResult, CommandResult]> {
  return Promise.all([s.inside(['list', '--json'], env), s.outside(['list', '--json'], env)]);
}

beforeAll(async () => {
  // CI builds these with `npm run build`; a lone run of this file builds what is missing.
  if (!existsSync(CLI_BUNDLE)) await run('npm', ['run', 'build:cli'], { cwd: ROOT });
  if (!existsSync(NATIVE_ADDON)) await run('npm', ['run', 'build:native'], { cwd: ROOT });
  dir = await tempDir('confine-self-sandbox-');
  const manifest = await manifestFinishArgs(dir);
  expect(manifest.id).toBe(CONFINE_ID);
  s = await buildSelfSandbox({ dir, finishArgs: manifest.finishArgs, apps: 4, systemApps: 2 });
  [KITCHEN_SINK, , NETWORK_ONLY, LEGACY_X11] = s.bed.apps.map((a) => a.id) as [string, string, string, string];
  hostFlatpak = parseVersion(ok(await s.flatpak(['--version']), 'flatpak --version'))?.join('.');
}, 120_000);

/** What each finish-arg puts in `flatpak info --show-permissions`, worked out from the argument. */
function expectedPermissions(finishArgs: readonly string[]): Record<string, Record<string, string[] | string>> {
  const out: Record<string, Record<string, string[]>> = {};
  const add = (group: string, key: string, value: string) => ((out[group] ??= {})[key] ??= []).push(value);
  for (const arg of finishArgs) {
    const [, name, value] = /^--([a-z-]+)=(.*)$/.exec(arg) ?? [];
    if (name === undefined || value === undefined) throw new Error(`unexpected finish-arg ${arg}`);
    if (name === 'share') add('Context', 'shared', value);
    else if (name === 'socket') {
      add('Context', 'sockets', value);
      // Flatpak adds x11 to fallback-x11 when it reads the option (flatpak-context.c, option_socket_cb).
      if (value === 'fallback-x11') add('Context', 'sockets', 'x11');
    } else if (name === 'device') add('Context', 'devices', value);
    else if (name === 'filesystem') add('Context', 'filesystems', value);
    else if (name === 'talk-name') (out['Session Bus Policy'] ??= {})[value] = ['talk'];
    else throw new Error(`this test does not know what ${arg} shows; teach expectedPermissions`);
  }
  return Object.fromEntries(
    Object.entries(out).map(([g, keys]) => [
      g,
      Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, g === 'Context' ? ['', ...v].sort() : v.join(';')])),
    ]),
  );
}

describe('Confine inside its own Flatpak', () => {
  it('is installed with exactly the manifest’s finish-args', async () => {
    const shown = ok(await s.flatpak(['info', '--show-permissions', CONFINE_ID]), 'flatpak info');
    // flatpak ends each list with `;`, which showReading keeps as an empty item.
    expect(showReading(shown)).toEqual(expectedPermissions(s.finishArgs));
  });

  it('lists the same apps with the same permissions inside as outside', async () => {
    const [inside, outside] = await listBoth();
    expect(inside.stderr).toBe('');
    expect(ok(inside, 'inside')).toBe(ok(outside, 'outside'));
    const listed = JSON.parse(inside.stdout) as Listed;
    expect(listed.apps.map((a) => a.id).sort()).toEqual([CONFINE_ID, ...s.bed.apps.map((a) => a.id)].sort());
    // The user installation by its real path, and the system one through /var/lib/flatpak:ro.
    const sink = listed.apps.find((a) => a.id === KITCHEN_SINK);
    expect(sink?.deployments.map((d) => [d.installation, d.path.split('/app/')[0]])).toEqual([
      ['user', join(s.env.HOME ?? '', '.local/share/flatpak')],
      ['default', '/var/lib/flatpak'],
    ]);
    // The version of the flatpak that runs the sandbox, which no `flatpak` inside could tell.
    expect(listed.flatpakVersion).toBe(hostFlatpak);
  });

  it('finds the user installation as flatpak does when XDG_DATA_HOME is not set (no HOST_XDG_DATA_HOME then)', async () => {
    const env = Object.fromEntries(Object.entries(s.env).filter(([k]) => k !== 'XDG_DATA_HOME'));
    const [inside, outside] = await listBoth(env);
    expect(inside.stderr).toBe('');
    expect(ok(inside, 'inside')).toBe(ok(outside, 'outside'));
  });

  it('writes an override inside that flatpak reads outside, the same bytes as the same command outside', async () => {
    // The app asks for the network (its shape in e2e/testbed/apps.ts); the override takes it away.
    const file = join(s.env.HOME ?? '', '.local/share/flatpak/overrides', NETWORK_ONLY);
    ok(await s.inside(['override', NETWORK_ONLY, '--unshare=network', '--nosocket=x11']), 'override inside');
    const written = await readFile(file, 'utf8');
    expect(ok(await s.flatpak(['override', '--user', '--show', NETWORK_ONLY]), 'flatpak override --show')).toBe(
      written,
    );
    const after = ok(await s.flatpak(['info', '--show-permissions', NETWORK_ONLY]), 'flatpak info');
    expect(after).not.toMatch(/^shared=.*network/m);
    ok(await s.flatpak(['override', '--user', '--reset', NETWORK_ONLY]), 'reset');
    ok(await s.outside(['override', NETWORK_ONLY, '--unshare=network', '--nosocket=x11']), 'override outside');
    expect(await readFile(file, 'utf8')).toBe(written);
    ok(await s.flatpak(['override', '--user', '--reset', NETWORK_ONLY]), 'reset');
  });

  it('shows system overrides, and for a change to one, or a restore of one, gives the flatpak commands, which work on the host', async () => {
    const inside = await s.inside(['override', '--system', KITCHEN_SINK, '--unshare=network']);
    expect(inside.code).toBe(1);
    expect(inside.stderr).toMatch(/cannot be written from inside Confine’s Flatpak sandbox/);
    const command = /: (flatpak override --system .*)$/m.exec(inside.stderr)?.[1];
    expect(command).toBe(`flatpak override --system --unshare=network ${KITCHEN_SINK}`);
    const outside = await s.outside(['override', '--system', KITCHEN_SINK, '--unshare=network']);
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain(`: ${command ?? ''}\n`);
    expect(outside.stderr).not.toMatch(/sandbox/);

    ok(await s.flatpak((command ?? '').split(' ').slice(1)), command ?? '');
    const show = ['show', KITCHEN_SINK, '--installation', 'default', '--json'];
    const [shownInside, a, b] = await Promise.all([
      s.inside(['override', '--system', '--show', KITCHEN_SINK]),
      s.inside(show),
      s.outside(show),
    ]);
    expect(ok(shownInside, 'show inside')).toMatch(/^shared=!network;$/m);
    expect(shownInside.stdout).toBe(await readFile(join(s.bed.systemDir, 'overrides', KITCHEN_SINK), 'utf8'));
    expect(ok(a, 'show inside')).toBe(ok(b, 'show outside'));
    expect(a.stdout).toContain('"source": "system-app"');

    // A backup holding the system override, restored from inside (the file in Confine's own data
    // folder, which it sees): refused, with the commands that put the same permissions back.
    const written = ok(await s.flatpak(['override', '--system', '--show', KITCHEN_SINK]), 'flatpak override --show');
    const backup = join(s.env.HOME ?? '', '.var/app', CONFINE_ID, 'backup.json');
    ok(await s.outside(['export', backup]), 'export');
    ok(await s.flatpak(['override', '--system', '--reset', KITCHEN_SINK]), 'reset');
    const restore = await s.inside(['import', backup]);
    expect(restore.code).toBe(1);
    const commands =
      /^error: .*system override: .*cannot be written from inside Confine’s Flatpak sandbox.*: (flatpak override --system .*)$/m.exec(
        restore.stderr,
      )?.[1] ?? '';
    expect(commands).toBe(
      `flatpak override --system --reset ${KITCHEN_SINK} && flatpak override --system --unshare=network ${KITCHEN_SINK}`,
    );
    for (const c of commands.split(' && ')) ok(await s.flatpak(c.split(' ').slice(1)), c);
    expect(ok(await s.flatpak(['override', '--system', '--show', KITCHEN_SINK]), 'flatpak override --show')).toBe(
      written,
    );
    ok(await s.flatpak(['override', '--system', '--reset', KITCHEN_SINK]), 'reset');
  });

  it('says that SELinux and AppArmor cannot be read from inside, and what to run instead', async () => {
    const json = JSON.parse(ok(await s.inside(['mac', '--json']), 'mac inside')) as {
      selinux: unknown;
      apparmor: unknown;
      container: string;
      flatpakVersion: string | null;
      advice: { id: string; command?: string }[];
    };
    expect(json.container).toBe('flatpak');
    expect(json.selinux).toEqual({ state: 'unknown', reason: 'sandboxed' });
    expect(json.apparmor).toEqual({ state: 'unknown', reason: 'sandboxed' });
    expect(json.flatpakVersion).toBe(hostFlatpak);
    expect(json.advice.find((a) => a.id === 'app-is-sandboxed')).toMatchObject({
      detail: expect.stringMatching(/cannot be read from here.*confine mac.*outside Flatpak/) as unknown,
      command: 'cat /sys/kernel/security/lsm',
    });
  });

  it('audits itself as able to widen its own sandbox, inside as outside', async () => {
    const [inside, outside] = await Promise.all([s.inside(['audit', '--json']), s.outside(['audit', '--json'])]);
    expect(ok(inside, 'audit inside')).toBe(ok(outside, 'audit outside'));
    const self = (
      JSON.parse(inside.stdout) as {
        apps: { id: string; findings: { id: string; severity: string; detail: string }[] }[];
      }
    ).apps.find((a) => a.id === CONFINE_ID);
    expect(self?.findings.find((f) => f.id === 'escape:flatpak-overrides')).toMatchObject({
      severity: 'escape',
      detail: expect.stringMatching(/give itself or any app any permission/) as unknown,
    });
  });

  describe('with a session bus', () => {
    let bus: SessionBus;
    beforeAll(async () => {
      bus = await startSessionBus(s.env);
    });
    afterAll(async () => {
      await bus.stop();
    });

    it('reads and writes portal permissions through the permission store it may talk to', async () => {
      ok(await s.flatpak(['permission-set', 'devices', 'camera', LEGACY_X11, 'yes'], bus.env), 'permission-set');
      const view = ['portals', LEGACY_X11, '--json'];
      const a = await s.inside(view, bus.env);
      const b = await s.outside(view, bus.env);
      expect(ok(a, 'portals inside')).toBe(ok(b, 'portals outside'));
      expect(JSON.parse(a.stdout)).toMatchObject({ available: true });
      ok(await s.inside(['portals', LEGACY_X11, '--set', 'camera=deny'], bus.env), 'portals --set inside');
      expect(ok(await s.flatpak(['permission-show', LEGACY_X11], bus.env), 'permission-show')).toMatch(
        new RegExp(`^devices\\s+camera\\s+${LEGACY_X11.replace(/\./g, '\\.')}\\s+no\\b`, 'm'),
      );
    });
  });

  it('names a custom installation it cannot reach, and the command that grants it makes the lists equal', async () => {
    const custom = join(dir, 'custom-installation');
    const conf = join(s.bed.env.FLATPAK_CONFIG_DIR ?? '', 'installations.d/extra.conf');
    const where = { ...s.bed.env, FLATPAK_USER_DIR: custom, FLATPAK_TRIGGERSDIR: join(s.bed.dir, 'no-triggers') };
    await run('flatpak', ['remote-add', '--user', '--no-gpg-verify', 'testbed', `file://${join(s.bed.dir, 'repo')}`], {
      env: where,
    });
    await run(
      'flatpak',
      ['install', '--user', '-y', '--noninteractive', 'testbed', `app/${LEGACY_X11}/${s.bed.arch}/stable`],
      { env: where },
    );
    await mkdir(join(conf, '..'), { recursive: true });
    await writeFile(conf, `[Installation "extra"]\nPath=${custom}\nDisplayName=Extra\n`);
    try {
      const [inside, outside] = await listBoth();
      const all = JSON.parse(ok(outside, 'outside')) as Listed;
      expect(all.apps.find((a) => a.id === LEGACY_X11)?.deployments.map((d) => d.installation)).toContain('extra');
      const grant = `flatpak override --user ${CONFINE_ID} --filesystem=${custom}:ro`;
      expect(inside.stderr).toContain(grant);
      // Inside, everything but the unreachable installation's deployment.
      const seen = {
        ...all,
        apps: all.apps.map((a) => ({ ...a, deployments: a.deployments.filter((d) => d.installation !== 'extra') })),
      };
      expect(JSON.parse(ok(inside, 'inside'))).toEqual(seen);

      ok(await s.flatpak(grant.split(' ').slice(1)), grant);
      const [granted, outsideNow] = await listBoth();
      expect(granted.stderr).toBe('');
      expect(ok(granted, 'inside')).toBe(ok(outsideNow, 'outside'));
    } finally {
      await rm(conf, { force: true });
      await s.flatpak(['override', '--user', '--reset', CONFINE_ID]);
    }
  });
});
