// Flatpak's own grammar for the names and paths Confine accepts, so nothing Flatpak would refuse
// is ever written, and nothing like `../../.bashrc` ever becomes a path. Each check returns the
// problem in words that name the bad part, or undefined when the input is valid.

export type Invalid = string | undefined;

const NAME_INITIAL = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** flatpak_is_valid_name (flatpak-ref-utils.c): the rule for application IDs. */
export function checkAppId(id: string): Invalid {
  if (id.length === 0) return "Name can't be empty";
  if (id.length > 255) return "Name can't be longer than 255 characters";
  if (id.startsWith('.')) return "Name can't start with a period";
  const lastDot = id.lastIndexOf('.');
  const first = id[0] ?? '';
  if (!NAME_INITIAL.test(first)) return `Name can't start with ${first}`;
  let dots = 0;
  for (let i = 1; i < id.length; i++) {
    const c = id[i] ?? '';
    const lastElement = lastDot >= 0 && i > lastDot;
    if (c === '.') {
      const next = id[i + 1];
      if (next === undefined) return "Name can't end with a period";
      const nextInLast = i === lastDot;
      if (!(NAME_INITIAL.test(next) || (nextInLast && next === '-'))) {
        return next === '-' ? 'Only last name segment can contain -' : `Name segment can't start with ${next}`;
      }
      dots++;
      i++;
      continue;
    }
    if (!(NAME_CHAR.test(c) || (lastElement && c === '-'))) {
      return c === '-' ? 'Only last name segment can contain -' : `Name can't contain ${c}`;
    }
  }
  if (dots < 2) return 'Names must contain at least 2 periods';
  return undefined;
}

export function isAppId(id: string): boolean {
  return checkAppId(id) === undefined;
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
  const bad = `Invalid dbus name ${name}`;
  if (base.length === 0 || base.length > 255) return bad;
  if (base.startsWith(':')) return `${bad}: unique names (starting with “:”) cannot be granted`;
  const elements = base.split('.');
  if (elements.length < 2) return `${bad}: a bus name needs at least two elements separated by “.”`;
  const wrong = elements.find((e) => !BUS_ELEMENT.test(e));
  if (wrong !== undefined) {
    return wrong === ''
      ? `${bad}: empty element`
      : `${bad}: element “${wrong}” may only hold A–Z, a–z, 0–9, “_” and “-”, and must not start with a digit`;
  }
  return undefined;
}

// flatpak_validate_path_characters: g_unichar_isgraph or a plain space. isgraph is false for
// control, format, unassigned, surrogate and space-separator characters.
const NOT_GRAPHICAL = /[\p{Cc}\p{Cf}\p{Cn}\p{Cs}\p{Zs}]/u;
const NOT_GRAPHICAL_EXCEPT_SPACE = /(?! )[\p{Cc}\p{Cf}\p{Cn}\p{Cs}\p{Zs}]/u;

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
    if (c !== ' ' && NOT_GRAPHICAL.test(c)) {
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
  if (!NOT_GRAPHICAL_EXCEPT_SPACE.test(path)) return undefined;
  const chars = Array.from(path);
  const bad = chars.findIndex((c) => c !== ' ' && NOT_GRAPHICAL.test(c));
  if (bad < 0) return undefined;
  // Flatpak quotes the path from the bad character on, so the message does too.
  return `Non-graphical character ${describeChar(chars[bad] ?? '')} in path ${quotePath(chars.slice(bad).join(''))}`;
}

/** An environment variable name: Flatpak refuses `=` in it; an empty name or a NUL can never work. */
export function checkEnvName(name: string): Invalid {
  if (name.length === 0) return 'An environment variable needs a name';
  if (name.includes('=')) return `Environment variable name must not contain '=': ${name}`;
  if (name.includes('\0')) return `Environment variable name must not contain a NUL character: ${JSON.stringify(name)}`;
  if (/[\r\n]/.test(name)) return `Environment variable name must not contain a line break: ${JSON.stringify(name)}`;
  if (name.includes('[') || name.includes(']') || name.startsWith(' ') || name.endsWith(' ')) {
    return `Environment variable name ${JSON.stringify(name)} cannot be stored in an override file`;
  }
  return undefined;
}

export function checkEnvValue(value: string): Invalid {
  if (value.includes('\0')) return 'An environment variable value must not contain a NUL character';
  return undefined;
}

/** A --persist path: relative to the home directory, no `..`, only graphical characters. */
export function checkPersistentPath(path: string): Invalid {
  if (path.length === 0) return 'A persistent path cannot be empty';
  const chars = checkPathCharacters(path);
  if (chars) return chars;
  if (path.startsWith('/')) return `Persistent path “${path}” must be relative to the home directory (no leading “/”)`;
  if (path.split('/').includes('..')) return `Persistent path “${path}” contains “..”`;
  if (path === '.' || path === './') return 'A persistent path must name a directory below the home directory';
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
  if (path.startsWith('/')) return `“${path}” must be relative to the home directory (no leading “/”)`;
  if (path.split('/').includes('..')) return `“${path}” contains “..”`;
  return undefined;
}
