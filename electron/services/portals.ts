// Portal permissions of apps, read and changed through the permission store: one app's rows,
// a change with its before and after, reset and restore for undo, the grants the audit counts,
// and what an export carries. Entries are only ever changed where a portal made them.

import { ConfineError, ERROR_MESSAGES, failure, failureOf, type Failure } from '../../shared/errors';
import { defineMessages, t } from '../../shared/i18n';
import {
  describeValue,
  kindOf,
  otherLabel,
  PORTAL_KINDS,
  portalState,
  type PortalKind,
} from '../../shared/portals/catalogue';
import {
  StoreIdSchema,
  StoreTableSchema,
  type PortalRow,
  type PortalStep,
  type PortalsView,
  type PortalValue,
} from '../../shared/portals/model';
import type { PortalGrant } from '../../shared/hardening/audit';
import type { FlatpakCore } from './core';
import {
  NOT_FOUND,
  PermissionStoreError,
  type EntryPermissions,
  type PermissionStore,
  type StoreConnection,
  type StoreEntry,
} from './permission-store';

const same = (a: PortalValue, b: PortalValue) =>
  a === null ? b === null : b !== null && a.length === b.length && a.every((x, i) => x === b[i]);

/** The app's value in an entry; an empty list is what the store hides, so it is "not set". */
function valueIn(entry: EntryPermissions | null, appId: string): PortalValue {
  const v = entry?.[appId];
  return v && v.length > 0 ? [...v] : null;
}

/** One entry of a scan, or null when no portal has made it. */
function entryOf(entries: readonly StoreEntry[], table: string, id: string): EntryPermissions | null {
  return entries.find((e) => e.table === table && e.id === id)?.entry ?? null;
}

function knownRow(kind: PortalKind, entry: EntryPermissions | null, appId: string): PortalRow {
  const value = valueIn(entry, appId);
  return {
    key: kind.key,
    table: kind.table,
    id: kind.id,
    label: kind.label,
    description: kind.description,
    state: portalState(kind, value),
    value,
    known: true,
    ...(entry === null ? { unavailable: t(M.unused) } : {}),
  };
}

export async function portalsView(connection: StoreConnection, appId: string): Promise<PortalsView> {
  if (!connection.ok) return { available: false, reason: connection.reason };
  const { store } = connection;
  const entries = await store.entries();
  const rows: PortalRow[] = PORTAL_KINDS.map((kind) => knownRow(kind, entryOf(entries, kind.table, kind.id), appId));
  for (const { table, id, entry } of entries) {
    const kind = kindOf(table, id);
    const value = valueIn(entry, appId);
    if (kind || value === null) continue;
    const words = otherLabel(table, id, value);
    rows.push({
      key: `${table}/${id}`,
      table,
      id,
      label: words.label,
      description: words.description,
      state: 'other',
      value,
      known: false,
    });
  }
  return { available: true, version: store.version, rows };
}

const M = defineMessages({
  unused: {
    id: 'error.portal.unused',
    defaultMessage: 'No app has used this portal yet, so there is nothing to change.',
    description: 'A portal permission whose permission-store table has no entry yet',
  },
  noEntry: {
    id: 'error.portals.no-entry',
    defaultMessage: '{entry}: no portal has made this entry yet',
    description: 'entry: a permission store entry, TABLE/ID such as devices/camera',
  },
  notAnEntry: {
    id: 'error.portals.not-an-entry',
    defaultMessage: '{entry} is not a permission store entry',
    description: 'entry: what was given as TABLE/ID',
  },
  changedSince: {
    id: 'error.portals.changed-since',
    defaultMessage: '{entry} of {app} changed since (now {value}); it was left as it is',
    description: 'An undo that found the entry changed by someone else; value: what it holds now',
  },
});

function storeFailure(e: unknown, entry: string): ConfineError {
  if (e instanceof PermissionStoreError && e.dbusName === NOT_FOUND)
    return new ConfineError('invalid-input', t(M.noEntry, { entry }));
  return new ConfineError('io', `${entry}: ${(e as Error).message}`);
}

function requireStore(connection: StoreConnection): PermissionStore {
  if (!connection.ok)
    throw new ConfineError('io', t(ERROR_MESSAGES.portalsUnchangeable, { reason: connection.reason }));
  return connection.store;
}

function checkNames(table: string, id: string): void {
  if (!StoreTableSchema.safeParse(table).success || !StoreIdSchema.safeParse(id).success)
    throw new ConfineError('invalid-input', t(M.notAnEntry, { entry: `${table}/${id}` }));
}

/**
 * Writes one app's value (null: not set) into an entry a portal made, reading the entry afresh:
 * with `expected`, only if it still holds that. Returns what it held.
 */
