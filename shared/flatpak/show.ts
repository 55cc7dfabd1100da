// The text `flatpak info --show-permissions` prints for a context: the flattened keyfile,
// escaped as flatpak_print_escaped_string does (FLATPAK_ESCAPE_ALLOW_NEWLINES | DO_NOT_QUOTE).

import { KeyFile } from '../keyfile/keyfile';
import type { Context } from './context';
import type { Version } from './version';
import { writeContext } from './write';

// g_unichar_isgraph is false for these categories; a plain space is allowed too. Made when
// first needed: creating it cost ~0.3 ms of every `show` (issue 19), whose text is mostly ASCII.
let notGraphical: RegExp | undefined;
const NOT_GRAPHICAL = () => (notGraphical ??= /[\p{Cc}\p{Cf}\p{Cn}\p{Cs}\p{Zs}]/u);
/** Newlines, spaces and printable ASCII: nothing in such a text but backslashes is escaped. */
const PRINTABLE_ASCII = /^[\n -~]*$/;

function hexEscape(cp: number): string {
  if (cp <= 0xff) return `\\x${cp.toString(16).toUpperCase().padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\\U${cp.toString(16).toUpperCase().padStart(8, '0')}`;
}

/** flatpak_escape_string with newlines allowed and no quoting. */
export function escapeForTerminal(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text.replaceAll('\\', '\\\\');
  let out = '';
  for (const c of text) {
    if (c === '\n' || c === ' ') out += c;
    else if (NOT_GRAPHICAL().test(c)) out += hexEscape(c.codePointAt(0) ?? 0);
    else if (c === '\\') out += '\\\\';
    else out += c;
  }
  return out;
}

/** The flattened permissions as a keyfile (unescaped), the way Flatpak builds them. */
export function flattenedKeyFile(ctx: Context, version: Version): KeyFile {
  return writeContext(KeyFile.empty(), ctx, 'flatten', version);
}

export function renderShowPermissions(ctx: Context, version: Version): string {
  return escapeForTerminal(flattenedKeyFile(ctx, version).toString());
}
