// The words each permission-store table holds, as xdg-desktop-portal writes and reads them
// (src/*.c, 1.16 to 1.22), so that a request from the window can only store what a portal would
// have stored itself. Two levels: what the window may *set* (the allow/deny choices of the
// catalogue, or "not set"), and what an undo may *put back* (anything a portal writes in that
// table, since the value came from the store in the first place).

import { kindOf, PORTAL_KINDS } from './catalogue';
import type { PortalValue } from './model';
import { defineMessages, t } from '../i18n';

const M = defineMessages({
  notSettable: {
    id: 'error.portal.not-settable',
    defaultMessage: '{entry} can only be forgotten (null); values can be set only for {known}',
    description: 'entry: a permission-store entry, TABLE/ID; known: comma-separated entries; null is the literal value',
  },
  notAValue: {
    id: 'error.portal.not-a-value',
    defaultMessage:
      '{value} is not a value of {label} ({entry}): it takes {allowed} (allowed), {denied} (denied) or null (not set)',
    description:
      'value, allowed, denied: JSON lists of words; label: the permission’s name; entry: TABLE/ID; null is the literal value',
  },
  notInTable: {
    id: 'error.portal.not-in-table',
    defaultMessage:
      '{value} is not a value of the {table} table: it holds {rule, select, one {one of {words}} location {an accuracy ({words}) and a time in seconds} other {some of {words}}}',
    description: 'value: a JSON list; table: a permission-store table; words: quoted, comma-separated words',
  },
  notText: {
    id: 'error.portal.not-text',
    defaultMessage: '{value} is not a value a portal stores in the {table} table: one or more items of printable text',
    description: 'value: a JSON list; table: a permission-store table',
  },
});

/** xdp_permission_to_string: the tri-state tables keep one of these. */
const TRISTATE = ['yes', 'no', 'ask'] as const;
const LOCATION_LEVELS = ['NONE', 'COUNTRY', 'CITY', 'NEIGHBORHOOD', 'STREET', 'EXACT'] as const;
/** The document portal's per-app permissions (document-portal/permission-db use). */
const DOCUMENT_PERMISSIONS = ['read', 'write', 'grant-permissions', 'delete'] as const;
/** The inhibit portal's flags: which of logout, user switch, suspend and idle an app may hold off. */
const INHIBIT_FLAGS = ['logout', 'switch', 'suspend', 'idle'] as const;

type TableRule = {
  readonly rule: 'one' | 'some' | 'location';
  readonly words: string;
  readonly check: (value: readonly string[]) => boolean;
};

const oneOf = (allowed: readonly string[]) => (v: readonly string[]) => v.length === 1 && allowed.includes(v[0] ?? '');
const setOf = (allowed: readonly string[]) => (v: readonly string[]) =>
  v.length > 0 && v.every((x) => allowed.includes(x)) && new Set(v).size === v.length;
const quoted = (words: readonly string[]) => words.map((w) => `"${w}"`).join(', ');

const tristate: TableRule = { rule: 'one', words: quoted(TRISTATE), check: oneOf(TRISTATE) };

/** Tables whose values a portal writes from a fixed vocabulary. */
const TABLE_RULES: Readonly<Record<string, TableRule>> = {
  background: tristate,
  notifications: tristate,
  devices: tristate,
  screenshot: tristate,
  wallpaper: tristate,
  realtime: tristate,
  // The GameMode portal writes a plain yes or no.
  gamemode: { rule: 'one', words: quoted(['yes', 'no']), check: oneOf(['yes', 'no']) },
  // The location portal keeps the accuracy level and the time it last answered (seconds).
  location: {
    rule: 'location',
    words: quoted(LOCATION_LEVELS),
    check: (v) =>
      v.length === 2 && (LOCATION_LEVELS as readonly string[]).includes(v[0] ?? '') && /^[0-9]{1,20}$/.test(v[1] ?? ''),
  },
  documents: { rule: 'some', words: quoted(DOCUMENT_PERMISSIONS), check: setOf(DOCUMENT_PERMISSIONS) },
  inhibit: { rule: 'some', words: quoted(INHIBIT_FLAGS), check: setOf(INHIBIT_FLAGS) },
};

// The other tables (screen-cast and remote-desktop restore data, USB devices, the default app
// of a content type, tables of newer portals) hold tokens and names Confine cannot enumerate;
// an undo may put back such a value only as printable text, which is all a portal writes there.
// eslint-disable-next-line no-control-regex
const NOT_TEXT = /[\x00-\x1f\x7f-\x9f\p{Cs}\u2028\u2029]/u;
const plainText = (v: readonly string[]) => v.length > 0 && v.every((x) => x.length > 0 && !NOT_TEXT.test(x));

const describe = (value: readonly string[]) => JSON.stringify(value);

/**
 * Why the window may not *set* this value (undefined: it may). The window only ever offers "not
 * set" (null), and for the entries it knows, the catalogue's allowed and denied values.
 */
export function checkPortalSet(table: string, id: string, value: PortalValue): string | undefined {
  if (value === null) return undefined;
  const kind = kindOf(table, id);
  if (!kind) {
    const known = PORTAL_KINDS.map((k) => `${k.table}/${k.id}`).join(', ');
    return t(M.notSettable, { entry: `${table}/${id}`, known });
  }
  const same = (words: readonly string[]) => words.length === value.length && words.every((w, i) => w === value[i]);
  if (same(kind.allowed) || same(kind.denied)) return undefined;
  return t(M.notAValue, {
    value: describe(value),
    label: kind.label,
    entry: `${table}/${id}`,
    allowed: describe(kind.allowed),
    denied: describe(kind.denied),
  });
}

/**
 * Why an undo may not *put back* this value (undefined: it may): the value must be one a portal
 * writes in that table. An empty list is never stored (the store hides it; null means not set).
 */
export function checkPortalStored(table: string, _id: string, value: PortalValue): string | undefined {
  if (value === null) return undefined;
  const rule = TABLE_RULES[table];
  if (rule)
    return rule.check(value)
      ? undefined
      : t(M.notInTable, { value: describe(value), table, rule: rule.rule, words: rule.words });
  return plainText(value) ? undefined : t(M.notText, { value: describe(value), table });
}

/** The tables with a fixed vocabulary, for tests and messages. */
export const VOCABULARY_TABLES: readonly string[] = Object.keys(TABLE_RULES);
