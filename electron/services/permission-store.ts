// The portal permission store (org.freedesktop.impl.portal.PermissionStore) on the session bus,
// the one place xdg-desktop-portal keeps what the user allowed an app: camera, location,
// background, … Calls go over D-Bus with typed, checked arguments and answers; nothing is run.

import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import dbus from '@particle/dbus-next';
import { z } from 'zod';
import { DisposableStack, listen, toDisposable, type Disposable } from '../../shared/disposable';
import { StoreTableSchema } from '../../shared/portals/model';
import { hostDataHome, type Environment } from './locations';
import type { SelfSandbox } from '../../shared/flatpak/self-sandbox';
import { defineMessages, t } from '../../shared/i18n';

const M = defineMessages({
  timeout: {
    id: 'error.permission-store.timeout',
    defaultMessage: 'The permission store did not answer {call} within {seconds} s',
    description: 'call: a D-Bus method name such as Lookup',
  },
  busFailed: {
    id: 'error.permission-store.bus-failed',
    defaultMessage: 'The session bus failed: {reason}',
    description: 'reason: the D-Bus library’s error (in English)',
  },
  notLocal: {
    id: 'error.session-bus.not-local',
    defaultMessage: 'The session bus address {address} is not a local socket Confine will use',
    description: 'address: the value of DBUS_SESSION_BUS_ADDRESS',
  },
  noBus: { id: 'error.session-bus.none', defaultMessage: 'There is no D-Bus session bus' },
  unavailable: {
    id: 'error.permission-store.unavailable',
    defaultMessage: 'The portal permission store is not available: {reason}',
    description: 'reason: why (the D-Bus error, in English)',
  },
});

const NAME = 'org.freedesktop.impl.portal.PermissionStore';
/** Entries read per table; a documents table can be long. */
const MAX_IDS_PER_TABLE = 5000;

const PATH = '/org/freedesktop/impl/portal/PermissionStore';
const CALL_TIMEOUT_MS = 5000;

/** Each app's permission strings for one entry (table and id). */
export type EntryPermissions = Readonly<Record<string, readonly string[]>>;

export interface StoreEntry {
  readonly table: string;
  readonly id: string;
  readonly entry: EntryPermissions;
}

export interface PermissionStore {
  /** The store's interface version; 2 added GetPermission and DeletePermission. */
  readonly version: number;
  /**
   * Every entry of every table the portals made, with the apps in it. Read once and kept until
   * the store signals a change (by anyone) or this connection writes; for what is shown.
   */
  entries(): Promise<readonly StoreEntry[]>;
  /** The permissions of every app for one entry, asked afresh; null when there is no such table or entry. */
  lookup(table: string, id: string): Promise<EntryPermissions | null>;
  /** Sets one app's permissions in an existing table; never creates a table. */
  setPermission(table: string, id: string, app: string, permissions: readonly string[]): Promise<void>;
  /** Removes one app from an entry, which returns it to "not set". */
  deletePermission(table: string, id: string, app: string): Promise<void>;
  /** Calls `listener` with the table whenever an entry changes, by anyone, until disposed. */
  onChanged(listener: (table: string) => void): Disposable;
  /** False once the bus connection failed; a new connection is needed. */
  alive(): boolean;
  /** Disconnects, and drops every listener and this connection's own handlers on the bus. */
  close(): void;
}

export type StoreConnection =
  { readonly ok: true; readonly store: PermissionStore } | { readonly ok: false; readonly reason: string };

export class PermissionStoreError extends Error {
  constructor(
    message: string,
    readonly dbusName: string | undefined,
  ) {
    super(message);
  }
}

/**
 * The session bus address to use, if a safe one is known: only `unix:` sockets, never the
 * `unixexec:` kind that would start a program, and the systemd user bus when nothing is set.
 */
export function sessionBusAddress(env: Environment): string | null {
  for (const address of (env.DBUS_SESSION_BUS_ADDRESS ?? '').split(';')) {
    if (/^unix:(path|abstract)=[^,;]+(,[a-z]+=[^,;]*)*$/.test(address)) return address;
  }
  const runtime = env.XDG_RUNTIME_DIR;
  if (env.DBUS_SESSION_BUS_ADDRESS === undefined && runtime && existsSync(join(runtime, 'bus')))
    return `unix:path=${join(runtime, 'bus')}`;
  return null;
}

/** Where the store keeps its tables: it always follows (the host's) XDG_DATA_HOME, never FLATPAK_USER_DIR. */
export function storeFolder(env: Environment, sandbox: SelfSandbox | null = null): string {
  return join(hostDataHome(env, sandbox), 'flatpak', 'db');
}

const Strings = z.array(z.string());
const Permissions = z.record(z.string(), Strings);

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new PermissionStoreError(t(M.timeout, { call: what, seconds: CALL_TIMEOUT_MS / 1000 }), undefined)),
      CALL_TIMEOUT_MS,
    );
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export const NOT_FOUND = 'org.freedesktop.portal.Error.NotFound';

function isNotFound(e: unknown): boolean {
  return e instanceof PermissionStoreError && e.dbusName === NOT_FOUND;
}

/** Why there is no session bus to use, for an `env` whose sessionBusAddress is null. */
export function noSessionBus(env: Environment): string {
  return env.DBUS_SESSION_BUS_ADDRESS ? t(M.notLocal, { address: env.DBUS_SESSION_BUS_ADDRESS }) : t(M.noBus);
}

