// The promise forms of the descriptor calls both file readers use (the callback forms are several
// times faster than fs/promises for many small files), and how a refusal names what it found.

import { close, fstat, open, read, type Stats } from 'node:fs';
import { promisify } from 'node:util';

export const openFd = promisify(open);
export const fstatFd = promisify(fstat);
export const readFd = promisify(read);
export const closeFd = promisify(close);

/** What a path is, when it is not a regular file, in words for an error message. */
export function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a pipe';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a folder';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}
