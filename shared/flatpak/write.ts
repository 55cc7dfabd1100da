// Writes a context into a keyfile in the order flatpak_context_save_metadata does, so a new file
// is byte-identical to what `flatpak override` writes and a flattened one to what
// `flatpak info --show-permissions` prints. In an existing file only the keys whose meaning
// changes are rewritten; tokens this Flatpak does not know, other keys, other groups and
// comments stay as they are.

import { FLAG_KINDS, flagOption, knownFlags, type FlagKind } from './catalogue';
import { applyGenericPolicy, BUS_GROUP, GROUP, KEY, parsePolicy, takeFilesystem, type Context } from './context';
import { formatFilesystem, parseFilesystem, type FsMode } from './filesystem';
import { unescapeValue } from '../keyfile/escape';
import type { KeyFile } from '../keyfile/keyfile';
import type { Version } from './version';

export type WriteMode = 'override' | 'flatten';

const sameMap = <K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>): boolean =>
  a.size === b.size && [...a].every(([k, v]) => b.has(k) && b.get(k) === v);

function existingList(doc: KeyFile, key: string): readonly string[] | undefined {
  const got = doc.getStringList(GROUP.context, key);
  return got && !got.problem ? got.items : undefined;
}

function setList(doc: KeyFile, key: string, items: readonly string[], keepEmpty: boolean): KeyFile {
  if (items.length === 0 && !keepEmpty) return doc.withoutKey(GROUP.context, key);
  return doc.withStringList(GROUP.context, key, items);
}

function writeFlags(doc: KeyFile, kind: FlagKind, wanted: ReadonlyMap<string, boolean>, mode: WriteMode, version: Version): KeyFile {
  const known = new Set(knownFlags(kind, version));
  const entries = [...wanted].filter(([, on]) => mode === 'override' || on);
  const target = new Map(entries);
  const old = existingList(doc, kind);
  if (old) {
    const oldMap = new Map<string, boolean>();
    for (const t of old) {
      const neg = t.startsWith('!');
      const name = neg ? t.slice(1) : t;
      if (known.has(name)) oldMap.set(name, !neg);
    }
    if (sameMap(oldMap, target)) return doc;
  }
  const bit = (name: string) => flagOption(kind, name)?.bit ?? Number.MAX_SAFE_INTEGER;
  const tokens = entries.sort(([a], [b]) => bit(a) - bit(b)).map(([name, on]) => (on ? name : `!${name}`));
  const unknown = (old ?? []).filter((t) => !known.has(t.startsWith('!') ? t.slice(1) : t));
  return setList(doc, kind, [...tokens, ...unknown], false);
}

function writeFilesystems(doc: KeyFile, wanted: ReadonlyMap<string, FsMode>, mode: WriteMode): KeyFile {
  const old = existingList(doc, KEY.filesystems);
  if (old && mode === 'override') {
    const oldMap = new Map<string, FsMode>();
    for (const t of old) {
      const neg = t.startsWith('!');
      const p = parseFilesystem(neg ? t.slice(1) : t, neg);
      if (p.ok) takeFilesystem(oldMap, p.path, p.mode);
    }
    if (sameMap(oldMap, wanted)) return doc;
  }
  const tokens: string[] = [];
  const done = new Set<string>();
  const emit = (path: string) => {
    const m = wanted.get(path);
    if (m === undefined || done.has(path)) return;
    done.add(path);
    if (mode === 'flatten' && (m === 'none' || path === 'host-reset')) return;
    tokens.push(formatFilesystem(path, m));
  };
  // `!host:reset` goes first: it drops what stands before it in the same list.
  emit('host-reset');
  for (const t of old ?? []) {
    const neg = t.startsWith('!');
    const p = parseFilesystem(neg ? t.slice(1) : t, neg);
    if (p.ok) emit(p.path);
    else if (!p.fatal) tokens.push(t);
  }
  for (const path of wanted.keys()) emit(path);
  // Flatpak writes an empty `filesystems=` when every entry it holds is a revocation.
  return setList(doc, KEY.filesystems, tokens, wanted.size > 0);
}

