// How a test's temporary folder goes (e2e/testbed/remove-tree.ts, behind test/helpers/temp.ts
// and the e2e fixtures): Flatpak leaves folders without write permission in it, which `rm -r`
// cannot empty as a user other than root, and a workspace links into the shared test bed, which
// must stay as it is. Root may remove anything, so under root the removal runs as `nobody`.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { removeTree } from '../e2e/testbed/remove-tree';
import { tempDir } from './helpers/temp';

const REMOVE_TREE = fileURLToPath(new URL('../e2e/testbed/remove-tree.ts', import.meta.url));
const NOBODY = 65534;

it('empties folders without write permission, and leaves where a link leads as it was', async () => {
  const dir = await tempDir('confine-remove-');
  const tree = join(dir, 'tree');
  const bed = join(dir, 'bed');
  await mkdir(join(tree, 'ro/sub'), { recursive: true });
  await writeFile(join(tree, 'ro/sub/file'), 'x');
  await mkdir(bed);
  await writeFile(join(bed, 'kept'), 'x');
  await symlink(bed, join(tree, 'ro/bed'));
  await chmod(join(tree, 'ro/sub'), 0o555);
  await chmod(join(tree, 'ro'), 0o555);
  await chmod(bed, 0o555);
  if (process.getuid?.() === 0) {
    await chmod(dir, 0o755);
    for (const p of [dir, tree, join(tree, 'ro'), join(tree, 'ro/sub'), join(tree, 'ro/sub/file'), bed])
      await chown(p, NOBODY, NOBODY);
    // Its own HOME and TMPDIR: tsx keeps a cache there.
    await promisify(execFile)(
      'setpriv',
      [
        `--reuid=${NOBODY}`,
        `--regid=${NOBODY}`,
        '--clear-groups',
        process.execPath,
        '--import',
        'tsx',
        '-e',
        `import(${JSON.stringify(REMOVE_TREE)}).then((m) => m.removeTree(${JSON.stringify(tree)}))`,
      ],
      {
        env: { PATH: process.env.PATH ?? '', HOME: dir, TMPDIR: dir },
        cwd: fileURLToPath(new URL('..', import.meta.url)),
      },
    );
  } else await removeTree(tree);
  expect(existsSync(tree)).toBe(false);
  expect((await stat(bed)).mode & 0o777).toBe(0o555);
  expect(existsSync(join(bed, 'kept'))).toBe(true);
});
