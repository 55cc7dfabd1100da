// Portal permissions against the real xdg-permission-store on a private session bus, with the
// workspace's XDG_DATA_HOME; what Confine writes is read back with `flatpak permission-show`.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSessionBus, type SessionBus } from '../e2e/testbed/session-bus';
import { connectPermissionStore, storeFolder, type StoreConnection } from '../electron/services/permission-store';
import { portalGrants, portalsView, resetPortals, restorePortals, setPortal } from '../electron/services/portals';
import { confine, flatpak, testbed, workspace } from './helpers/testbed';
import { readFile, rm } from 'node:fs/promises';
import { testHandlers } from './helpers/handlers';
import { dispatch } from '../electron/ipc/dispatch';
import { FlatpakCore } from '../electron/services/core';
import { SettingsStore } from '../electron/services/settings';
import { hostFs } from '../electron/services/system';
import { tempDir } from './helpers/temp';

// Two apps of the test bed, so the audit and export see them installed.
const [A, B] = testbed().apps.map((a) => a.id) as [string, string];

let bus: SessionBus;
let connection: StoreConnection;
let env: Record<string, string>;

/** What a portal would have stored: entries made the way xdg-desktop-portal makes them. */
async function portalSets(table: string, id: string, app: string, ...values: string[]) {
  const r = await flatpak(env, ['permission-set', table, id, app, ...values]);
  expect(r.code, r.stderr).toBe(0);
}

