// Flatpak's own grammar for the names and paths Confine accepts, so nothing Flatpak would refuse
// is ever written, and nothing like `../../.bashrc` ever becomes a path. Each check returns the
// problem in words that name the bad part, or undefined when the input is valid.

import { defineMessages, t } from '../i18n';

export type Invalid = string | undefined;

// Worded as Flatpak words these problems (the English is Flatpak's own), put into the user's
// language when they are found: a check runs after the language is chosen.
const M = defineMessages({
  nameEmpty: { id: 'error.flatpak.name-empty', defaultMessage: "Name can't be empty", description: 'An app ID' },
  nameTooLong: {
    id: 'error.flatpak.name-too-long',
    defaultMessage: "Name can't be longer than {max} characters",
    description: 'An app ID; max: 255',
  },
  nameStartsWithPeriod: {
    id: 'error.flatpak.name-starts-with-period',
    defaultMessage: "Name can't start with a period",
    description: 'An app ID',
  },
  nameStartsWith: {
    id: 'error.flatpak.name-starts-with',
    defaultMessage: "Name can't start with {char}",
    description: 'An app ID; char: the character it starts with',
  },
  nameEndsWithPeriod: {
    id: 'error.flatpak.name-ends-with-period',
    defaultMessage: "Name can't end with a period",
    description: 'An app ID',
  },
  onlyLastSegmentDash: {
    id: 'error.flatpak.name-dash',
    defaultMessage: 'Only last name segment can contain -',
    description: 'An app ID: a hyphen is allowed only after its last period',
  },
  segmentStartsWith: {
    id: 'error.flatpak.name-segment-starts-with',
    defaultMessage: "Name segment can't start with {char}",
    description: 'An app ID; a segment is the part between two periods; char: the character after the period',
  },
  nameContains: {
    id: 'error.flatpak.name-contains',
    defaultMessage: "Name can't contain {char}",
    description: 'An app ID; char: the character not allowed',
  },
  namePeriods: {
    id: 'error.flatpak.name-periods',
    defaultMessage: 'Names must contain at least 2 periods',
    description: 'An app ID such as org.example.App',
  },
  busName: {
    id: 'error.flatpak.bus-name',
    defaultMessage:
      '{problem, select, unique {Invalid dbus name {name}: unique names (starting with “:”) cannot be granted} elements {Invalid dbus name {name}: a bus name needs at least two elements separated by “.”} empty {Invalid dbus name {name}: empty element} element {Invalid dbus name {name}: element “{element}” may only hold A–Z, a–z, 0–9, “_” and “-”, and must not start with a digit} other {Invalid dbus name {name}}}',
    description:
      'A D-Bus name given to a bus permission; "Invalid dbus name" is Flatpak’s wording. name: the bus name; element: one dot-separated part of it',
  },
  notGraphical: {
    id: 'error.flatpak.path-character',
    defaultMessage: 'Non-graphical character {char} in path {path}',
    description: 'char: an escape such as \\x0A; path: the path from that character on',
  },
  envNoName: { id: 'error.flatpak.env-no-name', defaultMessage: 'An environment variable needs a name' },
  envName: {
    id: 'error.flatpak.env-name',
    defaultMessage:
      "{problem, select, equals {Environment variable name must not contain '=': {name}} nul {Environment variable name must not contain a NUL character: {name}} newline {Environment variable name must not contain a line break: {name}} other {Environment variable name {name} cannot be stored in an override file}}",
    description: 'name: the variable name given (quoted where it holds odd characters)',
  },
  envValueNul: {
    id: 'error.flatpak.env-value-nul',
    defaultMessage: 'An environment variable value must not contain a NUL character',
  },
  persistEmpty: { id: 'error.flatpak.persist-empty', defaultMessage: 'A persistent path cannot be empty' },
  persistAbsolute: {
    id: 'error.flatpak.persist-absolute',
    defaultMessage: 'Persistent path “{path}” must be relative to the home directory (no leading “/”)',
    description: 'A path kept for an app (--persist) is relative to the home folder',
  },
  persistDotDot: { id: 'error.flatpak.persist-dot-dot', defaultMessage: 'Persistent path “{path}” contains “..”' },
  persistHome: {
    id: 'error.flatpak.persist-home',
    defaultMessage: 'A persistent path must name a directory below the home directory',
  },
  typedAbsolute: {
    id: 'error.flatpak.home-path-absolute',
    defaultMessage: '“{path}” must be relative to the home directory (no leading “/”)',
    description: 'A folder being typed, below the home folder',
  },
  typedDotDot: { id: 'error.flatpak.home-path-dot-dot', defaultMessage: '“{path}” contains “..”' },
});

