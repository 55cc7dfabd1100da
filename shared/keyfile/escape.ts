// Value escaping exactly as GLib's GKeyFile does it (gkeyfile.c: parse_value_as_string and
// parse_string_as_value, GLib 2.74). Flatpak reads and writes its files through these rules.

import { hasInvalidBytes } from './bytes';

export const LIST_SEPARATOR = ';';

export type EscapeProblem =
  | { kind: 'escape-at-end' }
  | { kind: 'invalid-escape'; sequence: string }
  /** GLib checks a value is UTF-8 before it decodes anything. */
  | { kind: 'not-utf8' };

export interface Unescaped {
  /** The decoded string; an invalid escape is kept literally, as GLib does. */
  readonly value: string;
  /** The first problem GLib would report, if any. */
  readonly problem?: EscapeProblem;
}

export interface UnescapedList {
  readonly items: readonly string[];
  readonly problem?: EscapeProblem;
}

/**
 * Decodes a raw value; with `splitList`, into the items between unescaped separators. Plain runs
 * are copied as whole slices and each item is built on its own: slicing items out of one
 * growing string flattened that string every time, which made a list of N items cost N².
 */
function decode(raw: string, splitList: boolean): { value: string; items: string[]; problem?: EscapeProblem } {
  let current = '';
  const items: string[] = [];
  let problem: EscapeProblem | undefined;
  // Where the next backslash and separator stand (raw.length for none); each is searched for
  // again only once passed, so the value is scanned once.
  const nextOf = (c: string, from: number) => {
    const at = raw.indexOf(c, from);
    return at < 0 ? raw.length : at;
  };
  let backslash = -1;
  let separator = splitList ? -1 : raw.length;
  let i = 0;
  while (i < raw.length) {
    if (backslash < i) backslash = nextOf('\\', i);
    if (separator < i) separator = nextOf(LIST_SEPARATOR, i);
    if (separator < backslash) {
      items.push(current + raw.slice(i, separator));
      current = '';
      i = separator + 1;
      continue;
    }
    current += raw.slice(i, backslash);
    if (backslash === raw.length) break;
    const n = raw[backslash + 1];
    i = backslash + 2;
    if (n === undefined) {
      problem ??= { kind: 'escape-at-end' };
      break;
    }
    switch (n) {
      case 's':
        current += ' ';
        break;
      case 'n':
        current += '\n';
        break;
      case 't':
        current += '\t';
        break;
      case 'r':
        current += '\r';
        break;
      case '\\':
        current += '\\';
        break;
      default:
        if (splitList && n === LIST_SEPARATOR) {
          current += LIST_SEPARATOR;
        } else {
          current += '\\' + n;
          problem ??= { kind: 'invalid-escape', sequence: '\\' + n };
        }
    }
  }
  if (splitList && current.length > 0) items.push(current);
  // With splitList the value is only what followed the last separator; callers read items.
  return problem ? { value: current, items, problem } : { value: current, items };
}

/** Decodes a raw value the way g_key_file_get_string does. */
export function unescapeValue(raw: string): Unescaped {
  if (hasInvalidBytes(raw)) return { value: raw, problem: { kind: 'not-utf8' } };
  if (!raw.includes('\\')) return { value: raw };
  const { value, problem } = decode(raw, false);
  return problem ? { value, problem } : { value };
}

/** Only the decoded string of unescapeValue, for the many callers that ignore its problems:
 *  a value with nothing to decode is returned as it is, with no result object made for it. */
export function unescapedText(raw: string): string {
  if (!raw.includes('\\') || hasInvalidBytes(raw)) return raw;
  return decode(raw, false).value;
}

/** How many items unescapeList finds in a raw value, when it holds no escape or invalid byte
 *  (then counting separators is enough), else undefined. Spares decoding a long list only to
 *  learn its length. */
export function plainListLength(raw: string): number | undefined {
  if (raw.includes('\\') || hasInvalidBytes(raw)) return undefined;
  let count = 0;
  for (let at = raw.indexOf(LIST_SEPARATOR); at >= 0; at = raw.indexOf(LIST_SEPARATOR, at + 1)) count++;
  // Text after the last separator is one more item; nothing after it is none.
  return raw.length > 0 && !raw.endsWith(LIST_SEPARATOR) ? count + 1 : count;
}

/** Splits and decodes a raw value the way g_key_file_get_string_list does. */
export function unescapeList(raw: string): UnescapedList {
  if (hasInvalidBytes(raw)) return { items: [], problem: { kind: 'not-utf8' } };
  const { items, problem } = decode(raw, true);
  return problem ? { items, problem } : { items };
}

const NEEDS_ESCAPE = /[ \t\n\r\\]/;
const NEEDS_ESCAPE_IN_LIST = /[ \t\n\r\\;]/;

/**
 * Encodes a string the way g_key_file_set_string (escapeSeparator=false) or one item of
 * g_key_file_set_string_list (escapeSeparator=true) does: leading blanks become \s and \t.
 */
export function escapeValue(value: string, escapeSeparator = false): string {
  // Most values hold nothing to escape; they are not rebuilt a character at a time.
  if (!(escapeSeparator ? NEEDS_ESCAPE_IN_LIST : NEEDS_ESCAPE).test(value)) return value;
  let out = '';
  let leading = true;
  for (const c of value) {
    switch (c) {
      case ' ':
        out += leading ? '\\s' : ' ';
        break;
      case '\t':
        out += leading ? '\\t' : '\t';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\\':
        out += '\\\\';
        leading = false;
        break;
      default:
        if (escapeSeparator && c === LIST_SEPARATOR) {
          out += '\\' + LIST_SEPARATOR;
          leading = true;
        } else {
          out += c;
          leading = false;
        }
    }
  }
  return out;
}

/** Encodes a string list as g_key_file_set_string_list does: every item ends with ';'. */
export function escapeList(items: readonly string[]): string {
  // Joined once rather than a string made per item with its separator.
  return items.length === 0 ? '' : items.map((item) => escapeValue(item, true)).join(LIST_SEPARATOR) + LIST_SEPARATOR;
}
