// Reading what Confine kept for itself and then takes on trust: the code V8 compiled
// (electron/cli/start.ts) and list --json's kept output (list-output.ts). Anyone else who could
// write such a file could make Confine run their code or say what they like about every app, so
// only a regular file of this user's that no one else can write is read, never through a link.

import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';

/** Whether a file or folder is this user's and no one else can write it. */
export const ours = (s: Stats) => s.uid === process.getuid?.() && (s.mode & 0o022) === 0;

/** Whether `path` is a folder of this user's that no one else can write (a link is not followed). */
export function ownFolder(path: string): boolean {
  try {
    const s = lstatSync(path);
    return s.isDirectory() && ours(s);
  } catch {
    return false;
  }
}

/** A kept file's bytes if it is a regular file of this user's that no one else can write, not
 *  a link, and no bigger than `max`; else (or when there is none) undefined. */
export function readOwn(file: string, max: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const s = fstatSync(fd);
    if (!s.isFile() || !ours(s) || s.size > max) return undefined;
    // Read to the size fstat gave (readFileSync(fd) would ask fstat again).
    const bytes = Buffer.allocUnsafe(s.size);
    let length = 0;
    while (length < s.size) {
      const n = readSync(fd, bytes, length, s.size - length, length);
      if (n === 0) return undefined;
      length += n;
    }
    return bytes;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
