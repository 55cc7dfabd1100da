#!/usr/bin/env node
// `npm start`: opens Confine's window. `npm ci` here skips Electron's binary (CI and offline
// machines have no use for it), so the first start fetches it with Electron's own installer;
// where that cannot be done it says so, and what works without it, and exits 1.
// `npm start -- --skip-build` opens what the last build made.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const electronDir = dirname(require.resolve('electron/package.json'));
const { version } = require('electron/package.json');

/** The binary Electron's own `require('electron')` would start, or null when there is none. */
function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : 'electron';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override
    ? join(override, relative)
    : existsSync(pathFile)
      ? join(electronDir, 'dist', relative)
      : null;
  return binary && existsSync(binary) ? binary : null;
}

function fail(reason) {
  process.stderr.write(`confine: the window needs Electron ${version}, which ${reason}.

What works without it: the command-line tool, on this machine's apps or on the demo:
  node bin/confine.js list
  npm run demo -- --cli audit

To open the window: connect to the internet and run npm start again, or set
ELECTRON_OVERRIDE_DIST_PATH to a folder that holds an Electron ${version} binary.
`);
  process.exit(1);
}

if (electronBinary() === null) {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH)
    fail(`is not in ELECTRON_OVERRIDE_DIST_PATH (${process.env.ELECTRON_OVERRIDE_DIST_PATH})`);
  process.stderr.write(`confine: fetching Electron ${version} (first start only) with Electron's installer…\n`);
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const got = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    env,
    encoding: 'utf8',
    timeout: 15 * 60_000,
  });
  if (got.status !== 0 || electronBinary() === null) {
    const why = `${got.stderr ?? ''}\n${got.error?.message ?? ''}`
      .split('\n')
      .find((l) => /error/i.test(l))
      ?.trim();
    fail(`could not be fetched${why ? ` (${why.replace(/^\w*Error: /, '')})` : ''}`);
  }
}

const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
const args = process.argv.slice(2);
const skip = args.includes('--skip-build') ? ['--skipBuild'] : [];
// electron-vite starts the binary it is given here, so the override above is honoured too.
const window = spawn(process.execPath, [cli, 'preview', ...skip], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ELECTRON_EXEC_PATH: electronBinary() ?? '' },
});
window.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
