// Writes a context into a keyfile in the order flatpak_context_save_metadata does, so a new file
// is byte-identical to what `flatpak override` writes and a flattened one to what
// `flatpak info --show-permissions` prints. In an existing file only the keys whose meaning
// changes are rewritten; tokens this Flatpak does not know, other keys, other groups and
// comments stay as they are. All edits go into one draft of the file, so an edit of many keys
// costs one pass over it rather than one copy of the file per key.

import { FLAG_KINDS, flagOption, knownFlags, type FlagKind } from './catalogue';
import {
  applyGenericPolicy,
  BUS_GROUP,
  GROUP,
  KEY,
  parsePolicy,
  sameEntries,
  takeFilesystem,
  type Context,
} from './context';
import { formatFilesystem, parseFilesystemToken, type FsMode } from './filesystem';
import { formatNegation, parseNegation } from './negation';
import { plainListLength, unescapedText } from '../keyfile/escape';
import type { KeyFileDraft } from '../keyfile/draft';
import type { KeyFile } from '../keyfile/keyfile';
import type { Version } from './version';

export type WriteMode = 'override' | 'flatten';

function existingList(doc: KeyFileDraft, key: string): readonly string[] | undefined {
  const got = doc.getStringList(GROUP.context, key);
  return got && !got.problem ? got.items : undefined;
}

function setList(doc: KeyFileDraft, key: string, items: readonly string[], keepEmpty: boolean): void {
  if (items.length === 0 && !keepEmpty) doc.removeKey(GROUP.context, key);
  else doc.setStringList(GROUP.context, key, items);
}

function writeFlags(
  doc: KeyFileDraft,
  kind: FlagKind,
  wanted: ReadonlyMap<string, boolean>,
  mode: WriteMode,
  version: Version,
): void {
  const known = new Set(knownFlags(kind, version));
  const entries = [...wanted].filter(([, on]) => mode === 'override' || on);
  const target = new Map(entries);
  const old = existingList(doc, kind);
  if (old) {
    const oldMap = new Map<string, boolean>();
    for (const t of old) {
      const { negated, name } = parseNegation(t);
      if (known.has(name)) oldMap.set(name, !negated);
    }
    if (sameEntries(oldMap, target)) return;
  }
  const bit = (name: string) => flagOption(kind, name)?.bit ?? Number.MAX_SAFE_INTEGER;
  const tokens = entries.sort(([a], [b]) => bit(a) - bit(b)).map(([name, on]) => formatNegation(name, !on));
  const unknown = (old ?? []).filter((t) => !known.has(parseNegation(t).name));
  setList(doc, kind, [...tokens, ...unknown], false);
}

type Kept = (path: string, mode: FsMode) => boolean;

/** The new list when the old one is distinct paths Flatpak all understands, none a reset (which
 *  stands for `host` as well), in `order`: then no set of what was written is needed. */
function listFromDistinct(
  order: ReadonlyMap<string, FsMode>,
  wanted: ReadonlyMap<string, FsMode>,
  kept: Kept,
): string[] {
  const tokens: string[] = [];
  const reset = wanted.get('host-reset');
  // `!host:reset` goes first: it drops what stands before it in the same list.
  if (reset !== undefined && kept('host-reset', reset)) tokens.push(formatFilesystem('host-reset', reset));
  order.forEach((_, path) => {
    const m = wanted.get(path);
    if (m !== undefined && kept(path, m)) tokens.push(formatFilesystem(path, m));
  });
  wanted.forEach((m, path) => {
    if (path !== 'host-reset' && !order.has(path) && kept(path, m)) tokens.push(formatFilesystem(path, m));
  });
  return tokens;
}

/**
 * `known`, when given, is what the old list reads as (the loaded context's filesystems). When it
 * holds as many paths as the list has tokens and no reset, every token was understood and none
 * repeats, so the list is not parsed again: its order is the map's.
 */
