// A lossless GLib keyfile: every line is kept as it was read, so a file written back without
// edits is byte-identical, and an edit rewrites only the lines it must. Parsing follows
// GLib 2.74's gkeyfile.c (the reader Flatpak uses), including its error messages.
// Flatpak files must never go through an INI library: `;` and `#` mean other things there.

import { madeValid, hasInvalidBytes } from './bytes';
import { escapeList, escapeValue, unescapeList, unescapeValue, type Unescaped, type UnescapedList } from './escape';

interface LineText {
  /** The line as in the file, without its line break and without a \r before it. */
  readonly text: string;
  /** Whether a \r stood before the line break (GLib drops it when reading). */
  readonly cr: boolean;
}

export type KeyFileLine = LineText &
  (
    | { readonly kind: 'blank' }
    | { readonly kind: 'comment' }
    | { readonly kind: 'group'; readonly name: string }
    | { readonly kind: 'entry'; readonly key: string; readonly value: string; readonly valueStart: number }
  );

type EntryLine = Extract<KeyFileLine, { kind: 'entry' }>;

export interface KeyFileError {
  /** 1-based line number. */
  readonly line: number;
  /** GLib's own wording, so users can match it with what `flatpak` prints. */
  readonly message: string;
}

export type KeyFileParse = { readonly ok: true; readonly file: KeyFile } | { readonly ok: false; readonly error: KeyFileError };

const ASCII_SPACE = /^[ \t\n\v\f\r]*/;
const TRAILING_ASCII_SPACE = /[ \t\n\v\f\r]+$/;
// g_ascii_iscntrl: 0x00-0x1f and 0x7f.
// eslint-disable-next-line no-control-regex
const ASCII_CONTROL = /[\x00-\x1f\x7f]/;
const LOCALE_CHAR = /^[\p{L}\p{Nd}\-_.@]$/u;

/** g_key_file_is_group_name */
export function isValidGroupName(name: string): boolean {
  return name.length > 0 && !/[[\]]/.test(name) && !ASCII_CONTROL.test(name);
}

