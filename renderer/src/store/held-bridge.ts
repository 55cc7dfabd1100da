// For the store's tests: a stand-in for the preload's bridge that holds every answer until the
// test gives it, so a test chooses the order in which reads come back. Remembering the page is
// no read; it is answered at once.

export interface Held {
  readonly channel: string;
  readonly request: unknown;
  /** Answers the call with `value`, and lets the store's awaits go on. */
  answer(value: unknown): Promise<void>;
}

/** Installs the bridge on `window`; `held` lists the calls not answered yet, in order, and
 *  `remembered` the pages the store asked to remember. */
export function installHeldBridge(): { held: Held[]; on: (channel: string) => Held[]; remembered: unknown[] } {
  const held: Held[] = [];
  const remembered: unknown[] = [];
  Object.defineProperty(window, 'confine', {
    value: {
      invoke: (channel: string, request: unknown) => {
        if (channel === 'settings:set') {
          remembered.push(request);
          return Promise.resolve({ ok: true, value: {} });
        }
        return new Promise((resolve) =>
          held.push({
            channel,
            request,
            answer: async (value) => {
              resolve({ ok: true, value });
              // Let the store's await go on before the next answer.
              await new Promise((r) => setTimeout(r, 0));
            },
          }),
        );
      },
      subscribe: () => () => undefined,
    },
  });
  return { held, on: (channel) => held.filter((h) => h.channel === channel), remembered };
}
