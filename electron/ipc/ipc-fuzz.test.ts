// Fuzzing of every IPC channel through dispatch(): valid payloads, and mutations of them (wrong
// types, extra and missing keys, bad IDs, invalid keyfile bytes, values outside a portal's
// vocabulary, huge strings). A payload that reaches a handler must satisfy the oracle below,
// which is written here from Flatpak's and xdg-desktop-portal's documented grammar, not from
// the schemas; for the bytes of an override file the oracle is Flatpak itself, which must load
// the file. Valid payloads must all reach their handler.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flatpak, testbed, workspace } from '../../test/helpers/testbed';
import { CHANNEL_NAMES, type Channel } from '../../shared/ipc/names';
import { HELP_LINKS } from '../../shared/ipc/links';
import { RULE_IDS } from '../../shared/hardening/presets';
import type { FlatpakCore } from '../services/core';
import { dispatch, type Handlers } from './dispatch';
import { testHandlers } from '../../test/helpers/handlers';

// ---- the grammar, as Flatpak documents it (flatpak-metadata(5), flatpak-override(1)) ---------

const FLAGS: Readonly<Record<string, readonly string[]>> = {
  shared: ['network', 'ipc'],
  sockets: [
    'x11',
    'wayland',
    'fallback-x11',
    'pulseaudio',
    'system-bus',
    'session-bus',
    'ssh-auth',
    'pcsc',
    'cups',
    'gpg-agent',
    'inherit-wayland-socket',
  ],
  devices: ['dri', 'all', 'kvm', 'shm', 'input', 'usb'],
  features: ['devel', 'multiarch', 'bluetooth', 'canbus', 'per-app-dev-shm'],
};
const FLAG_KINDS = Object.keys(FLAGS);
const XDG_DIRS = [
  'xdg-desktop',
  'xdg-documents',
  'xdg-download',
  'xdg-music',
  'xdg-pictures',
  'xdg-public-share',
  'xdg-templates',
  'xdg-videos',
  'xdg-data',
  'xdg-cache',
  'xdg-config',
  'xdg-run',
];
const FS_KEYWORDS = ['host', 'host-os', 'host-etc', 'home'];
const FS_MODES = ['none', 'ro', 'rw', 'create'];
const BUS_POLICIES = ['none', 'see', 'talk', 'own'];
const PRESETS = ['recommended', 'strict', 'offline'];

// xdg-desktop-portal's permission store: the tables portals write, and their words.
const TRISTATE_TABLES = ['background', 'notifications', 'devices', 'screenshot', 'wallpaper', 'realtime'];
const LOCATION_LEVELS = ['NONE', 'COUNTRY', 'CITY', 'NEIGHBORHOOD', 'STREET', 'EXACT'];
const DOCUMENT_WORDS = ['read', 'write', 'grant-permissions', 'delete'];
const INHIBIT_WORDS = ['logout', 'switch', 'suspend', 'idle'];
/** The entries the window shows a switch for, with what "allow" and "deny" are in each. */
const SWITCHES: readonly { table: string; id: string; allow: string[]; deny: string[] }[] = [
  { table: 'background', id: 'background', allow: ['yes'], deny: ['no'] },
  { table: 'notifications', id: 'notification', allow: ['yes'], deny: ['no'] },
  { table: 'devices', id: 'camera', allow: ['yes'], deny: ['no'] },
  { table: 'devices', id: 'microphone', allow: ['yes'], deny: ['no'] },
  { table: 'devices', id: 'speakers', allow: ['yes'], deny: ['no'] },
  { table: 'location', id: 'location', allow: ['EXACT', '0'], deny: ['NONE', '0'] },
  { table: 'screenshot', id: 'screenshot', allow: ['yes'], deny: ['no'] },
  { table: 'wallpaper', id: 'wallpaper', allow: ['yes'], deny: ['no'] },
  { table: 'gamemode', id: 'gamemode', allow: ['yes'], deny: ['no'] },
  { table: 'realtime', id: 'realtime', allow: ['yes'], deny: ['no'] },
];

// ---- the oracle ------------------------------------------------------------------------------

type Obj = Record<string, unknown>;

/** A plain object: what structured clone delivers (fast-check also makes null-prototype ones). */
const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  [Object.prototype, null].includes(Object.getPrototypeOf(v) as object | null);
/** Exactly these keys (optional ones may be missing or undefined). */
const keys = (o: Obj, required: readonly string[], optional: readonly string[] = []) =>
  required.every((k) => k in o && o[k] !== undefined) &&
  Object.keys(o).every((k) => required.includes(k) || optional.includes(k));
const opt = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);
// Text that UTF-8 (files) and D-Bus can carry unchanged: no lone surrogate.
const wellFormed = (s: string) => !/\p{Cs}/u.test(s);
const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max && wellFormed(v);
const arrayOf = (v: unknown, min: number, max: number, item: (x: unknown) => boolean): v is unknown[] =>
  Array.isArray(v) && v.length >= min && v.length <= max && v.every(item);

/** flatpak_is_valid_name: 3+ elements of [A-Za-z0-9_], none starting with a digit; `-` only in the last. */
const appId = (v: unknown) =>
  text(v, 255) && /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+\.[A-Za-z_-][A-Za-z0-9_-]*$/.test(v);
/** One of the window's pages: its own three, or an app's. */
const isPage = (v: unknown) =>
  isObj(v) &&
  (['overview', 'global', 'system'].includes(v.kind as string)
    ? keys(v, ['kind'])
    : v.kind === 'app' && keys(v, ['kind', 'appId']) && appId(v.appId));
/** A D-Bus well-known name (2+ elements of [A-Za-z0-9_-], none starting with a digit), or a `.*` prefix of one. */
const busName = (v: unknown) =>
  text(v, 255) && /^[A-Za-z_-][A-Za-z0-9_-]*(?:\.[A-Za-z_-][A-Za-z0-9_-]*)+(?:\.\*)?$/.test(v);
