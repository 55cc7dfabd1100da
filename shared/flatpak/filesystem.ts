// Filesystem entries exactly as Flatpak 1.14 parses and writes them
// (flatpak-context.c: parse_filesystem_flags, flatpak_context_parse_filesystem, unparse_filesystem_flags).

import { FILESYSTEM_RESET, SPECIAL_FILESYSTEMS, XDG_FILESYSTEMS } from './catalogue';
import { checkPathCharacters } from './grammar';
import { defineMessages, t } from '../i18n';
import { formatNegation, parseNegation } from './negation';

/** Flatpak's FlatpakFilesystemMode, in its numeric order (NONE < RO < RW < CREATE). */
export type FsMode = 'none' | 'ro' | 'rw' | 'create';

export const FS_MODE_RANK: Readonly<Record<FsMode, number>> = { none: 0, ro: 1, rw: 2, create: 3 };

const SPECIAL = new Set([...SPECIAL_FILESYSTEMS, FILESYSTEM_RESET].map((f) => f.name));
// xdg-run has no folder of its own: Flatpak takes it only with a sub-path (below).
const XDG_FOLDERS = new Set(XDG_FILESYSTEMS.filter((f) => f.location !== undefined).map((f) => f.name));

// Flatpak's words (parse_filesystem_flags, flatpak_context_parse_filesystem), in the user's
// language; the tokens and options inside them are placeholders.
const M = defineMessages({
  dotDot: {
    id: 'error.filesystem.dot-dot',
    defaultMessage: 'Filesystem location "{location}" contains ".."',
    description: 'Flatpak’s wording. location: what was given, such as ~/a/../b',
  },
  root: {
    id: 'error.filesystem.root',
    defaultMessage: '{option} is not available, use {instead} for a similar result',
    description: 'Flatpak’s wording. option: --filesystem=/; instead: --filesystem=host',
  },
  tokenOnlyNegated: {
    id: 'error.filesystem.token-only-negated',
    defaultMessage: 'Filesystem token "{token}" is only applicable for {option}',
    description: 'Flatpak’s wording. token: host-reset; option: --nofilesystem',
  },
  tokenNoSuffix: {
    id: 'error.filesystem.token-no-suffix',
    defaultMessage: 'Filesystem token "{token}" cannot be used with a suffix',
    description: 'Flatpak’s wording. token: host-reset; a suffix is the part after a colon, such as :ro',
  },
  suffixOnlyNegated: {
    id: 'error.filesystem.suffix-only-negated',
    defaultMessage: 'Filesystem suffix "{suffix}" only applies to {option}',
    description: 'Flatpak’s wording. suffix: reset; option: --nofilesystem',
  },
  suffixOnlyHost: {
    id: 'error.filesystem.suffix-only-host',
    defaultMessage: 'Filesystem suffix "{suffix}" can only be applied to {option}',
    description: 'Flatpak’s wording. suffix: reset; option: --nofilesystem=host',
  },
  unknownLocation: {
    id: 'error.filesystem.unknown-location',
    defaultMessage: 'Unknown filesystem location {location}, valid locations are: {valid}',
    description: 'Flatpak’s wording. location: what was given; valid: the forms Flatpak takes (host, home, ~/dir, …)',
  },
  unexpectedSuffix: {
    id: 'error.filesystem.unexpected-suffix',
    defaultMessage:
      '{negated, select, true {Filesystem suffix "{suffix}" is not applicable for {option}} other {Unexpected filesystem suffix {suffix}, ignoring}}',
    description:
      'Flatpak’s warning for a filesystem entry it reads anyway. suffix: what follows the colon (ro, rw, create or a typo); option: --nofilesystem',
  },
  badSuffix: {
    id: 'error.filesystem.bad-suffix',
    defaultMessage:
      '{negated, select, true {Filesystem suffix "{suffix}" is not applicable for {option}} other {Unexpected filesystem suffix {suffix}}}: the suffixes are {ro}, {rw} and {create}{reset, select, true { (and {resetSuffix}, with {resetOption} only)} other {}}',
    description:
      'A filesystem entry Flatpak would read with a warning, refused. suffix: what follows the colon; option: --nofilesystem; ro, rw, create: :ro, :rw, :create; resetSuffix: :reset; resetOption: --nofilesystem=host',
  },
});

