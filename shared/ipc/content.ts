// Content checks of what crosses the IPC border, beyond its shape: the bytes of an override file
// must be a file Flatpak would load, a permission name must be one Flatpak knows, an
// environment variable name must survive a trip through the keyfile. The schemas use them with
// the newest grammar Confine knows (they have no Flatpak version); the handlers use them again
// with the running Flatpak's version before anything is written.

import { decodeKeyfile } from '../keyfile/bytes';
import { KeyFile } from '../keyfile/keyfile';
import {
  FILESYSTEM_MODES,
  FILESYSTEM_RESET,
  FLAG_OPTIONS,
  OTHER_OPTIONS,
  SPECIAL_FILESYSTEMS,
  XDG_FILESYSTEMS,
  knownFlags,
  type FlagKind,
} from '../flatpak/catalogue';
import { BUS_GROUP, loadContext } from '../flatpak/context';
import { compareVersions, formatVersion, type Version } from '../flatpak/version';

/** The newest Flatpak whose grammar Confine knows: the latest `since` in the catalogue. */
export const NEWEST_KNOWN_FLATPAK: Version = [
  ...FLAG_OPTIONS,
  ...SPECIAL_FILESYSTEMS,
  ...XDG_FILESYSTEMS,
  ...FILESYSTEM_MODES,
  FILESYSTEM_RESET,
  ...Object.values(OTHER_OPTIONS),
]
  .map((o): Version => o.since)
  .reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b));

// ---- text ----------------------------------------------------------------------------------

// A lone surrogate cannot be encoded as UTF-8: the keyfile codec would write it as a raw byte
// (bytes.ts uses U+DC80..U+DCFF for exactly that) and D-Bus would replace it, so what is stored
// would differ from what was asked.
const LONE_SURROGATE = /\p{Cs}/u;

export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

// ---- base64 --------------------------------------------------------------------------------

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i] as const));

/**
 * The bytes of canonical, padded base64 (what Buffer#toString('base64') writes), or undefined.
 * Lenient decoders drop stray characters and bits, so two strings could stand for one content;
 * an undo must put back exactly the bytes it was given, so only the one spelling is accepted.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text))
    return undefined;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const n = [0, 1, 2, 3].map((k) => B64_INDEX.get(text[i + k] ?? '=') ?? 0);
    const bits = ((n[0] ?? 0) << 18) | ((n[1] ?? 0) << 12) | ((n[2] ?? 0) << 6) | (n[3] ?? 0);
    const last = i + 4 === text.length;
    // Non-canonical: bits the padding drops must be zero.
    if (last && pad === 2 && (bits & 0xffff) !== 0) return undefined;
    if (last && pad === 1 && (bits & 0xff) !== 0) return undefined;
    out[o++] = (bits >> 16) & 0xff;
    if (o < out.length) out[o++] = (bits >> 8) & 0xff;
    if (o < out.length) out[o++] = bits & 0xff;
  }
  return out;
}

// ---- override files ------------------------------------------------------------------------

/**
 * Why Flatpak would refuse these bytes as an override file (undefined: it loads them), read the
 * way Flatpak reads them: GLib's keyfile reader, then flatpak_context_load_metadata.
 */
export function overrideContentProblem(bytes: Uint8Array, version: Version): string | undefined {
  const parsed = KeyFile.parse(decodeKeyfile(bytes));
  if (!parsed.ok) return `line ${parsed.error.line}: ${parsed.error.message}`;
  const loaded = loadContext(parsed.file, version);
  if (!loaded.ok) return loaded.message;
  // GLib reads a value that is not UTF-8 as NULL, and Flatpak passes that on as a bus policy:
  // measured with 1.14.10, every `flatpak` command on the app then dies with SIGSEGV.
  for (const group of Object.values(BUS_GROUP)) {
    for (const name of parsed.file.keys(group)) {
      if (parsed.file.getString(group, name)?.problem?.kind === 'not-utf8')
        return `the ${group} of ${name} is not UTF-8, which makes Flatpak crash`;
    }
  }
  return undefined;
}

// ---- permission names ----------------------------------------------------------------------

/** Flatpak's own words for each kind (flatpak-context.c: "Unknown socket type %s"). */
const KIND_WORDS: Readonly<Record<FlagKind, string>> = {
  shared: 'share',
  sockets: 'socket',
  devices: 'device',
  features: 'feature',
};

/**
 * Why `name` is not a permission of `kind` the given Flatpak knows (undefined: it is one).
 * Flatpak silently drops names it does not know when it reads a file, so writing one would
 * never take effect; the message names the valid ones, as Flatpak's own option parser does.
 */
export function flagNameProblem(
  kind: FlagKind,
  name: string,
  version: Version = NEWEST_KNOWN_FLATPAK,
): string | undefined {
  const known = knownFlags(kind, version);
  if (known.includes(name)) return undefined;
  const everKnown = FLAG_OPTIONS.find((o) => o.kind === kind && o.name === name);
  const valid = `valid types are: ${known.join(', ')}`;
  if (everKnown)
    return `Flatpak ${formatVersion(version)} does not know the ${KIND_WORDS[kind]} type ${name} (it needs Flatpak ${formatVersion(everKnown.since)}); ${valid}`;
  return `Unknown ${KIND_WORDS[kind]} type ${JSON.stringify(name).slice(1, -1)}, ${valid}`;
}

// ---- environment ---------------------------------------------------------------------------

const ENV = 'Environment';

/**
 * Why an environment variable name cannot be written as a key of `[Environment]` and read back
 * as the same name (undefined: it can). GLib strips blanks around a key, reads a line starting
 * with `#` as a comment and a `[` as a group, and stops a key at `=`.
 */
export function envNameStorageProblem(name: string): string | undefined {
  const why = `Environment variable name ${JSON.stringify(name)} cannot be stored in an override file`;
  // eslint-disable-next-line no-control-regex
  if (!isWellFormed(name) || /[\x00-\x1f\x7f]/.test(name)) return why;
  let file: KeyFile;
  try {
    file = KeyFile.empty().withString(ENV, name, 'x');
  } catch {
    return why;
  }
  const back = KeyFile.parse(file.toString());
  if (!back.ok) return why;
  const keys = back.file.keys(ENV);
  return keys.length === 1 && keys[0] === name && back.file.getString(ENV, name)?.value === 'x' ? undefined : why;
}
