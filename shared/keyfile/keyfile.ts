// A lossless GLib keyfile: every line is kept as it was read, so a file written back without
// edits is byte-identical, and an edit rewrites only the lines it must. Parsing follows
// GLib 2.74's gkeyfile.c (the reader Flatpak uses), including its error messages.
// Flatpak files must never go through an INI library: `;` and `#` mean other things there.

import { madeValid } from './bytes';
import { KeyFileDraft } from './draft';
import { unescapeList, unescapeValue, type Unescaped, type UnescapedList } from './escape';
import { isValidGroupName, isValidKeyName } from './names';
import { defineMessages, t } from '../i18n';

// GLib's words for a file it cannot read (flatpak prints them as they are), in the user's language.
const M = defineMessages({
  groupName: {
    id: 'error.keyfile.group-name',
    defaultMessage: 'Invalid group name: {name}',
    description: 'GLib’s wording for a broken override file; name: the [group] of the file',
  },
  noGroup: {
    id: 'error.keyfile.no-group',
    defaultMessage: 'Key file does not start with a group',
    description: 'GLib’s wording for a broken override file, whose first line is not a [group]',
  },
  keyName: {
    id: 'error.keyfile.key-name',
    defaultMessage: 'Invalid key name: {key}',
    description: 'GLib’s wording for a broken override file; key: the part before “=”',
  },
  encoding: {
    id: 'error.keyfile.encoding',
    defaultMessage: 'Key file contains unsupported encoding “{encoding}”',
    description: 'GLib’s wording for a broken override file',
  },
  badLine: {
    id: 'error.keyfile.bad-line',
    defaultMessage: 'Key file contains line “{line}” which is not a key-value pair, group, or comment',
    description: 'GLib’s wording for a broken override file; line: the line as it stands',
  },
});

export { isValidGroupName, isValidKeyName, localeOfKey } from './names';

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

export interface KeyFileError {
  /** 1-based line number. */
  readonly line: number;
  /** GLib's own wording, so users can match it with what `flatpak` prints. */
  readonly message: string;
}

export type KeyFileParse =
  { readonly ok: true; readonly file: KeyFile } | { readonly ok: false; readonly error: KeyFileError };

// After a group's `]` GLib steps over continuation bytes (g_utf8_find_next_char) and then
// spaces and tabs, each with the continuation bytes after it, up to the end or a NUL.
// eslint-disable-next-line no-control-regex
const GROUP_TAIL = /^[\udc80-\udcbf]*(?:[ \t][\udc80-\udcbf]*)*(?:\x00|$)/u;

const upToNul = (s: string) => {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
};

// g_ascii_isspace, by character code: space, \t, \n, \f, \r. Not \v, unlike C's isspace: GLib
// refuses a line that is only a \v, and keeps one at the end of a key or the start of a value.
const isAsciiSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;

function skipAsciiSpace(s: string, from: number): number {
  let i = from;
  while (i < s.length && isAsciiSpace(s.charCodeAt(i))) i++;
  return i;
}

