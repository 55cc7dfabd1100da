// Where installations are found, on the host and inside Confine's own Flatpak. The values inside
// are the ones flatpak 1.14 sets there (flatpak-context.c, flatpak_context_apply_env_appid, and
// the environment printed from inside the sandbox test): XDG_DATA_HOME is the app's own folder,
// HOST_XDG_DATA_HOME the host's (only when the host had one), HOME and FLATPAK_* unchanged.

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findInstallations, flatpakPaths, readSelfSandbox } from './locations';
import { tempDir } from '../../test/helpers/temp';

const SANDBOX = { appId: 'dev.confine.Confine', flatpakVersion: [1, 14, 10] as const };
const APP_DATA = '/home/ann/.var/app/dev.confine.Confine/data';

describe('flatpakPaths', () => {
  it('on the host: FLATPAK_USER_DIR, else XDG_DATA_HOME/flatpak, else ~/.local/share/flatpak', () => {
    expect(flatpakPaths({ HOME: '/home/ann', XDG_DATA_HOME: '/data/ann', FLATPAK_USER_DIR: '/srv/fp' }).userDir).toBe(
      '/srv/fp',
    );
    expect(flatpakPaths({ HOME: '/home/ann', XDG_DATA_HOME: '/data/ann' }).userDir).toBe('/data/ann/flatpak');
    expect(flatpakPaths({ HOME: '/home/ann' })).toEqual({
      userDir: '/home/ann/.local/share/flatpak',
      systemDir: '/var/lib/flatpak',
      configDir: '/etc/flatpak',
    });
  });

  it('inside the sandbox: the host’s data folder, not the app’s own XDG_DATA_HOME', () => {
    expect(
      flatpakPaths({ HOME: '/home/ann', XDG_DATA_HOME: APP_DATA, HOST_XDG_DATA_HOME: '/data/ann' }, SANDBOX).userDir,
    ).toBe('/data/ann/flatpak');
    expect(flatpakPaths({ HOME: '/home/ann', XDG_DATA_HOME: APP_DATA }, SANDBOX).userDir).toBe(
      '/home/ann/.local/share/flatpak',
    );
    expect(
      flatpakPaths(
        { HOME: '/home/ann', XDG_DATA_HOME: APP_DATA, HOST_XDG_DATA_HOME: '/data/ann', FLATPAK_USER_DIR: '/srv/fp' },
        SANDBOX,
      ).userDir,
    ).toBe('/srv/fp');
  });

  it('inside the sandbox: installations.d where host-etc shows /etc, the system installation where it is', () => {
    const p = flatpakPaths({ HOME: '/home/ann', XDG_DATA_HOME: APP_DATA }, SANDBOX);
    expect(p.configDir).toBe('/run/host/etc/flatpak');
    expect(p.systemDir).toBe('/var/lib/flatpak');
    expect(
      flatpakPaths({ HOME: '/home/ann', FLATPAK_CONFIG_DIR: '/opt/etc', FLATPAK_SYSTEM_DIR: '/opt/sys' }, SANDBOX),
    ).toMatchObject({ configDir: '/opt/etc', systemDir: '/opt/sys' });
  });
});

describe('with files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir('confine-locations-');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads /.flatpak-info when there is one, and nothing otherwise', async () => {
    await writeFile(
      join(dir, 'info'),
      '[Application]\nname=dev.confine.Confine\n\n[Instance]\nflatpak-version=1.16.1\n',
    );
    expect(await readSelfSandbox(join(dir, 'info'))).toEqual({
      appId: 'dev.confine.Confine',
      flatpakVersion: [1, 16, 1],
    });
    expect(await readSelfSandbox(join(dir, 'none'))).toBeNull();
  });

  it('inside the sandbox, names each configured installation it cannot see with the command that grants it', async () => {
    const seen = join(dir, 'seen');
    const hidden = join(dir, 'hidden');
    await mkdir(join(dir, 'etc/installations.d'), { recursive: true });
    await mkdir(seen);
    await writeFile(
      join(dir, 'etc/installations.d/a.conf'),
      `[Installation "seen"]\nPath=${seen}\n\n[Installation "hidden"]\nPath=${hidden}\n`,
    );
    const paths = { userDir: join(dir, 'user'), systemDir: join(dir, 'system'), configDir: join(dir, 'etc') };
    const inside = await findInstallations(paths, SANDBOX);
    expect(inside.installations.map((i) => i.id).sort()).toEqual(['default', 'hidden', 'seen', 'user']);
    expect(inside.warnings).toHaveLength(1);
    expect(inside.warnings[0]).toContain('“hidden”');
    expect(inside.warnings[0]).toContain(`flatpak override --user dev.confine.Confine --filesystem=${hidden}:ro`);
    // On the host a missing folder is an installation with nothing installed yet.
    expect((await findInstallations(paths)).warnings).toEqual([]);
  });
});
