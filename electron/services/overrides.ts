// Reading and writing Flatpak override files (`<installation>/overrides/<APP_ID>` and
// `…/overrides/global`). A write keeps every line it does not need to change, stores only what
// the caller asks for, deletes a file left with nothing in it, and never overwrites a change
// made by someone else since the file was read: it reads the file again and re-applies the edit.

import { mkdir, realpath } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { emptyContext, loadContext, sameContext, type Context } from '../../shared/flatpak/context';
import { checkAppId } from '../../shared/flatpak/grammar';
import type { Version } from '../../shared/flatpak/version';
import { writeContext } from '../../shared/flatpak/write';
import { decodeKeyfile, encodeKeyfile } from '../../shared/keyfile/bytes';
import { KeyFile } from '../../shared/keyfile/keyfile';
import { ConfineError, ERROR_MESSAGES } from '../../shared/errors';
import { defineMessages, t } from '../../shared/i18n';
import {
  FileConflict,
  FolderBusy,
  isSymlink,
  isSymlinkSync,
  NativeMissing,
  readBytes,
  readBytesSync,
  replaceFile,
  swapFile,
} from './files';
import type { FlatpakPaths } from './locations';

export type Scope = 'user' | 'system';

export interface OverrideRef {
  readonly scope: Scope;
  /** null for the global override that applies to every app. */
  readonly app: string | null;
}

const M = defineMessages({
  unreadable: {
    id: 'error.override.unreadable',
    defaultMessage:
      '{path}: {reason}; {denied, select, true {Flatpak ignores this file too} other {Confine leaves it out}}',
    description: 'An override file that cannot be read; reason: the system’s error (access denied, a pipe, too big)',
  },
  deadLink: {
    id: 'error.overrides.dead-link',
    defaultMessage: '{path} is a link that leads nowhere: {reason}',
    description: 'The overrides folder is a symbolic link to nothing; reason: the system’s error',
  },
  notPermitted: {
    id: 'error.overrides.not-permitted',
    defaultMessage:
      'Cannot write {path}: {why, select, readOnly {the file system is read-only} other {permission denied}}',
  },
  unsafeWrite: {
    id: 'error.overrides.cannot-write-safely',
    defaultMessage: 'Cannot write {path} safely: {reason}',
    description: 'The native helper for safe replacement is missing; reason: which',
  },
  malformed: {
    id: 'error.overrides.will-not-change',
    defaultMessage: '{problem}. Confine will not change this file; reset it to start again.',
    description: 'problem: what is wrong with the override file (as flatpak says it)',
  },
  readBack: {
    id: 'error.overrides.read-back',
    defaultMessage: 'Internal error: the new content of {path} would not read back as intended; nothing was written',
  },
  undoConflict: {
    id: 'error.overrides.undo-conflict',
    defaultMessage: '{path} changed since Confine wrote it; the undo was not applied so the newer change is kept',
  },
});

export function overridesDir(paths: FlatpakPaths, scope: Scope): string {
  return join(scope === 'user' ? paths.userDir : paths.systemDir, 'overrides');
}

/** The file of an override; the app ID is checked against Flatpak's grammar before it touches a path. */
export function overridePath(paths: FlatpakPaths, ref: OverrideRef): string {
  if (ref.app !== null) {
    const bad = checkAppId(ref.app);
    if (bad) throw new ConfineError('invalid-input', t(ERROR_MESSAGES.badAppId, { app: ref.app, problem: bad }));
  }
  return join(overridesDir(paths, ref.scope), ref.app ?? 'global');
}

export type OverrideRead =
  | { readonly state: 'missing'; readonly path: string }
  | {
      readonly state: 'ok';
      readonly path: string;
      readonly bytes: Buffer;
      readonly doc: KeyFile;
      readonly context: Context;
      readonly symlink: boolean;
      readonly warnings: readonly string[];
    }
  | {
      readonly state: 'malformed';
      readonly path: string;
      readonly bytes: Buffer;
      readonly message: string;
      readonly symlink: boolean;
    }
  /** Flatpak treats a file it cannot read as absent; Confine says so. */
  | { readonly state: 'unreadable'; readonly path: string; readonly message: string };

export interface ParsedLayer {
  readonly doc: KeyFile;
  readonly context: Context;
  readonly warnings: readonly string[];
}

