// A batch of edits to a keyfile. KeyFile itself is immutable, so every edit used to copy all
// of its lines and re-index them: an edit of N keys in a file of N lines cost N². A draft keeps
// the lines in a linked list with an index of groups, sections and keys that each edit updates
// in place, so an edit costs only the lines it touches, and the new file is built in one pass.
//
// An edit here means exactly what the matching KeyFile method (withRaw, withoutKey,
// withoutGroup) means when applied one after another; those methods are one-edit drafts.
//
// The list lives in typed arrays indexed by line number (new lines get new numbers at the end)
// rather than in an object per line, and keys are looked up in the file's own index with only
// the keys an edit touches kept apart: a draft of a large file is made for every edit, and an
// object and a map entry for each of its lines were most of an edit's cost.

import { hasInvalidBytes } from './bytes';
import { escapeList, escapeValue, unescapeList, type UnescapedList } from './escape';
import type { GroupEntries, KeyFileLine } from './keyfile';
import { isValidGroupName, isValidKeyName } from './names';
import { defineMessages, t } from '../i18n';

// What a draft refuses to write that a person can meet: `confine show` and the app page write the
// effective permissions into a new key file, and a hand-edited override may hold a value that is
// not UTF-8 (an environment variable's), or a group such as `[Policy a. b]` whose policy key
// splits, as Flatpak splits it, into a key that starts with a space.
const M = defineMessages({
  keyName: {
    id: 'error.keyfile.write.key-name',
    defaultMessage: 'Cannot write the key {key} into a key file: it is not a valid key name',
    description: 'key: a key of an override file, quoted',
  },
  notUtf8: {
    id: 'error.keyfile.write.not-utf8',
    defaultMessage: 'Cannot write the value of {key} in [{group}] into a key file: it is not valid UTF-8',
    description: 'key: a key of an override file, quoted; group: the [group] it is in, such as Environment',
  },
});

const NONE = -1;

interface Section {
  readonly header: number;
  /** The last line of the section that is not blank (the header when there is none): new keys go after it. */
  lastContent: number;
}

interface Group {
  readonly name: string;
  /** Indexes into `sections`, in file order; a new section of a group only ever goes at the end of the file. */
  readonly sections: number[];
  /** Whether the group was in the file: its keys there are looked up in the file's index, got
   *  on first use (an edit often leaves large groups alone). */
  readonly fromFile: boolean;
  file?: GroupEntries;
  /** Keys added, removed (NONE) or removed and added again since; they win over the file's. */
  readonly changed: Map<string, number>;
  /** Entry and comment lines in all sections, so emptiness is known without a scan. */
  content: number;
}

const NO_KEYS: ReadonlyMap<string, number> = new Map();

export class KeyFileDraft {
  private readonly lineAt: KeyFileLine[];
  private next: Int32Array;
  private prev: Int32Array;
  /** The section a line stood in when it was read or put there; NONE before the first group. */
  private sectionOf: Int32Array;
  /** Lines below this number are the file's; the others were added by edits. */
  private readonly fileLines: number;
  private removed: Uint8Array;
  private head = NONE;
  private tail = NONE;
  private readonly sections: Section[] = [];
  /** Insertion order is the order of first appearance, which groupNames and keys report. */
  private readonly groups = new Map<string, Group>();
  private finalNewlineNow: boolean;
  /** Grows with every edit that changes the content, so a caller can tell whether a step did anything. */
  revision = 0;