/** Connects to the store, activating it if needed; says why when it cannot. */
export async function connectPermissionStore(
  env: Environment,
  sandbox: SelfSandbox | null = null,
): Promise<StoreConnection> {
  const address = sessionBusAddress(env);
  if (address === null) {
    return { ok: false, reason: noSessionBus(env) };
  }
  const bus = dbus.sessionBus({ busAddress: address });
  let broken: Error | null = null;
  // Stays for the bus's life: a write to a disconnected bus emits 'error', which would throw
  // in the main process with no listener.
  bus.on('error', (e: unknown) => {
    broken = e instanceof Error ? e : new Error(String(e));
  });
  // What this connection added to the bus, removed again once it is not needed.
  const held = new DisposableStack();
  const callAt = async (
    target: { destination: string; path: string; interface: string },
    member: string,
    signature: string,
    body: readonly unknown[],
  ): Promise<unknown[]> => {
    if (broken) throw new PermissionStoreError(t(M.busFailed, { reason: broken.message }), undefined);
    try {
      const reply = await withTimeout(
        bus.call(new dbus.Message({ ...target, member, signature, body: [...body] })),
        member,
      );
      return (reply?.body ?? []) as unknown[];
    } catch (e) {
      // The library's error type stays here; callers see the D-Bus error name and text.
      if (e instanceof dbus.DBusError) throw new PermissionStoreError(e.text, e.type);
      throw e;
    }
  };
  const call = (member: string, signature: string, body: readonly unknown[]) =>
    callAt({ destination: NAME, path: PATH, interface: NAME }, member, signature, body);
  // A bus that cannot be reached fails the first call at once rather than at its timeout.
  // Both listeners are for the start only.
  const starting = new DisposableStack();
  const unreachable = new Promise<never>((_, reject) =>
    starting.add(listen(bus, 'error', (e: unknown) => reject(e instanceof Error ? e : new Error(String(e))))),
  );
  unreachable.catch(() => undefined);
  // The first call waits for the bus's answer to Hello: inside a Flatpak the bus is
  // xdg-dbus-proxy, known to mishandle messages pipelined with the handshake
  // (flatpak/xdg-dbus-proxy#21); measured here, about one first call in ten was never answered.
  const connected = new Promise<void>((resolve) => starting.add(listen(bus, 'connect', () => resolve())));
  let version: number;
  try {
    await Promise.race([unreachable, withTimeout(connected, 'Hello')]);
    const [v] = await Promise.race([
      unreachable,
      callAt({ destination: NAME, path: PATH, interface: 'org.freedesktop.DBus.Properties' }, 'Get', 'ss', [
        NAME,
        'version',
      ]),
    ]);
    version = z
      .number()
      .int()
      .parse((v as { value?: unknown } | undefined)?.value);
  } catch (e) {
    bus.disconnect();
    const detail = (broken as Error | null)?.message ?? (e as Error).message;
    return { ok: false, reason: t(M.unavailable, { reason: detail }) };
  } finally {
    starting.dispose();
  }

  const listeners = new Set<(table: string) => void>();
  held.add(() => listeners.clear());
  let scan: Promise<StoreEntry[]> | null = null;
  // The tables a change was told of: the store tells of a change before it writes the table's
  // file (emit, then write out), and a scan finds tables by their files, so a scan made on
  // hearing of a new table's first entry could miss that table until the next change.
  const toldOf = new Set<string>();
  held.add(
    listen(bus, 'message', (m: { type?: unknown; interface?: unknown; member?: unknown; body?: unknown[] }) => {
      if (m.interface !== NAME || m.member !== 'Changed') return;
      scan = null;
      const table = m.body?.[0];
      if (typeof table === 'string' && StoreTableSchema.safeParse(table).success) toldOf.add(table);
      // A copy: a listener may dispose itself, or another, while being told.
      if (typeof table === 'string') for (const l of [...listeners]) if (listeners.has(l)) l(table);
    }),
  );
  // Changes by anyone arrive as signals, which keep the entries below current.
  await callAt(
    { destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus' },
    'AddMatch',
    's',
    [`type='signal',interface='${NAME}',member='Changed',path='${PATH}'`],
  ).catch(() => undefined);

  const lookup = async (table: string, id: string) => {
    try {
      return Permissions.parse((await call('Lookup', 'ss', [table, id]))[0]);
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  };
  const readAll = async (): Promise<StoreEntry[]> => {
    const names = await readdir(storeFolder(env, sandbox), { withFileTypes: true }).catch(() => []);
    const tables = new Set(
      names.filter((d) => d.isFile() && StoreTableSchema.safeParse(d.name).success).map((d) => d.name),
    );
    for (const t of toldOf) tables.add(t);
    const out: StoreEntry[] = [];
    for (const table of [...tables].sort()) {
      for (const id of Strings.parse((await call('List', 's', [table]))[0]).slice(0, MAX_IDS_PER_TABLE)) {
        const entry = await lookup(table, id);
        if (entry) out.push({ table, id, entry });
      }
    }
    return out;
  };

  const store: PermissionStore = {
    version,
    entries() {
      const current = (scan ??= readAll());
      current.catch(() => {
        if (scan === current) scan = null;
      });
      return current;
    },
    lookup,
    async setPermission(table, id, app, permissions) {
      try {
        await call('SetPermission', 'sbssas', [table, false, id, app, [...permissions]]);
      } finally {
        // A scan that ran during the write may have read the old value.
        scan = null;
      }
    },
    async deletePermission(table, id, app) {
      try {
        await call('DeletePermission', 'sss', [table, id, app]);
      } finally {
        scan = null;
      }
    },
    onChanged(listener) {
      // A function of its own, so the same listener added twice is removed once per dispose.
      const entry = (table: string) => listener(table);
      listeners.add(entry);
      return toDisposable(() => listeners.delete(entry));
    },
    alive: () => broken === null,
    close() {
      held.dispose();
      bus.disconnect();
    },
  };
  return { ok: true, store };
}
