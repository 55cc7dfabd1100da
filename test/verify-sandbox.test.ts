// `confine verify` against the real `flatpak run`: an app of the corpus bed (whose runtimes carry
// busybox as /bin/sh) with overrides written by `flatpak override`, probed in a home laid out as
// on a desktop (below /home, so `host` reaches it), with the session's sockets and a private
// session bus in the test's own runtime folder.

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace } from '../e2e/testbed/build';
import { heldBwrap, heldSandbox, program, sandboxProcesses, stillRunning } from '../e2e/testbed/held-sandbox';
import { startSessionBus, type SessionBus } from '../e2e/testbed/session-bus';
import { FlatpakCore } from '../electron/services/core';
import { verifyApp, type VerifyResult } from '../electron/services/verify';
import type { VerifyRow } from '../shared/verify/compare';
import { setLanguage } from '../shared/i18n';
import { englishWords } from './helpers/english-words';
import { probeHome, SANDBOX_HOME, type ProbeHome } from './helpers/sandbox';
import { confine, corpusBed, flatpak, testbed } from './helpers/testbed';
import { tempDir } from './helpers/temp';

const APP = 'org.gnome.Calculator';
const CLI = new URL('../out/cli/confine.cjs', import.meta.url).pathname;
const bed = corpusBed();

/** The real home's and runtime folder's entries, which no probe may change. */
function realState(): string {
  const list = (d: string) => (existsSync(d) ? readdirSync(d).sort().join(',') : '(absent)');
  const runtime = process.env.XDG_RUNTIME_DIR ?? `/run/user/${process.getuid?.() ?? 0}`;
  return [list(homedir()), list(join(homedir(), '.var/app')), list(runtime), list('/home')].join('\n');
}

/** Starts flatpak in a mount namespace where the test's home is at /home/confine, as on a desktop. */
function desktopLauncher(): string[] {
  const remap = ['XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME', 'FLATPAK_USER_DIR'].map(
    (k) => `export ${k}="${SANDBOX_HOME}\${${k}#"$HOME"}"`,
  );
  const setup = [
    'mount -t tmpfs -o mode=755 tmpfs /home',
    `mkdir ${SANDBOX_HOME}`,
    `mount --bind "$HOME" ${SANDBOX_HOME}`,
    ...remap,
    `export HOME=${SANDBOX_HOME}`,
    'exec "$@"',
  ].join(' && ');
  const unshare = process.getuid?.() === 0 ? ['-m'] : ['-U', '--map-current-user', '-m'];
  return ['unshare', ...unshare, '--propagation', 'private', 'sh', '-c', setup, 'sh'];
}

function hostInterfaces(): string[] {
  return readFileSync('/proc/net/dev', 'utf8')
    .split('\n')
    .slice(2)
    .map((l) => l.split(':')[0]?.trim() ?? '')
    .filter((n) => n !== '' && n !== 'lo')
    .sort();
}

const byId = (r: VerifyResult): Map<string, VerifyRow> => new Map(r.ok ? r.rows.map((x) => [x.id, x]) : []);
const seen = (rows: Map<string, VerifyRow>, id: string) => {
  const r = rows.get(id);
  return r ? [r.observed, r.verdict] : ['missing row'];
};

