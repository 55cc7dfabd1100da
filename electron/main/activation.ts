// Confine as a D-Bus activatable application (the Desktop Entry Specification's
// org.freedesktop.Application): a launcher that reads `DBusActivatable=true` calls Activate on
// the name dev.confine.Confine, another program calls ActivateAction('show-app', [<APP_ID>]) to
// open one app's page, and the bus starts Confine first when it is not running. Free of
// Electron, so it runs, and is tested, under plain Node; index.ts joins it to the window.

import dbus, { type MessageBus } from '@particle/dbus-next';
import { ERROR_MESSAGES } from '../../shared/errors';
import { checkAppId } from '../../shared/flatpak/grammar';
import { defineMessages, t } from '../../shared/i18n';
import type { Environment } from '../services/locations';
import { noSessionBus, sessionBusAddress } from '../services/permission-store';

// The replies to callers on the bus and the reasons logged, in the language of the window.
const M = defineMessages({
  noAction: {
    id: 'main.dbus.no-action',
    defaultMessage: "Confine has no action ''{name}''; it has {action}",
    description: 'A D-Bus reply. name: the action asked for; action: show-app',
  },
  oneString: {
    id: 'main.dbus.one-string',
    defaultMessage: '{action} takes one string: the app ID',
    description: 'A D-Bus reply. action: show-app',
  },
  couldNot: {
    id: 'main.dbus.could-not',
    defaultMessage: '{what, select, activate {Confine could not show its window} other {Confine could not open {app}}}',
    description: 'A D-Bus reply when showing the window failed. app: an app ID',
  },
  failedLog: {
    id: 'main.dbus.failed-log',
    defaultMessage:
      '{what, select, activate {confine: showing its window over D-Bus failed: {error}} other {confine: opening {app} over D-Bus failed: {error}}}',
    description: 'A line of the log. app: an app ID; error: the failure (in English)',
  },
  noOpen: {
    id: 'main.dbus.no-open',
    defaultMessage: 'Confine opens no files or URIs; call {call} to open an app’s page',
    description: 'A D-Bus reply. call: ActivateAction(…) as it is written',
  },
  nameRefused: {
    id: 'main.dbus.name-refused',
    defaultMessage: 'the session bus refused the name {name}: {error}',
    description: 'name: dev.confine.Confine; error: the bus’s answer (in English)',
  },
  nameOwned: {
    id: 'main.dbus.name-owned',
    defaultMessage: 'another program owns {name} on the session bus',
    description: 'name: dev.confine.Confine',
  },
  unreachable: {
    id: 'main.dbus.unreachable',
    defaultMessage: 'the session bus cannot be reached: {error}',
    description: 'error: the D-Bus library’s error (in English)',
  },
  busLost: {
    id: 'main.dbus.connection-failed',
    defaultMessage: 'confine: the session bus connection failed: {error}',
    description: 'A line of the log; error: the D-Bus library’s error (in English)',
  },
  noAnswer: {
    id: 'main.dbus.no-answer',
    defaultMessage: 'no answer within {seconds} s',
  },
  notServed: {
    id: 'main.dbus.not-served',
    defaultMessage: 'confine: no D-Bus activation: {reason}',
    description: 'A line of the log when Confine cannot be reached over D-Bus; reason: why',
  },
});

/** The log's line for a window that cannot be reached over D-Bus. */
export function notServedLine(reason: string): string {
  return t(M.notServed, { reason });
}

/** The desktop file's ID less `.desktop`, as the specification requires. */
export const APPLICATION_NAME = 'dev.confine.Confine';
export const APPLICATION_PATH = '/dev/confine/Confine';
export const APPLICATION_INTERFACE = 'org.freedesktop.Application';
export const SHOW_APP_ACTION = 'show-app';
/** How long a service start waits for its first call, as GLib's service mode does. */
export const SERVICE_WAIT_MS = 10_000;
const CONNECT_TIMEOUT_MS = 5000;

