// `npm run demo`: Confine on a private Flatpak installation of 82 real Flathub apps, with the
// permissions of their Flathub manifests, built offline (the test bed) in the user's cache
// folder. The user's own apps, overrides and portal permissions are neither read nor touched.
//
//   npm run demo                 opens the window on it
//   npm run demo -- --cli ARGS   runs the command-line tool on it, e.g. --cli audit

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { askFlatpakVersion } from '../electron/services/flatpak-version';
import { DEFAULT_FLATPAK_VERSION } from '../shared/flatpak/version';
import { buildTestbed, makeWorkspace } from '../e2e/testbed/build';
import { corpusTestbedApps } from '../e2e/testbed/corpus';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const cli = args[0] === '--cli';
if (!cli && args.length > 0) {
  process.stderr.write('usage: npm run demo [-- --cli COMMAND [OPTION…]]\n');
  process.exit(2);
}

const folder = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'confine-demo');
process.stderr.write(`confine demo: a private installation in ${folder}\n`);
let bed;
try {
  const version = (await askFlatpakVersion()) ?? DEFAULT_FLATPAK_VERSION;
  bed = await buildTestbed({
    dir: join(folder, 'installation'),
    apps: corpusTestbedApps(version),
    log: (l) => process.stderr.write(`confine demo: ${l}\n`),
  });
} catch (e) {
  process.stderr.write(
    `confine demo: the demo installation could not be built: ${(e as Error).message}\nIt needs flatpak and ostree (./scripts/setup.sh installs them).\n`,
  );
  process.exit(1);
}
// A fresh session each time: overrides made in the demo last until the next start.
const env: Record<string, string> = await makeWorkspace(bed, join(folder, 'session'));

function run(command: string, argv: readonly string[], extra: Record<string, string>): void {
  const child = spawn(command, argv, { cwd: root, stdio: 'inherit', env: { ...env, ...extra } });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (cli) {
  const built = join(root, 'out/cli/confine.cjs');
  if (!existsSync(built)) {
    process.stderr.write('confine demo: the command-line tool is not built yet; run npm run build first\n');
    process.exit(1);
  }
  run(process.execPath, [built, ...args.slice(1)], {});
} else {
  // The window needs the display, and nothing else of the session: no session bus, so no
  // portal permission of the user's is read. A relative Wayland name is found through
  // XDG_RUNTIME_DIR, which is the demo's own now, so it goes by its full path.
  const display: Record<string, string> = {};
  for (const k of ['DISPLAY', 'XAUTHORITY', 'ELECTRON_OVERRIDE_DIST_PATH'])
    if (process.env[k]) display[k] = process.env[k] ?? '';
  const wayland = process.env.WAYLAND_DISPLAY;
  if (wayland)
    display.WAYLAND_DISPLAY = isAbsolute(wayland) ? wayland : join(process.env.XDG_RUNTIME_DIR ?? '', wayland);
  run(process.execPath, [join(root, 'scripts/start.mjs')], display);
}
