// The only thing the page can reach: `window.confine.invoke(channel, request)` for the channels
// of the contract, and `window.confine.subscribe(event, listener)` for its events. The
// IpcRendererEvent never reaches the page.

import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL, isChannel, isEventName, type Bridge } from '../../shared/ipc/names';

const bridge: Bridge = {
  invoke(channel, request) {
    if (!isChannel(channel)) return Promise.reject(new Error(`Unknown channel ${String(channel)}`));
    return ipcRenderer.invoke(INVOKE_CHANNEL, channel, request) as Promise<unknown>;
  },
  subscribe(event, listener) {
    if (!isEventName(event) || typeof listener !== 'function') throw new Error(`Unknown event ${String(event)}`);
    const wrapped = (_e: unknown, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('confine', Object.freeze(bridge));