export const INVALID_ARGS = 'org.freedesktop.DBus.Error.InvalidArgs';
export const NOT_SUPPORTED = 'org.freedesktop.DBus.Error.NotSupported';
export const FAILED = 'org.freedesktop.DBus.Error.Failed';
/** DBUS_NAME_FLAG_DO_NOT_QUEUE: a second owner is told at once instead of waiting in line. */
const DO_NOT_QUEUE = 4;
const PRIMARY_OWNER = 1;
const ALREADY_OWNER = 4;

export interface ApplicationHandlers {
  /** Activate: show and focus the window, opening it when there is none yet. */
  activate(): void;
  /** The show-app action: the window, at that app's page. */
  showApp(appId: string): void;
}

export interface ServeOptions {
  /**
   * Started by the bus (`--gapplication-service`): nothing is shown until a call asks for it,
   * and `onIdle` runs when no call has shown anything within `waitMs`. The bus also starts a
   * name's owner for callers that only look (a shell completing `gdbus call`), which must not
   * pop up a window.
   */
  readonly service?: { readonly waitMs?: number; readonly onIdle: () => void };
  /** One line for what goes wrong after the start (a handler that throws). */
  readonly log?: (line: string) => void;
}

export type ApplicationService = { readonly ok: true; close(): void } | { readonly ok: false; readonly reason: string };

type ActionTarget = { readonly appId: string } | { readonly error: string };

/** What an ActivateAction call asks for: only show-app with one string that is an app ID. */
export function actionTarget(name: unknown, parameter: unknown): ActionTarget {
  if (name !== SHOW_APP_ACTION) return { error: t(M.noAction, { name: String(name), action: SHOW_APP_ACTION }) };
  const params = Array.isArray(parameter) ? (parameter as unknown[]) : [];
  const [only] = params;
  if (
    params.length !== 1 ||
    !(only instanceof dbus.Variant) ||
    only.signature !== 's' ||
    typeof only.value !== 'string'
  ) {
    return { error: t(M.oneString, { action: SHOW_APP_ACTION }) };
  }
  const bad = checkAppId(only.value);
  if (bad) return { error: t(ERROR_MESSAGES.badAppId, { app: only.value, problem: bad }) };
  return { appId: only.value };
}

class ApplicationInterface extends dbus.interface.Interface {
  constructor(
    private readonly handlers: ApplicationHandlers,
    private readonly log: (line: string) => void,
  ) {
    super(APPLICATION_INTERFACE);
  }

  // A handler's own failure goes back as a plain D-Bus error, not the library's stack trace.
  private run(what: { action: 'activate' } | { action: 'show-app'; app: string }, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const app = 'app' in what ? what.app : '';
      this.log(t(M.failedLog, { what: what.action, app, error: message }));
      throw new dbus.DBusError(FAILED, t(M.couldNot, { what: what.action, app }));
    }
  }

  Activate(_platformData: unknown): void {
    this.run({ action: 'activate' }, () => this.handlers.activate());
  }

  Open(_uris: unknown, _platformData: unknown): void {
    throw new dbus.DBusError(NOT_SUPPORTED, t(M.noOpen, { call: `ActivateAction('${SHOW_APP_ACTION}', [<APP_ID>])` }));
  }

  ActivateAction(name: unknown, parameter: unknown, _platformData: unknown): void {
    const target = actionTarget(name, parameter);
    if ('error' in target) throw new dbus.DBusError(INVALID_ARGS, target.error);
    this.run({ action: 'show-app', app: target.appId }, () => this.handlers.showApp(target.appId));
  }
}

ApplicationInterface.configureMembers({
  methods: {
    Activate: { inSignature: 'a{sv}' },
    Open: { inSignature: 'asa{sv}' },
    ActivateAction: { inSignature: 'sava{sv}' },
  },
});