/** g_unichar_isgraph, or a plain space: what Flatpak accepts in a path. */
const graphical = (s: string) => wellFormed(s) && !/[\p{Cc}\p{Cf}\p{Cn}\p{Zs}]/u.test(s.replaceAll(' ', 'a'));
/** Segments of a path in normal form: none empty, `.` or `..`. */
const normalSegments = (s: string) => s.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
/** A --filesystem location as Flatpak stores it: keyword, xdg-dir[/sub], ~/sub or /path, normalised. */
function fsPath(v: unknown): boolean {
  if (!text(v, 4096) || !graphical(v)) return false;
  if (FS_KEYWORDS.includes(v)) return true;
  const slash = v.indexOf('/');
  const head = slash < 0 ? v : v.slice(0, slash);
  if (XDG_DIRS.includes(head)) return slash < 0 ? head !== 'xdg-run' : normalSegments(v.slice(slash + 1));
  if (v.startsWith('~/')) return normalSegments(v.slice(2));
  if (v.startsWith('/')) return normalSegments(v.slice(1));
  return false;
}
/** A --persist path: relative to home, without `..`. */
const persistPath = (v: unknown) =>
  text(v, 4096) &&
  graphical(v) &&
  !v.startsWith('/') &&
  v !== '.' &&
  v !== './' &&
  v.split('/').every((s) => s !== '..') &&
  v !== '';
/** An environment variable Flatpak can set (no `=`, no NUL) that a keyfile can hold as a key. */
const envName = (v: unknown) =>
  text(v, 4096) &&
  v !== '' &&
  // eslint-disable-next-line no-control-regex
  !/[=[\]\x00-\x1f\x7f]/.test(v) &&
  !v.startsWith(' ') &&
  !v.endsWith(' ') &&
  !v.startsWith('#');
const envValue = (v: unknown) => text(v, 65536) && !v.includes('\0');
/** is_good_installation_id, plus the two built-in names. */
const installationId = (v: unknown) => text(v, 80) && /^[\x21-\x7e]+$/.test(v) && !v.includes('/');
const proposalId = (v: unknown) => typeof v === 'string' && RULE_IDS.some((r) => v === r || v === `${r}:wider`);
/** A table is a file of the store's folder; an entry ID travels over D-Bus. */
const storeTable = (v: unknown) => text(v, 255) && /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/.test(v);
// eslint-disable-next-line no-control-regex
const storeId = (v: unknown) => text(v, 1024) && v !== '' && !/[\x00-\x1f\x7f-\x9f]/.test(v);
const storedValue = (v: unknown) => v === null || arrayOf(v, 0, 64, (x) => text(x, 1000));
/** What a portal writes in a table (xdg-desktop-portal's src/*.c). */
function portalWrites(table: string, v: unknown): boolean {
  if (v === null) return true;
  if (!arrayOf(v, 1, 64, (x) => text(x, 1000))) return false;
  const items = v as string[];
  const unique = new Set(items).size === items.length;
  if (TRISTATE_TABLES.includes(table)) return items.length === 1 && ['yes', 'no', 'ask'].includes(items[0] ?? '');
  if (table === 'gamemode') return items.length === 1 && ['yes', 'no'].includes(items[0] ?? '');
  if (table === 'location')
    return items.length === 2 && LOCATION_LEVELS.includes(items[0] ?? '') && /^\d+$/.test(items[1] ?? '');
  if (table === 'documents') return unique && items.every((x) => DOCUMENT_WORDS.includes(x));
  if (table === 'inhibit') return unique && items.every((x) => INHIBIT_WORDS.includes(x));
  // eslint-disable-next-line no-control-regex
  return items.every((x) => x !== '' && !/[\x00-\x1f\x7f-\x9f\u2028\u2029]/.test(x));
}
/** What the window may set: "not set", or a switch's own allow or deny value. */
function windowSets(table: string, id: string, v: unknown): boolean {
  if (v === null) return true;
  const sw = SWITCHES.find((s) => s.table === table && s.id === id);
  return sw !== undefined && portalWrites(table, v);
}
const canonicalBase64 = (v: unknown): v is string =>
  text(v, 4 * 1024 * 1024) && Buffer.from(v, 'base64').toString('base64') === v;

function change(c: unknown): boolean {
  if (!isObj(c) || typeof c.kind !== 'string') return false;
  if (FLAG_KINDS.includes(c.kind))
    return (
      keys(c, ['kind', 'name'], ['value']) &&
      (FLAGS[c.kind] ?? []).includes(c.name as string) &&
      opt(c.value, (x) => typeof x === 'boolean')
    );
  switch (c.kind) {
    case 'filesystems':
      return (
        keys(c, ['kind', 'path'], ['value']) && fsPath(c.path) && opt(c.value, (x) => FS_MODES.includes(x as string))
      );
    case 'filesystem-reset':
      return keys(c, ['kind'], ['value']) && opt(c.value, (x) => x === true);
    case 'persistent':
      return keys(c, ['kind', 'path'], ['value']) && persistPath(c.path) && opt(c.value, (x) => x === true);
    case 'environment':
      return keys(c, ['kind', 'name'], ['value']) && envName(c.name) && opt(c.value, (x) => x === null || envValue(x));
    case 'bus':
      return (
        keys(c, ['kind', 'bus', 'name'], ['value']) &&
        (c.bus === 'session' || c.bus === 'system') &&
        busName(c.name) &&
        opt(c.value, (x) => BUS_POLICIES.includes(x as string))
      );
    default:
      return false;
  }
}

// Flatpak itself decides whether it loads an override file: `flatpak info --show-permissions`
// on an app of the test bed loads its user override (flatpak_context_load_metadata), reads
// nothing else into it and writes nothing, and fails on a file it refuses. Each check runs in
// a private workspace (its own HOME and override folders over the shared test bed).
const APP_OF_TESTBED = testbed().apps[0]?.id ?? '';
const idle: Record<string, string>[] = [];
const loads = new Map<string, Promise<boolean>>();
function flatpakLoads(base64: string): Promise<boolean> {
  let verdict = loads.get(base64);
  if (!verdict) {
    verdict = (async () => {
      // Pooled for the whole file, so it outlives the test that made it.
      const env = idle.pop() ?? (await workspace(testbed(), 'file'));
      try {
        await writeFile(join(env.FLATPAK_USER_DIR ?? '', 'overrides', APP_OF_TESTBED), Buffer.from(base64, 'base64'));
        return (await flatpak(env, ['info', '--user', '--show-permissions', APP_OF_TESTBED])).code === 0;
      } finally {
        idle.push(env);
      }
    })();
    loads.set(base64, verdict);
  }
  return verdict;
}

