// File operations with the guarantees Confine gives about users' files: writes are atomic
// (temporary file, fsync, rename, fsync of the folder), never go through a symbolic link, and
// never replace a file that changed since it was read.

import { randomBytes } from 'node:crypto';
import { constants, readFile as readFileCallback } from 'node:fs';
import { lstat, open, rename, unlink } from 'node:fs/promises';
import { promisify } from 'node:util';

// The callback form is several times faster than fs/promises' readFile for many small files.
const readFile = promisify(readFileCallback);
import { basename, dirname, join } from 'node:path';

/** What a file looked like when it was read, to notice a change by someone else. */
export interface FileStamp {
  /** null when the file did not exist. */
  readonly bytes: Buffer | null;
}

export class FileConflict extends Error {
  constructor(readonly path: string) {
    super(`${path} was changed by another program while Confine was saving it`);
  }
}

export async function readBytes(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

export async function isSymlink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

async function sameAsStamp(path: string, stamp: FileStamp): Promise<boolean> {
  const now = await readBytes(path);
  if (now === null || stamp.bytes === null) return now === stamp.bytes;
  return now.equals(stamp.bytes);
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `path` with `data` atomically, or deletes it when `data` is null. Throws FileConflict
 * when the file no longer matches `expected`, and refuses to act on a symbolic link.
 */
export async function replaceFile(path: string, data: Buffer | null, expected: FileStamp): Promise<void> {
  if (await isSymlink(path)) throw new Error(`${path} is a symbolic link; Confine does not write through links`);
  const dir = dirname(path);
  if (data === null) {
    if (!(await sameAsStamp(path, expected))) throw new FileConflict(path);
    if (expected.bytes === null) return;
    await unlink(path);
    await syncDir(dir);
    return;
  }
  let mode = 0o644;
  try {
    mode = (await lstat(path)).mode & 0o7777;
  } catch {
    // A new file gets the mode Flatpak gives its override files.
  }
  const tmp = join(dir, `.${basename(path)}.confine-${randomBytes(6).toString('hex')}`);
  const handle = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // The last look before the rename: a change since the read wins over this write.
    if (!(await sameAsStamp(path, expected))) throw new FileConflict(path);
    if (await isSymlink(path)) throw new Error(`${path} is a symbolic link; Confine does not write through links`);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await syncDir(dir);
}