// Positions are found by hand and each part sliced once: the regular expressions this replaced
// made several strings per line, which for a large file was much of the cost of reading it.
function parseLine(content: string, cr: boolean, hasGroup: boolean, inFirstGroup: boolean): KeyFileLine | string {
  const text = content;
  const lead = skipAsciiSpace(content, 0);
  const stripped = lead === 0 ? content : content.slice(lead);
  if (stripped === '') return { kind: 'blank', text, cr };
  const first = stripped.charCodeAt(0);
  // GLib reads each line as a C string: a NUL where the line starts makes it a comment.
  if (first === 35 || first === 0) return { kind: 'comment', text, cr };
  const nul = stripped.indexOf('\0');
  // Where the line ends when read as a C string.
  const cEnd = nul < 0 ? stripped.length : nul;
  const cString = nul < 0 ? stripped : stripped.slice(0, nul);
  if (first === 91) {
    const close = cString.indexOf(']');
    if (close > 0 && GROUP_TAIL.test(stripped.slice(close + 1))) {
      // The name runs to the last `]` of the whole line, and then stops at a NUL.
      const name = upToNul(stripped.slice(1, stripped.lastIndexOf(']')));
      if (!isValidGroupName(name)) return t(M.groupName, { name });
      return { kind: 'group', text, cr, name };
    }
  }
  const eq = cString.indexOf('=');
  if (eq > 0) {
    if (!hasGroup) return t(M.noGroup);
    let keyEnd = eq;
    while (keyEnd > 0 && isAsciiSpace(stripped.charCodeAt(keyEnd - 1))) keyEnd--;
    const key = stripped.slice(0, keyEnd);
    if (!isValidKeyName(key)) return t(M.keyName, { key });
    // Spaces end at a NUL at the latest, so the value is what stands between them and it.
    const restStart = skipAsciiSpace(stripped, eq + 1);
    const value = stripped.slice(restStart, cEnd);
    if (inFirstGroup && key === 'Encoding' && value.toLowerCase() !== 'utf-8') {
      return t(M.encoding, { encoding: madeValid(stripped.slice(restStart)) });
    }
    return { kind: 'entry', text, cr, key, value, valueStart: lead + restStart };
  }
  return t(M.badLine, { line: madeValid(content) });
}

interface Section {
  /** Index of the group line. */
  readonly header: number;
  /** One past the last line of the section. */
  readonly end: number;
}

/** The keys of one group: what a lookup needs, and what an edit's draft starts from. */
export interface GroupEntries {
  /** Keys in order of first appearance, with the line of the last occurrence (the one GLib
   *  reads), so a lookup does not scan the group. */
  readonly last: ReadonlyMap<string, number>;
  /** For each entry line of the group, the line of the previous entry of the same key, or -1
   *  (other lines: not set). */
  readonly sameKeyBefore: Int32Array;
}

const NO_ENTRIES: GroupEntries = { last: new Map(), sameKeyBefore: new Int32Array(0) };