const empty = (p: unknown) => isObj(p) && Object.keys(p).length === 0;

/** Whether a payload is valid for its channel, decided without the schemas. */
const ORACLE: { readonly [C in Channel]: (p: unknown) => boolean | Promise<boolean> } = {
  'catalog:list': empty,
  'catalog:marks': empty,
  'catalog:apps': (p) => isObj(p) && keys(p, ['appIds']) && arrayOf(p.appIds, 1, 10_000, appId),
  'audit:load': empty,
  'system:status': empty,
  'transfer:import-preview': empty,
  'settings:get': empty,
  'permissions:get': (p) =>
    isObj(p) &&
    keys(p, [], ['appId', 'installation']) &&
    'appId' in p &&
    (p.appId === null || appId(p.appId)) &&
    opt(p.installation, installationId),
  'override:change': (p) =>
    isObj(p) &&
    keys(p, ['changes'], ['appId']) &&
    'appId' in p &&
    (p.appId === null || appId(p.appId)) &&
    arrayOf(p.changes, 1, 500, change),
  'override:reset': (p) => isObj(p) && keys(p, [], ['appId']) && 'appId' in p && (p.appId === null || appId(p.appId)),
  'override:restore': async (p) => {
    if (!isObj(p) || !keys(p, ['files'], ['portals', 'seen'])) return false;
    const files = p.files;
    const portals = p.portals ?? [];
    const seen = p.seen ?? [];
    const reviewItem = (x: unknown) => text(x, 4200) && x.length >= 3 && x.startsWith('--') && !x.includes('\0');
    const seenOk = (e: unknown) =>
      isObj(e) &&
      keys(e, ['appId', 'installation', 'seen', 'unseen']) &&
      appId(e.appId) &&
      installationId(e.installation) &&
      arrayOf(e.seen, 0, 10_000, reviewItem) &&
      arrayOf(e.unseen, 0, 10_000, reviewItem);
    const fileOk = (f: unknown) =>
      isObj(f) &&
      keys(f, [], ['appId', 'expected', 'content']) &&
      ['appId', 'expected', 'content'].every((k) => k in f) &&
      (f.appId === null || appId(f.appId)) &&
      (f.expected === null || canonicalBase64(f.expected)) &&
      (f.content === null || canonicalBase64(f.content));
    const portalOk = (e: unknown) =>
      isObj(e) &&
      keys(e, ['appId', 'table', 'id'], ['expected', 'content']) &&
      'expected' in e &&
      'content' in e &&
      appId(e.appId) &&
      storeTable(e.table) &&
      storeId(e.id) &&
      storedValue(e.expected) &&
      portalWrites(e.table as string, e.content);
    if (
      !arrayOf(files, 0, 10_000, fileOk) ||
      !arrayOf(portals, 0, 10_000, portalOk) ||
      !arrayOf(seen, 0, 10_000, seenOk) ||
      files.length + portals.length === 0
    )
      return false;
    const contents = files.flatMap((f) => (isObj(f) && typeof f.content === 'string' ? [f.content] : []));
    return (await Promise.all(contents.map(flatpakLoads))).every(Boolean);
  },
  'portals:get': (p) => isObj(p) && keys(p, ['appId']) && appId(p.appId),
  'sandbox:verify': (p) =>
    isObj(p) &&
    keys(p, ['appId'], ['before']) &&
    appId(p.appId) &&
    (p.before === undefined || p.before === null || canonicalBase64(p.before)),
  'sandbox:stop': (p) => isObj(p) && keys(p, ['appId']) && appId(p.appId),
  'portals:set': (p) =>
    isObj(p) &&
    keys(p, ['appId', 'table', 'id'], ['value']) &&
    'value' in p &&
    appId(p.appId) &&
    storeTable(p.table) &&
    storeId(p.id) &&
    windowSets(p.table as string, p.id as string, p.value),
  'harden:preview': (p) =>
    isObj(p) &&
    keys(p, ['appIds', 'preset'], ['choices']) &&
    (p.appIds === 'all' || arrayOf(p.appIds, 1, 10_000, appId)) &&
    PRESETS.includes(p.preset as string) &&
    opt(
      p.choices,
      (c) =>
        isObj(c) &&
        Object.keys(c).length <= 10_000 &&
        Object.entries(c).every(([k, ids]) => appId(k) && arrayOf(ids, 0, 200, proposalId)),
    ),
  'harden:apply': (p) =>
    isObj(p) &&
    keys(p, ['preset', 'items']) &&
    PRESETS.includes(p.preset as string) &&
    arrayOf(
      p.items,
      1,
      10_000,
      (i) =>
        isObj(i) && keys(i, ['appId', 'proposalIds']) && appId(i.appId) && arrayOf(i.proposalIds, 0, 200, proposalId),
    ),
  'transfer:export': (p) => isObj(p) && keys(p, ['kind']) && (p.kind === 'file' || p.kind === 'system-tree'),
  // Some overrides, or only the review state.
  'transfer:import-apply': (p) =>
    isObj(p) &&
    keys(p, ['token', 'apps'], ['review']) &&
    typeof p.token === 'string' &&
    /^[0-9a-f]{32}$/.test(p.token) &&
    opt(p.review, (r) => typeof r === 'boolean') &&
    arrayOf(p.apps, p.review === true ? 0 : 1, 10_000, (a) => a === null || appId(a)),
  'link:open': (p) => isObj(p) && keys(p, ['link']) && Object.keys(HELP_LINKS).includes(p.link as string),
  'clipboard:write': (p) => isObj(p) && keys(p, ['text']) && text(p.text, 100_000) && !p.text.includes('\0'),
  'settings:set': (p) => isObj(p) && keys(p, ['page']) && isPage(p.page),
  // A path below the home, relative to it, that cannot climb out of it.
  'fs:completePath': (p) =>
    isObj(p) &&
    keys(p, ['path']) &&
    text(p.path, 1024) &&
    (p.path === '' || (graphical(p.path) && !p.path.startsWith('/') && !p.path.split('/').includes('..'))),
  'fs:userFolders': empty,
  'review:list': empty,
  // An item is one `flatpak override` option as `confine review` prints it (`--share=network`);
  // items name the changes of a single app.
  'review:decide': (p) =>
    isObj(p) &&
    keys(p, ['appIds', 'deny'], ['items']) &&
    arrayOf(p.appIds, 1, 10_000, appId) &&
    typeof p.deny === 'boolean' &&
    opt(
      p.items,
      (i) =>
        arrayOf(i, 1, 500, (x) => text(x, 4200) && x.length >= 3 && x.startsWith('--') && !x.includes('\0')) &&
        (p.appIds as unknown[]).length === 1,
    ),
  'review:lock': (p) => isObj(p) && keys(p, ['appId', 'locked']) && appId(p.appId) && typeof p.locked === 'boolean',
};

