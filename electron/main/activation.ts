// Confine as a D-Bus activatable application (the Desktop Entry Specification's
// org.freedesktop.Application): a launcher that reads `DBusActivatable=true` calls Activate on
// the name dev.confine.Confine, another program calls ActivateAction('show-app', [<APP_ID>]) to
// open one app's page, and the bus starts Confine first when it is not running. Free of
// Electron, so it runs, and is tested, under plain Node; index.ts joins it to the window.

import dbus, { type MessageBus } from '@particle/dbus-next';
import { checkAppId } from '../../shared/flatpak/grammar';
import type { Environment } from '../services/locations';
import { sessionBusAddress } from '../services/permission-store';

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
  if (name !== SHOW_APP_ACTION) return { error: `Confine has no action '${String(name)}'; it has ${SHOW_APP_ACTION}` };
  const params = Array.isArray(parameter) ? (parameter as unknown[]) : [];
  const [only] = params;
  if (
    params.length !== 1 ||
    !(only instanceof dbus.Variant) ||
    only.signature !== 's' ||
    typeof only.value !== 'string'
  ) {
    return { error: `${SHOW_APP_ACTION} takes one string: the app ID` };
  }
  const bad = checkAppId(only.value);
  if (bad) return { error: `'${only.value}' is not a valid application name: ${bad}` };
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
  private run(what: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.log(`confine: ${what} over D-Bus failed: ${message}`);
      throw new dbus.DBusError(FAILED, `Confine could not ${what}`);
    }
  }

  Activate(_platformData: unknown): void {
    this.run('show its window', () => this.handlers.activate());
  }

  Open(_uris: unknown, _platformData: unknown): void {
    throw new dbus.DBusError(
      NOT_SUPPORTED,
      `Confine opens no files or URIs; call ActivateAction('${SHOW_APP_ACTION}', [<APP_ID>]) to open an app's page`,
    );
  }

  ActivateAction(name: unknown, parameter: unknown, _platformData: unknown): void {
    const target = actionTarget(name, parameter);
    if ('error' in target) throw new dbus.DBusError(INVALID_ARGS, target.error);
    this.run(`open ${target.appId}`, () => this.handlers.showApp(target.appId));
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
      reason: `the session bus refused the name ${APPLICATION_NAME}: ${e instanceof dbus.DBusError ? e.text : (e as Error).message}`,
    };
  }
  if (reply === PRIMARY_OWNER || reply === ALREADY_OWNER) return { owned: true };
  bus.unexport(APPLICATION_PATH, iface);
  return { owned: false, reason: `another program owns ${APPLICATION_NAME} on the session bus` };
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
    return {
      ok: false,
      reason: env.DBUS_SESSION_BUS_ADDRESS
        ? `the session bus address ${env.DBUS_SESSION_BUS_ADDRESS} is not a local socket Confine will use`
        : 'there is no D-Bus session bus',
    };
  }
  let bus: MessageBus;
  try {
    bus = dbus.sessionBus({ busAddress: address });
  } catch (e) {
    return { ok: false, reason: `the session bus cannot be reached: ${(e as Error).message}` };
  }
  let closed = false;
  // An 'error' with no listener would throw in the main process; a bus that goes away later
  // only ends D-Bus activation.
  const broken = new Promise<never>((_, reject) => {
    bus.on('error', (e: unknown) => {
      const error = e instanceof Error ? e : new Error(String(e));
      reject(error);
      if (!closed) log(`confine: the session bus connection failed: ${error.message}`);
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
      () => reject(new Error(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`)),
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
    return { ok: false, reason: `the session bus cannot be reached: ${(e as Error).message}` };
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
