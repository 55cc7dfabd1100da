// Long work on main's thread, cut so that the thread answers others meanwhile.

/** How long one slice may hold the thread: a request that comes in waits for the slice under way,
 *  and an answer written in parts (a large one to a pipe or a socket) gets one part out a turn.
 *  At 8 ms, a 0.5 MB answer took 160-180 ms to reach a page while a read was under way, against
 *  30-45 ms idle; at 4 ms, 75-90 ms (a Chromium page over Playwright's pipe, issue 15). */
const SLICE_MS = 4;
const MAX_SLICE = 200;

/** Milliseconds from process.hrtime: `performance` loads perf_hooks, ~1 ms of every CLI run. */
const now = (): number => Number(process.hrtime.bigint()) / 1e6;

/**
 * Maps the items a slice at a time, the items of a slice at once, and gives the event loop a turn
 * between slices. The window's first read of every app runs while its page loads, and the page's
 * files and first requests are answered by this same thread: read in one go (the files of an
 * app are read synchronously), a thousand apps kept the page from starting for the whole read.
 * A slice is as many items as took about SLICE_MS last time, so a slow machine (or one busy with
 * other work) gets smaller slices rather than longer waits.
 */
export async function inSlices<T, R>(items: readonly T[], map: (item: T) => Promise<R>, first = 10): Promise<R[]> {
  const out: R[] = [];
  let size = first;
  for (let i = 0; i < items.length;) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    const start = now();
    const slice = items.slice(i, i + size);
    out.push(...(await Promise.all(slice.map(map))));
    i += slice.length;
    const perItem = Math.max(now() - start, 0.01) / slice.length;
    // At most halved or doubled at a time: one slice that met a garbage collection says little.
    size = Math.round(Math.min(MAX_SLICE, size * 2, Math.max(1, size / 2, SLICE_MS / perItem)));
  }
  return out;
}