type LayerParse = ({ ok: true } & ParsedLayer) | { ok: false; message: string };

// An edit reads the override twice: once for the layers it builds on, and again under the lock
// to catch a change made meanwhile; the window reads every override on each refresh. So the
// last good parse of each file is kept and given back while its bytes are the same (a parse is
// a pure function of path, bytes and version, and its result is immutable): parsing is most of
// an edit's cost on a large file, and the same objects let the merge and audit of an unchanged
// app be reused (core.ts). Few large files are kept, many small ones.
const LARGE_FROM_BYTES = 64 * 1024;
/** How many files of each size are kept, and how many of their bytes at most. */
const KEPT = { large: { files: 4, bytes: Infinity }, small: { files: 10_000, bytes: 16 * 1024 * 1024 } } as const;
interface Remembered {
  readonly bytes: Buffer;
  readonly layer: LayerParse;
}
class KeptParses {
  private readonly byKey = new Map<string, Remembered>();
  private bytes = 0;
  constructor(private readonly limit: { readonly files: number; readonly bytes: number }) {}
  get(key: string): Remembered | undefined {
    return this.byKey.get(key);
  }
  delete(key: string): void {
    this.bytes -= this.byKey.get(key)?.bytes.length ?? 0;
    this.byKey.delete(key);
  }
  set(key: string, kept: Remembered): void {
    this.delete(key);
    this.byKey.set(key, kept);
    this.bytes += kept.bytes.length;
    for (const oldest of this.byKey.keys()) {
      if (this.byKey.size <= this.limit.files && this.bytes <= this.limit.bytes) break;
      this.delete(oldest);
    }
  }
}
const remembered = { large: new KeptParses(KEPT.large), small: new KeptParses(KEPT.small) };

/** Reads and understands one keyfile the way Flatpak loads overrides and metadata. */
export function parseLayer(path: string, bytes: Buffer, version: Version): LayerParse {
  const key = `${version.join('.')}\0${path}`;
  const kept = remembered[bytes.length < LARGE_FROM_BYTES ? 'small' : 'large'];
  const known = kept.get(key);
  if (known?.bytes.equals(bytes)) return known.layer;
  const layer = parseLayerNow(path, bytes, version);
  remembered.small.delete(key);
  remembered.large.delete(key);
  // A copy, so a caller that reuses its buffer cannot change what the parse is checked against.
  if (layer.ok) kept.set(key, { bytes: Buffer.from(bytes), layer });
  return layer;
}

function parseLayerNow(path: string, bytes: Buffer, version: Version): LayerParse {
  // Read as GLib reads it: a BOM, a NUL or invalid UTF-8 means what it means to Flatpak.
  const parsed = KeyFile.parse(decodeKeyfile(bytes));
  if (!parsed.ok) return { ok: false, message: `${path}: ${parsed.error.message}` };
  const loaded = loadContext(parsed.file, version);
  if (!loaded.ok) return { ok: false, message: `${path}: ${loaded.message}` };
  return { ok: true, doc: parsed.file, context: loaded.context, warnings: loaded.warnings };
}

export function readOverride(path: string, version: Version): Promise<OverrideRead> {
  return Promise.resolve(readOverrideNow(path, version));
}

/** readOverride's work, done at once: an override is a small file (see readBytesSync). */
function readOverrideNow(path: string, version: Version): OverrideRead {
  let bytes: Buffer | null;
  try {
    bytes = readBytesSync(path);
  } catch (e) {
    // Access denied: Flatpak ignores the file too. Anything else (a pipe, a device, a loop of
    // links, a huge file) is left out rather than waited on or read without end.
    const denied = (e as NodeJS.ErrnoException).code === 'EACCES';
    return {
      state: 'unreadable',
      path,
      message: t(M.unreadable, { path, reason: (e as Error).message, denied }),
    };
  }
  if (bytes === null) return { state: 'missing', path };
  const symlink = isSymlinkSync(path);
  const layer = parseLayer(path, bytes, version);
  if (!layer.ok) return { state: 'malformed', path, bytes, message: layer.message, symlink };
  return { state: 'ok', path, bytes, doc: layer.doc, context: layer.context, symlink, warnings: layer.warnings };
}

export interface OverrideChange {
  readonly path: string;
  /** The file before and after, null where it did not (or no longer does) exist. */
  readonly before: Buffer | null;
  readonly after: Buffer | null;
  readonly changed: boolean;
}

