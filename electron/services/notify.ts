// A desktop notification (org.freedesktop.Notifications.Notify on the session bus), for what
// the watcher did while nobody was looking. The D-Bus library is loaded by the first one sent.

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

/** Sends one notification; resolves with its ID, or rejects saying why it could not be sent. */
export async function sendNotification(env: Environment, n: Notification): Promise<number> {
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
      bus.call(
        new dbus.Message({
          destination: 'org.freedesktop.Notifications',
          path: '/org/freedesktop/Notifications',
          interface: 'org.freedesktop.Notifications',
          member: 'Notify',
          signature: 'susssasa{sv}i',
          // app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout (-1: the server's)
          body: ['Confine', 0, 'security-high', n.summary, n.body, [], {}, -1],
        }),
      ),
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