describe('verify in the real sandbox', () => {
  let home: ProbeHome & { display: string };
  let bus: SessionBus;
  let env: Record<string, string>;
  let before: string;

  beforeAll(async () => {
    before = realState();
    home = await probeHome(bed);
    bus = await startSessionBus(home.env);
    env = {
      ...bus.env,
      DISPLAY: `:${home.display}`,
      WAYLAND_DISPLAY: 'wayland-confine',
      XDG_SESSION_TYPE: 'wayland',
    };
  });

  afterAll(async () => {
    await bus?.stop();
    await home?.close();
  });

  async function verifyWith(overrides: readonly string[], before?: Buffer | null): Promise<VerifyResult> {
    expect((await flatpak(env, ['override', '--user', '--reset', APP])).code).toBe(0);
    const set = await flatpak(env, ['override', '--user', ...overrides, APP]);
    expect(set.stderr).toBe('');
    const core = await FlatpakCore.create({ env });
    const result = await verifyApp(core, env, APP, {
      launcher: desktopLauncher(),
      ...(before === undefined ? {} : { before }),
    });
    if (!result.ok) throw new Error(result.message);
    return result;
  }

  /** The user override of the app on disk, base64, as a probe's basis names it. */
  const overrideFile = () => readFileSync(join(env.FLATPAK_USER_DIR ?? '', 'overrides', APP)).toString('base64');
  let firstBasis: { override: string | null; below: string } | undefined;

  it('sees what each kind of permission grants, and nothing more', async () => {
    const first = await verifyWith(
      [
        '--filesystem=xdg-documents',
        '--filesystem=xdg-music:ro',
        '--filesystem=~/.bashrc:ro',
        '--filesystem=xdg-run/podman',
        '--filesystem=xdg-run/pipewire-0',
        '--socket=pulseaudio',
        '--unshare=network',
      ],
      // An override as a hardening would have replaced it: each row then says what it gave.
      Buffer.from('[Context]\nfilesystems=xdg-pictures;~/.ssh:ro;\nshared=network;\n'),
    );
    const rows = byId(first);
    // What the probe ran on: the override's bytes as flatpak wrote them, and the layers below.
    firstBasis = first.ok ? first.basis : undefined;
    expect(firstBasis?.override).toBe(overrideFile());
    expect(firstBasis?.below).toMatch(/^[0-9a-f]{64}$/);
    // Folders and single files, each as its entry grants.
    expect(seen(rows, 'xdg-documents')).toEqual(['write', 'same']);
    expect(seen(rows, 'xdg-music')).toEqual(['read', 'same']);
    expect(seen(rows, 'xdg-pictures')).toEqual(['none', 'same']);
    expect(seen(rows, 'bashrc')).toEqual(['read', 'same']);
    expect(seen(rows, 'profile')).toEqual(['none', 'same']);
    expect(seen(rows, 'ssh')).toEqual(['none', 'same']);
    expect(seen(rows, 'autostart')).toEqual(['none', 'same']);
    // The sandbox's own home is an empty stand-in, not the user's.
    expect(rows.get('home')?.observed).toBe('hidden');
    // Sockets made in the test's runtime folder.
    expect(seen(rows, 'podman')).toEqual(['usable', 'same']);
    expect(seen(rows, 'pipewire')).toEqual(['usable', 'same']);
    expect(seen(rows, 'pulseaudio')).toEqual(['usable', 'same']);
    expect(seen(rows, 'wayland')).toEqual(['usable', 'same']);
    expect(seen(rows, 'ssh-agent')).toEqual(['none', 'not-on-host']);
    // The app has fallback-x11 beside wayland, and this session shares a Wayland display.
    expect(seen(rows, 'x11')).toEqual(['none', 'explained']);
    expect(rows.get('x11')?.note).toMatch(/fallback-x11/);
    expect(seen(rows, 'session-bus')).toEqual(['filtered', 'same']);
    expect(seen(rows, 'network')).toEqual(['loopback', 'same']);
    expect(rows.get('network')?.detail).toEqual([]);
    // The app asks for dri; the node is there only where the machine has one.
    expect(seen(rows, 'dri')).toEqual(existsSync('/dev/dri') ? ['present', 'same'] : ['none', 'not-on-host']);
    expect([...rows.values()].filter((r) => r.verdict === 'unexplained')).toEqual([]);
    // The earlier override's face value beside today's, row by row.
    const was = (id: string) => [rows.get(id)?.before, rows.get(id)?.expected];
    expect(was('xdg-pictures')).toEqual(['write', 'none']);
    expect(was('ssh')).toEqual(['read', 'none']);
    expect(was('xdg-documents')).toEqual(['none', 'write']);
    expect(was('network')).toEqual(['shared', 'loopback']);
  });

  it('finds and explains what differs from the permissions: a negation under host, :ro on a socket', async () => {
    const result = await verifyWith([
      '--filesystem=host',
      '--nofilesystem=~/.ssh',
      '--nofilesystem=~/.profile',
      '--filesystem=xdg-run/podman:ro',
      '--socket=session-bus',
    ]);
    const rows = byId(result);
    // Another override on the same layers below: the basis tells the two probes apart by it alone.
    expect(result.ok && result.basis).toEqual({ override: overrideFile(), below: firstBasis?.below });
    expect(result.ok && result.basis?.override).not.toBe(firstBasis?.override);
    expect(seen(rows, 'xdg-documents')).toEqual(['write', 'same']);
    expect(seen(rows, 'bashrc')).toEqual(['write', 'same']);
    // A negated folder is covered by an empty one: the name is there, the user's folder is not.
    expect(seen(rows, 'ssh')).toEqual(['hidden', 'explained']);
    expect(rows.get('ssh')?.note).toMatch(/empty folder/);
    // A negated single file is not hidden at all.
    expect(seen(rows, 'profile')).toEqual(['write', 'explained']);
    expect(rows.get('profile')?.note).toMatch(/cannot hide a single file/);
    // Flatpak hides its own folder with an empty one, so nothing below it is there.
    expect(seen(rows, 'user-overrides')).toEqual(['none', 'explained']);
    expect(rows.get('user-overrides')?.note).toMatch(/hides its own folders/);
    expect(seen(rows, 'podman')).toEqual(['usable', 'explained']);
    expect(rows.get('podman')?.note).toMatch(/read-only does not stop a socket/);
    expect(seen(rows, 'session-bus')).toEqual(['direct', 'same']);
    expect(seen(rows, 'network')).toEqual(['shared', 'same']);
    expect(rows.get('network')?.detail).toEqual(hostInterfaces());
    expect(result.ok && result.summary.unexplained).toBe(0);
    // As hardening leaves it: ~/.local read-only under the app's home. Flatpak's empty folder
    // covers its own folder under any shared folder above it, not only under home or host.
    const local = byId(await verifyWith(['--filesystem=~/.local:ro']));
    expect(seen(local, 'applications')).toEqual(['read', 'same']);
    expect(seen(local, 'user-overrides')).toEqual(['none', 'explained']);
    expect(local.get('user-overrides')?.note).toMatch(/hides its own folders/);
  });

  it('stops with a clear message when the runtime has no shell', async () => {
    const plain = testbed();
    const ws = await tempDir('confine-verify-');
    try {
      const wsEnv = await makeWorkspace(plain, ws);
      const app = plain.apps[0]?.id ?? '';
      const result = await verifyApp(await FlatpakCore.create({ env: wsEnv }), wsEnv, app);
      expect(result).toMatchObject({ ok: false, reason: 'no-shell' });
      expect(!result.ok && result.message).toMatch(/has no \/bin\/sh/);
    } finally {
      await rm(ws, { recursive: true, force: true });
    }
  });

  it('confine verify says first that the run creates the data folder, and prints stable JSON', async () => {
    const ws = await tempDir('confine-verify-');
    try {
      const wsEnv = await makeWorkspace(bed, ws);
      const folder = join(wsEnv.HOME ?? '', '.var/app', APP);
      expect(existsSync(folder)).toBe(false);
      const first = await confine(wsEnv, ['verify', APP]);
      expect(first.code).toBe(0);
      expect(first.stderr).toContain(`starting the sandbox creates ${folder}`);
      expect(first.stdout).toMatch(/^What org\.gnome\.Calculator can reach in its sandbox/);
      expect(existsSync(folder)).toBe(true);
      const second = await confine(wsEnv, ['verify', APP, '--json']);
      expect(second.code).toBe(0);
      expect(second.stderr).toBe('');
      const json = JSON.parse(second.stdout) as { app: string; dataFolderExisted: boolean; rows: VerifyRow[] };
      expect(json.app).toBe(APP);
      expect(json.dataFolderExisted).toBe(true);
      // The app shares the network in its own metadata.
      expect(json.rows.find((r) => r.id === 'network')).toMatchObject({ expected: 'shared', observed: 'shared' });
      // Under the pseudo-locale every word of the table is Confine's own, accented: English left
      // plain skipped the catalog. What the probe found (paths, interfaces) and the app's name are data.
      const locale = { LANGUAGE: '', LC_ALL: '', LC_MESSAGES: '', LANG: 'en_XA.UTF-8' };
      const pseudo = await confine({ ...wsEnv, ...locale }, ['verify', APP]);
      expect(pseudo.code).toBe(0);
      expect(pseudo.stdout).toMatch(/ȧȧ/);
      const data = { strings: [json.app, 'Calculator'], words: [...hostInterfaces(), 'lo'] };
      expect(englishWords(pseudo.stdout + pseudo.stderr, data)).toEqual([]);
    } finally {
      // The pseudo-locale run chose this process's language; the tests after it read English.
      await setLanguage([]);
      await rm(ws, { recursive: true, force: true });
    }
  });

  it('Ctrl+C during confine verify, and the time limit, end the sandbox: Stopped (130), timed out, no process left', async () => {
    const ws = await tempDir('confine-verify-');
    try {
      const wsEnv: Record<string, string> = { ...(await makeWorkspace(bed, ws)), ...(await heldBwrap(ws)) };
      const child = spawn(process.execPath, [CLI, 'verify', APP], { env: wsEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      // The probe's targets carry the workspace's runtime folder: bwrap, the shell and its sleep.
      const marker = wsEnv.XDG_RUNTIME_DIR ?? ws;
      const seen = await heldSandbox(marker);
      expect(seen.map(program)).toEqual(expect.arrayContaining(['bwrap', 'sh', 'sleep']));
      // What a terminal's Ctrl+C sends to the command (the sandbox has a process group of its own).
      child.kill('SIGINT');
      // A sandbox left running holds the command's output open: it would not end at all.
      const late = new Promise<string>((resolve) => setTimeout(() => resolve('still running after 10 s'), 10_000));
      expect(await Promise.race([exited, late])).toBe(130);
      expect(stderr).toContain(`Stopped: the probe of ${APP} was ended before it finished, and its sandbox with it.`);
      expect(stillRunning(seen)).toEqual([]);
      expect(sandboxProcesses(marker)).toEqual([]);

      // The time limit ends a probe that does not finish the same way, and says so.
      const timed = verifyApp(await FlatpakCore.create({ env: wsEnv }), wsEnv, APP, { timeoutMs: 2000 });
      const held = await heldSandbox(marker);
      expect(await timed).toMatchObject({
        ok: false,
        reason: 'timeout',
        message: `The probe of ${APP} did not finish within 2 s and was stopped.`,
      });
      expect(stillRunning(held)).toEqual([]);
      expect(sandboxProcesses(marker)).toEqual([]);
    } finally {
      await rm(ws, { recursive: true, force: true });
    }
  });

  it('touched nothing outside the test folders', () => {
    expect(realState()).toBe(before);
  });
});
