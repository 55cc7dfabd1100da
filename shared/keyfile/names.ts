// Group and key names as GLib's gkeyfile.c accepts them. Kept apart from the KeyFile class so
// the editing draft can check names without importing the class that builds it.

// g_ascii_iscntrl: 0x00-0x1f and 0x7f.
// eslint-disable-next-line no-control-regex
const ASCII_CONTROL = /[\x00-\x1f\x7f]/;
// Made when first needed: an expression of Unicode classes costs ~0.2 ms to create, which
// every run paid as the module loaded, and few files have a key with a locale (issue 19).
let localeChar: RegExp | undefined;
const LOCALE_CHAR = () => (localeChar ??= /^[\p{L}\p{Nd}\-_.@]$/u);

/** g_key_file_is_group_name */
export function isValidGroupName(name: string): boolean {
  return name.length > 0 && !/[[\]]/.test(name) && !ASCII_CONTROL.test(name);
}

/** g_key_file_is_key_name */
export function isValidKeyName(key: string): boolean {
  // Without brackets the rule is only about spaces at the ends; this spares splitting every
  // key of a large file into characters.
  if (key.indexOf('=') < 0 && key.indexOf('[') < 0 && key.indexOf(']') < 0)
    return key.length > 0 && key.charCodeAt(0) !== 32 && key.charCodeAt(key.length - 1) !== 32;
  const chars = Array.from(key);
  let i = 0;
  while (i < chars.length && chars[i] !== '=' && chars[i] !== '[' && chars[i] !== ']') i++;
  if (i === 0) return false;
  if (chars[0] === ' ' || chars[i - 1] === ' ') return false;
  if (chars[i] === '[') {
    i++;
    while (i < chars.length && LOCALE_CHAR().test(chars[i] ?? '')) i++;
    if (chars[i] !== ']') return false;
    i++;
  }
  return i >= chars.length;
}

/** The locale of a key such as `Name[de]`, or undefined. */
export function localeOfKey(key: string): string | undefined {
  const open = key.lastIndexOf('[');
  if (open < 0 || !key.endsWith(']') || key.length - open <= 2) return undefined;
  return key.slice(open + 1, -1);
}