function writeStringSet(doc: KeyFile, key: string, wanted: readonly string[]): KeyFile {
  const old = existingList(doc, key);
  const wantedSet = new Set(wanted);
  if (old && old.length === new Set(old).size && old.length === wantedSet.size && old.every((x) => wantedSet.has(x))) return doc;
  const ordered = [...new Set([...(old ?? []).filter((x) => wantedSet.has(x)), ...wanted])];
  return setList(doc, key, ordered, false);
}

function writeGroupEntries(
  doc: KeyFile,
  group: string,
  wanted: ReadonlyMap<string, string>,
  same: (oldRaw: string, wanted: string) => boolean,
  meaningful: (oldRaw: string) => boolean,
): KeyFile {
  let out = doc;
  // An entry Flatpak ignores (such as an unknown policy) is left as it is.
  for (const key of doc.keys(group)) if (!wanted.has(key) && meaningful(doc.getRaw(group, key) ?? '')) out = out.withoutKey(group, key);
  for (const [key, value] of wanted) {
    const raw = out.getRaw(group, key);
    if (raw !== undefined && same(raw, value)) continue;
    out = out.withString(group, key, value);
  }
  // Flatpak drops a bus policy or environment group it empties; an untouched empty one stays.
  return out !== doc && out.isGroupEmpty(group) ? out.withoutGroup(group) : out;
}

const samePolicy = (oldRaw: string, wanted: string) => parsePolicy(unescapeValue(oldRaw).value) === wanted;
const sameString = (oldRaw: string, wanted: string) => unescapeValue(oldRaw).value === wanted;

/** Writes `ctx` into `doc`; in `flatten` mode revocations are left out, as Flatpak prints them. */
export function writeContext(doc: KeyFile, ctx: Context, mode: WriteMode, version: Version): KeyFile {
  let out = doc;
  for (const kind of FLAG_KINDS) out = writeFlags(out, kind, ctx.flags[kind], mode, version);
  out = writeFilesystems(out, ctx.filesystems, mode);
  out = writeStringSet(out, KEY.persistent, [...ctx.persistent]);

  for (const kind of ['session', 'system'] as const) {
    const wanted = new Map<string, string>();
    for (const [name, policy] of ctx.bus[kind]) if (mode === 'override' || policy !== 'none') wanted.set(name, policy);
    out = writeGroupEntries(out, BUS_GROUP[kind], wanted, samePolicy, (raw) => parsePolicy(unescapeValue(raw).value) !== undefined);
  }

  // Flatpak writes a removed variable both as `NAME=` and in unset-environment, for old readers.
  const envValues = new Map<string, string>();
  for (const [name, value] of ctx.env) envValues.set(name, value ?? '');
  out = writeGroupEntries(out, GROUP.environment, envValues, sameString, () => true);
  out = writeStringSet(out, KEY.unsetEnvironment, [...ctx.env].filter(([, v]) => v === null).map(([k]) => k));

  const wantedPolicies = new Map<string, readonly string[]>();
  for (const [key, values] of ctx.policies) {
    const kept = mode === 'flatten' ? values.filter((v) => !v.startsWith('!')) : values;
    if (key.includes('.') && kept.length > 0) wantedPolicies.set(key, kept);
  }
  const normalised = (items: readonly string[]) => items.reduce<string[]>((acc, v) => applyGenericPolicy(acc, v), []);
  for (const group of out.groupNames().filter((g) => g.startsWith(GROUP.policyPrefix))) {
    const before = out;
    for (const key of out.keys(group)) {
      const items = out.getStringList(group, key);
      const policyKey = `${group.slice(GROUP.policyPrefix.length)}.${key}`;
      if (items && !items.problem && items.items.length > 0 && !wantedPolicies.has(policyKey)) out = out.withoutKey(group, key);
    }
    if (out !== before && out.isGroupEmpty(group)) out = out.withoutGroup(group);
  }
  for (const [policyKey, values] of wantedPolicies) {
    const dot = policyKey.indexOf('.');
    const group = GROUP.policyPrefix + policyKey.slice(0, dot);
    const key = policyKey.slice(dot + 1);
    const old = out.getStringList(group, key);
    if (old && !old.problem && JSON.stringify(normalised(old.items)) === JSON.stringify(normalised(values))) continue;
    out = out.withStringList(group, key, values);
  }

  return out;
}
