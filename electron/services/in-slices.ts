// Long work on main's thread, cut so that the thread answers others meanwhile.

/**
 * Maps the items a slice at a time, the items of a slice at once, and gives the event loop a turn
 * between slices. The window's first read of every app runs while its page loads, and the page's
 * files and first requests are answered by this same thread: read in one go (the files of an
 * app are read synchronously), a thousand apps kept the page from starting for the whole read.
 */
export async function inSlices<T, R>(items: readonly T[], map: (item: T) => Promise<R>, size = 50): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    out.push(...(await Promise.all(items.slice(i, i + size).map(map))));
  }
  return out;
}
