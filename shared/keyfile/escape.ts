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

function decode(raw: string, splitList: boolean): { value: string; items: string[]; problem?: EscapeProblem } {
  let out = '';
  const items: string[] = [];
  let itemStart = 0;
  let problem: EscapeProblem | undefined;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c !== '\\') {
      out += c;
      if (splitList && c === LIST_SEPARATOR) {
        items.push(out.slice(itemStart, out.length - 1));
        itemStart = out.length;
      }
      continue;
    }
    i++;
    const n = raw[i];
    if (n === undefined) {
      problem ??= { kind: 'escape-at-end' };
      break;
    }
    switch (n) {
      case 's': out += ' '; break;
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case '\\': out += '\\'; break;
      default:
        if (splitList && n === LIST_SEPARATOR) {
          out += LIST_SEPARATOR;
        } else {
          out += '\\' + n;
          problem ??= { kind: 'invalid-escape', sequence: '\\' + n };
        }
    }
  }
  if (splitList && itemStart < out.length) items.push(out.slice(itemStart));
  return problem ? { value: out, items, problem } : { value: out, items };
}

/** Decodes a raw value the way g_key_file_get_string does. */
export function unescapeValue(raw: string): Unescaped {
  if (hasInvalidBytes(raw)) return { value: raw, problem: { kind: 'not-utf8' } };
  const { value, problem } = decode(raw, false);
  return problem ? { value, problem } : { value };
}

/** Splits and decodes a raw value the way g_key_file_get_string_list does. */
export function unescapeList(raw: string): UnescapedList {
  if (hasInvalidBytes(raw)) return { items: [], problem: { kind: 'not-utf8' } };
  const { items, problem } = decode(raw, true);
  return problem ? { items, problem } : { items };
}

/**
 * Encodes a string the way g_key_file_set_string (escapeSeparator=false) or one item of
 * g_key_file_set_string_list (escapeSeparator=true) does: leading blanks become \s and \t.
 */
export function escapeValue(value: string, escapeSeparator = false): string {
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
  return items.map((item) => escapeValue(item, true) + LIST_SEPARATOR).join('');
}
