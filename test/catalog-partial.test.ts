// An outside change to one app's override rereads that app alone: the watcher names it, the
// catalog:apps channel reads just it, and the window's patch keeps every other entry as the very
// object it was. What the patch gives must equal a full reread. An install or uninstall (the
// installation's `.changed`) still rereads the whole list, which then gains or loses the app.
// All on a private installation of three apps, with the real `flatpak`.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestbed, type Testbed } from '../e2e/testbed/build';
import { appIcon, IconRegistry } from '../electron/ipc/assets';
import { dispatch } from '../electron/ipc/dispatch';
import { createHandlers } from '../electron/ipc/handlers';
import { FlatpakCore, type Listing } from '../electron/services/core';
import { overridesDir } from '../electron/services/overrides';
import { SettingsStore } from '../electron/services/settings';
import { hostFs } from '../electron/services/system';
import { watchFlatpak, type Changed } from '../electron/services/watch';
import type { Response } from '../shared/ipc/contract';
import { patchCatalog } from '../renderer/src/store/catalog';
import { flatpak } from './helpers/testbed';
import { tempDir } from './helpers/temp';

let dir: string;
let bed: Testbed;
let core: FlatpakCore;
let handlers: ReturnType<typeof createHandlers>;
const events: Changed[] = [];
let watcher: ReturnType<typeof watchFlatpak>;