// ---- valid payloads ----------------------------------------------------------------------------

const ident = (first: string, rest: string, max = 8) =>
  fc
    .tuple(fc.constantFrom(...first), fc.array(fc.constantFrom(...rest), { maxLength: max }))
    .map(([a, b]) => a + b.join(''));
const LETTERS = 'abcxyzABCZ_';
const ALNUM = LETTERS + '0189';
const appIdArb = fc
  .tuple(
    ident(LETTERS, ALNUM),
    fc.array(ident(LETTERS, ALNUM), { minLength: 1, maxLength: 2 }),
    ident(LETTERS + '-', ALNUM + '-'),
  )
  .map(([a, m, z]) => [a, ...m, z].join('.'));
const busNameArb = fc
  .tuple(fc.array(ident(LETTERS + '-', ALNUM + '-'), { minLength: 2, maxLength: 4 }), fc.boolean())
  .map(([e, star]) => e.join('.') + (star ? '.*' : ''));
/** A path segment: graphical characters (with the ones escaping must carry: `:` and `\`), never `.` or `..`. */
const segment = fc
  .array(fc.constantFrom('a', 'B', '0', '_', '-', '.', ' ', ':', '\\', 'é', '日', '#', ';', '='), {
    minLength: 1,
    maxLength: 6,
  })
  .map((c) => c.join(''))
  .filter((s) => s !== '.' && s !== '..' && s.trim() === s);
const segments = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/'));
const fsPathArb = fc.oneof(
  fc.constantFrom(...FS_KEYWORDS),
  fc.constantFrom(...XDG_DIRS.filter((d) => d !== 'xdg-run')),
  fc.tuple(fc.constantFrom(...XDG_DIRS), segments).map(([d, s]) => `${d}/${s}`),
  segments.map((s) => `~/${s}`),
  segments.map((s) => `/${s}`),
);
const envNameArb = fc.oneof(ident('ABCXYZ_', 'ABCXYZ_019'), fc.constantFrom('a b', 'x.y', 'é', 'LD_PRELOAD', 'A;B'));
const envValueArb = fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => !s.includes('\0'));
const flagChange = fc
  .constantFrom(...FLAG_KINDS)
  .chain((kind) =>
    fc.record(
      { kind: fc.constant(kind), name: fc.constantFrom(...(FLAGS[kind] ?? [])), value: fc.boolean() },
      { requiredKeys: ['kind', 'name'] },
    ),
  );
const changeArb: fc.Arbitrary<Obj> = fc.oneof(
  flagChange,
  fc.record(
    { kind: fc.constant('filesystems'), path: fsPathArb, value: fc.constantFrom(...FS_MODES) },
    { requiredKeys: ['kind', 'path'] },
  ),
  fc.record({ kind: fc.constant('filesystem-reset'), value: fc.constant(true) }, { requiredKeys: ['kind'] }),
  fc.record(
    { kind: fc.constant('persistent'), path: segments.filter((s) => !s.startsWith(' ')), value: fc.constant(true) },
    { requiredKeys: ['kind', 'path'] },
  ),
  fc.record(
    { kind: fc.constant('environment'), name: envNameArb, value: fc.option(envValueArb, { nil: null }) },
    { requiredKeys: ['kind', 'name'] },
  ),
  fc.record(
    {
      kind: fc.constant('bus'),
      bus: fc.constantFrom('session', 'system'),
      name: busNameArb,
      value: fc.constantFrom(...BUS_POLICIES),
    },
    { requiredKeys: ['kind', 'bus', 'name'] },
  ),
);

// Override files as flatpak-metadata(5) describes them: [Context] lists, bus policies,
// [Environment], generic [Policy …] groups, unknown groups and comments (Flatpak keeps those).
const listOf = (items: fc.Arbitrary<string>) =>
  fc.array(items, { minLength: 1, maxLength: 4 }).map((xs) => xs.join(';') + ';');
const negatable = (names: readonly string[]) =>
  fc.tuple(fc.boolean(), fc.constantFrom(...names)).map(([neg, n]) => (neg ? '!' : '') + n);
const simpleSegment = fc
  .array(fc.constantFrom('a', 'B', '0', '_', '-', '.', 'é'), { minLength: 1, maxLength: 6 })
  .map((c) => c.join(''))
  .filter((s) => s !== '.' && s !== '..');