async function write(
  store: PermissionStore,
  appId: string,
  table: string,
  id: string,
  value: PortalValue,
  expected?: PortalValue,
): Promise<PortalValue> {
  checkNames(table, id);
  const entry = await store.lookup(table, id);
  if (entry === null) {
    // Asking for "not set" where nothing was ever set is already true.
    if (value === null && expected === undefined) return null;
    throw new ConfineError('invalid-input', t(M.noEntry, { entry: `${table}/${id}` }));
  }
  const current = valueIn(entry, appId);
  if (expected !== undefined && !same(current, expected)) {
    throw new ConfineError(
      'conflict',
      t(M.changedSince, { entry: `${table}/${id}`, app: appId, value: describeValue(kindOf(table, id), current) }),
    );
  }
  if (same(current, value)) return current;
  try {
    if (value === null) await store.deletePermission(table, id, appId);
    else await store.setPermission(table, id, appId, value);
  } catch (e) {
    throw storeFailure(e, `${table}/${id}`);
  }
  return current;
}

/** Sets one entry of an app to a value or back to "not set", and says what it was. */
export async function setPortal(
  connection: StoreConnection,
  appId: string,
  table: string,
  id: string,
  value: PortalValue,
): Promise<PortalStep> {
  const before = await write(requireStore(connection), appId, table, id, value);
  return { appId, table, id, before, after: value };
}

/** Puts entries back (undo and redo); each only if it still holds what it held after the step. */
export async function restorePortals(
  connection: StoreConnection,
  steps: readonly { appId: string; table: string; id: string; expected: PortalValue; content: PortalValue }[],
) {
  const done: PortalStep[] = [];
  const failures: { appId: string; error: Failure }[] = [];
  if (!connection.ok)
    return {
      done,
      failures: steps.map((s) => ({
        appId: s.appId,
        error: failure('io', t(ERROR_MESSAGES.portalsUnchangeable, { reason: connection.reason }), s.appId),
      })),
    };
  for (const s of steps) {
    try {
      await write(connection.store, s.appId, s.table, s.id, s.content, s.expected);
      done.push({ appId: s.appId, table: s.table, id: s.id, before: s.expected, after: s.content });
    } catch (e) {
      failures.push({ appId: s.appId, error: failureOf(e, s.appId) });
    }
  }
  return { done, failures };
}

/** Removes the app from every entry of every table, as `flatpak permission-reset APP` does. */
export async function resetPortals(
  connection: StoreConnection,
  appId: string,
): Promise<{ steps: PortalStep[]; failures: Failure[] }> {
  const steps: PortalStep[] = [];
  const failures: Failure[] = [];
  if (!connection.ok) return { steps, failures };
  for (const { table, id, entry } of await connection.store.entries()) {
    const before = valueIn(entry, appId);
    if (before === null) continue;
    try {
      await write(connection.store, appId, table, id, null, before);
      steps.push({ appId, table, id, before, after: null });
    } catch (e) {
      failures.push(failureOf(e, appId));
    }
  }
  return { steps, failures };
}

/** The grants of every app, or none when there is no permission store. */
export async function grantsOf(core: FlatpakCore): Promise<ReadonlyMap<string, readonly PortalGrant[]>> {
  return portalGrants(await core.portals());
}

/** What each app may do through portals without asking, for the exposure audit. */
export async function portalGrants(connection: StoreConnection): Promise<ReadonlyMap<string, readonly PortalGrant[]>> {
  const grants = new Map<string, PortalGrant[]>();
  if (!connection.ok) return grants;
  const entries = await connection.store.entries();
  for (const kind of PORTAL_KINDS) {
    if (!kind.exposure) continue;
    const entry = entryOf(entries, kind.table, kind.id);
    for (const [appId, value] of Object.entries(entry ?? {})) {
      if (portalState(kind, [...value]) !== 'allowed') continue;
      const list = grants.get(appId) ?? [];
      list.push({ key: kind.key, ...kind.exposure, permission: `portal ${kind.table}/${kind.id}=${value.join(',')}` });
      grants.set(appId, list);
    }
  }
  return grants;
}

export interface PortalEntryValue {
  readonly table: string;
  readonly id: string;
  readonly value: readonly string[];
}

/** Every app's entries, for an export. */
export async function allPortalEntries(
  connection: StoreConnection,
): Promise<ReadonlyMap<string, readonly PortalEntryValue[]>> {
  const byApp = new Map<string, PortalEntryValue[]>();
  if (!connection.ok) return byApp;
  for (const { table, id, entry } of await connection.store.entries()) {
    for (const [appId, value] of Object.entries(entry)) {
      if (value.length === 0) continue;
      const list = byApp.get(appId) ?? [];
      list.push({ table, id, value: [...value] });
      byApp.set(appId, list);
    }
  }
  return byApp;
}

/** For an import preview: the app's value in each entry, and whether a portal made the entry. */
export async function entryStates(
  connection: StoreConnection,
  appId: string,
  wanted: readonly { table: string; id: string }[],
): Promise<{ current: PortalValue; exists: boolean }[]> {
  const entries = connection.ok ? await connection.store.entries() : [];
  return wanted.map((w) => {
    const entry = entryOf(entries, w.table, w.id);
    return { current: valueIn(entry, appId), exists: entry !== null };
  });
}