/**
 * Where a write of `path` goes. An overrides folder that is a link (a dotfile manager's) is
 * written through, as Flatpak does; an override file that is a link is never written through.
 */
async function writablePath(path: string): Promise<string> {
  const dir = dirname(path);
  const real = (await isSymlink(dir))
    ? await realpath(dir).catch((e: Error) =>
        Promise.reject(new ConfineError('io', t(M.deadLink, { path: dir, reason: e.message }), dir)),
      )
    : dir;
  const target = join(real, basename(path));
  if (await isSymlink(target)) throw new ConfineError('unsafe-path', t(ERROR_MESSAGES.symlink, { path }), path);
  return target;
}

function ioError(path: string, e: unknown): ConfineError {
  if (e instanceof ConfineError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new ConfineError(
      'permission-denied',
      t(M.notPermitted, { path, why: code === 'EROFS' ? 'readOnly' : 'denied' }),
      path,
    );
  }
  return new ConfineError('io', t(ERROR_MESSAGES.cannotWrite, { path, reason: (e as Error).message }), path);
}

function writeError(path: string, e: unknown): ConfineError {
  if (e instanceof FileConflict || e instanceof FolderBusy) return new ConfineError('conflict', e.message, path);
  if (e instanceof NativeMissing) return new ConfineError('io', t(M.unsafeWrite, { path, reason: e.message }), path);
  return ioError(path, e);
}

/**
 * Applies `edit` to an override file: computes the new layer from the file as it is and writes
 * only what changed. If another program changes the file meanwhile, the edit is applied again
 * to its content (swapFile), so neither change is lost.
 */
export async function updateOverride(
  given: string,
  version: Version,
  edit: (layer: Context) => Context,
): Promise<OverrideChange> {
  const path = await writablePath(given);
  const apply = (bytes: Buffer | null): Buffer | null => {
    let doc = KeyFile.empty();
    let layer = emptyContext();
    if (bytes !== null) {
      const parsed = parseLayer(path, bytes, version);
      if (!parsed.ok) throw new ConfineError('malformed', t(M.malformed, { problem: parsed.message }), path);
      doc = parsed.doc;
      layer = parsed.context;
    }
    const wanted = edit(layer);
    // `layer` is what `doc` reads as, so the parts the edit left alone are not compared again.
    const newDoc = writeContext(doc, wanted, 'override', version, layer);
    // What is written must read back as exactly what was meant (an unchanged file reads as `layer`).
    const check = newDoc === doc ? { ok: true as const, context: layer } : loadContext(newDoc, version);
    if (!check.ok || !sameContext(check.context, wanted)) {
      throw new ConfineError('io', t(M.readBack, { path }), path);
    }
    if (newDoc.isBlank()) return null;
    // A view of the encoded bytes, not a second copy of a file that may be megabytes long.
    const encoded = encodeKeyfile(newDoc.toString());
    return Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength);
  };
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o755 });
    const r = await swapFile(path, apply);
    return { path, before: r.before, after: r.after, changed: r.changed };
  } catch (e) {
    throw writeError(path, e);
  }
}

/** Puts back exact bytes (an undo), but only if the file is still what Confine last wrote. */
export async function restoreOverride(
  given: string,
  expected: Buffer | null,
  content: Buffer | null,
  mode?: number,
): Promise<void> {
  const path = await writablePath(given);
  try {
    if (content !== null) await mkdir(dirname(path), { recursive: true, mode: 0o755 });
    await replaceFile(path, content, { bytes: expected }, mode);
  } catch (e) {
    if (e instanceof FileConflict) throw new ConfineError('conflict', t(M.undoConflict, { path }), path);
    throw writeError(path, e);
  }
}

/** Deletes an override (`flatpak override --reset`), malformed or not. */
export async function resetOverride(given: string): Promise<OverrideChange> {
  const path = await writablePath(given);
  let before: Buffer | null;
  try {
    before = await readBytes(path);
  } catch (e) {
    throw ioError(path, e);
  }
  if (before === null) return { path, before, after: null, changed: false };
  try {
    await replaceFile(path, null, { bytes: before });
  } catch (e) {
    throw writeError(path, e);
  }
  return { path, before, after: null, changed: true };
}