/**
 * Exports the interface on `bus` and takes the name. Another owner (a Confine whose
 * single-instance lock is another's, such as the Flatpak beside a build from source) keeps it:
 * this one then answers nothing and says why.
 */
export async function exportApplication(
  bus: MessageBus,
  handlers: ApplicationHandlers,
  log: (line: string) => void = () => undefined,
): Promise<{ readonly owned: true } | { readonly owned: false; readonly reason: string }> {
  const iface = new ApplicationInterface(handlers, log);
  // Exported before the name is taken, so a call the bus held while starting Confine finds it.
  bus.export(APPLICATION_PATH, iface);
  let reply: number;
  try {
    reply = await bus.requestName(APPLICATION_NAME, DO_NOT_QUEUE);
  } catch (e) {
    bus.unexport(APPLICATION_PATH, iface);
    return {
      owned: false,
      reason: t(M.nameRefused, {
        name: APPLICATION_NAME,
        error: e instanceof dbus.DBusError ? e.text : (e as Error).message,
      }),
    };
  }
  if (reply === PRIMARY_OWNER || reply === ALREADY_OWNER) return { owned: true };
  bus.unexport(APPLICATION_PATH, iface);
  return { owned: false, reason: t(M.nameOwned, { name: APPLICATION_NAME }) };
}

/**
 * Connects to the session bus and serves org.freedesktop.Application there. Never throws: with
 * no bus, or no name, the reason comes back and the window goes on without D-Bus activation.
 */
export async function serveApplication(
  env: Environment,
  handlers: ApplicationHandlers,
  options: ServeOptions = {},
): Promise<ApplicationService> {
  const log = options.log ?? (() => undefined);
  const address = sessionBusAddress(env);
  if (address === null) {
    return { ok: false, reason: noSessionBus(env) };
  }
  let bus: MessageBus;
  try {
    bus = dbus.sessionBus({ busAddress: address });
  } catch (e) {
    return { ok: false, reason: t(M.unreachable, { error: (e as Error).message }) };
  }
  let closed = false;
  // An 'error' with no listener would throw in the main process; a bus that goes away later
  // only ends D-Bus activation.
  const broken = new Promise<never>((_, reject) => {
    bus.on('error', (e: unknown) => {
      const error = e instanceof Error ? e : new Error(String(e));
      reject(error);
      if (!closed) log(t(M.busLost, { error: error.message }));
      closed = true;
    });
  });
  broken.catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stopWaiting = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  const shown: ApplicationHandlers = {
    activate: () => {
      handlers.activate();
      stopWaiting();
    },
    showApp: (appId) => {
      handlers.showApp(appId);
      stopWaiting();
    },
  };
  let deadline: ReturnType<typeof setTimeout> | undefined;
  const slow = new Promise<never>((_, reject) => {
    deadline = setTimeout(
      () => reject(new Error(t(M.noAnswer, { seconds: CONNECT_TIMEOUT_MS / 1000 }))),
      CONNECT_TIMEOUT_MS,
    );
  });
  slow.catch(() => undefined);
  let result: Awaited<ReturnType<typeof exportApplication>>;
  try {
    result = await Promise.race([broken, slow, exportApplication(bus, shown, log)]);
  } catch (e) {
    closed = true;
    bus.disconnect();
    return { ok: false, reason: t(M.unreachable, { error: (e as Error).message }) };
  } finally {
    clearTimeout(deadline);
  }
  if (!result.owned) {
    closed = true;
    bus.disconnect();
    return { ok: false, reason: result.reason };
  }
  if (options.service) {
    const { onIdle, waitMs = SERVICE_WAIT_MS } = options.service;
    timer = setTimeout(() => {
      timer = undefined;
      onIdle();
    }, waitMs);
  }
  return {
    ok: true,
    close: () => {
      stopWaiting();
      if (closed) return;
      closed = true;
      bus.disconnect();
    },
  };
}