const simplePath = fc.array(simpleSegment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/'));
const fsToken = fc
  .tuple(
    fc.boolean(),
    fc.oneof(
      fc.constantFrom(...FS_KEYWORDS, 'xdg-download', 'xdg-config'),
      simplePath.map((p) => `~/${p}`),
      simplePath.map((p) => `/${p}`),
      simplePath.map((p) => `xdg-run/${p}`),
    ),
    fc.constantFrom('', ':ro', ':rw', ':create'),
  )
  .map(([neg, path, mode]) => (neg ? `!${path}` : `${path}${mode}`));
const contextLines = fc
  .record(
    {
      shared: listOf(negatable(FLAGS.shared ?? [])),
      sockets: listOf(negatable(FLAGS.sockets ?? [])),
      devices: listOf(negatable(FLAGS.devices ?? [])),
      features: listOf(negatable(FLAGS.features ?? [])),
      filesystems: listOf(fsToken),
      persistent: listOf(simplePath.filter((p) => !p.startsWith('.') || p.length > 1)),
      'unset-environment': listOf(ident('ABCXYZ_', 'ABCXYZ_019')),
    },
    { requiredKeys: [] },
  )
  .map((r) => Object.entries(r).map(([k, v]) => `${k}=${v}`));
const busLines = fc.array(
  fc.tuple(busNameArb, fc.constantFrom(...BUS_POLICIES)).map(([n, p]) => `${n}=${p}`),
  { maxLength: 3 },
);
const envLines = fc.array(
  fc
    .tuple(ident('ABCXYZ_', 'ABCXYZ_019'), fc.stringMatching(/^[A-Za-z0-9 _./:=-]{0,12}$/))
    .map(([n, v]) => `${n}=${v}`),
  { maxLength: 3 },
);
const group = (name: string, lines: fc.Arbitrary<string[]>) =>
  lines.map((l) => (l.length === 0 ? [] : [`[${name}]`, ...l]));
const overrideText = fc
  .tuple(
    fc.constantFrom([], ['# written by hand'], ['']),
    group('Context', contextLines),
    group('Session Bus Policy', busLines),
    group('System Bus Policy', busLines),
    group('Environment', envLines),
    group('Policy Foo', fc.array(fc.constantFrom('bar=a;!b;', 'baz=x;'), { maxLength: 2 })),
    group('X-Unknown', fc.array(fc.constantFrom('k=v', 'other=1;2;'), { maxLength: 2 })),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
  )
  .map(([pre, ...rest]) => {
    const [ctx, session, system, env, policy, unknown, eol, finalNewline] = rest;
    const lines = [...pre, ...ctx, ...session, ...system, ...env, ...policy, ...unknown];
    return lines.length === 0 ? '' : lines.join(eol) + (finalNewline ? eol : '');
  });
const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');
const validContent = overrideText.map(b64);

const portalRestoreArb = fc.oneof(
  fc.constantFrom(...SWITCHES).chain((s) =>
    fc.record({
      appId: appIdArb,
      table: fc.constant(s.table),
      id: fc.constant(s.id),
      expected: fc.constantFrom(null, s.allow, s.deny),
      content:
        s.table === 'location'
          ? fc.constantFrom(null, s.allow, s.deny, ['CITY', '1718000000'])
          : s.table === 'gamemode'
            ? fc.constantFrom(null, ['yes'], ['no'])
            : fc.constantFrom(null, ['yes'], ['no'], ['ask']),
    }),
  ),
  fc.record({
    appId: appIdArb,
    table: fc.constant('documents'),
    id: fc.stringMatching(/^[0-9a-f]{8}$/),
    expected: fc.constant(null),
    content: fc.shuffledSubarray(DOCUMENT_WORDS, { minLength: 1 }),
  }),
  fc.record({
    appId: appIdArb,
    table: fc.constant('inhibit'),
    id: fc.constant('inhibit'),
    expected: fc.constant(null),
    content: fc.shuffledSubarray(INHIBIT_WORDS, { minLength: 1 }),
  }),
  fc.record({
    appId: appIdArb,
    table: fc.constantFrom('screencast', 'remote-desktop', 'usb', 'desktop-used-apps'),
    id: fc.constantFrom('e3b1c0de-token', 'text/plain', 'usb:1d6b:0002'),
    expected: fc.constant(null),
    content: fc.array(fc.stringMatching(/^[A-Za-z0-9 .:-]{1,10}$/), { minLength: 1, maxLength: 3 }),
  }),
);

const VALID: { readonly [C in Channel]: fc.Arbitrary<Obj> } = {
  'catalog:list': fc.constant({}),
  'catalog:marks': fc.constant({}),
  'catalog:apps': fc.record({ appIds: fc.array(appIdArb, { minLength: 1, maxLength: 3 }) }),
  'audit:load': fc.constant({}),
  'system:status': fc.constant({}),
  'transfer:import-preview': fc.constant({}),
  'settings:get': fc.constant({}),
  'permissions:get': fc.record(
    {
      appId: fc.option(appIdArb, { nil: null }),
      installation: fc.constantFrom('user', 'default', 'extra', 'my-usb.disk_2'),
    },
    { requiredKeys: ['appId'] },
  ),
  'override:change': fc.record({
    appId: fc.option(appIdArb, { nil: null }),
    changes: fc.array(changeArb, { minLength: 1, maxLength: 5 }),
  }),
  'override:reset': fc.record({ appId: fc.option(appIdArb, { nil: null }) }),
  'override:restore': fc
    .record(
      {
        files: fc.array(
          fc.record({
            appId: fc.option(appIdArb, { nil: null }),
            expected: fc.option(fc.uint8Array({ maxLength: 40 }).map(b64), { nil: null }),
            content: fc.option(validContent, { nil: null }),
          }),
          { maxLength: 2 },
        ),
        portals: fc.array(portalRestoreArb, { maxLength: 3 }),
        seen: fc.array(
          fc.record({
            appId: appIdArb,
            installation: fc.constantFrom('user', 'default', 'extra'),
            seen: fc.array(fc.constantFrom('--share=network', '--socket=x11')),
            unseen: fc.array(fc.constantFrom('--filesystem=home', '--device=dri')),
          }),
          { maxLength: 2 },
        ),
      },
      { requiredKeys: ['files'] },
    )
    .filter((r) => r.files.length + (r.portals?.length ?? 0) > 0),
  'portals:get': fc.record({ appId: appIdArb }),
  'sandbox:verify': fc.record(
    { appId: appIdArb, before: fc.option(fc.uint8Array({ maxLength: 40 }).map(b64), { nil: null }) },
    { requiredKeys: ['appId'] },
  ),
  'sandbox:stop': fc.record({ appId: appIdArb }),
  'portals:set': fc.oneof(
    fc.constantFrom(...SWITCHES).chain((s) =>
      fc.record({
        appId: appIdArb,
        table: fc.constant(s.table),
        id: fc.constant(s.id),
        value: fc.constantFrom(null, s.allow, s.deny),
      }),
    ),
    // Entries the window has no words for can only be forgotten.
    fc.record({
      appId: appIdArb,
      table: fc.constantFrom('documents', 'screencast', 'usb'),
      id: fc.stringMatching(/^[A-Za-z0-9:/-]{1,12}$/),
      value: fc.constant(null),
    }),
  ),
  'harden:preview': fc.record(
    {
      appIds: fc.oneof(fc.constant('all'), fc.array(appIdArb, { minLength: 1, maxLength: 3 })),
      preset: fc.constantFrom(...PRESETS),
      choices: fc.dictionary(appIdArb, fc.subarray([...RULE_IDS, 'startup:wider']), { maxKeys: 3 }),
    },
    { requiredKeys: ['appIds', 'preset'] },
  ),
  'harden:apply': fc.record({
    preset: fc.constantFrom(...PRESETS),
    items: fc.array(fc.record({ appId: appIdArb, proposalIds: fc.subarray([...RULE_IDS]) }), {
      minLength: 1,
      maxLength: 3,
    }),
  }),
  'transfer:export': fc.record({ kind: fc.constantFrom('file', 'system-tree') }),
  'transfer:import-apply': fc.oneof(
    fc.record(
      {
        token: fc.stringMatching(/^[0-9a-f]{32}$/),
        apps: fc.array(fc.option(appIdArb, { nil: null }), { minLength: 1, maxLength: 3 }),
        review: fc.boolean(),
      },
      { requiredKeys: ['token', 'apps'] },
    ),
    fc.record({ token: fc.stringMatching(/^[0-9a-f]{32}$/), apps: fc.constant([]), review: fc.constant(true) }),
  ),
  'link:open': fc.record({ link: fc.constantFrom(...Object.keys(HELP_LINKS)) }),
  'clipboard:write': fc.record({
    text: fc.string({ unit: 'grapheme', maxLength: 60 }).filter((s) => !s.includes('\0')),
  }),
  'settings:set': fc.record({
    page: fc.oneof(
      fc.constantFrom({ kind: 'overview' }, { kind: 'global' }, { kind: 'system' }),
      fc.record({ kind: fc.constant('app'), appId: appIdArb }),
    ),
  }),
  'fs:completePath': fc.record({
    path: fc.oneof(
      fc.constantFrom('', '.', '.c', 'Documents/', '~'),
      segments,
      segments.map((s) => `${s}/`),
    ),
  }),
  'fs:userFolders': fc.constant({}),
  'review:list': fc.constant({}),
  'review:decide': fc.oneof(
    fc.record({ appIds: fc.array(appIdArb, { minLength: 1, maxLength: 3 }), deny: fc.boolean() }),
    fc.record({
      appIds: appIdArb.map((a) => [a]),
      deny: fc.boolean(),
      items: fc.array(
        fc.oneof(
          fc.constantFrom('--share=network', '--filesystem=home', '--socket=x11', '--talk-name=org.a.b'),
          fsPathArb.map((p) => `--filesystem=${p}`),
        ),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  ),
  'review:lock': fc.record({ appId: appIdArb, locked: fc.boolean() }),
};

// ---- mutations ---------------------------------------------------------------------------------

const HUGE = 'x'.repeat(1 << 20);
/** Strings that are wrong somewhere: paths as IDs, NULs, lone surrogates, words of the wrong table. */
const BAD_STRINGS = [
  '',
  HUGE,
  `org.example.${'a'.repeat(300)}`,
  '../../.bashrc',
  '/etc/passwd',
  'org.example.A\0pp',
  'org.example.App\n',
  'org.example.\ud800',
  'a.b',
  '1org.example.App',
  'org.ex-ample.App',
  ':1.42',
  'not a bus name',
  'org.*.x',
  'A=B',
  '#comment',
  ' LEADING',
  'TAB\t',
  'x[y]',
  'yes',
  'ask',
  'maybe',
  'EXACT',
  'foo',
  'usb',
  'bogus-socket',
  'X11',
  'host-reset',
  'xdg-run',
  '~',
  '~/',
  '~/..',
  '/a/../b',
  '/a//b',
  '/a/./b',
  '/',
  'home/x',
  '/a\u0001b',
  '/a\u200bb',
  'startup:wider:wider',
  'QQ',
  'QR==',
  'QQ=',
  'A A=',
  'not base64!',
  'all',
  'user/../x',
  'with space',
  '0123456789abcdef0123456789ABCDEF',
];
const INVALID_KEYFILES = [
  'garbage\n',
  '[Context]\ngarbage line\n',
  'key=value\n',
  '\ufeff[Context]\nshared=network;\n',
  '[Context]\nsha\0red=network;\n',
  '[Session Bus Policy]\nnot a bus name=talk\n',
  '[Session Bus Policy]\n:1.42=talk\n',
  '[System Bus Policy]\n1abc.def=see\n',
  '[Context]\nfilesystems=/a\\tb;\n',
  '[Context]\nfilesystems=/a\\xb;\n',
  '[Context]\npersistent=a\u007f;\n',
  '[Context]\nsockets=x11;\n[Bad]Group]\n',
  '[Context\n',
  '[Context]\nEncoding=latin1\n',
  '[a\u0001b]\nk=v\n',
];
const invalidKeyfileBytes = fc.oneof(
  fc.constantFrom(...INVALID_KEYFILES).map((s) => Buffer.from(s)),
  fc.constant(Buffer.from('[Context]\nshared=\xff;\n', 'latin1')),
  // Valid files with a byte flipped, inserted or cut: most are still files, some are not.
  fc
    .tuple(overrideText, fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('flip', 'insert', 'cut'))
    .map(([t, at, byte, how]) => {
      const b = Buffer.from(t);
      const i = b.length === 0 ? 0 : at % b.length;
      if (how === 'flip' && b.length > 0) b[i] = byte;
      if (how === 'insert') return Buffer.concat([b.subarray(0, i), Buffer.from([byte]), b.subarray(i)]);
      if (how === 'cut') return b.subarray(0, i);
      return b;
    }),
  fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
);
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...BAD_STRINGS),
  fc.constantFrom(
    0,
    -1,
    1.5,
    Number.NaN,
    true,
    false,
    null,
    undefined,
    [],
    {},
    [null],
    { toString: 'x' },
    ['yes', 'yes'],
    ['read', 'read'],
    ['EXACT'],
    ['NONE', 'soon'],
    new Array<string>(65).fill('yes'),
    Array.from({ length: 501 }, () => ({ kind: 'shared', name: 'network' })),
  ),
  fc.string({ maxLength: 8 }),
  invalidKeyfileBytes.map(b64),
);

type Path = readonly (string | number)[];

/** Every place in a payload: objects, arrays and leaves, each with its path. */
function places(v: unknown, at: Path = []): Path[] {
  const here = [at];
  if (Array.isArray(v)) return [...here, ...v.flatMap((x, i) => places(x, [...at, i]))];
  if (isObj(v)) return [...here, ...Object.entries(v).flatMap(([k, x]) => places(x, [...at, k]))];
  return here;
}

function parentOf(root: unknown, path: Path): unknown {
  let node = root;
  for (const step of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[step];
  return node;
}

type Mutation = {
  readonly how: 'replace' | 'extra-key' | 'drop-key' | 'root';
  readonly at: number;
  readonly value: unknown;
  readonly key: string;
};

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  how: fc.constantFrom('replace', 'replace', 'replace', 'extra-key', 'drop-key', 'root'),
  at: fc.nat(),
  value: junkValue,
  key: fc.constantFrom('path', 'extra', '__proto__', 'constructor', 'appId', 'value'),
});

function mutate(payload: Obj, m: Mutation): unknown {
  if (m.how === 'root') return m.value;
  const copy = structuredClone(payload);
  const all = places(copy);
  const path = all[m.at % all.length] ?? [];
  if (m.how === 'replace') {
    if (path.length === 0) return m.value;
    (parentOf(copy, path) as Record<string | number, unknown>)[path[path.length - 1] ?? ''] = m.value;
    return copy;
  }
  // parentOf(path + one more step) is the node at the path itself.
  const objects = all.map((p) => (p.length === 0 ? copy : parentOf(copy, [...p, '']))).filter(isObj);
  const target = objects[m.at % Math.max(objects.length, 1)];
  if (!target) return copy;
  if (m.how === 'extra-key')
    Object.defineProperty(target, m.key, {
      value: m.value ?? 'x',
      enumerable: true,
      configurable: true,
      writable: true,
    });
  else delete target[Object.keys(target)[m.at % Math.max(Object.keys(target).length, 1)] ?? ''];
  return copy;
}

/** Mutations aimed at what each channel is about, on top of the generic ones. */
const SPECIFIC: Partial<{ readonly [C in Channel]: fc.Arbitrary<unknown> }> = {
  // Items of several apps at once, and items that are not options.
  'review:decide': fc.oneof(
    fc.record({
      appIds: fc.array(appIdArb, { minLength: 2, maxLength: 3 }),
      deny: fc.boolean(),
      items: fc.constant(['--share=network']),
    }),
    fc.record({
      appIds: appIdArb.map((a) => [a]),
      deny: fc.boolean(),
      items: fc.array(fc.constantFrom(...BAD_STRINGS, '-x', 'share=network', '--a\0b', '--\ud800'), {
        minLength: 1,
        maxLength: 2,
      }),
    }),
  ),
  'fs:completePath': fc.record({
    path: fc.constantFrom(
      '..',
      '../etc',
      'a/../..',
      'a/..',
      '/etc',
      '/',
      '//x',
      'a\0b',
      'a\u200bb',
      'a\nb',
      'x'.repeat(1025),
    ),
  }),
  'override:restore': fc.tuple(VALID['override:restore'], invalidKeyfileBytes, fc.nat()).map(([p, bytes, i]) => {
    const copy = structuredClone(p) as { files: Obj[] };
    const content = b64(bytes);
    if (copy.files.length === 0) copy.files.push({ appId: null, expected: null, content });
    else (copy.files[i % copy.files.length] as Obj).content = content;
    return copy;
  }),
  'override:change': fc
    .tuple(
      fc.option(appIdArb, { nil: null }),
      fc.constantFrom(...FLAG_KINDS),
      fc.constantFrom(...BAD_STRINGS, 'usb', 'x11', 'network', 'Network', 'bogus'),
      fc.constantFrom(...BAD_STRINGS),
      fc.constantFrom(...BAD_STRINGS),
    )
    .map(([appId, kind, name, path, env]) => ({
      appId,
      changes: [
        { kind, name, value: false },
        { kind: 'filesystems', path, value: 'ro' },
        { kind: 'persistent', path, value: true },
        { kind: 'environment', name: env, value: 'x' },
        { kind: 'bus', bus: 'session', name: env, value: 'talk' },
      ].filter((_, i) => (name.length + i) % 2 === 0 || i === 0),
    })),
  'portals:set': fc.record({
    appId: appIdArb,
    table: fc.constantFrom('devices', 'location', 'gamemode', 'documents', 'screencast', '../x', '.hidden'),
    id: fc.constantFrom('camera', 'location', 'gamemode', 'x', 'a\u0000b', 'a\ud800'),
    value: junkValue,
  }),
};

// ---- the runs ----------------------------------------------------------------------------------

function spyHandlers(): { handlers: Handlers; calls: unknown[] } {
  const calls: unknown[] = [];
  const handler = (req: unknown) => {
    calls.push(req);
    return Promise.resolve({});
  };
  return { handlers: Object.fromEntries(CHANNEL_NAMES.map((c) => [c, handler])) as unknown as Handlers, calls };
}

/** Runs payloads through dispatch; returns those that reached the handler, and the refusals' codes. */
async function run(
  channel: Channel,
  payloads: readonly unknown[],
): Promise<{ accepted: unknown[]; refusedCodes: Set<string> }> {
  const accepted: unknown[] = [];
  const refusedCodes = new Set<string>();
  for (const payload of payloads) {
    const { handlers, calls } = spyHandlers();
    const r = await dispatch(handlers, channel, payload);
    if (calls.length > 0) accepted.push(payload);
    else if (!r.ok) refusedCodes.add(r.error.code);
  }
  return { accepted, refusedCodes };
}

async function limited<T, R>(items: readonly T[], n: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await f(items[i] as T);
      }
    }),
  );
  return out;
}

