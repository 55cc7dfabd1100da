// Reading Flatpak override files (`<installation>/overrides/<APP_ID>` and `…/overrides/global`).
// Writing them is in override-write.ts, loaded only by a command or window action that writes:
// a read-only run (list, show) does not compile the keyfile writer and the atomic file swaps.

import { join } from 'node:path';
import { loadContext, type Context } from '../../shared/flatpak/context';
import { checkAppId } from '../../shared/flatpak/grammar';
import type { Version } from '../../shared/flatpak/version';
import { decodeKeyfile } from '../../shared/keyfile/bytes';
import { KeyFile } from '../../shared/keyfile/keyfile';
import { ConfineError, ERROR_MESSAGES } from '../../shared/errors';
import { defineMessages, t } from '../../shared/i18n';
import { readBytesAndLinkSync } from './read-files';
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

/** An override file as read, before it is parsed: what a parse is made of, with its path and
 *  the version that reads it. */
export type OverrideBytes =
  | { readonly state: 'missing'; readonly path: string }
  | { readonly state: 'unreadable'; readonly path: string; readonly message: string }
  | { readonly state: 'read'; readonly path: string; readonly bytes: Buffer; readonly symlink: boolean };

export function readOverride(path: string, version: Version): Promise<OverrideRead> {
  return Promise.resolve(parseOverride(readOverrideBytes(path), version));
}

/** An override's bytes, read at once: an override is a small file (see readBytesSync). */
export function readOverrideBytes(path: string): OverrideBytes {
  try {
    const { bytes, symlink } = readBytesAndLinkSync(path);
    return bytes === null ? { state: 'missing', path } : { state: 'read', path, bytes, symlink };
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
}

export function parseOverride(read: OverrideBytes, version: Version): OverrideRead {
  if (read.state !== 'read') return read;
  const { path, bytes, symlink } = read;
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
