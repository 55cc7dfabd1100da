// Removes a test's temporary folder whatever is in it. Flatpak leaves folders without write
// permission behind (an ostree checkout, a deployment's files), which `rm -r` cannot empty as a
// user other than root: those are made writable first, walking the tree without following
// symbolic links, since a workspace's links lead into the shared test beds, which stay as they are.

import { chmod, lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

const RETRIES = { recursive: true, force: true, maxRetries: 3 } as const;

export async function removeTree(dir: string): Promise<void> {
  try {
    await rm(dir, RETRIES);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EPERM') throw e;
    await makeWritable(dir);
    await rm(dir, RETRIES);
  }
}

async function makeWritable(path: string): Promise<void> {
  const s = await lstat(path).catch(() => null);
  if (!s?.isDirectory()) return;
  if ((s.mode & 0o700) !== 0o700) await chmod(path, (s.mode & 0o7777) | 0o700);
  for (const name of await readdir(path)) await makeWritable(join(path, name));
}
