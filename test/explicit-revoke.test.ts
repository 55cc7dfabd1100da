// An explicit revoke is written as `flatpak override` writes it, even where the app does not ask
// for the permission yet, so it still holds when an update of the app asks for it (issue 17).
// Both halves run against the real flatpak: the override files are compared byte for byte with
// the ones flatpak writes in a twin home, and a real `flatpak update` brings a build that asks
// for the network and the home folder.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTestbed, publishApp, type Testbed } from '../e2e/testbed/build';
import { testbedApps } from '../e2e/testbed/apps';
import { confine, flatpak, showReading, testbed, workspace } from './helpers/testbed';
import { tempDir } from './helpers/temp';

const bed = testbed();
const byProfile = (profile: string) => {
  const app = bed.apps.find((a) => a.profile === profile);
  if (!app) throw new Error(`the test bed has no ${profile} app`);
  return app.id;
};

const overrideFile = (env: Record<string, string>, app: string) =>
  readFile(join(env.FLATPAK_USER_DIR ?? '', 'overrides', app), 'utf8').catch(() => '<no file>');

describe('an explicit revoke', () => {
  // Flatpak writes filesystems, bus names and variables in hash-table order, so each case has
  // at most one of each; flags come in Flatpak's fixed order.
  const cases: [string, readonly string[]][] = [
    [
      'none',
      [
        '--unshare=network',
        '--unshare=ipc',
        '--nosocket=x11',
        '--nosocket=wayland',
        '--nodevice=dri',
        '--disallow=devel',
        '--nofilesystem=home',
        '--no-talk-name=org.freedesktop.secrets',
        '--system-no-talk-name=org.bluez',
        '--unset-env=LD_PRELOAD',
      ],
    ],
    ['none', ['--unshare=network']],
    ['none', ['--nosocket=fallback-x11', '--nofilesystem=xdg-download/Testbed']],
    ['none', ['--nofilesystem=host:reset', '--nodevice=all']],
    // The app's own metadata denies these already; the user's word is written all the same.
    ['negations', ['--nosocket=x11', '--nofilesystem=home', '--no-talk-name=org.freedesktop.secrets']],
    // Revokes next to a grant the app lacks, which is written too.
    ['network-only', ['--unshare=network', '--socket=wayland', '--nofilesystem=xdg-documents']],
  ];

  it.each(cases)('on the %s app, %j, writes the file `flatpak override` writes', async (profile, args) => {
    const app = byProfile(profile);
    const [ours, theirs] = await Promise.all([workspace(), workspace()]);
    const [byConfine, byFlatpak] = await Promise.all([
      confine(ours, ['override', ...args, app]),
      flatpak(theirs, ['override', '--user', ...args, app]),
    ]);
    expect({ code: byConfine.code, stderr: byConfine.stderr }).toEqual({ code: 0, stderr: '' });
    expect(byFlatpak.code).toBe(0);
    const written = await overrideFile(ours, app);
    expect(written).not.toBe('<no file>');
    expect(written).toBe(await overrideFile(theirs, app));
  });

  it('is forgotten by returning the entry to its default, and the file goes', async () => {
    const app = byProfile('none');
    const env = await workspace();
    expect((await confine(env, ['override', '--unshare=network', '--nofilesystem=home', app])).code).toBe(0);
    expect(await overrideFile(env, app)).toContain('!network');
    const r = await confine(env, ['override', '--default=shared:network', '--default=filesystems:home', app]);
    expect(r.code).toBe(0);
    expect(existsSync(join(env.FLATPAK_USER_DIR ?? '', 'overrides', app))).toBe(false);
  });
});

describe('an explicit revoke through an update of the app', () => {
  it('keeps the network and the home folder denied when the new build asks for them', async () => {
    // A bed of its own, with one app that asks for nothing: the shared bed is never updated.
    const dir = await tempDir('confine-revoke-update-');
    const v1 = testbedApps(2).find((a) => a.profile === 'none');
    if (!v1) throw new Error('no app of the none profile');
    const own: Testbed = await buildTestbed({ dir, apps: [v1] });
    const env = own.env;
    const app = v1.id;

    expect((await confine(env, ['override', '--unshare=network', '--nofilesystem=home', app])).code).toBe(0);
    const before = await overrideFile(env, app);

    await publishApp(own, { ...v1, version: '2.0', finishArgs: ['--share=network', '--filesystem=home'] });
    const update = await flatpak({ ...env, FLATPAK_TRIGGERSDIR: join(dir, 'no-triggers') }, [
      'update',
      '--user',
      '-y',
      '--noninteractive',
      app,
    ]);
    expect({ code: update.code, stderr: update.stderr }).toMatchObject({ code: 0 });

    // The update landed: the app's own metadata asks for both now.
    const metadata = await flatpak(env, ['info', '--user', '--show-metadata', app]);
    const declared = (showReading(metadata.stdout) as { Context?: Record<string, string[]> }).Context ?? {};
    expect({ shared: declared.shared, filesystems: declared.filesystems }).toEqual({
      shared: ['', 'network'],
      filesystems: ['', 'home'],
    });
    // Nobody touched the override, and Flatpak still gives the app neither.
    expect(await overrideFile(env, app)).toBe(before);
    const shown = await flatpak(env, ['info', '--user', '--show-permissions', app]);
    expect(shown.code).toBe(0);
    const context = (showReading(shown.stdout) as { Context?: Record<string, string[]> }).Context ?? {};
    expect(context.shared ?? []).not.toContain('network');
    expect(context.filesystems ?? []).not.toContain('home');
    // And Confine shows what Flatpak shows.
    const ours = await confine(env, ['show', app]);
    expect(showReading(ours.stdout)).toEqual(showReading(shown.stdout));
  }, 120_000);
});
