// A desktop notification (org.freedesktop.Notifications.Notify on the session bus), for what
// the watcher did while nobody was looking. The D-Bus library is loaded by the first one sent.
// Inside Confine's Flatpak the bus proxy lets an app reach the portals, not the notification
// server (that would take a --talk-name the manifest does not ask for): there it goes through
// the notification portal, org.freedesktop.portal.Notification, which needs no permission.

import type DBus from '@particle/dbus-next';
import type { Environment } from './locations';
import { defineMessage, t } from '../../shared/i18n';

const NO_ANSWER = defineMessage({
  id: 'error.notify.no-answer',
  defaultMessage: 'the notification server did not answer',
  description: 'The desktop’s notification service (org.freedesktop.Notifications) gave no reply',
});

const CALL_TIMEOUT_MS = 5000;

export interface Notification {
  readonly summary: string;
  readonly body: string;
}

let portalIds = 0;

/** The call that shows `n`: the notification server's Notify, or the portal's AddNotification. */
function notifyCall(dbus: typeof DBus, n: Notification, via: 'desktop' | 'portal') {
  if (via === 'portal')
    return new dbus.Message({
      destination: 'org.freedesktop.portal.Desktop',
      path: '/org/freedesktop/portal/desktop',
      interface: 'org.freedesktop.portal.Notification',
      member: 'AddNotification',
      signature: 'sa{sv}',
      // An ID of this process's own, so one notification does not replace the one before.
      body: [
        `confine-watch-${process.pid}-${++portalIds}`,
        { title: new dbus.Variant('s', n.summary), body: new dbus.Variant('s', n.body) },
      ],
    });
  return new dbus.Message({
    destination: 'org.freedesktop.Notifications',
    path: '/org/freedesktop/Notifications',
    interface: 'org.freedesktop.Notifications',
    member: 'Notify',
    signature: 'susssasa{sv}i',
    // app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout (-1: the server's)
    body: ['Confine', 0, 'security-high', n.summary, n.body, [], {}, -1],
  });
}

/**
 * Sends one notification, through the desktop's server or (inside Confine's Flatpak) the
 * portal; resolves with its ID (0 from the portal, which gives none), or rejects saying why it
 * could not be sent.
 */
export async function sendNotification(
  env: Environment,
  n: Notification,
  via: 'desktop' | 'portal' = 'desktop',
): Promise<number> {
  const [{ default: dbus }, { noSessionBus, sessionBusAddress }] = await Promise.all([
    import('@particle/dbus-next'),
    import('./permission-store'),
  ]);
  const address = sessionBusAddress(env);
  if (address === null) throw new Error(noSessionBus(env));
  const bus = dbus.sessionBus({ busAddress: address });
  let failed: Error | undefined;
  bus.on('error', (e: unknown) => (failed = e instanceof Error ? e : new Error(String(e))));
  let timer: NodeJS.Timeout | undefined;
  try {
    const reply = await Promise.race([
      bus.call(notifyCall(dbus, n, via)),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(failed ?? new Error(t(NO_ANSWER))), CALL_TIMEOUT_MS);
      }),
    ]);
    const id: unknown = reply?.body[0];
    return typeof id === 'number' ? id : 0;
  } finally {
    clearTimeout(timer);
    bus.disconnect();
  }
}