/** A payload for a failure message: file contents decoded (as Latin-1, byte for byte), long strings cut. */
const show = (p: unknown) =>
  JSON.stringify(p, (k, v: unknown) => {
    if (typeof v !== 'string') return v;
    const t = k === 'content' && canonicalBase64(v) ? `bytes: ${Buffer.from(v, 'base64').toString('latin1')}` : v;
    return t.length > 400 ? `${t.slice(0, 200)}…(${t.length} chars)` : t;
  });

// Each override file an oracle looks at costs one `flatpak` run (~80 ms), so the channel that
// carries files gets fewer runs than the others.
const runsOf = (channel: Channel) =>
  channel === 'override:restore' ? { valid: 30, mutated: 250 } : { valid: 120, mutated: 500 };

describe.each(CHANNEL_NAMES.map((c) => [c] as const))('IPC channel %s', (channel) => {
  it('accepts valid payloads (which the oracle also finds valid)', async () => {
    const seed = Date.now() ^ channel.length;
    const payloads = fc.sample(VALID[channel], { numRuns: runsOf(channel).valid, seed });
    const verdicts = await limited(payloads, 8, async (p) => ORACLE[channel](p));
    const notValid = payloads.filter((_, i) => !verdicts[i]);
    expect(notValid.map(show), `seed ${seed}: the generator made payloads the oracle refuses`).toEqual([]);
    const { accepted } = await run(channel, payloads);
    const refused = payloads.filter((p) => !accepted.includes(p));
    expect(refused.map(show), `seed ${seed}`).toEqual([]);
  });

  it('accepts no mutated payload that is invalid, and refuses with invalid-input', async () => {
    const seed = Date.now() ^ (channel.length * 7919);
    const generic = fc.tuple(VALID[channel], mutationArb).map(([p, m]) => mutate(p, m));
    const specific = SPECIFIC[channel];
    const arb = specific ? fc.oneof(generic, specific) : generic;
    const runs = runsOf(channel).mutated;
    const payloads = fc.sample(arb, { numRuns: runs, seed });
    const { accepted, refusedCodes } = await run(channel, payloads);
    const verdicts = await limited(accepted, 8, async (p) => ORACLE[channel](p));
    const acceptedInvalid = accepted.filter((_, i) => !verdicts[i]);
    expect(acceptedInvalid.map(show), `seed ${seed}: accepted but invalid`).toEqual([]);
    // The mutations did reach the validation: many were refused, and only as bad input.
    expect(payloads.length - accepted.length).toBeGreaterThan(runs / 5);
    expect([...refusedCodes]).toEqual(['invalid-input']);
  });
});

