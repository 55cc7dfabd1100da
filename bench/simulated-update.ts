// One update of an app as `flatpak update` makes it, file event for file event in the folders
// Confine's watchers watch (the installation, `app/ID`, `app/ID/ARCH/BRANCH`), for the watch
// benchmark: a real update costs about a second, a thousand of them too long for a bench.
//
// Traced with inotify on a real `flatpak update --user` (Flatpak 1.14, Debian 12), in order:
//   .                 CREATE repo-lock, ATTRIB repo/, DELETE repo-lock      the pull
//   .                 CREATE lock, CREATE repo-lock                         the deploy's locks
//   ARCH/BRANCH       CREATE .COMMIT-XXXXXX/, MOVED_FROM it, MOVED_TO COMMIT/   checkout, then rename
//   ARCH/BRANCH       CREATE .active-XXXXXX, MOVED_FROM it, MOVED_TO active    the link's atomic swap
//   .                 ATTRIB repo/, DELETE repo-lock
//   ARCH/BRANCH       MOVED_FROM OLD/               the old deployment, moved to .removed/ID-OLD
//   .                 DELETE lock, ATTRIB .changed, CREATE repo-lock, DELETE repo-lock   prune
// (`.removed/` is made once, by the first update: CREATE .removed/ in `.`.) What is written
// inside the new deployment and in `.removed/` makes no event in a watched folder.

import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, rename, rm, symlink, unlink, utimes, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

export interface UpdateTarget {
  /** The installation folder (FLATPAK_USER_DIR); its `repo` must be a folder of its own. */
  readonly installation: string;
  readonly appId: string;
  /** `app/ID/ARCH/BRANCH`, where deployments and the `active` link are. */
  readonly branchDir: string;
}

// GLib's temporary names: six characters from [A-Za-z0-9].
const suffix = () =>
  [...randomBytes(6)].map((b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[b % 62]).join('');

const touch = (path: string) => {
  const now = new Date();
  return utimes(path, now, now);
};

/** Creates (without writing) a lock file, as Flatpak and OSTree open theirs with O_CREAT. */
const create = async (path: string) => (await open(path, 'a')).close();

/**
 * Deploys `commit` with `metadata` and makes it active, then removes the deployment `old`
 * (null: none), making the events a real update makes in the order it makes them.
 */
export async function simulateUpdate(
  target: UpdateTarget,
  commit: string,
  metadata: string,
  old: string | null,
): Promise<void> {
  const inst = target.installation;
  const repoLock = join(inst, 'repo-lock');
  await create(repoLock);
  await touch(join(inst, 'repo'));
  await unlink(repoLock);
  await create(join(inst, 'lock'));
  await create(repoLock);
  const temp = await mkdtemp(join(target.branchDir, `.${commit}-`));
  await writeFile(join(temp, 'metadata'), metadata);
  await mkdir(join(temp, 'files'));
  await writeFile(join(temp, 'deploy'), '');
  await rename(temp, join(target.branchDir, commit));
  const link = join(target.branchDir, `.active-${suffix()}`);
  await symlink(commit, link);
  await rename(link, join(target.branchDir, 'active'));
  await touch(join(inst, 'repo'));
  await unlink(repoLock);
  if (old !== null) {
    await mkdir(join(inst, '.removed'), { recursive: true });
    const removed = join(inst, '.removed', `${target.appId}-${basename(old)}`);
    await rename(join(target.branchDir, old), removed);
    await rm(removed, { recursive: true, force: true });
  }
  await unlink(join(inst, 'lock'));
  await touch(join(inst, '.changed'));
  await create(repoLock);
  await unlink(repoLock);
}
