// Issue 17 against the real flatpak: an update that makes an app ask for more is denied at once
// when the app is locked (`confine watch`, with a notification on a private session bus), and
// shows up in `confine review` when it is not, where Keep and Deny write exactly what
// `flatpak override --user` writes (compared byte for byte in a twin home). The window's own
// lock watcher runs beside `confine watch` through the first update, as on a desktop with the
// service installed: one denial, one write, one notification between them. The CLI's watcher
// then outlives its overrides folder being removed and made again and an app being uninstalled.

import { execFile } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import dbus from '@particle/dbus-next';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../electron/cli/cli';
import { watch } from '../electron/cli/commands/watch';
import { parseArgs } from '../electron/cli/options';
import { FlatpakCore } from '../electron/services/core';
import { startLockWatcher, WATCH_TEXT } from '../electron/services/lock-watch';
import { ReviewService } from '../electron/services/review';
import type { Denial } from '../electron/services/review-store';
import { buildTestbed, makeWorkspace, publishApp, type Testbed } from '../e2e/testbed/build';
import { testbedApps, type TestbedApp } from '../e2e/testbed/apps';
import { startSessionBus, type SessionBus } from '../e2e/testbed/session-bus';
import { confine, flatpak, showReading, testbed, workspace } from './helpers/testbed';
import { tempDir } from './helpers/temp';
import { setLanguage } from '../shared/i18n';

interface Notified {
  summary: string;
  body: string;
}

/** A stand-in for the desktop's notification server that records every Notify call. */
async function notificationServer(address: string): Promise<{ calls: Notified[]; stop: () => void }> {
  const bus = dbus.sessionBus({ busAddress: address });
  const calls: Notified[] = [];
  bus.addMethodHandler((msg: dbus.Message) => {
    if (msg.interface !== 'org.freedesktop.Notifications' || msg.member !== 'Notify') return false;
    const body = msg.body as unknown[];
    calls.push({ summary: String(body[3]), body: String(body[4]) });
    bus.send(dbus.Message.newMethodReturn(msg, 'u', [calls.length]));
    return true;
  });
  await bus.requestName('org.freedesktop.Notifications', 0);
  return { calls, stop: () => bus.disconnect() };
}

const overrideOf = (env: Record<string, string>, app: string) =>
  readFile(join(env.FLATPAK_USER_DIR ?? '', 'overrides', app), 'utf8').catch(() => '<no file>');

/** What `flatpak override --user ARGS APP` writes, in a twin home over the same installation. */
async function flatpakWrites(bed: Testbed, app: string, args: readonly string[]): Promise<string> {
  const twin = await makeWorkspace(bed, await tempDir('confine-review-twin-'));
  const r = await flatpak(twin, ['override', '--user', ...args, app]);
  expect(r.code).toBe(0);
  const bytes = await overrideOf(twin, app);
  await rm(join(twin.HOME ?? '', '..'), { recursive: true, force: true });
  return bytes;
}

/** Waits for `cond`, which is read after each file event would have been handled; the time it
 *  took is returned so the test can hold it to the one second. */
async function within(ms: number, cond: () => Promise<boolean>): Promise<number> {
  const start = performance.now();
  while (!(await cond())) {
    if (performance.now() - start > ms) return performance.now() - start;
    await new Promise((r) => setTimeout(r, 20));
  }
  return performance.now() - start;
}

async function update(bed: Testbed, apps: readonly string[]): Promise<void> {
  const r = await flatpak({ ...bed.env, FLATPAK_TRIGGERSDIR: join(bed.dir, 'no-triggers') }, [
    'update',
    '--user',
    '-y',
    '--noninteractive',
    ...apps,
  ]);
  expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
}