const show = async (app: string) => {
  const r = await flatpak(env, ['permission-show', app]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.split('\n').filter(Boolean).sort();
};

beforeEach(async () => {
  bus = await startSessionBus(await workspace());
  env = bus.env;
  await portalSets('devices', 'camera', A, 'yes');
  await portalSets('notifications', 'notification', A, 'yes');
  await portalSets('location', 'location', B, 'EXACT', '0');
  await portalSets('background', 'background', B, 'no');
  await portalSets('screencast', 'e3b1c0de-token', A, 'yes');
  await portalSets('documents', '4fab1618', A, 'read', 'write');
  connection = await connectPermissionStore(env);
  expect(connection.ok).toBe(true);
});

afterEach(async () => {
  if (connection.ok) connection.store.close();
  await bus.stop();
});

describe('reading', () => {
  it('shows each row as the portal reads it, and the entries Flatseal leaves out', async () => {
    const view = await portalsView(connection, A);
    if (!view.available) throw new Error(view.reason);
    expect(view.version).toBe(2);
    const row = (key: string) => view.rows.find((r) => r.key === key);
    expect(row('camera')).toMatchObject({ state: 'allowed', value: ['yes'] });
    expect(row('camera')?.unavailable).toBeUndefined();
    expect(row('notifications')).toMatchObject({ state: 'allowed' });
    // The location entry exists (app B has one), so A's can be set; the microphone's does not.
    expect(row('location')).toMatchObject({ state: 'not-set', value: null });
    expect(row('location')?.unavailable).toBeUndefined();
    expect(row('microphone')).toMatchObject({ state: 'not-set' });
    expect(row('microphone')?.unavailable).toMatch(/No app has used this portal/);
    expect(row('screenshot')?.unavailable).toBeTruthy();
    expect(row('screencast/e3b1c0de-token')).toMatchObject({
      state: 'other',
      known: false,
      value: ['yes'],
      label: 'Remembered screen sharing',
    });
    expect(row('documents/4fab1618')).toMatchObject({ state: 'other', value: ['read', 'write'], label: 'Shared file' });
    const b = await portalsView(connection, B);
    expect(b.available && b.rows.find((r) => r.key === 'location')).toMatchObject({
      state: 'allowed',
      value: ['EXACT', '0'],
    });
    expect(b.available && b.rows.find((r) => r.key === 'background')).toMatchObject({ state: 'denied' });
    expect(b.available && b.rows.some((r) => !r.known)).toBe(false);
  });

  it('without a session bus, says so', async () => {
    const none = await connectPermissionStore({ ...env, DBUS_SESSION_BUS_ADDRESS: '' });
    expect(none).toMatchObject({ ok: false, reason: expect.stringMatching(/session bus/) as unknown });
    const view = await portalsView(none, A);
    expect(view).toMatchObject({ available: false });
  });

  it('refuses a bus address that would start a program', async () => {
    const refused = await connectPermissionStore({
      ...env,
      DBUS_SESSION_BUS_ADDRESS: 'unixexec:path=/bin/sh,argv1=-c',
    });
    expect(refused.ok).toBe(false);
  });

  it('with a bus but no permission store, says so', async () => {
    const broken = await connectPermissionStore({
      ...env,
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(env.XDG_RUNTIME_DIR ?? '', 'no-such-bus')}`,
    });
    expect(broken.ok).toBe(false);
  });
});

describe('changing', () => {
  it('allow, deny and back to not set, as flatpak permission-show sees it', async () => {
    const deny = await setPortal(connection, A, 'devices', 'camera', ['no']);
    expect(deny).toEqual({ appId: A, table: 'devices', id: 'camera', before: ['yes'], after: ['no'] });
    expect(await show(A)).toContain(`devices\tcamera\t${A}\tno\t0x00`);
    await setPortal(connection, A, 'location', 'location', ['EXACT', '0']);
    expect(await show(A)).toContain(`location\tlocation\t${A}\tEXACT,0\t0x00`);
    const unset = await setPortal(connection, A, 'devices', 'camera', null);
    expect(unset.before).toEqual(['no']);
    expect((await show(A)).some((l) => l.startsWith('devices\tcamera'))).toBe(false);
  });

  it('never creates an entry or a table a portal has not made', async () => {
    await expect(setPortal(connection, A, 'devices', 'microphone', ['yes'])).rejects.toThrow(
      /no portal has made this entry/,
    );
    await expect(setPortal(connection, A, 'screenshot', 'screenshot', ['yes'])).rejects.toThrow(
      /no portal has made this entry/,
    );
    expect(existsSync(join(storeFolder(env), 'screenshot'))).toBe(false);
    const list = await flatpak(env, ['permission-list', 'devices']);
    expect(list.stdout).not.toContain('microphone');
  });

  it('refuses names that are not store names', async () => {
    await expect(setPortal(connection, A, '../x', 'camera', ['yes'])).rejects.toThrow(/not a permission store entry/);
  });

  it('reset removes every entry of the app, and restoring puts back exactly what was there', async () => {
    await portalSets('location', 'location', A, 'CITY', '12345');
    const before = await show(A);
    const otherBefore = await show(B);
    const reset = await resetPortals(connection, A);
    expect(reset.failures).toEqual([]);
    expect(reset.steps.map((s) => `${s.table}/${s.id}`).sort()).toEqual([
      'devices/camera',
      'documents/4fab1618',
      'location/location',
      'notifications/notification',
      'screencast/e3b1c0de-token',
    ]);
    expect((await show(A)).filter((l) => l.split('\t')[2] === A)).toEqual([]);
    expect(await show(B)).toEqual(otherBefore);
    const undo = await restorePortals(
      connection,
      reset.steps.map((s) => ({ appId: s.appId, table: s.table, id: s.id, expected: s.after, content: s.before })),
    );
    expect(undo.failures).toEqual([]);
    expect(await show(A)).toEqual(before);
  });

  it('an entry changed by someone else since is kept, not overwritten', async () => {
    const step = await setPortal(connection, A, 'devices', 'camera', ['no']);
    await portalSets('devices', 'camera', A, 'yes');
    const undo = await restorePortals(connection, [
      { appId: A, table: step.table, id: step.id, expected: step.after, content: step.before },
    ]);
    expect(undo.done).toEqual([]);
    expect(undo.failures[0]?.error).toMatchObject({
      code: 'conflict',
      appId: A,
      message: expect.stringMatching(/changed since/) as unknown,
    });
    await portalSets('devices', 'camera', A, 'ask');
    const set = setPortal(connection, A, 'devices', 'camera', ['no']);
    await expect(set).resolves.toMatchObject({ before: ['ask'] });
  });

  it('tells listeners when an entry changes outside', async () => {
    if (!connection.ok) throw new Error('no store');
    const seen: string[] = [];
    const off = connection.store.onChanged((t) => seen.push(t));
    await new Promise((r) => setTimeout(r, 100));
    await portalSets('notifications', 'notification', B, 'no');
    await expect.poll(() => seen).toContain('notifications');
    off.dispose();
  });

  // The store tells of a change before it writes the table's file, and a scan lists the tables
  // by their files: a scan made on hearing of a new table missed it until the next change (the
  // window showed "nobody asked" for a camera a portal had just allowed).
  it('reads a table it was told of whose file is not written yet', async () => {
    if (!connection.ok) throw new Error('no store');
    expect(await connection.store.entries()).not.toContainEqual(expect.objectContaining({ table: 'screenshot' }));
    const seen: string[] = [];
    const off = connection.store.onChanged((t) => seen.push(t));
    await portalSets('screenshot', 'screenshot', A, 'yes');
    await expect.poll(() => seen).toContain('screenshot');
    off.dispose();
    // As the table is before the store writes it: there for the store, not yet a file.
    await rm(join(storeFolder(env), 'screenshot'));
    expect(await connection.store.entries()).toContainEqual(
      expect.objectContaining({ table: 'screenshot', id: 'screenshot', entry: { [A]: ['yes'] } }),
    );
  });
});

// The store's signals come in order on one connection, so once a listener still subscribed
// (the witness) has heard a change, a disposed one would have heard it too.
describe('letting go of listeners', () => {
  it('tells a disposed listener nothing more, and the others everything', async () => {
    if (!connection.ok) throw new Error('no store');
    const gone: string[] = [];
    const witness: string[] = [];
    const sub = connection.store.onChanged((t) => gone.push(t));
    connection.store.onChanged((t) => witness.push(t));
    // The same function twice is two subscriptions: disposing one leaves the other.
    const twice = (t: string) => gone.push(`twice:${t}`);
    const first = connection.store.onChanged(twice);
    connection.store.onChanged(twice);
    await portalSets('devices', 'camera', B, 'yes');
    await expect.poll(() => witness).toEqual(['devices']);
    expect(gone.sort()).toEqual(['devices', 'twice:devices', 'twice:devices']);
    sub.dispose();
    first.dispose();
    await portalSets('background', 'background', A, 'yes');
    await expect.poll(() => witness).toEqual(['devices', 'background']);
    expect(gone.sort()).toEqual(['devices', 'twice:background', 'twice:devices', 'twice:devices']);
  });

  it('stops telling a watcher of the core once disposed, over a new connection too', async () => {
    const core = await FlatpakCore.create({ env });
    try {
      const gone: string[] = [];
      const witness: string[] = [];
      const watch = await core.watchPortals((t) => gone.push(t));
      await core.watchPortals((t) => witness.push(t));
      await portalSets('devices', 'camera', B, 'yes');
      await expect.poll(() => witness).toEqual(['devices']);
      expect(gone).toEqual(['devices']);
      watch.dispose();
      await portalSets('background', 'background', A, 'yes');
      await expect.poll(() => witness).toEqual(['devices', 'background']);
      // A new connection tells the watchers of the time, not those disposed before it.
      await core.close();
      expect((await core.portals()).ok).toBe(true);
      await portalSets('location', 'location', A, 'EXACT', '0');
      await expect.poll(() => witness).toEqual(['devices', 'background', 'location']);
      expect(gone).toEqual(['devices']);
    } finally {
      await core.close();
    }
  });
});

describe('audit', () => {
  it('counts camera, microphone and location allowed without asking', async () => {
    const grants = await portalGrants(connection);
    expect(grants.get(A)?.map((g) => g.key)).toEqual(['camera']);
    expect(grants.get(B)?.map((g) => g.key)).toEqual(['location']);
    await setPortal(connection, B, 'location', 'location', ['NONE', '0']);
    expect((await portalGrants(connection)).get(B)).toBeUndefined();
  });
});

describe('confine portals', () => {
  it('lists the rows, sets one, and refuses an entry no portal made', async () => {
    const list = await confine(env, ['portals', A]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^camera +allowed +Camera$/m);
    expect(list.stdout).toMatch(/^microphone +not set +Microphone \(No app has used this portal yet/m);
    const set = await confine(env, ['portals', A, '--set', 'camera=deny']);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toBe('devices/camera: yes → no\n');
    expect(await show(A)).toContain(`devices\tcamera\t${A}\tno\t0x00`);
    const refused = await confine(env, ['portals', A, '--set', 'microphone=allow']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/no portal has made this entry/);
    const other = await confine(env, ['portals', A, '--set', 'screencast/e3b1c0de-token=unset']);
    expect(other.code, other.stderr).toBe(0);
    expect((await show(A)).some((l) => l.startsWith('screencast'))).toBe(false);
    const json = JSON.parse((await confine(env, ['portals', A, '--json'])).stdout) as {
      available: boolean;
      rows: { key: string; state: string }[];
    };
    expect(json.rows.find((r) => r.key === 'camera')?.state).toBe('denied');
    expect((await confine(env, ['portals', A, '--set', 'camera=maybe'])).code).toBe(2);
  });

  it('without a session bus, says so and fails', async () => {
    const r = await confine({ ...env, DBUS_SESSION_BUS_ADDRESS: '' }, ['portals', A]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/session bus/);
  });

  it('the audit counts a camera allowed without asking', async () => {
    const report = JSON.parse((await confine(env, ['audit', '--json'])).stdout) as {
      apps: { id: string; findings: { id: string }[] }[];
    };
    expect(report.apps.find((a) => a.id === A)?.findings.map((f) => f.id)).toContain('portal:camera');
    expect(report.apps.find((a) => a.id === B)?.findings.map((f) => f.id)).toContain('portal:location');
  });

  it('export carries the portal permissions, and import puts them back', async () => {
    const before = await show(A);
    const file = join(await tempDir('confine-export-'), 'backup.json');
    expect((await confine(env, ['export', file])).code).toBe(0);
    const exported = JSON.parse(await readFile(file, 'utf8')) as {
      portals: { app: string; table: string; id: string; value: string[] }[];
    };
    expect(exported.portals).toContainEqual({ app: A, table: 'devices', id: 'camera', value: ['yes'] });
    expect(exported.portals).toContainEqual({ app: B, table: 'location', id: 'location', value: ['EXACT', '0'] });
    expect((await flatpak(env, ['permission-reset', A])).code).toBe(0);
    expect((await show(A)).filter((l) => l.split('\t')[2] === A)).toEqual([]);
    const dry = await confine(env, ['import', file, '--dry-run']);
    expect(dry.stdout).toContain(`would create\t${A} (with 4 portal permissions)`);
    const imported = await confine(env, ['import', file]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(await show(A)).toEqual(before);
  });
});

/** The window's handler table over `core`, with nothing of a desktop behind its dialogs. */
function windowHandlers(core: FlatpakCore) {
  return testHandlers({
    core: () => Promise.resolve(core),
    settings: new SettingsStore(join(env.XDG_CONFIG_HOME ?? '', 'settings.json')),
    systemFs: () => Promise.resolve(hostFs('/')),
    home: env.HOME ?? '',
  });
}

describe('reset and undo in the window', () => {
  it('reset removes the override and the portal entries; undo restores both', async () => {
    const core = await FlatpakCore.create({ env });
    const handlers = windowHandlers(core);
    try {
      expect((await flatpak(env, ['override', '--user', '--nosocket=x11', A])).code).toBe(0);
      const portalsBefore = await show(A);
      const fileBefore = (await flatpak(env, ['override', '--user', '--show', A])).stdout;
      const reset = await dispatch(handlers, 'override:reset', { appId: A });
      if (!reset.ok) throw new Error(reset.error.message);
      const r = reset.value as {
        changed: boolean;
        before: string | null;
        after: string | null;
        portals: { table: string; id: string; before: string[] | null; after: string[] | null }[];
      };
      expect(r.changed).toBe(true);
      expect(r.portals).toHaveLength(4);
      expect((await show(A)).filter((l) => l.split('\t')[2] === A)).toEqual([]);
      expect((await flatpak(env, ['override', '--user', '--show', A])).stdout).toBe('');
      const undo = await dispatch(handlers, 'override:restore', {
        files: [{ appId: A, expected: r.after, content: r.before }],
        portals: r.portals.map((p) => ({ appId: A, table: p.table, id: p.id, expected: p.after, content: p.before })),
      });
      expect(undo).toMatchObject({ ok: true, value: { failures: [] } });
      expect(await show(A)).toEqual(portalsBefore);
      expect((await flatpak(env, ['override', '--user', '--show', A])).stdout).toBe(fileBefore);
      const view = await dispatch(handlers, 'portals:get', { appId: A });
      expect(view).toMatchObject({ ok: true, value: { available: true } });
    } finally {
      await core.close();
    }
  });
});

describe('reset in the window and on the command line', () => {
  const of = (app: string) => (line: string) => line.split('\t')[2] === app;
  const overrideFile = () => join(env.FLATPAK_USER_DIR ?? '', 'overrides', A);
  /** Everything a reset could touch: the whole permission store and A's override file. */
  const state = async () => {
    const r = await flatpak(env, ['permissions']);
    expect(r.code, r.stderr).toBe(0);
    return { store: r.stdout.split('\n').filter(Boolean).sort(), file: existsSync(overrideFile()) };
  };
  const give = async () => {
    expect((await flatpak(env, ['override', '--user', '--nosocket=x11', A])).code).toBe(0);
    // A's entries as the suite's setup makes them.
    await portalSets('devices', 'camera', A, 'yes');
    await portalSets('notifications', 'notification', A, 'yes');
    await portalSets('screencast', 'e3b1c0de-token', A, 'yes');
    await portalSets('documents', '4fab1618', A, 'read', 'write');
  };

  it('leave the same state: no override file, and A in no portal entry while B keeps its own', async () => {
    await give();
    const given = await state();
    expect(given.file).toBe(true);
    expect(given.store.filter(of(A))).toHaveLength(4);

    const core = await FlatpakCore.create({ env });
    const handlers = windowHandlers(core);
    try {
      const reset = await dispatch(handlers, 'override:reset', { appId: A });
      expect(reset).toMatchObject({ ok: true, value: { changed: true, portalFailures: [] } });
    } finally {
      await core.close();
    }
    const afterWindow = await state();
    expect(afterWindow.file).toBe(false);
    expect(afterWindow.store.filter(of(A))).toEqual([]);
    // B's location and background entries are the only rows left.
    expect(afterWindow.store.filter(of(B))).toHaveLength(2);

    await give();
    expect(await state()).toEqual(given);
    const cli = await confine(env, ['override', A, '--reset']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stderr).toBe('');
    expect(cli.stdout).toContain(`Removed ${overrideFile()}`);
    expect(cli.stdout).toContain('Removed 4 portal permissions: ');
    for (const entry of [
      'devices/camera',
      'documents/4fab1618',
      'notifications/notification',
      'screencast/e3b1c0de-token',
    ])
      expect(cli.stdout).toContain(entry);
    expect(await state()).toEqual(afterWindow);

    const again = await confine(env, ['override', A, '--reset']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`No override file to remove (${overrideFile()})\nNo portal permissions to remove\n`);
  });

  it('without a permission store, the command line removes the file and says the portal entries were not reset', async () => {
    const noBus = await workspace();
    const file = join(noBus.FLATPAK_USER_DIR ?? '', 'overrides', A);
    expect((await flatpak(noBus, ['override', '--user', '--nosocket=x11', A])).code).toBe(0);
    expect(existsSync(file)).toBe(true);
    const r = await confine(noBus, ['override', A, '--reset']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(file)).toBe(false);
    expect(r.stdout).toBe(`Removed ${file}\n`);
    expect(r.stderr).toMatch(/^warning: portal permissions were not reset: There is no D-Bus session bus\n$/);
  });
});
