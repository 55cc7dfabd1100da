// Writing Flatpak override files. A write keeps every line it does not need to change, stores
// only what the caller asks for, deletes a file left with nothing in it, and never overwrites a
// change made by someone else since the file was read: it reads the file again and re-applies
// the edit. Apart from overrides.ts (the reads) so that read-only runs never load it (issue 19).

import { mkdir, realpath } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { emptyContext, loadContext, sameContext, type Context } from '../../shared/flatpak/context';
import type { Version } from '../../shared/flatpak/version';
import { writeContext } from '../../shared/flatpak/write';
import { encodeKeyfile } from '../../shared/keyfile/bytes';
import { KeyFile } from '../../shared/keyfile/keyfile';
import { ConfineError, ERROR_MESSAGES } from '../../shared/errors';
import { defineMessages, t } from '../../shared/i18n';
import { FileConflict, FolderBusy, isSymlink, NativeMissing, readBytes, replaceFile, swapFile } from './files';
import { parseLayer, type OverrideChange } from './overrides';

const M = defineMessages({
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
