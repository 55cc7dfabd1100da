// A read that a newer one of the same kind replaces: the page was left and come back to, the
// list read again after a change. Each slice keeps one of these; starting a read aborts the one
// before, whose answer, however late, is then dropped.

/** Gives each new read its signal, aborting the signal of the read before. */
export function latestRead(): () => AbortSignal {
  let current: AbortController | undefined;
  return () => {
    current?.abort();
    current = new AbortController();
    return current.signal;
  };
}
