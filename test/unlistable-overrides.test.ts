// An overrides folder that can be entered but not listed (a system folder of mode 0711, which
// keeps who has overrides to root): Flatpak opens each app's file by its path and applies it, and
// Confine's effective permissions must be the ones Flatpak runs the app with. Root may list any
// folder, so under root both run as `nobody`.

import { execFile } from 'node:child_process';
import { chmod, chown, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { showReading, testbed, workspace } from './helpers/testbed';

const run = promisify(execFile);
const NOBODY = 65534;
const ROOT = process.getuid?.() === 0;
const CLI = fileURLToPath(new URL('../bin/confine.js', import.meta.url));

/** A command as the user the test stands for: `nobody` under root, else whoever runs it. */
async function asUser(env: Record<string, string>, command: string, args: readonly string[]) {
  const [file, argv] = ROOT
    ? ['setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', command, ...args]]
    : [command, [...args]];
  try {
    const { stdout } = await run(file, argv, { env });
    return { code: 0, stdout, stderr: '' };
  } catch (e) {
    const failed = e as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

it('a system override in a folder that cannot be listed still counts, as Flatpak reads it', async () => {
  const bed = testbed();
  const app = bed.apps.find((a) => bed.systemAppIds.includes(a.id) && a.profile === 'network-only');
  if (!app) throw new Error('no system-wide network-only app in the test bed');
  const env = await workspace(bed);
  const overrides = join(env.FLATPAK_SYSTEM_DIR ?? '', 'overrides');
  await writeFile(join(overrides, app.id), '[Context]\nshared=!network;\n', { mode: 0o644 });
  if (ROOT) {
    // The workspace is nobody's (links not followed: the shared test bed stays root's), but for
    // the system overrides folder, root's as on a real system, which others may enter only.
    await run('chown', ['-R', '-h', `${NOBODY}:${NOBODY}`, join(env.HOME ?? '', '..')]);
    await chown(overrides, 0, 0);
    await chmod(overrides, 0o711);
  } else await chmod(overrides, 0o311);

  const theirs = await asUser(env, 'flatpak', ['info', '--system', '--show-permissions', app.id]);
  expect(theirs).toMatchObject({ code: 0, stderr: '' });
  // The case is what it claims: Flatpak applied the override it could not list.
  expect(theirs.stdout).not.toMatch(/^shared=.*network/m);
  const ours = await asUser(env, process.execPath, [CLI, 'show', app.id]);
  expect(ours).toMatchObject({ code: 0, stderr: '' });
  expect(showReading(ours.stdout)).toEqual(showReading(theirs.stdout));
});
