// File operations with the guarantees Confine gives about users' files: writes are atomic
// (temporary file, fsync, an exchanging rename, fsync of the folder), never go through a
// symbolic link, and never lose a change someone else made meanwhile.

import type * as Crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { constants, lstatSync, renameSync, unlinkSync } from 'node:fs';
import { lstat, open, readdir, symlink, unlink } from 'node:fs/promises';
import { constants as osConstants } from 'node:os';
import {
  LOCK_EX,
  LOCK_NB,
  LOCK_UN,
  nativeFs,
  nativeMissing,
  RENAME_EXCHANGE,
  RENAME_NOREPLACE,
  type NativeFs,
} from './native';

import { basename, dirname, join } from 'node:path';
import { readBytes, readBytesSync } from './read-files';
import { ERROR_MESSAGES } from '../../shared/errors';
import { defineMessages, t } from '../../shared/i18n';

// The reads are in read-files.ts, which read-only runs load without these writers (issue 19).
export { isSymlink, isSymlinkSync, MAX_READ, readBytes, readBytesSync } from './read-files';

/** What a file looked like when it was read, to notice a change by someone else. */
export interface FileStamp {
  /** null when the file did not exist. */
  readonly bytes: Buffer | null;
}

const M = defineMessages({
  conflict: {
    id: 'error.files.changed-while-saving',
    defaultMessage: '{path} was changed by another program while Confine was saving it',
  },
  linkWhileSaving: {
    id: 'error.files.link-while-saving',
    defaultMessage: '{path} was replaced by a symbolic link while Confine was saving it',
  },
  syscall: {
    id: 'error.files.system-call',
    defaultMessage: '{call} failed for {path}: {error}',
    description: 'call: a system call (rename, flock); error: the error’s name, such as EXDEV, or its number',
  },
  busy: {
    id: 'error.files.folder-busy',
    defaultMessage: 'another Confine has been writing in {dir} for {seconds, number} s; try again',
    description: 'Another Confine process holds the folder’s lock; seconds: how long this one waited',
  },
});

export class FileConflict extends Error {
  constructor(readonly path: string) {
    super(t(M.conflict, { path }));
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A write that would need Confine's native module, which is missing. */
export class NativeMissing extends Error {}

/** Another Confine holds the lock of the folder for longer than a write takes. */
export class FolderBusy extends Error {
  constructor(readonly dir: string) {
    super(t(M.busy, { dir, seconds: LOCK_WAIT_MS / 1000 }));
  }
}

const LOCK_WAIT_MS = 30_000;
const { EINTR, ENOENT, EEXIST, EWOULDBLOCK, EINVAL, ENOSYS, EOPNOTSUPP } = osConstants.errno;
const MAX_SWAPS = 8;

function native(): NativeFs {
  const fs = nativeFs();
  if (!fs) throw new NativeMissing(nativeMissing());
  return fs;
}

function errnoError(code: number, call: string, path: string): NodeJS.ErrnoException {
  const name = Object.entries(osConstants.errno).find(([, v]) => v === code)?.[0];
  return Object.assign(new Error(t(M.syscall, { call, path, error: name ?? String(code) })), {
    code: name ?? `errno ${code}`,
    errno: code,
  });
}

/**
 * Runs `fn` holding the lock every Confine writer takes on a folder (flock(2) on the folder
 * itself, released by the kernel if the process dies). Flatpak takes no lock; the swap in
 * swapFile is what keeps its changes.
 */
export async function withFolderLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const fs = native();
  const handle = await open(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    const start = Date.now();
    for (;;) {
      const r = fs.flock(handle.fd, LOCK_EX | LOCK_NB);
      if (r === 0) break;
      if (r !== EWOULDBLOCK && r !== EINTR) throw errnoError(r, 'flock', dir);
      if (Date.now() - start > LOCK_WAIT_MS) throw new FolderBusy(dir);
      await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 15));
    }
    return await fn();
  } finally {
    fs.flock(handle.fd, LOCK_UN);
    await handle.close();
  }
}

const TEMP = /^\..+\.confine-[0-9a-f]{12}$/;
// node:crypto is required when a name is made, not imported: an ES import of it sets up all of
// crypto (about 9 ms), which a run that writes nothing (list, show) need not pay.
const randomHex = (bytes: number): string =>
  (createRequire(import.meta.url)('node:crypto') as typeof Crypto).randomBytes(bytes).toString('hex');
const tempName = (path: string) => join(dirname(path), `.${basename(path)}.confine-${randomHex(6)}`);

/** Temporary files of a Confine that died while writing; under the lock no other one is live. */
async function removeStaleTemps(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => []))
    if (TEMP.test(name)) await unlink(join(dir, name)).catch(() => undefined);
}