const NAME_INITIAL = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** flatpak_is_valid_name (flatpak-ref-utils.c): the rule for application IDs. */
export function checkAppId(id: string): Invalid {
  if (id.length === 0) return t(M.nameEmpty);
  if (id.length > 255) return t(M.nameTooLong, { max: 255 });
  if (id.startsWith('.')) return t(M.nameStartsWithPeriod);
  const lastDot = id.lastIndexOf('.');
  const first = id[0] ?? '';
  if (!NAME_INITIAL.test(first)) return t(M.nameStartsWith, { char: first });
  let dots = 0;
  for (let i = 1; i < id.length; i++) {
    const c = id[i] ?? '';
    const lastElement = lastDot >= 0 && i > lastDot;
    if (c === '.') {
      const next = id[i + 1];
      if (next === undefined) return t(M.nameEndsWithPeriod);
      const nextInLast = i === lastDot;
      if (!(NAME_INITIAL.test(next) || (nextInLast && next === '-'))) {
        return next === '-' ? t(M.onlyLastSegmentDash) : t(M.segmentStartsWith, { char: next });
      }
      dots++;
      i++;
      continue;
    }
    if (!(NAME_CHAR.test(c) || (lastElement && c === '-'))) {
      return c === '-' ? t(M.onlyLastSegmentDash) : t(M.nameContains, { char: c });
    }
  }
  if (dots < 2) return t(M.namePeriods);
  return undefined;
}

/** Flatpak's words for a bus name it refuses, nothing more said: a policy line of a file names no reason. */
export function invalidBusName(name: string): string {
  return t(M.busName, { problem: 'plain', name });
}

// checkAppId's rule as one regular expression: at least three elements of [A-Za-z0-9_], none
// starting with a digit, the last one may also hold (and start with) a dash.
const APP_ID = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+\.[A-Za-z_-][\w-]*$/;

/** checkAppId's rule as a yes or no; it runs for every app of every installation on each
 *  listing (shared/flatpak/plain-path.test.ts holds it equal to checkAppId). A regular
 *  expression, not a loop over character codes: in a run that lists 200 apps such a loop is
 *  still interpreted code, and then optimized on another thread, ~1.5 ms of CPU where the
 *  expression (compiled once, run natively) takes 0.3 ms (issue 19). */
export function isAppId(id: string): boolean {
  return id.length <= 255 && APP_ID.test(id);
}

// GDBus's g_dbus_is_name for well-known names: elements of [A-Za-z0-9_-], not starting with a
// digit, at least two elements, at most 255 bytes.
const BUS_ELEMENT = /^[A-Za-z_-][A-Za-z0-9_-]*$/;

/** The rule above by character codes: it runs for every name of a large policy group, where a
 *  regular expression for each name cost more than reading the line. */
function isValidBusBase(base: string): boolean {
  const n = base.length;
  if (n === 0 || n > 255) return false;
  let dots = 0;
  let elementStart = true;
  for (let i = 0; i < n; i++) {
    const c = base.charCodeAt(i);
    if (c === 46) {
      if (elementStart) return false;
      dots++;
      elementStart = true;
      continue;
    }
    const initial = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 45;
    if (!initial && (elementStart || c < 48 || c > 57)) return false;
    elementStart = false;
  }
  return !elementStart && dots > 0;
}

/** flatpak_verify_dbus_name: a well-known bus name, optionally ending in `.*`. */
export function checkBusName(name: string): Invalid {
  const base = name.endsWith('.*') ? name.slice(0, -2) : name;
  // One pass for the common valid name; the checks below only run to say what is wrong.
  if (isValidBusBase(base)) return undefined;
  if (base.length === 0 || base.length > 255) return invalidBusName(name);
  if (base.startsWith(':')) return t(M.busName, { problem: 'unique', name });
  const elements = base.split('.');
  if (elements.length < 2) return t(M.busName, { problem: 'elements', name });
  const wrong = elements.find((e) => !BUS_ELEMENT.test(e));
  if (wrong !== undefined) {
    return wrong === ''
      ? t(M.busName, { problem: 'empty', name })
      : t(M.busName, { problem: 'element', name, element: wrong });
  }
  return undefined;
}