describe('override files an undo may write', () => {
  it('accepts exactly files Flatpak loads, among valid, broken and random bytes', async () => {
    const seed = Date.now();
    const runs = 120;
    const contents = fc
      .sample(
        fc.oneof(
          overrideText.map((t) => Buffer.from(t)),
          invalidKeyfileBytes,
        ),
        { numRuns: runs, seed },
      )
      .map(b64);
    const { accepted } = await run(
      'override:restore',
      contents.map((content) => ({ files: [{ appId: null, expected: null, content }] })),
    );
    const acceptedContents = new Set(accepted.map((p) => ((p as { files: Obj[] }).files[0] as Obj).content as string));
    const verdicts = await limited(contents, 8, flatpakLoads);
    const acceptedInvalid = contents.filter((c, i) => acceptedContents.has(c) && !verdicts[i]);
    const refusedValid = contents.filter((c, i) => !acceptedContents.has(c) && verdicts[i]);
    expect(
      acceptedInvalid.map((c) => Buffer.from(c, 'base64').toString('latin1')),
      `seed ${seed}: Flatpak refuses these`,
    ).toEqual([]);
    // Both kinds were tried: files Flatpak loads and files it refuses.
    expect(verdicts.filter(Boolean).length).toBeGreaterThan(runs / 5);
    expect(verdicts.filter((v) => !v).length).toBeGreaterThan(runs / 10);
    expect(
      refusedValid.map((c) => Buffer.from(c, 'base64').toString('latin1')),
      `seed ${seed}: Flatpak loads these`,
    ).toEqual([]);
  });
});

