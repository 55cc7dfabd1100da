// The promise forms of the descriptor calls both file readers use (the callback forms are several
// times faster than fs/promises for many small files), and how a refusal names what it found.

import { close, fstat, open, read, type Stats } from 'node:fs';
import { promisify } from 'node:util';

export const openFd = promisify(open);
export const fstatFd = promisify(fstat);
export const readFd = promisify(read);
export const closeFd = promisify(close);

/** What a path is, when it is not a regular file, for an error message to put into words. */
export type FileKind = 'pipe' | 'device' | 'socket' | 'folder' | 'link' | 'other';

export function kindOf(st: Stats): FileKind {
  if (st.isFIFO()) return 'pipe';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device';
  if (st.isSocket()) return 'socket';
  if (st.isDirectory()) return 'folder';
  if (st.isSymbolicLink()) return 'link';
  return 'other';
}
