// Registers the handler table on Electron's IPC: one invoke channel and one event channel,
// every call checked for its sender and validated by dispatch().

import { ipcMain, type WebContents } from 'electron';
import { toDisposable, type Disposable } from '../../shared/disposable';
import { events, type EventName, type EventPayload } from '../../shared/ipc/contract';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/ipc/names';
import { dispatch, type Handlers } from '../ipc/dispatch';
import { isTrustedSender } from '../ipc/sender';
import { defineMessages, t } from '../../shared/i18n';

const M = defineMessages({
  refused: {
    id: 'main.ipc.refused',
    defaultMessage: 'Refused: the call did not come from Confine’s own window',
    description: 'A call to the main process from a page that is not Confine’s window',
  },
});

/** Answers the window's calls until disposed. */
export function registerIpc(handlers: Handlers): Disposable {
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, payload: unknown) => {
    const frame = event.senderFrame;
    if (!isTrustedSender(frame ? { url: frame.url, isMainFrame: frame.parent === null } : null)) {
      return {
        ok: false,
        error: { code: 'invalid-input', message: t(M.refused) },
      };
    }
    return dispatch(handlers, channel, payload);
  });
  return toDisposable(() => ipcMain.removeHandler(INVOKE_CHANNEL));
}

export function sendEvent<E extends EventName>(contents: WebContents, name: E, payload: EventPayload<E>): void {
  if (contents.isDestroyed()) return;
  contents.send(EVENT_CHANNEL, name, events[name].parse(payload));
}