describe('review and lock through real updates', () => {
  let bus: SessionBus | undefined;
  let server: { calls: Notified[]; stop: () => void } | undefined;
  afterAll(async () => {
    server?.stop();
    await bus?.stop();
  });

  it('denies a locked app’s new permissions at once, lists an unlocked one’s, and keeps or denies as flatpak writes', async () => {
    // Kept until the file's end: its session bus stops in afterAll above.
    const dir = await tempDir('confine-review-', { until: 'file' });
    const shapes = testbedApps(3);
    const none = shapes.find((a) => a.profile === 'none') as TestbedApp;
    const net = shapes.find((a) => a.profile === 'network-only') as TestbedApp;
    const bed = await buildTestbed({ dir, apps: [none, net] });
    const env = bed.env as Record<string, string>;
    bus = await startSessionBus(env);
    server = await notificationServer(bus.env.DBUS_SESSION_BUS_ADDRESS ?? '');

    expect((await confine(env, ['lock', none.id])).code).toBe(0);
    // The first look: both apps are remembered as they are, nothing is new.
    const first = await confine(env, ['review']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('Nothing new since you last looked');

    const controller = new AbortController();
    let log = '';
    const watching = runCli(['watch'], {
      out: () => undefined,
      err: (t) => (log += t),
      env: bus.env,
      signal: controller.signal,
    });
    try {
      await within(10_000, () => Promise.resolve(log.includes('watching')));
      expect(log).toContain('watching 2 installations');
      // The window's lock watcher, started as start-window.ts starts it (its own core, the
      // desktop's notifications), watching the same update as `confine watch`.
      const windowCore = await FlatpakCore.create({ env: bus.env });
      let windowLog = '';
      const windowDenials: Denial[] = [];
      const windowWatcher = await startLockWatcher(windowCore, {
        log: (line) => (windowLog += `${line}\n`),
        onDenied: (d) => windowDenials.push(d),
      });
      await windowWatcher.settled();

      await publishApp(bed, { ...none, version: '2.0', finishArgs: ['--share=network', '--filesystem=home'] });
      await publishApp(bed, { ...net, version: '2.0', finishArgs: ['--filesystem=home', '--socket=wayland'] });
      await update(bed, [none.id, net.id]);

      // The locked app: both additions denied within a second of the update's end, exactly as
      // `flatpak override --user --unshare=network --nofilesystem=home` writes them.
      const expected = await flatpakWrites(bed, none.id, ['--unshare=network', '--nofilesystem=home']);
      const took = await within(1000, async () => (await overrideOf(env, none.id)) === expected);
      expect(await overrideOf(env, none.id)).toBe(expected);
      expect(took).toBeLessThan(1000);
      const shown = await flatpak(env, ['info', '--user', '--show-permissions', none.id]);
      const context = (showReading(shown.stdout) as { Context?: Record<string, string[]> }).Context ?? {};
      expect(shown.code).toBe(0);
      // Flatpak leaves what is denied out of what it shows.
      expect(context.shared ?? []).not.toContain('network');
      expect(context.filesystems ?? []).not.toContain('home');
      const declared = await flatpak(env, ['info', '--user', '--show-metadata', none.id]);
      expect(declared.stdout).toMatch(/^shared=network;$/m);
      await within(2000, () => Promise.resolve((server?.calls.length ?? 0) > 0));
      expect(server.calls).toHaveLength(1);
      expect(server.calls[0]?.summary).toContain(none.id);
      expect(server.calls[0]?.body).toContain('--share=network, --filesystem=home');
      expect(server.calls[0]?.body).toContain(
        `confine override --default=shared:network --default=filesystems:home ${none.id}`,
      );
      // Between the two watchers: one denial logged, recorded and told, nothing of it lost.
      await windowWatcher.settled();
      windowWatcher.dispose();
      await windowCore.close();
      const deniedLines = (text: string) => text.split('\n').filter((l) => l.includes(`denied ${none.id}`));
      expect([...deniedLines(log), ...deniedLines(windowLog)]).toEqual([
        `confine watch: denied ${none.id} --share=network --filesystem=home; to allow: ` +
          `confine override --default=shared:network --default=filesystems:home ${none.id}`,
      ]);
      expect(windowDenials.length).toBe(deniedLines(windowLog).length);
      expect(windowLog).not.toMatch(/could not deny|warning/);
      const recorded = JSON.parse(await readFile(join(env.XDG_STATE_HOME ?? '', 'confine', 'review.json'), 'utf8')) as {
        seen: Record<string, Record<string, string[]>>;
        denials: Denial[];
      };
      expect(recorded.denials.map((d) => [d.app, d.items])).toEqual([
        [none.id, ['--share=network', '--filesystem=home']],
      ]);
      expect(recorded.seen[bed.userDir]?.[none.id]).toEqual(['--filesystem=home', '--share=network']);

      // The unlocked app: nothing written, its changes wait for review, in flatpak's words.
      expect(await overrideOf(env, net.id)).toBe('<no file>');
      const listed = await confine(env, ['review', '--json']);
      expect(listed.code).toBe(0);
      const pending = (
        JSON.parse(listed.stdout) as { pending: { appId: string; added: string[]; removed: string[] }[] }
      ).pending;
      expect(pending.map((p) => [p.appId, p.added, p.removed])).toEqual([
        [net.id, ['--socket=wayland', '--filesystem=home'], ['--share=network']],
      ]);
      const text = await confine(env, ['review']);
      expect(text.stdout).toContain(`${net.id}\n  + --socket=wayland\n  + --filesystem=home\n  - --share=network\n`);
      expect(text.stdout).toContain(`Denied by the lock at `);

      // Deny one item, keep the rest: the file is flatpak's, and nothing is left to review.
      const denied = await confine(env, ['review', net.id, '--deny', '--filesystem=home:rw']);
      expect(denied).toMatchObject({ code: 0, stderr: '' });
      expect(await overrideOf(env, net.id)).toBe(await flatpakWrites(bed, net.id, ['--nofilesystem=home']));
      const kept = await confine(env, ['review', net.id, '--accept']);
      expect(kept).toMatchObject({ code: 0, stderr: '' });
      expect(kept.stdout).toContain(`${net.id}: kept --socket=wayland --share=network`);
      expect(await overrideOf(env, net.id)).toBe(await flatpakWrites(bed, net.id, ['--nofilesystem=home']));
      expect((await confine(env, ['review'])).stdout).toContain('Nothing new since you last looked');

      // The watcher outlives its overrides folder and an uninstalled app: the next update of a
      // locked app is still denied.
      expect((await confine(env, ['lock', net.id])).code).toBe(0);
      const overrides = join(env.FLATPAK_USER_DIR ?? '', 'overrides');
      await rm(overrides, { recursive: true });
      await new Promise((r) => setTimeout(r, 100));
      await mkdir(overrides);
      const gone = await flatpak({ ...env, FLATPAK_TRIGGERSDIR: join(dir, 'no-triggers') }, [
        'uninstall',
        '--user',
        '-y',
        '--noninteractive',
        none.id,
      ]);
      expect(gone.code).toBe(0);
      await publishApp(bed, { ...net, version: '3.0', finishArgs: ['--filesystem=home', '--device=dri'] });
      await update(bed, [net.id]);
      const again = await flatpakWrites(bed, net.id, ['--nodevice=dri']);
      await within(1000, async () => (await overrideOf(env, net.id)) === again);
      expect(await overrideOf(env, net.id)).toBe(again);
      await within(2000, () => Promise.resolve((server?.calls.length ?? 0) > 1));
      expect(server.calls.map((c) => c.summary)).toEqual([
        expect.stringContaining(none.id),
        expect.stringContaining(net.id),
      ]);
      expect(log).not.toContain('could not deny');
      expect(log).not.toContain('warning');
    } finally {
      controller.abort();
      expect(await watching).toBe(0);
    }
    expect(log).toContain('stopped');
    expect(existsSync(join(env.XDG_STATE_HOME ?? '', 'confine', 'review.json'))).toBe(true);
  }, 180_000);

  it('tells once of an update of both installations, naming both when they land together', async () => {
    const dir = await tempDir('confine-review-both-');
    const none = testbedApps(3).find((a) => a.profile === 'none') as TestbedApp;
    const bed = await buildTestbed({ dir, apps: [none], systemApps: 1 });
    const env = bed.env as Record<string, string>;
    const updateIn = async (where: readonly string[]) => {
      const r = await flatpak({ ...env, FLATPAK_TRIGGERSDIR: join(dir, 'no-triggers') }, [
        'update',
        ...where,
        '-y',
        '--noninteractive',
        none.id,
      ]);
      expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
    };
    expect((await confine(env, ['lock', none.id])).code).toBe(0);
    expect((await confine(env, ['review'])).code).toBe(0);
    // Both updated by one command before the watcher starts: its first check sees both.
    await publishApp(bed, { ...none, version: '2.0', finishArgs: ['--share=network'] });
    await updateIn([]);
    const core = await FlatpakCore.create({ env });
    const told: { summary: string; body: string }[] = [];
    let log = '';
    const noted: string[][] = [];
    const watcher = await startLockWatcher(core, {
      log: (l) => (log += `${l}\n`),
      onDenied: (d) => noted.push(d.items),
      notify: (n) => Promise.resolve(void told.push(n)),
    });
    const settle = async () => {
      // What the watches notice after an update is checked too, after a moment.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await watcher.settled();
    };
    try {
      await settle();
      // One installation after the other, as a check may fall between the two halves of one
      // `flatpak update`: the second denies again what the first did, and is not told again.
      await publishApp(bed, { ...none, version: '3.0', finishArgs: ['--share=network', '--filesystem=home'] });
      await updateIn(['--user']);
      await within(2000, () => Promise.resolve(told.length > 1));
      await settle();
      await updateIn(['--system']);
      await settle();
    } finally {
      watcher.dispose();
      await core.close();
    }
    const allow = (items: string) => `To allow it: confine override ${items} ${none.id}`;
    expect(told).toEqual([
      {
        summary: `Confine denied what ${none.id} newly asks for`,
        body:
          `The update of ${none.id} in the user installation and the system installation asked for ` +
          `--share=network. It is locked, so this was denied.\n${allow('--default=shared:network')}`,
      },
      {
        summary: `Confine denied what ${none.id} newly asks for`,
        body: `The update of ${none.id} asked for --filesystem=home. It is locked, so this was denied.\n${allow('--default=filesystems:home')}`,
      },
    ]);
    // The log and the window are told as often, of the same.
    expect(log.split('\n').filter((l) => l.includes('denied'))).toHaveLength(2);
    expect(noted).toEqual([['--share=network'], ['--filesystem=home']]);
    // In German the installations follow "in" as the sentence needs them.
    await setLanguage(['de']);
    try {
      const both = [
        { id: 'user', kind: 'user', path: bed.userDir, displayName: 'User installation', priority: 0 },
        { id: 'default', kind: 'system', path: bed.systemDir, displayName: 'Default system installation', priority: 0 },
      ] as const;
      const denial = { at: '', installation: bed.userDir, app: none.id, items: ['--share=network'] };
      expect(WATCH_TEXT.bodyIn(denial, both, 'ALLOW')).toBe(
        `Die Aktualisierung von ${none.id} in der Benutzerinstallation und der Systeminstallation hat ` +
          '--share=network angefordert. Die App ist gesperrt, daher wurde dies verweigert.\nZum Erlauben: ALLOW',
      );
    } finally {
      await setLanguage([]);
    }
  }, 60_000);
});

describe('confine watch --install', () => {
  it('writes a user unit that starts this very confine, and starts nothing', async () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const cli = join(root, 'out/cli/confine.cjs');
    if (!existsSync(cli)) await promisify(execFile)('npm', ['run', 'build:cli'], { cwd: root });
    const env = await workspace();
    const r = await promisify(execFile)(process.execPath, [cli, 'watch', '--install'], { env });
    const unit = join(env.XDG_CONFIG_HOME ?? '', 'systemd', 'user', 'confine-watch.service');
    expect(r.stdout).toContain(`Wrote ${unit}.`);
    expect(r.stdout).toContain('systemctl --user enable --now confine-watch.service');
    const text = await readFile(unit, 'utf8');
    expect(text).toContain(`\nExecStart=${process.execPath} ${realpathSync(cli)} watch\n`);
    expect(text).toMatch(/^\[Install\]\nWantedBy=default.target$/m);
    // systemd itself reads it and finds what it starts.
    expect(await analyze(unit, env)).toEqual({ code: 0, stderr: '' });
  });

  it('inside Confine’s Flatpak, prints a unit that starts it with flatpak run, for the host to save', async () => {
    const env = await workspace();
    const sandbox = { appId: 'dev.confine.Confine' };
    const core = await FlatpakCore.create({ env, sandbox });
    let out = '';
    let err = '';
    const io = { out: (s: string) => (out += s), err: (s: string) => (err += s), env };
    try {
      expect(await watch(core, await parseArgs('watch', ['--install'], core.version.version), io)).toBe(0);
    } finally {
      await core.close();
    }
    // The sandbox's own paths (/app/confine/confine) mean nothing on the host: Flatpak starts it.
    expect(out).toContain('\nExecStart=flatpak run --command=confine dev.confine.Confine watch\n');
    // Nothing written where the sandbox's XDG_CONFIG_HOME points, which systemd never reads.
    expect(existsSync(join(env.XDG_CONFIG_HOME ?? '', 'systemd'))).toBe(false);
    const unit = join(env.HOME ?? '', '.config', 'systemd', 'user', 'confine-watch.service');
    expect(err).toContain(
      `\n  flatpak run --command=confine dev.confine.Confine watch --install > ${unit}\n` +
        '  systemctl --user daemon-reload\n  systemctl --user enable --now confine-watch.service\n',
    );
    // Saved as the message says, the host's systemd reads it and finds `flatpak` on its path.
    await mkdir(dirname(unit), { recursive: true });
    await writeFile(unit, out);
    expect(await analyze(unit, env)).toEqual({ code: 0, stderr: '' });
  });
});

