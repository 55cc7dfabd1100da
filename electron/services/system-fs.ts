// The file operations the machine readers need, relative to a root (normally `/`), so tests
// and `confine mac --root` read a saved tree instead; and the few helpers they share.

import { execFile } from 'node:child_process';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Unreadable } from '../../shared/system/model';

export interface FileStat {
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

/** Tests substitute errors, owners, setuid bits and versions that git cannot hold. */
export interface SystemFs {
  /** The file's bytes; null when it does not exist. Other failures throw with an errno `code`. */
  read(path: string): Promise<Buffer | null>;
  /** Mode and owner of the path itself (a link is not followed), or null when it does not exist. */
  stat(path: string): Promise<FileStat | null>;
  exists(path: string): Promise<boolean>;
  /** The names in a folder, or null when it cannot be listed. */
  list(path: string): Promise<string[] | null>;
  /** Where a symbolic link points, or null when the path is not one. */
  readlink(path: string): Promise<string | null>;
  /** The first line of `PROGRAM --version`; only ever run for the host's own `/`. */
  version(path: string): Promise<string | null>;
  readonly euid: number;
}

const VERSION_TIMEOUT_MS = 3000;

export function hostFs(root = '/', euid = process.geteuid?.() ?? -1): SystemFs {
  const at = (p: string) => join(root, p);
  return {
    euid,
    async read(path) {
      try {
        return await readFile(at(path));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
        throw e;
      }
    },
    async stat(path) {
      try {
        const s = await lstat(at(path));
        return { mode: s.mode, uid: s.uid, gid: s.gid };
      } catch {
        return null;
      }
    },
    async exists(path) {
      try {
        await lstat(at(path));
        return true;
      } catch {
        return false;
      }
    },
    async list(path) {
      try {
        return (await readdir(at(path))).sort();
      } catch {
        return null;
      }
    },
    async readlink(path) {
      try {
        return await readlink(at(path));
      } catch {
        return null;
      }
    },
    version(path) {
      // A program of a saved tree is never run: it is not this machine's, and could be anything.
      if (root !== '/') return Promise.resolve(null);
      return new Promise((resolve) => {
        execFile(at(path), ['--version'], { timeout: VERSION_TIMEOUT_MS, env: { PATH: '/usr/bin:/bin', LC_ALL: 'C.UTF-8' }, maxBuffer: 64 * 1024 }, (error, stdout) => {
          const line = stdout.split('\n').find((l) => l.trim() !== '');
          resolve(error || !line ? null : line.trim().slice(0, 200));
        });
      });
    },
  };
}

export type Read = { ok: true; text: string | null } | { ok: false; reason: Unreadable };

export async function readText(fs: SystemFs, path: string): Promise<Read> {
  try {
    const b = await fs.read(path);
    return { ok: true, text: b === null ? null : b.toString('utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'EACCES' || code === 'EPERM' ? 'needs-root' : 'io-error' };
  }
}

/** Kernel files hold values with or without a newline (SELinux's have none, others one); both are fine. */
export const clean = (s: string) => s.replace(/\0/g, '').trim();

export async function textOrNull(fs: SystemFs, path: string): Promise<string | null> {
  const r = await readText(fs, path);
  return r.ok && r.text !== null ? r.text : null;
}

/** The first existing path of several, relative to the root. */
export async function firstExisting(fs: SystemFs, paths: readonly string[]): Promise<string | null> {
  for (const p of paths) if (await fs.exists(p)) return p;
  return null;
}