function writeFilesystems(
  doc: KeyFileDraft,
  wanted: ReadonlyMap<string, FsMode>,
  mode: WriteMode,
  known?: ReadonlyMap<string, FsMode>,
): void {
  const kept: Kept = (path, m) => !(mode === 'flatten' && (m === 'none' || path === 'host-reset'));
  let tokens: string[];
  // The shortcut needs only the number of old tokens: a list with no escape is not decoded for it.
  const raw = doc.getRaw(GROUP.context, KEY.filesystems);
  const plainLength = raw === undefined ? 0 : plainListLength(raw);
  const old = plainLength === undefined ? existingList(doc, KEY.filesystems) : undefined;
  const oldLength = plainLength ?? old?.length ?? 0;
  if (known && !known.has('host-reset') && known.size === oldLength) {
    // A list without escapes always reads; one with them only when it decodes without a problem.
    const listed = plainLength === undefined ? old !== undefined : raw !== undefined;
    if (listed && mode === 'override' && sameEntries(known, wanted)) return;
    tokens = listFromDistinct(known, wanted, kept);
  } else {
    const oldList = old ?? existingList(doc, KEY.filesystems);
    const oldTokens = oldList ?? [];
    // Each old token is parsed once, for the comparison and for the order of the new list.
    const parsedOld = oldTokens.map(parseFilesystemToken);
    // What the old list says for each path, in order of first appearance.
    const oldMap = new Map<string, FsMode>();
    for (const p of parsedOld) if (p.ok) takeFilesystem(oldMap, p.path, p.mode);
    if (oldList && mode === 'override' && sameEntries(oldMap, wanted)) return;
    if (!oldMap.has('host-reset') && parsedOld.every((p) => p.ok)) {
      tokens = listFromDistinct(oldMap, wanted, kept);
    } else {
      tokens = [];
      const done = new Set<string>();
      const emit = (path: string) => {
        const m = wanted.get(path);
        if (m === undefined || done.has(path)) return;
        done.add(path);
        if (kept(path, m)) tokens.push(formatFilesystem(path, m));
      };
      emit('host-reset');
      parsedOld.forEach((p, i) => {
        if (p.ok) emit(p.path);
        else if (!p.fatal) tokens.push(oldTokens[i] ?? '');
      });
      for (const path of wanted.keys()) emit(path);
    }
  }
  // Flatpak writes an empty `filesystems=` when every entry it holds is a revocation.
  setList(doc, KEY.filesystems, tokens, wanted.size > 0);
}

function writeStringSet(doc: KeyFileDraft, key: string, wanted: readonly string[]): void {
  const old = existingList(doc, key);
  const wantedSet = new Set(wanted);
  if (old && old.length === new Set(old).size && old.length === wantedSet.size && old.every((x) => wantedSet.has(x)))
    return;
  const ordered = [...new Set([...(old ?? []).filter((x) => wantedSet.has(x)), ...wanted])];
  setList(doc, key, ordered, false);
}

/** `text` gives the string to store for a wanted value; the context's own map is passed in, as a
 *  copy of a large group's entries into a new map cost more than the rest of the write. */
function writeGroupEntries<T>(
  doc: KeyFileDraft,
  group: string,
  wanted: ReadonlyMap<string, T>,
  text: (value: T) => string,
  same: (oldRaw: string, wanted: string) => boolean,
  meaningful: (oldRaw: string) => boolean,
): void {
  const before = doc.revision;
  // An entry Flatpak ignores (such as an unknown policy) is left as it is.
  for (const key of doc.keys(group))
    if (!wanted.has(key) && meaningful(doc.getRaw(group, key) ?? '')) doc.removeKey(group, key);
  for (const [key, value] of wanted) {
    const raw = doc.getRaw(group, key);
    const wantedText = text(value);
    if (raw !== undefined && same(raw, wantedText)) continue;
    doc.setString(group, key, wantedText);
  }
  // Flatpak drops a bus policy or environment group it empties; an untouched empty one stays.
  if (doc.revision !== before && doc.isGroupEmpty(group)) doc.removeGroup(group);
}

