// The file operations the machine readers need, relative to a root (normally `/`), so tests
// and `confine mac --root` read a saved tree instead; and the few helpers they share.
//
// A saved tree is not trusted: it may hold pipes, devices, huge or sparse files, link loops and
// links that point anywhere. So every path is resolved inside the root the way chroot(2) would
// (Node cannot reach openat2's RESOLVE_IN_ROOT), only regular files are read, opening never
// waits, and files, listings and the total read are capped. The same rules hold for `/`, where
// they change nothing for the kernel's own files.
// What this cannot do without openat2: stop a tree that is changed *while* it is read. A file
// swapped after it was checked is caught (O_NOFOLLOW and the same device and inode after
// opening); a folder on the way swapped for a link in that instant is not, nor a listed folder.
// `confine mac --root` is for saved images, which nobody changes underneath it.

import { execFile } from 'node:child_process';
import { constants, type Stats } from 'node:fs';
import { lstat, opendir, readlink } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { closeFd, fstatFd, kindOf, openFd, readFd } from './fd';
import { defineMessages, t } from '../../shared/i18n';
import type { Unreadable } from '../../shared/system/model';

export interface FileStat {
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

/** Tests substitute errors, owners, setuid bits and versions that git cannot hold. */
export interface SystemFs {
  /** The file's bytes; null when it does not exist. Other failures throw with an errno `code`, or Refused. */
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
  /** What was refused so far (pipes, devices, files too large, link loops), in words; optional for test doubles. */
  refusals?(): Refusals;
}

export interface Refusals {
  readonly notes: readonly string[];
  /** Refusals beyond the notes kept. */
  readonly more: number;
}

/** The most read of one file: far above a real mounts table, profile list or passwd, and small enough that parsing it stays cheap. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** The most read through one SystemFs in all, so that a tree of many large files still ends soon. */
export const MAX_TOTAL_BYTES = 64 * 1024 * 1024;
/** The most names taken from one folder; /proc of a busy machine has a few thousand. */
export const MAX_ENTRIES = 65_536;
/** Symbolic links followed for one path, as many as Linux follows (MAXSYMLINKS). */
export const MAX_LINKS = 40;
/** Refusals described one by one; a tree full of pipes needs no list of all of them. */
const MAX_NOTES = 20;
const CHUNK = 64 * 1024;
const VERSION_TIMEOUT_MS = 3000;

/** A file or folder Confine does not read: the message says which and why. The code is for callers that sort failures by errno code. */
export class Refused extends Error {
  readonly code = 'EREFUSED';
}

const components = (path: string) => path.split('/').filter((c) => c !== '' && c !== '.');

async function lstatOrNull(path: string): Promise<Stats | null> {
  try {
    return await lstat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw e;
  }
}

/** A path resolved inside the root: `real` has no symbolic link on the way (the last component is one only when not followed), `stat` is its lstat. */
interface Found {
  readonly real: string;
  readonly stat: Stats;
}

/** What a component on the way (not the last) turned out to be: a folder, a link and its target, or neither. */
type Step = { kind: 'folder' } | { kind: 'link'; target: string } | { kind: 'other' };

/**
 * Steps already taken, by real path. Every lookup passes the same few folders (usr/share/
 * applications, proc); asking the kernel again for each would make a thousand lookups several
 * times slower than the kernel's own resolution was. Bounded; a full cache simply stops growing.
 */
type Steps = Map<string, Step>;
const MAX_STEPS = 4096;

async function step(here: string, steps: Steps): Promise<Step | null> {
  const known = steps.get(here);
  if (known) return known;
  const st = await lstatOrNull(here);
  if (st === null) return null;
  const taken: Step = st.isSymbolicLink()
    ? { kind: 'link', target: await readlink(here) }
    : st.isDirectory()
      ? { kind: 'folder' }
      : { kind: 'other' };
  if (steps.size < MAX_STEPS) steps.set(here, taken);
  return taken;
}

/**
 * Resolves `path` inside `root` as the kernel would after chroot(root): an absolute link starts
 * again at the root, a relative one at its own folder, `..` never climbs above the root, and more
 * than MAX_LINKS links is a loop. With `followLast` false a link at the end is itself the answer
 * (lstat). null when something on the way does not exist or is not a folder (ENOENT, ENOTDIR).
 * The last component is always looked at afresh: its lstat is what the read checks against.
 */
async function resolveIn(root: string, path: string, followLast: boolean, steps: Steps): Promise<Found | null> {
  let done: string[] = [];
  let todo = components(path);
  let links = 0;
  const follow = (target: string) => {
    if (++links > MAX_LINKS) throw new Refused(t(M.linkLoop, { path: `/${path}`, max: String(MAX_LINKS) }));
    if (target.startsWith('/')) done = [];
    todo = [...components(target), ...todo];
  };
  while (todo.length > 0) {
    const [name = '', ...rest] = todo;
    todo = rest;
    if (name === '..') {
      done.pop();
      continue;
    }
    const here = join(root, ...done, name);
    if (todo.length === 0) {
      const st = await lstatOrNull(here);
      if (st === null) return null;
      if (!(st.isSymbolicLink() && followLast)) return { real: here, stat: st };
      follow(await readlink(here));
      continue;
    }
    const taken = await step(here, steps);
    if (taken === null || taken.kind === 'other') return null;
    if (taken.kind === 'link') follow(taken.target);
    else done.push(name);
  }
  // The path ended at a folder already walked (empty, or ending in `..`).
  const real = join(root, ...done);
  return { real, stat: await lstat(real) };
}

/** The path as the tree names it, and where inside the tree it led when links were followed. */
function shown(root: string, path: string, found: Found): string {
  const inRoot = `/${relative(root, found.real)}`;
  return inRoot === `/${components(path).join('/')}` ? `/${path}` : t(M.inRoot, { path: `/${path}`, real: inRoot });
}

/** How much may be read, and the words for that limit. */
interface Limit {
  readonly max: number;
  readonly words: string;
}

// Refusals are notes of the report (the System page, `confine mac`), so they are in the user's language.
const M = defineMessages({
  linkLoop: {
    id: 'system.refused.link-loop',
    defaultMessage: '{path} goes through more than {max} symbolic links (a loop)',
    description: 'A file Confine refused to read; path is its path, max a number',
  },
  inRoot: {
    id: 'system.refused.path-in-root',
    defaultMessage: '{path} (→ {real} inside the root)',
    description: 'A path of the folder “confine mac --root” reads, and where its links led inside that folder',
  },
  holdsMore: {
    id: 'system.refused.holds-more',
    defaultMessage: '{name} holds more than {limit}',
    description: 'name is a path; limit is system.limit.file or system.limit.total',
  },
  tooLarge: {
    id: 'system.refused.too-large',
    defaultMessage: '{name} is {size} bytes ({mib}), more than {limit}',
    description: 'name is a path, mib the size in MiB (“4 MiB”); limit is system.limit.file or system.limit.total',
  },
  notRegular: {
    id: 'system.refused.not-regular',
    defaultMessage:
      '{name} is {kind, select, pipe {a pipe} device {a device} socket {a socket} folder {a folder} link {a symbolic link} other {something else}}, not a regular file',
    description: 'name is a path',
  },
  becameLink: {
    id: 'system.refused.became-link',
    defaultMessage: '{name} became a symbolic link while Confine read it',
    description: 'name is a path',
  },
  replaced: {
    id: 'system.refused.replaced',
    defaultMessage: '{name} was replaced while Confine read it',
    description: 'name is a path',
  },
  tooManyEntries: {
    id: 'system.refused.too-many-entries',
    defaultMessage: '{name} holds more than {max} entries, too many to list',
    description: 'name is a folder’s path, max a number',
  },
  limitFile: {
    id: 'system.limit.file',
    defaultMessage: 'the {size} Confine reads of one file',
    description: 'size is “4 MiB”; ends system.refused.too-large and system.refused.holds-more',
  },
  limitTotal: {
    id: 'system.limit.total',
    defaultMessage: 'what is left of the {size} Confine reads from one tree in all',
    description: 'size is “64 MiB”; ends system.refused.too-large and system.refused.holds-more',
  },
});

const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

/** Reads an open regular file to its end. Kernel files say size 0 and are read until EOF too; the limit bounds both. */
async function readToEnd(fd: number, { max, words }: Limit, name: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, max + 1 - total));
    const { bytesRead } = await readFd(fd, buf, 0, buf.length, null);
    if (bytesRead === 0) return Buffer.concat(chunks, total);
    chunks.push(buf.subarray(0, bytesRead));
    total += bytesRead;
    if (total > max) throw new Refused(t(M.holdsMore, { name, limit: words }));
  }
}

