// `npm start` and `npm run demo`, as a newcomer runs them from a fresh clone: a clear message and
// exit 1 where Electron's binary cannot be had, the binary named by ELECTRON_OVERRIDE_DIST_PATH
// where there is one, and a demo that lists its own apps and touches nothing of the user's.

import { spawnSync } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusApps } from '../e2e/testbed/corpus';
import { tempDir } from './helpers/temp';

const root = new URL('..', import.meta.url).pathname;
const start = (env: Record<string, string>, args: string[] = []) =>
  spawnSync(process.execPath, [join(root, 'scripts/start.mjs'), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });

describe('npm start', () => {
  it('with no Electron binary and no network: says what works instead, and exits 1', async () => {
    // CI installs with ELECTRON_SKIP_BINARY_DOWNLOAD=1, as a newcomer's machine without the binary.
    expect(
      existsSync(join(root, 'node_modules/electron/path.txt')),
      'this test needs an install without Electron’s binary',
    ).toBe(false);
    const cache = await tempDir('confine-electron-cache-');
    // Nothing listens on port 9 here: no network, at once.
    const r = start({ ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: cache });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/the window needs Electron \d+\.\d+\.\d+, which could not be fetched/);
    expect(r.stderr).toContain('node bin/confine.js list');
    expect(r.stderr).toContain('npm run demo -- --cli audit');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(root, 'node_modules/electron/path.txt'))).toBe(false);
  });

  it('takes the binary ELECTRON_OVERRIDE_DIST_PATH names, and says so when it is not there', async () => {
    const dir = await tempDir('confine-fake-electron-');
    const empty = await tempDir('confine-no-electron-');
    const missing = start({ ELECTRON_OVERRIDE_DIST_PATH: empty }, ['--skip-build']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`is not in ELECTRON_OVERRIDE_DIST_PATH (${empty})`);
    await writeFile(join(dir, 'electron'), `#!/bin/sh\necho "$PWD $*" > "${join(dir, 'ran')}"\n`);
    await chmod(join(dir, 'electron'), 0o755);
    const r = start({ ELECTRON_OVERRIDE_DIST_PATH: dir }, ['--skip-build']);
    expect(r.stderr).not.toContain('Electron uninstall');
    expect(r.status).toBe(0);
    // electron-vite starts it on the project, whose package.json names the built main process.
    expect((await readFile(join(dir, 'ran'), 'utf8')).trim()).toBe(`${root.replace(/\/$/, '')} .`);
  });
});

describe('npm run demo', () => {
  it('lists the demo’s real Flathub apps from their own installation, and leaves the user’s alone', async () => {
    const home = await tempDir('confine-demo-home-');
    const mine = join(home, '.local/share/flatpak/overrides');
    await mkdir(mine, { recursive: true });
    await writeFile(join(mine, 'global'), '[Context]\nshared=!network;\n');
    const env = { PATH: process.env.PATH ?? '', HOME: home, XDG_CACHE_HOME: join(home, '.cache') };
    const r = spawnSync('npm', ['run', '-s', 'demo', '--', '--cli', 'list'], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.status).toBe(0);
    const listed = r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')[0]);
    expect(listed.sort()).toEqual(
      corpusApps()
        .map((a) => a.id)
        .sort(),
    );
    const edit = spawnSync('npm', ['run', '-s', 'demo', '--', '--cli', 'override', '--nosocket=x11'], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(edit.status).toBe(0);
    expect(await readFile(join(mine, 'global'), 'utf8')).toBe('[Context]\nshared=!network;\n');
    expect(existsSync(join(home, '.cache/confine-demo/session/home/.local/share/flatpak/overrides/global'))).toBe(true);
    // Building the demo's 82 apps is the slow part; the limit matches the commands' own.
  }, 600_000);
});