const samePolicy = (oldRaw: string, wanted: string) => parsePolicy(unescapedText(oldRaw)) === wanted;
const sameString = (oldRaw: string, wanted: string) => unescapedText(oldRaw) === wanted;

/**
 * Writes `ctx` into `doc`; in `flatten` mode revocations are left out, as Flatpak prints them.
 * `current`, when given, must be what `doc` reads as (loadContext): a part of `ctx` that is the
 * very map `current` holds is then known to need no rewriting and is not compared entry by
 * entry, which for a large override is most of the work of a small edit.
 */
export function writeContext(
  doc: KeyFile,
  ctx: Context,
  mode: WriteMode,
  version: Version,
  current?: Context,
): KeyFile {
  return doc.edit((draft) => writeInto(draft, ctx, mode, version, current));
}

function writeInto(
  out: KeyFileDraft,
  ctx: Context,
  mode: WriteMode,
  version: Version,
  current: Context | undefined,
): void {
  const untouched = (part: (c: Context) => unknown) =>
    mode === 'override' && current !== undefined && part(ctx) === part(current);
  for (const kind of FLAG_KINDS) writeFlags(out, kind, ctx.flags[kind], mode, version);
  // The same map means the same paths and modes: the old list already says exactly that.
  if (!untouched((c) => c.filesystems)) writeFilesystems(out, ctx.filesystems, mode, current?.filesystems);
  writeStringSet(out, KEY.persistent, [...ctx.persistent]);

  for (const kind of ['session', 'system'] as const) {
    const all = ctx.bus[kind];
    // Every name whose policy Flatpak reads is in the map with that policy: nothing to remove or set.
    if (untouched((c) => c.bus[kind])) continue;
    const wanted = mode === 'override' ? all : new Map([...all].filter(([, policy]) => policy !== 'none'));
    writeGroupEntries(
      out,
      BUS_GROUP[kind],
      wanted,
      (policy) => policy,
      samePolicy,
      (raw) => parsePolicy(unescapedText(raw)) !== undefined,
    );
  }

  // Flatpak writes a removed variable both as `NAME=` and in unset-environment, for old readers.
  const removed: string[] = [];
  ctx.env.forEach((value, name) => {
    if (value === null) removed.push(name);
  });
  // A removed variable may lack its `NAME=` line, so only a map without removals is known to be written.
  if (!(untouched((c) => c.env) && removed.length === 0))
    writeGroupEntries(
      out,
      GROUP.environment,
      ctx.env,
      (value) => value ?? '',
      sameString,
      () => true,
    );
  writeStringSet(out, KEY.unsetEnvironment, removed);

  const wantedPolicies = new Map<string, readonly string[]>();
  for (const [key, values] of ctx.policies) {
    const kept = mode === 'flatten' ? values.filter((v) => !parseNegation(v).negated) : values;
    if (key.includes('.') && kept.length > 0) wantedPolicies.set(key, kept);
  }
  const normalised = (items: readonly string[]) => items.reduce<string[]>((acc, v) => applyGenericPolicy(acc, v), []);
  for (const group of out.groupNames().filter((g) => g.startsWith(GROUP.policyPrefix))) {
    const before = out.revision;
    for (const key of out.keys(group)) {
      const items = out.getStringList(group, key);
      const policyKey = `${group.slice(GROUP.policyPrefix.length)}.${key}`;
      if (items && !items.problem && items.items.length > 0 && !wantedPolicies.has(policyKey))
        out.removeKey(group, key);
    }
    if (out.revision !== before && out.isGroupEmpty(group)) out.removeGroup(group);
  }
  for (const [policyKey, values] of wantedPolicies) {
    const dot = policyKey.indexOf('.');
    const group = GROUP.policyPrefix + policyKey.slice(0, dot);
    const key = policyKey.slice(dot + 1);
    const old = out.getStringList(group, key);
    if (old && !old.problem && JSON.stringify(normalised(old.items)) === JSON.stringify(normalised(values))) continue;
    out.setStringList(group, key, values);
  }
}