/** g_key_file_is_key_name */
export function isValidKeyName(key: string): boolean {
  const chars = Array.from(key);
  let i = 0;
  while (i < chars.length && chars[i] !== '=' && chars[i] !== '[' && chars[i] !== ']') i++;
  if (i === 0) return false;
  if (chars[0] === ' ' || chars[i - 1] === ' ') return false;
  if (chars[i] === '[') {
    i++;
    while (i < chars.length && LOCALE_CHAR.test(chars[i] ?? '')) i++;
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

// After a group's `]` GLib steps over continuation bytes (g_utf8_find_next_char) and then
// spaces and tabs, each with the continuation bytes after it, up to the end or a NUL.
// eslint-disable-next-line no-control-regex
const GROUP_TAIL = /^[\udc80-\udcbf]*(?:[ \t][\udc80-\udcbf]*)*(?:\x00|$)/u;

const upToNul = (s: string) => {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
};

function parseLine(content: string, cr: boolean, hasGroup: boolean, inFirstGroup: boolean): KeyFileLine | string {
  const text = content;
  const stripped = content.replace(ASCII_SPACE, '');
  if (stripped === '') return { kind: 'blank', text, cr };
  // GLib reads each line as a C string: a NUL where the line starts makes it a comment.
  if (stripped.startsWith('#') || stripped.startsWith('\0')) return { kind: 'comment', text, cr };
  const cString = upToNul(stripped);
  if (stripped.startsWith('[')) {
    const close = cString.indexOf(']');
    if (close > 0 && GROUP_TAIL.test(stripped.slice(close + 1))) {
      // The name runs to the last `]` of the whole line, and then stops at a NUL.
      const name = upToNul(stripped.slice(1, stripped.lastIndexOf(']')));
      if (!isValidGroupName(name)) return `Invalid group name: ${name}`;
      return { kind: 'group', text, cr, name };
    }
  }
  const eq = cString.indexOf('=');
  if (eq > 0) {
    if (!hasGroup) return 'Key file does not start with a group';
    const key = stripped.slice(0, eq).replace(TRAILING_ASCII_SPACE, '');
    if (!isValidKeyName(key)) return `Invalid key name: ${key}`;
    const afterEq = stripped.slice(eq + 1);
    const rest = afterEq.replace(ASCII_SPACE, '');
    const value = upToNul(rest);
    if (inFirstGroup && key === 'Encoding' && value.toLowerCase() !== 'utf-8') {
      return `Key file contains unsupported encoding “${madeValid(rest)}”`;
    }
    const valueStart = content.length - stripped.length + eq + 1 + (afterEq.length - rest.length);
    return { kind: 'entry', text, cr, key, value, valueStart };
  }
  return `Key file contains line “${madeValid(content)}” which is not a key-value pair, group, or comment`;
}

interface Section {
  readonly name: string;
  /** Index of the group line. */
  readonly header: number;
  /** One past the last line of the section. */
  readonly end: number;
}

export class KeyFile {
  private sectionCache?: Section[];
  private entryCache?: Map<string, { index: number; line: EntryLine }[]>;

  private constructor(
    readonly lines: readonly KeyFileLine[],
    /** Whether the text ends with a newline (a file may lack the last one). */
    readonly finalNewline: boolean,
    /** Whether lines end with \r\n; new lines follow the file's own convention. */
    private readonly crlf: boolean,
  ) {}

  static empty(): KeyFile {
    return new KeyFile([], true, false);
  }

  static parse(text: string): KeyFileParse {
    if (text === '') return { ok: true, file: KeyFile.empty() };
    const raw = text.split('\n');
    const finalNewline = text.endsWith('\n');
    if (finalNewline) raw.pop();
    const lines: KeyFileLine[] = [];
    let firstGroup: string | undefined;
    let currentGroup: string | undefined;
    for (let i = 0; i < raw.length; i++) {
      const full = raw[i] ?? '';
      // GLib drops one \r only where it stands right before a \n.
      const terminated = i < raw.length - 1 || finalNewline;
      const cr = terminated && full.endsWith('\r');
      const content = cr ? full.slice(0, -1) : full;
      const parsed = parseLine(content, cr, currentGroup !== undefined, currentGroup !== undefined && currentGroup === firstGroup);
      if (typeof parsed === 'string') return { ok: false, error: { line: i + 1, message: parsed } };
      if (parsed.kind === 'group') {
        firstGroup ??= parsed.name;
        currentGroup = parsed.name;
      }
      lines.push(parsed);
    }
    return { ok: true, file: new KeyFile(lines, finalNewline, lines[0]?.cr ?? false) };
  }

  toString(): string {
    if (this.lines.length === 0) return '';
    return this.lines.map((l) => (l.cr ? l.text + '\r' : l.text)).join('\n') + (this.finalNewline ? '\n' : '');
  }

  private sections(): Section[] {
    if (this.sectionCache) return this.sectionCache;
    const out: Section[] = [];
    let current: { name: string; header: number } | undefined;
    this.lines.forEach((line, index) => {
      if (line.kind !== 'group') return;
      if (current) out.push({ ...current, end: index });
      current = { name: line.name, header: index };
    });
    if (current) out.push({ ...current, end: this.lines.length });
    this.sectionCache = out;
    return out;
  }

  private sectionsOf(group: string): Section[] {
    return this.sections().filter((s) => s.name === group);
  }

  /** Entry lines by group, built once: a KeyFile never changes, edits make a new one. */
  private entriesOf(group: string): readonly { index: number; line: EntryLine }[] {
    if (!this.entryCache) {
      const cache = new Map<string, { index: number; line: EntryLine }[]>();
      for (const s of this.sections()) {
        const list = cache.get(s.name) ?? [];
        for (let i = s.header + 1; i < s.end; i++) {
          const line = this.lines[i];
          if (line?.kind === 'entry') list.push({ index: i, line });
        }
        cache.set(s.name, list);
      }
      this.entryCache = cache;
    }
    return this.entryCache.get(group) ?? [];
  }

  /** Group names in order of first appearance (GLib merges repeated groups). */
  groupNames(): string[] {
    return [...new Set(this.sections().map((s) => s.name))];
  }

  hasGroup(group: string): boolean {
    return this.sections().some((s) => s.name === group);
  }

  /** Keys of a group in order of first appearance; a repeated key is listed once. */
  keys(group: string): string[] {
    return [...new Set(this.entriesOf(group).map((e) => e.line.key))];
  }

  hasKey(group: string, key: string): boolean {
    return this.getRaw(group, key) !== undefined;
  }

  /** The raw (still escaped) value; for a repeated key the last one wins, as in GLib. */
  getRaw(group: string, key: string): string | undefined {
    let value: string | undefined;
    for (const e of this.entriesOf(group)) if (e.line.key === key) value = e.line.value;
    return value;
  }

  getString(group: string, key: string): Unescaped | undefined {
    const raw = this.getRaw(group, key);
    return raw === undefined ? undefined : unescapeValue(raw);
  }

  getStringList(group: string, key: string): UnescapedList | undefined {
    const raw = this.getRaw(group, key);
    return raw === undefined ? undefined : unescapeList(raw);
  }

  /** True when the file holds nothing but blank lines and empty group headers. */
  isBlank(): boolean {
    return this.lines.every((l) => l.kind === 'blank' || l.kind === 'group');
  }

  /** True when no section of the group holds an entry or a comment. */
  isGroupEmpty(group: string): boolean {
    return this.sectionsOf(group).every((s) => {
      for (let i = s.header + 1; i < s.end; i++) {
        const kind = this.lines[i]?.kind;
        if (kind === 'entry' || kind === 'comment') return false;
      }
      return true;
    });
  }


  /** `appended`: lines were added after the last one, which therefore ends with a newline now. */
  private with(lines: KeyFileLine[], appended = false): KeyFile {
    return new KeyFile(lines, this.lines.length === 0 || appended ? true : this.finalNewline, this.crlf);
  }

  /** Sets a raw (already escaped) value. The last occurrence is rewritten in place; a new key goes
   *  after the group's last line of content; a new group goes at the end. */
  withRaw(group: string, key: string, raw: string): KeyFile {
    if (!isValidGroupName(group)) throw new Error(`invalid group name ${JSON.stringify(group)}`);
    if (!isValidKeyName(key)) throw new Error(`invalid key name ${JSON.stringify(key)}`);
    if (/[\r\n\0]/.test(raw)) throw new Error('a raw keyfile value cannot hold a line break or a NUL');
    if (hasInvalidBytes(raw)) throw new Error('a keyfile value must be valid UTF-8');
    const lines = [...this.lines];
    const entries = this.entriesOf(group).filter((e) => e.line.key === key);
    const last = entries[entries.length - 1];
    if (last) {
      if (last.line.value === raw) return this;
      const { text, cr, valueStart } = last.line;
      lines[last.index] = { kind: 'entry', text: text.slice(0, valueStart) + raw, cr, key, value: raw, valueStart };
      return this.with(lines);
    }
    const cr = this.crlf;
    const entry: KeyFileLine = { kind: 'entry', text: `${key}=${raw}`, cr, key, value: raw, valueStart: key.length + 1 };
    const sections = this.sectionsOf(group);
    const section = sections[sections.length - 1];
    if (section) {
      let at = section.header + 1;
      for (let i = section.header + 1; i < section.end; i++) if (this.lines[i]?.kind !== 'blank') at = i + 1;
      lines.splice(at, 0, entry);
      return this.with(lines, at === this.lines.length);
    }
    const last2 = lines[lines.length - 1];
    if (last2 && last2.kind !== 'blank') lines.push({ kind: 'blank', text: '', cr });
    lines.push({ kind: 'group', text: `[${group}]`, cr, name: group }, entry);
    return this.with(lines, true);
  }

  withString(group: string, key: string, value: string): KeyFile {
    return this.withRaw(group, key, escapeValue(value));
  }

  withStringList(group: string, key: string, items: readonly string[]): KeyFile {
    return this.withRaw(group, key, escapeList(items));
  }

  /** Removes every occurrence of the key, so no shadowed duplicate comes back to life. */
  withoutKey(group: string, key: string): KeyFile {
    const drop = new Set(this.entriesOf(group).filter((e) => e.line.key === key).map((e) => e.index));
    if (drop.size === 0) return this;
    return this.with(this.lines.filter((_, i) => !drop.has(i)));
  }

  /** Removes every section of the group, with the blank line that separated it. */
  withoutGroup(group: string): KeyFile {
    const drop = new Set<number>();
    for (const s of this.sectionsOf(group)) {
      let contentEnd = s.header + 1;
      for (let i = s.header + 1; i < s.end; i++) if (this.lines[i]?.kind !== 'blank') contentEnd = i + 1;
      const separatorBefore = s.header > 0 && this.lines[s.header - 1]?.kind === 'blank';
      // Keep one blank line between the neighbours: the one before, or else the ones after.
      const end = separatorBefore || s.header > 0 ? contentEnd : s.end;
      for (let i = s.header; i < end; i++) drop.add(i);
      if (separatorBefore) drop.add(s.header - 1);
    }
    if (drop.size === 0) return this;
    return this.with(this.lines.filter((_, i) => !drop.has(i)));
  }
}