const tooLarge = (name: string, size: number, limit: Limit) =>
  new Refused(t(M.tooLarge, { name, size: String(size), mib: mib(size), limit: limit.words }));

/**
 * The bytes of the regular file `found` (as files.ts readBytes does, without following links): what
 * it is was checked before opening, since opening a device can do things; opening never waits
 * (O_NONBLOCK) nor follows a link put there meanwhile (O_NOFOLLOW), and fstat must show the very
 * file that was checked.
 */
async function readFound(found: Found, limit: Limit, name: string): Promise<Buffer | null> {
  if (!found.stat.isFile()) throw new Refused(t(M.notRegular, { name, kind: kindOf(found.stat) }));
  if (found.stat.size > limit.max) throw tooLarge(name, found.stat.size, limit);
  let fd: number;
  try {
    fd = await openFd(
      found.real,
      constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY | constants.O_NOFOLLOW,
    );
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP') throw new Refused(t(M.becameLink, { name }));
    throw e;
  }
  try {
    const st = await fstatFd(fd);
    if (!st.isFile() || st.dev !== found.stat.dev || st.ino !== found.stat.ino)
      throw new Refused(t(M.replaced, { name }));
    if (st.size > limit.max) throw tooLarge(name, st.size, limit);
    return await readToEnd(fd, limit, name);
  } finally {
    await closeFd(fd);
  }
}