async function writeNewFile(path: string, data: Buffer, mode: number): Promise<void> {
  const handle = await open(
    path,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    mode,
  );
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const same = (a: Buffer | null, b: Buffer | null): boolean => (a === null || b === null ? a === b : a.equals(b));

/** renameat2's flags are not offered by every file system (NFS, eCryptfs, some FUSE). */
const unsupported = (r: number): boolean => r === EINVAL || r === ENOSYS || r === EOPNOTSUPP;

/** The temporary file that holds what a swap puts in place (none to take a file away). */
async function prepareTemp(path: string, want: Buffer | null, mode: number): Promise<string | null> {
  if (want === null) return null;
  const temp = tempName(path);
  try {
    await writeNewFile(temp, want, mode);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  return temp;
}

/**
 * Puts `want` (already in `prepared`) at `path`, or takes the file away when null, in one atomic
 * step, and returns what was there at that instant, left at a temporary path for the caller to
 * remove. With RENAME_EXCHANGE nothing another program wrote can be lost between a check and
 * the write: whatever the swap displaced is handed back. Where the file system has no exchange,
 * a read just before a plain rename takes its place: still under the lock, with a gap of a few
 * microseconds. Synchronous on purpose, like everything up to the decision in exchangeAndCheck.
 */
function swapIn(
  path: string,
  prepared: string | null,
  want: Buffer | null,
): { displaced: Buffer | null; temp: string | null } {
  const fs = native();
  if (want === null || prepared === null) {
    const temp = tempName(path);
    const r = fs.renameat2(path, temp, RENAME_NOREPLACE);
    if (r === ENOENT) return { displaced: null, temp: null };
    if (unsupported(r)) {
      try {
        renameSync(path, temp);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { displaced: null, temp: null };
        throw e;
      }
      return { displaced: displacedOrBack(temp, path, fs), temp };
    }
    if (r !== 0) throw errnoError(r, 'rename', path);
    return { displaced: displacedOrBack(temp, path, fs), temp };
  }
  const drop = () => {
    try {
      unlinkSync(prepared);
    } catch {
      // Already gone.
    }
  };
  for (let tries = 0; tries < MAX_SWAPS; tries++) {
    const r = fs.renameat2(prepared, path, RENAME_EXCHANGE);
    if (r === 0) return { displaced: displacedOrBack(prepared, path, fs), temp: prepared };
    if (unsupported(r)) {
      const displaced = readBytesSync(path);
      renameSync(prepared, path);
      return { displaced, temp: null };
    }
    if (r !== ENOENT) {
      drop();
      throw errnoError(r, 'rename', path);
    }
    // Nothing to exchange with: create it, unless someone else just did.
    const created = fs.renameat2(prepared, path, RENAME_NOREPLACE);
    if (created === 0) return { displaced: null, temp: null };
    if (created !== EEXIST) {
      drop();
      throw errnoError(created, 'rename', path);
    }
  }
  drop();
  throw new FileConflict(path);
}

/**
 * What a swap displaced. If it cannot be read (someone put a link, a pipe or a growing file
 * there meanwhile), it goes straight back where it was, so nothing of theirs is lost.
 */
function displacedOrBack(temp: string, path: string, fs: NativeFs): Buffer | null {
  try {
    return displacedAt(temp, path);
  } catch (e) {
    const back = fs.renameat2(temp, path, RENAME_EXCHANGE);
    if (back !== 0) fs.renameat2(temp, path, RENAME_NOREPLACE);
    throw e;
  }
}

/** What a swap displaced; a link put there by someone meanwhile is not followed. */
function displacedAt(temp: string, path: string): Buffer | null {
  if (lstatSync(temp).isSymbolicLink()) throw new Error(t(M.linkWhileSaving, { path }));
  return readBytesSync(temp);
}

/**
 * Swaps `want` in and decides, without giving the event loop a turn, whether it stands: from the
 * exchange until Confine's content is either confirmed or taken back, another program that
 * reads the file sees content worked out from older content, so that moment must be as short
 * as the kernel allows, whatever else this process is busy with.
 */
function exchangeAndCheck(
  path: string,
  prepared: string | null,
  want: Buffer | null,
  theirs: Buffer | null,
  beforeExchange?: () => void,
): { done: boolean; now: Buffer | null; temps: string[] } {
  // A change made while the new content was written out is seen before ours is shown to anyone.
  const current = readBytesSync(path);
  if (!same(current, theirs)) return { done: false, now: current, temps: prepared ? [prepared] : [] };
  beforeExchange?.();
  const { displaced, temp } = swapIn(path, prepared, want);
  const temps = temp ? [temp] : [];
  if (same(displaced, theirs)) return { done: true, now: want, temps };
  // Someone wrote meanwhile. Put their content back at once, so that no one reads ours,
  // worked out from older content, then work the edit out again from theirs.
  const back = putBack(path, temp, want, displaced);
  if (back.temp) temps.push(back.temp);
  return { done: false, now: back.now, temps };
}

export interface Swap {
  /** What the written content was worked out from, and what was written. */
  readonly before: Buffer | null;
  readonly after: Buffer | null;
  readonly changed: boolean;
}

/**
 * Rewrites `path` with `edit(current)` (null: no file) so that no change by anyone is lost:
 * Confine writers queue on a lock, and against other writers each write is an atomic swap that
 * hands back what it replaced; if that is not what the edit was worked out from, someone wrote
 * meanwhile, and the edit is worked out again from their content and swapped in again. `edit`
 * throws to refuse (a malformed file, an undo of something that has changed). FileConflict
 * when the file keeps changing.
 */
export async function swapFile(
  path: string,
  edit: (current: Buffer | null) => Buffer | null,
  hooks: { beforeSwap?: () => Promise<void>; beforeExchange?: () => void; mode?: number } = {},
): Promise<Swap> {
  const dir = dirname(path);
  return withFolderLock(dir, async () => {
    await removeStaleTemps(dir);
    const st = await lstat(path).catch(() => undefined);
    if (st?.isSymbolicLink()) throw new Error(t(ERROR_MESSAGES.symlink, { path }));
    // A new file gets Flatpak's mode; a rewritten one keeps its own, unless told otherwise.
    const mode = hooks.mode ?? (st ? st.mode & 0o7777 : 0o644);
    let theirs = await readBytes(path);
    const temps: string[] = [];
    try {
      for (let swap = 0; swap < MAX_SWAPS; swap++) {
        const want = edit(theirs);
        if (same(want, theirs)) return { before: theirs, after: theirs, changed: false };
        const prepared = await prepareTemp(path, want, mode);
        await hooks.beforeSwap?.();
        const r = exchangeAndCheck(path, prepared, want, theirs, hooks.beforeExchange);
        temps.push(...r.temps);
        if (r.done) {
          await syncDir(dir);
          return { before: theirs, after: want, changed: true };
        }
        theirs = r.now;
      }
      throw new FileConflict(path);
    } finally {
      for (const t of temps) await unlink(t).catch(() => undefined);
    }
  });
}

/**
 * Undoes a swap that displaced another program's write: `displaced` goes back to `path` (from
 * `temp`, or by taking away the file Confine created), and what is at `path` afterwards is
 * returned. A write by yet another program in the moment between is kept, being the newest.
 */
function putBack(
  path: string,
  temp: string | null,
  want: Buffer | null,
  displaced: Buffer | null,
): { now: Buffer | null; temp: string | null } {
  const fs = native();
  if (temp === null) {
    // Confine created the file where, meanwhile, someone had removed it: remove it again.
    const away = tempName(path);
    const r = fs.renameat2(path, away, RENAME_NOREPLACE);
    if (r === ENOENT) return { now: null, temp: null };
    if (r !== 0) throw errnoError(r, 'rename', path);
    const taken = displacedAt(away, path);
    if (same(taken, want)) return { now: null, temp: away };
    const restored = fs.renameat2(away, path, RENAME_NOREPLACE);
    return restored === 0 ? { now: taken, temp: null } : { now: readBytesSync(path), temp: away };
  }
  if (want === null) {
    // Confine moved the file away to delete it: move it back, unless someone made a new one.
    const r = fs.renameat2(temp, path, RENAME_NOREPLACE);
    if (r === 0) return { now: displaced, temp: null };
    if (r === EEXIST) return { now: readBytesSync(path), temp };
    throw errnoError(r, 'rename', path);
  }
  const r = fs.renameat2(temp, path, RENAME_EXCHANGE);
  if (r === ENOENT) {
    const restored = fs.renameat2(temp, path, RENAME_NOREPLACE);
    return restored === 0 ? { now: displaced, temp: null } : { now: readBytesSync(path), temp };
  }
  if (r !== 0) throw errnoError(r, 'rename', path);
  const taken = displacedAt(temp, path);
  if (same(taken, want)) return { now: displaced, temp };
  // Yet another write landed on ours in that moment; it is the newest, so it goes back too.
  const again = fs.renameat2(temp, path, RENAME_EXCHANGE);
  if (again !== 0) throw errnoError(again, 'rename', path);
  return { now: taken, temp };
}

/**
 * Replaces `path` with `data` (deletes it when null) only if it still holds `expected`: an undo
 * or a reset never goes over a change made since.
 */
export async function replaceFile(
  path: string,
  data: Buffer | null,
  expected: FileStamp,
  mode?: number,
): Promise<void> {
  await swapFile(
    path,
    (current) => {
      if (!same(current, expected.bytes)) throw new FileConflict(path);
      return data;
    },
    mode === undefined ? {} : { mode },
  );
}

/** Makes `path` a symbolic link to `target`, only where nothing is there (a restored backup). */
export async function createLink(path: string, target: string): Promise<void> {
  const dir = dirname(path);
  await withFolderLock(dir, async () => {
    await removeStaleTemps(dir);
    const temp = tempName(path);
    await symlink(target, temp);
    const r = native().renameat2(temp, path, RENAME_NOREPLACE);
    if (r !== 0) {
      await unlink(temp).catch(() => undefined);
      throw r === EEXIST ? new FileConflict(path) : errnoError(r, 'rename', path);
    }
    await syncDir(dir);
  });
}