export class KeyFile {
  /** Built once: a KeyFile never changes, edits make a new one. */
  private sectionCache?: Map<string, Section[]>;
  /** Built per group on first use: reading every entry of a large file leaves its big groups
   *  to eachEntry, and building maps of keys nobody looks up was much of the cost of a read. */
  private readonly entryCache = new Map<string, GroupEntries>();
  private sameKeyBefore?: Int32Array;

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
    const finalNewline = text.endsWith('\n');
    const lines: KeyFileLine[] = [];
    let firstGroup: string | undefined;
    let currentGroup: string | undefined;
    // Each line is sliced out once where it stands, without an array of all the lines first.
    for (let start = 0; ;) {
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? text.length : nl;
      // GLib drops one \r only where it stands right before a \n.
      const cr = nl >= 0 && end > start && text.charCodeAt(end - 1) === 13;
      const parsed = parseLine(
        text.slice(start, cr ? end - 1 : end),
        cr,
        currentGroup !== undefined,
        currentGroup !== undefined && currentGroup === firstGroup,
      );
      if (typeof parsed === 'string') return { ok: false, error: { line: lines.length + 1, message: parsed } };
      if (parsed.kind === 'group') {
        firstGroup ??= parsed.name;
        currentGroup = parsed.name;
      }
      lines.push(parsed);
      if (nl < 0) break;
      start = nl + 1;
      // A final newline ends the last line; no empty line follows it.
      if (start === text.length) break;
    }
    return { ok: true, file: new KeyFile(lines, finalNewline, lines[0]?.cr ?? false) };
  }

  toString(): string {
    if (this.lines.length === 0) return '';
    return this.lines.map((l) => (l.cr ? l.text + '\r' : l.text)).join('\n') + (this.finalNewline ? '\n' : '');
  }

  private sections(): Map<string, Section[]> {
    if (this.sectionCache) return this.sectionCache;
    const sections = new Map<string, Section[]>();
    let open: { header: number; list: Section[] } | undefined;
    for (let index = 0; index < this.lines.length; index++) {
      const line = this.lines[index];
      if (line?.kind !== 'group') continue;
      if (open) open.list.push({ header: open.header, end: index });
      let list = sections.get(line.name);
      if (!list) sections.set(line.name, (list = []));
      open = { header: index, list };
    }
    if (open) open.list.push({ header: open.header, end: this.lines.length });
    this.sectionCache = sections;
    return sections;
  }

  private entriesOf(group: string): GroupEntries {
    const known = this.entryCache.get(group);
    if (known) return known;
    if (!this.sections().has(group)) return NO_ENTRIES;
    // One array for the whole file; each group fills only its own lines.
    const sameKeyBefore = (this.sameKeyBefore ??= new Int32Array(this.lines.length));
    const last = new Map<string, number>();
    for (const s of this.sections().get(group) ?? []) {
      for (let i = s.header + 1; i < s.end; i++) {
        const line = this.lines[i];
        if (line?.kind !== 'entry') continue;
        sameKeyBefore[i] = last.get(line.key) ?? -1;
        last.set(line.key, i);
      }
    }
    const entries = { last, sameKeyBefore };
    this.entryCache.set(group, entries);
    return entries;
  }

  /** Every entry line of the group in file order, repeats included, with its raw value. A
   *  reader that applies them in order, later ones winning, reads what GLib reads without a
   *  map of the group's keys being built. */
  eachEntry(group: string, visit: (key: string, raw: string) => void): void {
    for (const s of this.sections().get(group) ?? []) {
      for (let i = s.header + 1; i < s.end; i++) {
        const line = this.lines[i];
        if (line?.kind === 'entry') visit(line.key, line.value);
      }
    }
  }

  /** Group names in order of first appearance (GLib merges repeated groups). */
  groupNames(): string[] {
    return [...this.sections().keys()];
  }

  hasGroup(group: string): boolean {
    return this.sections().has(group);
  }

  /** Keys of a group in order of first appearance; a repeated key is listed once. */
  keys(group: string): string[] {
    return [...this.entriesOf(group).last.keys()];
  }

  hasKey(group: string, key: string): boolean {
    return this.getRaw(group, key) !== undefined;
  }

  /** The raw (still escaped) value; for a repeated key the last one wins, as in GLib. */
  getRaw(group: string, key: string): string | undefined {
    const at = this.entriesOf(group).last.get(key);
    const line = at === undefined ? undefined : this.lines[at];
    return line?.kind === 'entry' ? line.value : undefined;
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
    return (this.sections().get(group) ?? []).every((s) => {
      for (let i = s.header + 1; i < s.end; i++) {
        const kind = this.lines[i]?.kind;
        if (kind === 'entry' || kind === 'comment') return false;
      }
      return true;
    });
  }

  /**
   * Applies a batch of edits in one pass: `apply` edits a draft whose reads see its own edits,
   * and the new file is built once at the end. Returns this file when nothing changed.
   */
  edit(apply: (draft: KeyFileDraft) => void): KeyFile {
    const draft = new KeyFileDraft(this.lines, (group) => this.entriesOf(group), this.finalNewline, this.crlf);
    apply(draft);
    return draft.revision === 0 ? this : new KeyFile(draft.lines(), draft.finalNewline, this.crlf);
  }

  /** One edit; see KeyFileDraft.setRaw. Many edits belong in one `edit` call. */
  withRaw(group: string, key: string, raw: string): KeyFile {
    return this.edit((d) => d.setRaw(group, key, raw));
  }

  withString(group: string, key: string, value: string): KeyFile {
    return this.edit((d) => d.setString(group, key, value));
  }

  withStringList(group: string, key: string, items: readonly string[]): KeyFile {
    return this.edit((d) => d.setStringList(group, key, items));
  }

  withoutKey(group: string, key: string): KeyFile {
    return this.edit((d) => d.removeKey(group, key));
  }

  withoutGroup(group: string): KeyFile {
    return this.edit((d) => d.removeGroup(group));
  }
}