// flatpak_validate_path_characters: g_unichar_isgraph or a plain space. isgraph is false for
// control, format, unassigned, surrogate and space-separator characters.
// Made when first needed, and only for a path with a character outside printable ASCII:
// creating the two cost ~0.5 ms of every run as the module loaded (issue 19).
let notGraphical: RegExp | undefined;
const NOT_GRAPHICAL = () => (notGraphical ??= /[\p{Cc}\p{Cf}\p{Cn}\p{Cs}\p{Zs}]/u);
let notGraphicalExceptSpace: RegExp | undefined;
const NOT_GRAPHICAL_EXCEPT_SPACE = () => (notGraphicalExceptSpace ??= /(?! )[\p{Cc}\p{Cf}\p{Cn}\p{Cs}\p{Zs}]/u);
/** Space and the printable ASCII characters, all graphical (or the space Flatpak allows). */
const PRINTABLE_ASCII = /^[ -~]*$/;

function describeChar(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  if (cp <= 0xff) return `\\x${cp.toString(16).toUpperCase().padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\\U${cp.toString(16).toUpperCase().padStart(8, '0')}`;
}

/** flatpak_escape_string with default flags: hex escapes, and quotes when anything was escaped. */
function quotePath(path: string): string {
  let escaped = false;
  let out = '';
  for (const c of path) {
    if (c !== ' ' && NOT_GRAPHICAL().test(c)) {
      out += describeChar(c);
      escaped = true;
    } else if (c === '\\' || c === "'") {
      out += '\\' + c;
      escaped = true;
    } else out += c;
  }
  return escaped ? `'${out}'` : out;
}

export function checkPathCharacters(path: string): Invalid {
  // One pass of the regular expression over the whole path first: splitting every path into
  // characters is what made reading a file of many paths slow.
  if (PRINTABLE_ASCII.test(path) || !NOT_GRAPHICAL_EXCEPT_SPACE().test(path)) return undefined;
  const chars = Array.from(path);
  const bad = chars.findIndex((c) => c !== ' ' && NOT_GRAPHICAL().test(c));
  if (bad < 0) return undefined;
  // Flatpak quotes the path from the bad character on, so the message does too.
  return t(M.notGraphical, { char: describeChar(chars[bad] ?? ''), path: quotePath(chars.slice(bad).join('')) });
}

/** An environment variable name: Flatpak refuses `=` in it; an empty name or a NUL can never work. */
export function checkEnvName(name: string): Invalid {
  if (name.length === 0) return t(M.envNoName);
  if (name.includes('=')) return t(M.envName, { problem: 'equals', name });
  if (name.includes('\0')) return t(M.envName, { problem: 'nul', name: JSON.stringify(name) });
  if (/[\r\n]/.test(name)) return t(M.envName, { problem: 'newline', name: JSON.stringify(name) });
  if (name.includes('[') || name.includes(']') || name.startsWith(' ') || name.endsWith(' ')) {
    return t(M.envName, { problem: 'unstorable', name: JSON.stringify(name) });
  }
  return undefined;
}

export function checkEnvValue(value: string): Invalid {
  if (value.includes('\0')) return t(M.envValueNul);
  return undefined;
}

/** A --persist path: relative to the home directory, no `..`, only graphical characters. */
export function checkPersistentPath(path: string): Invalid {
  if (path.length === 0) return t(M.persistEmpty);
  const chars = checkPathCharacters(path);
  if (chars) return chars;
  if (path.startsWith('/')) return t(M.persistAbsolute, { path });
  if (path.split('/').includes('..')) return t(M.persistDotDot, { path });
  if (path === '.' || path === './') return t(M.persistHome);
  return undefined;
}

/**
 * A path being typed below the home folder, relative to it, for its completion: empty (the home
 * itself), or relative without `..`, with only the characters Flatpak accepts in a path.
 */
export function checkTypedHomePath(path: string): Invalid {
  if (path === '') return undefined;
  const chars = checkPathCharacters(path);
  if (chars) return chars;
  if (path.startsWith('/')) return t(M.typedAbsolute, { path });
  if (path.split('/').includes('..')) return t(M.typedDotDot, { path });
  return undefined;
}
