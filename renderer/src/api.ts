// The only way the window talks to main: typed calls on the contract's channels and its events,
// through the bridge the preload exposes.

import type { EventPayload, Request, Response, Result } from '../../shared/ipc/contract';
import type { Bridge, Channel, EventName } from '../../shared/ipc/names';

declare global {
  interface Window {
    readonly confine: Bridge;
  }
}

export async function call<C extends Channel>(channel: C, request: Request<C>): Promise<Result<Response<C>>> {
  try {
    return (await window.confine.invoke(channel, request)) as Result<Response<C>>;
  } catch (e) {
    return { ok: false, error: { code: 'io', message: e instanceof Error ? e.message : String(e) } };
  }
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.confine.subscribe(event, (payload) => listener(payload as EventPayload<E>));
}