/** The names of the folder `real`, refused past MAX_ENTRIES rather than read without end. */
async function listFound(real: string, name: string): Promise<string[]> {
  const dir = await opendir(real);
  const names: string[] = [];
  try {
    for (let entry = await dir.read(); entry !== null; entry = await dir.read()) {
      if (names.length === MAX_ENTRIES) throw new Refused(t(M.tooManyEntries, { name, max: String(MAX_ENTRIES) }));
      names.push(entry.name);
    }
  } finally {
    await dir.close();
  }
  return names.sort();
}

/** Remembers refusals for the report: the first MAX_NOTES in words, the rest counted. At most one per path asked for. */
function refusalLog() {
  // Each message once: readers ask for some paths more than once (exists, then read).
  const seen = new Set<string>();
  return {
    note(e: unknown): void {
      if (e instanceof Refused) seen.add(e.message);
    },
    get: (): Refusals => ({ notes: [...seen].slice(0, MAX_NOTES), more: Math.max(0, seen.size - MAX_NOTES) }),
  };
}

export function hostFs(root = '/', euid = process.geteuid?.() ?? -1): SystemFs {
  const log = refusalLog();
  const steps: Steps = new Map();
  let budget = MAX_TOTAL_BYTES;
  /** Runs `fn`; a refusal is noted and, like any failure, gives `fallback`. */
  const quietly = async <T>(fn: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      log.note(e);
      return fallback;
    }
  };
  const read = async (path: string): Promise<Buffer | null> => {
    const found = await resolveIn(root, path, true, steps);
    if (found === null) return null;
    const name = shown(root, path, found);
    const limit: Limit =
      budget < MAX_FILE_BYTES
        ? { max: budget, words: t(M.limitTotal, { size: mib(MAX_TOTAL_BYTES) }) }
        : { max: MAX_FILE_BYTES, words: t(M.limitFile, { size: mib(MAX_FILE_BYTES) }) };
    const bytes = await readFound(found, limit, name);
    budget -= bytes?.length ?? 0;
    return bytes;
  };
  return {
    euid,
    async read(path) {
      try {
        return await read(path);
      } catch (e) {
        log.note(e);
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR')
          return null;
        throw e;
      }
    },
    stat: (path) =>
      quietly(async () => {
        const found = await resolveIn(root, path, false, steps);
        return found && { mode: found.stat.mode, uid: found.stat.uid, gid: found.stat.gid };
      }, null),
    exists: (path) => quietly(async () => (await resolveIn(root, path, false, steps)) !== null, false),
    list: (path) =>
      quietly(async () => {
        const found = await resolveIn(root, path, true, steps);
        return found?.stat.isDirectory() ? listFound(found.real, shown(root, path, found)) : null;
      }, null),
    readlink: (path) =>
      quietly(async () => {
        const found = await resolveIn(root, path, false, steps);
        return found?.stat.isSymbolicLink() ? readlink(found.real) : null;
      }, null),
    version(path) {
      // A program of a saved tree is never run: it is not this machine's, and could be anything.
      if (root !== '/') return Promise.resolve(null);
      return new Promise((resolve) => {
        execFile(
          join(root, path),
          ['--version'],
          { timeout: VERSION_TIMEOUT_MS, env: { PATH: '/usr/bin:/bin', LC_ALL: 'C.UTF-8' }, maxBuffer: 64 * 1024 },
          (error, stdout) => {
            const line = stdout.split('\n').find((l) => l.trim() !== '');
            resolve(error || !line ? null : line.trim().slice(0, 200));
          },
        );
      });
    },
    refusals: log.get,
  };
}

export type Read = { ok: true; text: string | null } | { ok: false; reason: Unreadable };

export async function readText(fs: SystemFs, path: string): Promise<Read> {
  try {
    const b = await fs.read(path);
    return { ok: true, text: b === null ? null : b.toString('utf8') };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, reason: 'refused' };
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