describe('the lock watcher inside Confine’s Flatpak', () => {
  it('notifies through the notification portal, which the sandbox reaches with no permission', async () => {
    const env = await workspace();
    const bus = await startSessionBus(env);
    const address = bus.env.DBUS_SESSION_BUS_ADDRESS ?? '';
    // The portal's side: records each AddNotification. No org.freedesktop.Notifications runs
    // on this bus, as none is reachable from the sandbox.
    const portalBus = dbus.sessionBus({ busAddress: address });
    const added: { id: string; title: unknown; body: unknown }[] = [];
    portalBus.addMethodHandler((msg: dbus.Message) => {
      if (msg.interface !== 'org.freedesktop.portal.Notification' || msg.member !== 'AddNotification') return false;
      const [id, fields] = msg.body as [string, Record<string, { value: unknown }>];
      added.push({ id, title: fields.title?.value, body: fields.body?.value });
      portalBus.send(dbus.Message.newMethodReturn(msg, '', []));
      return true;
    });
    await portalBus.requestName('org.freedesktop.portal.Desktop', 0);
    const core = await FlatpakCore.create({ env: bus.env, sandbox: { appId: 'dev.confine.Confine' } });
    let log = '';
    try {
      // A locked app last seen asking for nothing now asks for the network: the watcher's
      // first check denies it and says so.
      const app = testbed().apps.find((a) => a.profile === 'network-only') as TestbedApp;
      const service = new ReviewService(core);
      await service.setLock([app.id], true);
      // (The app is in the system installation too, which stays as seen: one denial.)
      await service.store.update((s) => {
        const user = s.seen[env.FLATPAK_USER_DIR ?? ''];
        if (user?.[app.id]) user[app.id] = [];
        return s;
      });
      const watcher = await startLockWatcher(core, { log: (line) => (log += `${line}\n`) });
      await watcher.settled();
      watcher.dispose();
      expect(log).toContain(`denied ${app.id} --share=network`);
      expect(log).not.toContain('no notification sent');
      expect(added).toHaveLength(1);
      expect(added[0]?.id).toMatch(/^confine-watch-/);
      expect(added[0]?.title).toBe(`Confine denied what ${app.id} newly asks for`);
      expect(added[0]?.body).toContain('asked for --share=network. It is locked, so this was denied.');
    } finally {
      await core.close();
      portalBus.disconnect();
      await bus.stop();
    }
  });
});

/** `systemd-analyze verify` of a unit file: systemd's own reading, which checks that the
 *  command it starts exists and can be run. */
async function analyze(unit: string, env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  return promisify(execFile)('systemd-analyze', ['verify', unit], { env })
    .then((r) => ({ code: 0, stderr: r.stderr }))
    .catch((e: { code?: number; stderr?: string }) => ({ code: e.code ?? 1, stderr: e.stderr ?? '' }));
}