  constructor(
    lines: readonly KeyFileLine[],
    private readonly entriesOf: (group: string) => GroupEntries,
    finalNewline: boolean,
    private readonly crlf: boolean,
  ) {
    this.finalNewlineNow = finalNewline;
    this.lineAt = [...lines];
    this.fileLines = lines.length;
    const capacity = lines.length + 16;
    this.next = new Int32Array(capacity);
    this.prev = new Int32Array(capacity);
    this.sectionOf = new Int32Array(capacity);
    this.removed = new Uint8Array(capacity);
    let open: ReturnType<KeyFileDraft['openSection']> | undefined;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (!line) continue;
      this.link(i);
      if (line.kind === 'group') open = this.openSection(line.name, i);
      this.sectionOf[i] = open?.id ?? NONE;
      if (line.kind === 'group' || line.kind === 'blank' || !open) continue;
      open.section.lastContent = i;
      open.group.content++;
    }
  }

  get finalNewline(): boolean {
    return this.finalNewlineNow;
  }

  /** The lines as they stand now. */
  lines(): KeyFileLine[] {
    const out: KeyFileLine[] = [];
    for (let i = this.head; i !== NONE; i = this.next[i] ?? NONE) out.push(this.line(i));
    return out;
  }

  groupNames(): string[] {
    return [...this.groups.keys()];
  }

  /** In order of first appearance: a key added (or removed and added again) comes last. */
  keys(group: string): string[] {
    const g = this.groups.get(group);
    if (!g) return [];
    const out: string[] = [];
    for (const key of this.original(g).keys()) if (!g.changed.has(key)) out.push(key);
    for (const [key, at] of g.changed) if (at !== NONE) out.push(key);
    return out;
  }

  getRaw(group: string, key: string): string | undefined {
    const g = this.groups.get(group);
    const at = g && this.lastEntry(g, key);
    const line = at === undefined ? undefined : this.lineAt[at];
    return line?.kind === 'entry' ? line.value : undefined;
  }

  getStringList(group: string, key: string): UnescapedList | undefined {
    const raw = this.getRaw(group, key);
    return raw === undefined ? undefined : unescapeList(raw);
  }

  /** True when no section of the group holds an entry or a comment. */
  isGroupEmpty(group: string): boolean {
    return (this.groups.get(group)?.content ?? 0) === 0;
  }

  /** Sets a raw (already escaped) value. The last occurrence is rewritten in place; a new key goes
   *  after the group's last line of content; a new group goes at the end. */
  setRaw(group: string, key: string, raw: string): void {
    // Invariant: the groups written are fixed names or `Policy ` and the start of a group name
    // that was read as valid (a probe of a name, envNameStorageProblem, catches the throw).
    if (!isValidGroupName(group)) throw new Error(`invalid group name ${JSON.stringify(group)}`);
    if (!isValidKeyName(key)) throw new Error(t(M.keyName, { key: JSON.stringify(key) }));
    // Invariant: escapeValue escapes line breaks, and no value holds a NUL (the grammar refuses one
    // typed, and a line read from a file ends at its first NUL, as GLib reads it).
    if (/[\r\n\0]/.test(raw)) throw new Error('a raw keyfile value cannot hold a line break or a NUL');
    if (hasInvalidBytes(raw)) throw new Error(t(M.notUtf8, { key: JSON.stringify(key), group }));
    const g = this.groups.get(group);
    const last = g && this.lastEntry(g, key);
    const old = last === undefined ? undefined : this.lineAt[last];
    if (last !== undefined && old?.kind === 'entry') {
      if (old.value === raw) return;
      const { text, cr, valueStart } = old;
      this.lineAt[last] = { kind: 'entry', text: text.slice(0, valueStart) + raw, cr, key, value: raw, valueStart };
      this.revision++;
      return;
    }
    const cr = this.crlf;
    const entry: KeyFileLine = {
      kind: 'entry',
      text: `${key}=${raw}`,
      cr,
      key,
      value: raw,
      valueStart: key.length + 1,
    };
    const sectionId = g?.sections.at(-1);
    const section = sectionId === undefined ? undefined : this.sections[sectionId];
    if (g && sectionId !== undefined && section) {
      const at = this.add(entry, sectionId);
      this.insertAfter(section.lastContent, at);
      section.lastContent = at;
      g.content++;
      this.addKey(g, key, at);
    } else {
      if (this.tail !== NONE && this.line(this.tail).kind !== 'blank') {
        this.link(this.add({ kind: 'blank', text: '', cr }, this.sectionOf[this.tail] ?? NONE));
      }
      const header = this.add({ kind: 'group', text: `[${group}]`, cr, name: group }, NONE);
      this.link(header);
      const fresh = this.openSection(group, header, false);
      this.sectionOf[header] = fresh.id;
      const at = this.add(entry, fresh.id);
      this.link(at);
      fresh.section.lastContent = at;
      fresh.group.content++;
      this.addKey(fresh.group, key, at);
      this.finalNewlineNow = true;
    }
    this.revision++;
  }

  setString(group: string, key: string, value: string): void {
    this.setRaw(group, key, escapeValue(value));
  }

  setStringList(group: string, key: string, items: readonly string[]): void {
    this.setRaw(group, key, escapeList(items));
  }

  /** Removes every occurrence of the key, so no shadowed duplicate comes back to life. */
  removeKey(group: string, key: string): void {
    const g = this.groups.get(group);
    const last = g && this.lastEntry(g, key);
    if (!g || last === undefined) return;
    // From the last occurrence back, so each walk below starts from a line still in the list.
    for (let at = last; at !== NONE; at = this.keyBefore(g, at)) {
      this.unlink(at);
      g.content--;
      const section = this.sections[this.sectionOf[at] ?? NONE];
      if (section && section.lastContent === at) {
        // Only blank lines can stand between the new last content and the removed line; the
        // header, which is never blank, stops the walk.
        let p = this.prev[at] ?? NONE;
        while (p !== NONE && this.line(p).kind === 'blank') p = this.prev[p] ?? NONE;
        section.lastContent = p === NONE ? section.header : p;
      }
    }
    g.changed.set(key, NONE);
    this.revision++;
  }

  /** Removes every section of the group, with the blank line that separated it. */
  removeGroup(group: string): void {
    const g = this.groups.get(group);
    if (!g) return;
    // Every decision is taken on the lines as they were before this edit, then all are dropped.
    const drop: number[] = [];
    for (const id of g.sections) {
      const s = this.sections[id];
      if (!s) continue;
      const before = this.prev[s.header] ?? NONE;
      // Keep one blank line between the neighbours: the one before, or else the ones after.
      let stop = this.next[s.lastContent] ?? NONE;
      if (before === NONE) while (stop !== NONE && this.line(stop).kind !== 'group') stop = this.next[stop] ?? NONE;
      for (let i = s.header; i !== NONE && i !== stop; i = this.next[i] ?? NONE) drop.push(i);
      if (before !== NONE && this.line(before).kind === 'blank') drop.push(before);
    }
    for (const i of drop) if (!this.removed[i]) this.unlink(i);
    this.groups.delete(group);
    this.revision++;
  }

  private line(i: number): KeyFileLine {
    const line = this.lineAt[i];
    // An invariant, not a refusal: every index handed here came from the draft's own lists.
    if (!line) throw new Error(`keyfile draft: no line ${i}`);
    return line;
  }

  private lastEntry(g: Group, key: string): number | undefined {
    const changed = g.changed.get(key);
    if (changed === undefined) return this.original(g).get(key);
    return changed === NONE ? undefined : changed;
  }

  /** The group's keys as the file had them; never changed. */
  private original(g: Group): ReadonlyMap<string, number> {
    if (!g.fromFile) return NO_KEYS;
    return (g.file ??= this.entriesOf(g.name)).last;
  }

  /** The previous entry line of the same key. A line an edit added has none: a key gets a new
   *  line only when it has no entry left. */
  private keyBefore(g: Group, at: number): number {
    if (at >= this.fileLines) return NONE;
    return (g.file ??= this.entriesOf(g.name)).sameKeyBefore[at] ?? NONE;
  }

  /** A group seen for the first time while reading starts from the file's index; one made by an
   *  edit (even under the name of a group removed before) starts empty. */
  private openSection(name: string, header: number, reading = true): { id: number; section: Section; group: Group } {
    let group = this.groups.get(name);
    if (!group)
      this.groups.set(name, (group = { name, sections: [], fromFile: reading, changed: new Map(), content: 0 }));
    const id = this.sections.length;
    const section: Section = { header, lastContent: header };
    this.sections.push(section);
    group.sections.push(id);
    return { id, section, group };
  }

  /** A key that has no entry now gets one; it comes last among the group's keys. */
  private addKey(g: Group, key: string, at: number): void {
    g.changed.delete(key);
    g.changed.set(key, at);
  }

  /** Gives a new line its number, not yet in the list. */
  private add(line: KeyFileLine, section: number): number {
    const at = this.lineAt.length;
    this.lineAt.push(line);
    if (at >= this.next.length) this.grow();
    this.sectionOf[at] = section;
    return at;
  }

  private grow(): void {
    const size = this.next.length * 2;
    const bigger = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.next = bigger(this.next, (n) => new Int32Array(n));
    this.prev = bigger(this.prev, (n) => new Int32Array(n));
    this.sectionOf = bigger(this.sectionOf, (n) => new Int32Array(n));
    this.removed = bigger(this.removed, (n) => new Uint8Array(n));
  }

  /** Puts a line at the end of the list. */
  private link(at: number): void {
    this.prev[at] = this.tail;
    this.next[at] = NONE;
    if (this.tail === NONE) this.head = at;
    else this.next[this.tail] = at;
    this.tail = at;
  }

  private insertAfter(after: number, at: number): void {
    if (after === this.tail) {
      // A line added after the last one gives the file the final newline it may have lacked.
      this.finalNewlineNow = true;
      this.link(at);
      return;
    }
    const following = this.next[after] ?? NONE;
    this.prev[at] = after;
    this.next[at] = following;
    this.prev[following] = at;
    this.next[after] = at;
  }

  /** Takes a line out of the list; its own prev and next stay as they were. */
  private unlink(at: number): void {
    const p = this.prev[at] ?? NONE;
    const n = this.next[at] ?? NONE;
    if (p === NONE) this.head = n;
    else this.next[p] = n;
    if (n === NONE) this.tail = p;
    else this.prev[n] = p;
    this.removed[at] = 1;
  }
}