describe('the handlers check again with the running Flatpak', () => {
  const handlersFor = (version: readonly [number, number, number]) => {
    const writes: unknown[] = [];
    const core = {
      version: { version, detected: true },
      changeApp: (...args: unknown[]) => writes.push(args),
      changeLayer: (...args: unknown[]) => writes.push(args),
      restore: (...args: unknown[]) => writes.push(args),
    } as unknown as FlatpakCore;
    const handlers = testHandlers({ core: () => Promise.resolve(core), home: '/nonexistent/home' });
    return { handlers, writes };
  };

  it('refuses a permission this Flatpak does not know, naming the ones it does', async () => {
    const { handlers, writes } = handlersFor([1, 14, 10]);
    const r = await dispatch(handlers, 'override:change', {
      appId: 'org.example.App',
      changes: [{ kind: 'devices', name: 'usb', value: false }],
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (!r.ok)
      expect(r.error.message).toMatch(
        /Flatpak 1\.14\.10 does not know the device type usb.*valid types are: dri, all, kvm, shm$/,
      );
    expect(writes).toEqual([]);
  });

  it('refuses an unknown permission at validation, naming the valid ones', async () => {
    const { handlers, writes } = handlersFor([1, 14, 10]);
    const r = await dispatch(handlers, 'override:change', {
      appId: null,
      changes: [{ kind: 'sockets', name: 'bogus-socket', value: true }],
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (!r.ok)
      expect(r.error.message).toContain(
        'Unknown socket type bogus-socket, valid types are: x11, wayland, pulseaudio, session-bus, system-bus',
      );
    expect(writes).toEqual([]);
  });

  it('writes nothing of a batch when one file would be refused', async () => {
    const { handlers, writes } = handlersFor([1, 14, 10]);
    const good = b64('[Context]\nsockets=!x11;\n');
    const bad = b64('[Session Bus Policy]\nnot a bus name=talk\n');
    const r = await dispatch(handlers, 'override:restore', {
      files: [
        { appId: null, expected: null, content: good },
        { appId: 'org.example.App', expected: null, content: bad },
      ],
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(writes).toEqual([]);
    const ok = await dispatch(handlers, 'override:restore', {
      files: [
        { appId: null, expected: bad, content: good },
        { appId: 'org.example.App', expected: good, content: null },
      ],
    });
    expect(ok).toMatchObject({ ok: true });
    expect(writes).toHaveLength(2);
  });
});