/** A suffix Flatpak reads with a warning (and ignores); Confine refuses such an entry it is given. */
export interface FsSuffixWarning {
  readonly suffix: string;
  readonly negated: boolean;
}

/** Flatpak's warning for the suffix, as it prints it. */
export function fsWarningText(w: FsSuffixWarning): string {
  return t(M.unexpectedSuffix, { negated: w.negated, suffix: w.suffix, option: '--nofilesystem' });
}

/** The refusal of an entry with such a suffix, naming the suffixes there are (and `:reset`, where
 *  the entry is a `flatpak override` option, which takes it). */
export function fsSuffixRefusal(w: FsSuffixWarning, withReset: boolean): string {
  return t(M.badSuffix, {
    negated: w.negated,
    suffix: w.suffix,
    option: '--nofilesystem',
    ro: ':ro',
    rw: ':rw',
    create: ':create',
    reset: withReset,
    resetSuffix: ':reset',
    resetOption: '--nofilesystem=host',
  });
}

export type FsParse =
  | { readonly ok: true; readonly path: string; readonly mode: FsMode; readonly warning?: FsSuffixWarning }
  /** `fatal` problems make Flatpak refuse the whole file; others make it skip the entry. */
  | { readonly ok: false; readonly fatal: boolean; readonly message: string };

function isXdgLocation(fs: string): boolean {
  if (!fs.startsWith('xdg-')) return false;
  const slash = fs.indexOf('/');
  const prefix = slash < 0 ? fs : fs.slice(0, slash);
  if (XDG_FOLDERS.has(prefix)) return true;
  // xdg-run alone does not work, so Flatpak does not accept it.
  return prefix === 'xdg-run' && slash >= 0 && fs.slice(slash).replace(/^\/+/, '') !== '';
}

function normaliseSlashes(fs: string): string | { message: string } {
  const slash = fs.indexOf('/');
  if (slash < 0) return fs;
  // The part after the first slash, tested in place rather than sliced out of every path.
  const after = slash + 1;
  if (fs.startsWith('../', after) || (fs.endsWith('/..') && fs.length - 3 >= after) || fs.includes('/../', after)) {
    return { message: t(M.dotDot, { location: fs }) };
  }
  let s = fs;
  for (let i = s.indexOf('/'); i >= 0; i = s.indexOf('/', i + 1)) {
    for (;;) {
      if (s[i + 1] === '/') s = s.slice(0, i + 1) + s.slice(i + 2);
      else if (s[i + 1] === '.' && s[i + 2] === '/') s = s.slice(0, i + 1) + s.slice(i + 3);
      else break;
    }
  }
  for (;;) {
    const last = s.lastIndexOf('/');
    if (last < 0) break;
    if ((last !== 0 && last === s.length - 1) || (s[last + 1] === '.' && last + 2 === s.length)) s = s.slice(0, last);
    else break;
  }
  if (s === '/') return { message: t(M.root, { option: '--filesystem=/', instead: '--filesystem=host' }) };
  return s;
}

// A–Z a–z 0–9 and _ . + @ % , = ~ -: the characters of a plain path segment.
function isPlainChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 46 ||
    c === 45 ||
    c === 43 ||
    c === 64 ||
    c === 37 ||
    c === 44 ||
    c === 61 ||
    c === 126
  );
}

/**
 * An absolute or home path (`/a/b`, `~/a`) of plain segments, none empty or starting with a dot:
 * it has no escape, no suffix, nothing to normalise and only graphical characters, so it stands
 * for itself. Most tokens of a large override are such paths; they are told by character codes,
 * as a regular expression run for each of them cost more than the rest of reading them.
 */
export function isPlainPath(token: string): boolean {
  const n = token.length;
  let i = token.charCodeAt(0) === 126 ? 1 : 0;
  if (i >= n) return false;
  while (i < n) {
    if (token.charCodeAt(i) !== 47) return false;
    i++;
    const first = token.charCodeAt(i);
    // NaN past the end: a trailing slash is not plain.
    if (first === 46 || !isPlainChar(first)) return false;
    for (i++; i < n; i++) {
      const c = token.charCodeAt(i);
      if (c === 47) break;
      if (!isPlainChar(c)) return false;
    }
  }
  return true;
}