async function ask<T>(channel: string, request: unknown): Promise<T> {
  const r = (await dispatch(handlers, channel, request)) as { ok: boolean; value?: T; error?: unknown };
  if (!r.ok) throw new Error(`${channel} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}
/** The window's catalogue: its list and its marks, asked for at once. */
const load = async () => {
  const [list, marks] = await Promise.all([
    ask<Response<'catalog:list'>>('catalog:list', {}),
    ask<Response<'catalog:marks'>>('catalog:marks', {}),
  ]);
  return { ...list, ...marks };
};

/** Runs `flatpak` and waits for the watcher's one notification of what it did. */
async function outside(args: readonly string[]): Promise<Changed> {
  const seen = events.length;
  const r = await flatpak({ ...bed.env }, args);
  expect(r.code, r.stderr).toBe(0);
  await expect.poll(() => events.length, { timeout: 10_000 }).toBeGreaterThan(seen);
  // The debounce gathers a burst; let a second burst of the same change arrive, if any.
  await new Promise((r) => setTimeout(r, 300));
  return events.at(-1) as Changed;
}

/** The window's handler table over the bed's core, serving icons from `icons`. */
function handlersWith(icons: IconRegistry): ReturnType<typeof createHandlers> {
  return createHandlers({
    core: () => Promise.resolve(core),
    icons,
    settings: new SettingsStore(join(bed.env.XDG_CONFIG_HOME ?? '', 'settings.json')),
    openExternal: () => Promise.resolve(),
    writeClipboard: () => undefined,
    home: bed.env.HOME ?? dir,
    dialogs: {
      saveFile: () => Promise.resolve(null),
      openFile: () => Promise.resolve(null),
      chooseFolder: () => Promise.resolve(null),
    },
    systemFs: () => Promise.resolve(hostFs('/')),
  });
}

beforeAll(async () => {
  dir = await tempDir('confine-partial-');
  bed = await buildTestbed({ dir, apps: 3, systemApps: 0 });
  core = await FlatpakCore.create({ env: bed.env });
  handlers = handlersWith(new IconRegistry());
  const { installations } = await core.installations();
  core.shareReads();
  // The folder as on a machine that had an override before: its first appearance is a change
  // of the folder, which rereads everything.
  await mkdir(overridesDir(core.paths, 'user'), { recursive: true });
  watcher = watchFlatpak(
    {
      overrideDirs: [overridesDir(core.paths, 'user'), overridesDir(core.paths, 'system')],
      installationDirs: installations.map((i) => i.path),
    },
    // As main does: the core is told of each change, and shares reads between them.
    (c) => {
      core.noteOutsideChange();
      events.push(c);
    },
    50,
  );
}, 180_000);

afterAll(async () => {
  watcher?.dispose();
  await core?.close();
});

describe('the Overview, asked for before the list (as the window does)', () => {
  it('has the icons of its ranking served from the same read, without the list', async () => {
    const icons = new IconRegistry();
    const window = handlersWith(icons);
    const r = (await dispatch(window, 'audit:load', {})) as { ok: boolean; value?: Response<'audit:load'> };
    expect(r.ok).toBe(true);
    expect(r.value?.apps.map((a) => a.id).sort()).toEqual(bed.apps.map((a) => a.id).sort());
    for (const { id } of bed.apps) expect({ id, status: appIcon(icons, id).status }).toEqual({ id, status: 200 });
  });
});

describe('the list, asked for with its marks (as the window does)', () => {
  it('is answered before the marks, from the same read, with its icons served', async () => {
    core.noteOutsideChange();
    const icons = new IconRegistry();
    const window = handlersWith(icons);
    const order: string[] = [];
    const marked = dispatch(window, 'catalog:marks', {}).then((r) => (order.push('marks'), r));
    const listed = dispatch(window, 'catalog:list', {}).then((r) => (order.push('list'), r));
    const [list, marks] = await Promise.all([listed, marked]);
    expect(order).toEqual(['list', 'marks']);
    if (!list.ok || !marks.ok) throw new Error('a read failed');
    const { apps } = list.value as Response<'catalog:list'>;
    const { exposure } = marks.value as Response<'catalog:marks'>;
    const ids = bed.apps.map((a) => a.id).sort();
    expect(apps.map((a) => a.id).sort()).toEqual(ids);
    // Every app listed is marked: its permissions were read and audited.
    expect(Object.keys(exposure).sort()).toEqual(ids);
    expect((await core.snapshot()).apps.map((a) => a.id)).toEqual(apps.map((a) => a.id));
    for (const { id } of bed.apps) expect({ id, status: appIcon(icons, id).status }).toEqual({ id, status: 200 });
  });

  it('is there while the apps\u2019 permissions are still being read', async () => {
    core.noteOutsideChange();
    // Permissions that take as long as the spec wants: the list must not wait for them.
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const reader = core as unknown as { permissionsOf: (...args: unknown[]) => Promise<unknown> };
    const original = reader.permissionsOf.bind(core);
    const held = vi.spyOn(reader, 'permissionsOf').mockImplementation(async (...args) => {
      await gate;
      return original(...args);
    });
    try {
      const snapshot = core.snapshot();
      const listing = await Promise.race([core.listing(), new Promise((r) => setTimeout(() => r('late'), 3000))]);
      expect(listing).not.toBe('late');
      expect(held).toHaveBeenCalled();
      open();
      expect((listing as Listing).apps).toBe((await snapshot).apps);
    } finally {
      open();
      held.mockRestore();
    }
  });
});

describe('an outside change to one app', () => {
  it('rereads only that app, and the patched list equals a full reread', async () => {
    // The app of the 'none' profile, which --filesystem=home surely exposes more.
    const [b, a, c] = bed.apps.map((x) => x.id) as [string, string, string];
    expect(bed.apps[1]?.profile).toBe('none');
    const before = await load();
    expect(before.apps.map((x) => x.id)).toEqual([a, b, c].sort());
    expect(before.changed).not.toContain(a);

    const changed = await outside(['override', '--user', '--filesystem=home', a]);
    expect(changed.apps).toBe(false);
    expect(changed.portals).toBe(false);
    // `flatpak override` writes under a temporary name and renames it over the app's file.
    expect(changed.appIds).toContain(a);
    expect(changed.appIds).not.toContain(b);
    expect(changed.appIds).not.toContain(c);

    const patch = await ask<Response<'catalog:apps'>>('catalog:apps', { appIds: changed.appIds });
    expect(patch.apps.map((x) => x.id)).toEqual([a]);
    expect(patch.changed).toEqual([a]);
    expect(patch.gone).toEqual((changed.appIds ?? []).filter((id) => id !== a));

    const after = patchCatalog(before, patch);
    expect(after).toEqual(await load());
    expect(after.changed).toContain(a);
    // --filesystem=home is a finding the app did not have.
    expect(after.exposure[a]?.score).toBeGreaterThan(before.exposure[a]?.score ?? 0);
    for (const id of [b, c]) {
      const i = before.apps.findIndex((x) => x.id === id);
      expect(after.apps[i]).toBe(before.apps[i]);
      expect(after.exposure[id]).toBe(before.exposure[id]);
      expect(after.capabilities[id]).toBe(before.capabilities[id]);
    }
    expect(after.apps.find((x) => x.id === a)).not.toBe(before.apps.find((x) => x.id === a));
  });

  it('names no app for a global override, which reaches every app', async () => {
    const changed = await outside(['override', '--user', '--unshare=ipc']);
    expect(changed.overrides).toBe(true);
    expect(changed.appIds).toBeNull();
  });
});

describe('a reread of files that did not change', () => {
  it('gives back the very objects of the last read, and new ones exactly where a file changed', async () => {
    const [first, second] = bed.apps.map((x) => x.id) as [string, string];
    const before = await core.snapshot();
    // As after a change the watcher noticed that touched none of these files: a new read.
    core.noteOutsideChange();
    const again = await core.snapshot();
    expect(again).not.toBe(before);
    for (const [id, p] of before.permissions) expect(again.permissions.get(id)?.context).toBe(p.context);

    await outside(['override', '--user', '--nosocket=wayland', first]);
    const after = await core.snapshot();
    const changed = after.permissions.get(first)?.context;
    expect(changed).not.toBe(before.permissions.get(first)?.context);
    expect(changed?.flags.sockets.get('wayland')).toBe(false);
    expect(after.permissions.get(second)?.context).toBe(before.permissions.get(second)?.context);
  });

  it('shares a read under way with a caller asking meanwhile, not with one asking after a write or a change', async () => {
    const id = bed.apps[1]?.id ?? '';
    const [a, b] = await Promise.all([core.snapshot(), core.snapshot()]);
    expect(b).toBe(a);
    // and in the moment after it ended.
    expect(await core.snapshot()).toBe(a);
    const underway = core.snapshot();
    await core.changeApp(id, [{ kind: 'shared', name: 'ipc', value: false }]);
    const fresh = await core.snapshot();
    expect(fresh).not.toBe(await underway);
    expect(fresh.permissions.get(id)?.context?.flags.shared.get('ipc')).toBe(false);
    // The window's watcher noticing a change made outside ends the sharing as well.
    const before = core.snapshot();
    core.noteOutsideChange();
    expect(await core.snapshot()).not.toBe(await before);
  });
});

describe('an install or uninstall', () => {
  it('is told as a change of the installation, and the full reread loses and regains the app', async () => {
    const gone = bed.apps[2]?.id ?? '';
    const removed = await outside(['uninstall', '--user', '-y', '--noninteractive', gone]);
    expect(removed.apps).toBe(true);
    expect(removed.appIds).toBeNull();
    expect((await load()).apps.map((x) => x.id)).not.toContain(gone);

    const added = await outside([
      'install',
      '--user',
      '-y',
      '--noninteractive',
      'testbed',
      `app/${gone}/${bed.arch}/stable`,
    ]);
    expect(added.apps).toBe(true);
    expect(added.appIds).toBeNull();
    expect((await load()).apps.map((x) => x.id)).toContain(gone);
  });
});
