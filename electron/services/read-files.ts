// Reading users' files safely: only regular files, never waiting on a pipe or a device, never
// more than a bound. Apart from files.ts (the atomic writes) so that a read-only run does not
// load the writers (issue 19); files.ts re-exports these.

import { constants, fstatSync, lstatSync, openSync, readSync, closeSync, statSync, type Stats } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import { closeFd, fstatFd, kindOf, openFd, readFd } from './fd';
import { defineMessages, t } from '../../shared/i18n';

const M = defineMessages({
  notRegular: {
    id: 'error.files.not-regular',
    defaultMessage:
      '{path} is {kind, select, pipe {a pipe} device {a device} socket {a socket} folder {a folder} link {a symbolic link} other {not a regular file}}; Confine reads only regular files',
  },
  tooBig: {
    id: 'error.files.too-big',
    defaultMessage: '{path} is {size} bytes, more than the {max} Confine reads',
    description: 'size, max: numbers of bytes',
  },
  grew: { id: 'error.files.grew', defaultMessage: '{path} grew while Confine read it' },
});

/** The most Confine reads of one file: an override of 100,000 entries is a few megabytes. */
export const MAX_READ = 64 * 1024 * 1024;

/**
 * The bytes of a regular file (following links, as Flatpak does), or null when there is none.
 * A pipe, a device or anything larger than `max` is refused at once rather than read forever:
 * opening never waits (O_NONBLOCK), and only what fstat calls a regular file is read.
 */
export async function readBytes(path: string, max = MAX_READ): Promise<Buffer | null> {
  // What it is is checked before it is opened (opening a device can do things), and again after.
  let fd: number;
  try {
    regular(await stat(path), path, max);
    fd = await openFd(path, READ_FLAGS);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const buf = Buffer.allocUnsafe(regular(await fstatFd(fd), path, max).size + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await readFd(fd, buf, length, buf.length - length, null);
      if (bytesRead === 0) break;
      length = grown(length + bytesRead, buf, path);
    }
    return buf.subarray(0, length);
  } finally {
    await closeFd(fd);
  }
}

/**
 * readBytes without the event loop: for the moment of a swap, which must not give the event
 * loop a turn, and for the small files each read of the installations takes (overrides, the
 * cache, metadata), where the thread pool's six round trips a file cost several times the reads.
 */
export function readBytesSync(path: string, max = MAX_READ): Buffer | null {
  // No exception made for a file that is not there (most overrides are not).
  return readChecked(path, () => statSync(path, { throwIfNoEntry: false }), max);
}

/**
 * readBytesSync, and whether the path is a symbolic link, from one lstat: for a file that is no
 * link (nearly every one) it tells all that the stat before opening would, which is then not
 * made; a link is followed with a stat, as readBytesSync does. An override's read was a stat,
 * an lstat and the fstat of the same file (issue 19).
 */
export function readBytesAndLinkSync(path: string, max = MAX_READ): { bytes: Buffer | null; symlink: boolean } {
  let symlink = false;
  const bytes = readChecked(
    path,
    () => {
      const l = lstatSync(path, { throwIfNoEntry: false });
      symlink = l?.isSymbolicLink() ?? false;
      return symlink ? statSync(path, { throwIfNoEntry: false }) : l;
    },
    max,
  );
  return { bytes, symlink };
}

/** The bytes of the regular file that `check` (a stat of `path`, undefined when there is none)
 *  finds, checked again once it is open. */
function readChecked(path: string, check: () => Stats | undefined, max: number): Buffer | null {
  let fd: number;
  try {
    const st = check();
    if (st === undefined) return null;
    regular(st, path, max);
    fd = openSync(path, READ_FLAGS);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const buf = Buffer.allocUnsafe(regular(fstatSync(fd), path, max).size + 1);
    let length = 0;
    for (;;) {
      const bytesRead = readSync(fd, buf, length, buf.length - length, null);
      if (bytesRead === 0) break;
      length = grown(length + bytesRead, buf, path);
    }
    return buf.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;

/** Only what fstat calls a regular file, and no bigger than `max`, is read. */
function regular(st: Stats, path: string, max: number): Stats {
  if (!st.isFile()) throw new Error(t(M.notRegular, { path, kind: kindOf(st) }));
  if (st.size > max) throw new Error(t(M.tooBig, { path, size: String(st.size), max: String(max) }));
  return st;
}

/** The buffer holds one byte more than fstat said, to notice a file that grows while it is read. */
function grown(length: number, buf: Buffer, path: string): number {
  if (length === buf.length) throw new Error(t(M.grew, { path }));
  return length;
}

/** isSymlink without the event loop (see readBytesSync). */
export function isSymlinkSync(path: string): boolean {
  const st = lstatSync(path, { throwIfNoEntry: false });
  return st?.isSymbolicLink() ?? false;
}

export async function isSymlink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}