/** Parses one `filesystems=` token (without its leading `!`); `negated` is whether it had one. */
export function parseFilesystem(token: string, negated: boolean): FsParse {
  if (isPlainPath(token)) return { ok: true, path: token, mode: negated ? 'none' : 'rw' };
  const chars = checkPathCharacters(token);
  if (chars) return { ok: false, fatal: true, message: chars };

  let name = '';
  let i = 0;
  if (!token.includes('\\')) {
    // The common token has no escapes: its name is a plain slice, not built a character at a time.
    i = token.indexOf(':');
    if (i < 0) i = token.length;
    name = token.slice(0, i);
  }
  while (i < token.length && token[i] !== ':') {
    if (token[i] === '\\') {
      i++;
      if (i < token.length) name += token[i++];
    } else {
      name += token[i++];
    }
  }
  let mode: FsMode = negated ? 'none' : 'rw';
  let reset = false;
  let warning: FsSuffixWarning | undefined;

  if (name === 'host-reset') {
    reset = true;
    if (!negated)
      return { ok: false, fatal: false, message: t(M.tokenOnlyNegated, { token: name, option: '--nofilesystem' }) };
    if (i < token.length) return { ok: false, fatal: false, message: t(M.tokenNoSuffix, { token: name }) };
  }
  if (token[i] === ':') {
    const suffix = token.slice(i + 1);
    if (suffix === 'ro') mode = 'ro';
    else if (suffix === 'rw') mode = 'rw';
    else if (suffix === 'create') mode = 'create';
    else if (suffix === 'reset') reset = true;
    else if (suffix !== '') warning = { suffix, negated: false };
    if (negated && mode !== 'none') {
      warning = { suffix, negated: true };
      mode = 'none';
    }
    if (reset) {
      if (!negated)
        return { ok: false, fatal: false, message: t(M.suffixOnlyNegated, { suffix, option: '--nofilesystem' }) };
      if (name !== 'host')
        return {
          ok: false,
          fatal: false,
          message: t(M.suffixOnlyHost, { suffix, option: '--nofilesystem=host' }),
        };
      name += '-reset';
    }
  }

  const normal = normaliseSlashes(name);
  if (typeof normal !== 'string') return { ok: false, fatal: false, message: normal.message };
  let path: string | undefined;
  if (normal.startsWith('/') || normal.startsWith('~/') || SPECIAL.has(normal) || isXdgLocation(normal)) path = normal;
  else if (normal === '~') path = 'home';
  else if (normal.startsWith('home/')) path = '~/' + normal.slice(5);
  if (path !== undefined) return warning ? { ok: true, path, mode, warning } : { ok: true, path, mode };
  return {
    ok: false,
    fatal: false,
    message: t(M.unknownLocation, { location: normal, valid: 'host, host-os, host-etc, home, xdg-*[/…], ~/dir, /dir' }),
  };
}

/** unparse_filesystem_flags: the token Flatpak writes for a path and mode. */
export function formatFilesystem(path: string, mode: FsMode): string {
  const s = path.includes('\\') || path.includes(':') ? path.replace(/[\\:]/g, (c) => '\\' + c) : path;
  switch (mode) {
    case 'ro':
      return s + ':ro';
    case 'create':
      return s + ':create';
    case 'rw':
      return s;
    case 'none':
      return formatNegation(s.endsWith('-reset') ? s.slice(0, -6) + ':reset' : s, true);
  }
}

/** Parses one `filesystems=` token as it stands in a file, `!` and all. */
export function parseFilesystemToken(token: string): FsParse {
  const { negated, name } = parseNegation(token);
  return parseFilesystem(name, negated);
}

/** Parses what a user types (`~/Games:ro`, `!home`) into a path and mode, or an error. */
export function parseUserFilesystem(input: string): FsParse {
  const parsed = parseFilesystemToken(input);
  // What Flatpak only warns about (an unknown suffix it reads as read-write) is a mistake here.
  if (parsed.ok && parsed.warning)
    return {
      ok: false,
      fatal: false,
      message: fsSuffixRefusal(parsed.warning, false),
    };
  return parsed;
}
