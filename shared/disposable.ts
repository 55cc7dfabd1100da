// Undoing what was set up: a listener added, a watch armed, a handler registered. Node 20 has
// neither `using` nor DisposableStack, so this small stand-in is the one way main, the services
// and the window let go of what they hold.

export interface Disposable {
  /** Removes what this stands for; a second call does nothing. */
  dispose(): void;
}

/** Runs `undo` on the first dispose only. */
export function toDisposable(undo: () => void): Disposable {
  let done = false;
  return {
    dispose() {
      if (done) return;
      done = true;
      undo();
    },
  };
}

/** The part of an EventEmitter (Node's, or a library's built on it) a listener needs. */
export interface Emitter<L> {
  on(event: string, listener: L): unknown;
  removeListener(event: string, listener: L): unknown;
}

/** Adds `listener` for `event`; disposing removes that very listener again. */
export function listen<L>(emitter: Emitter<L>, event: string, listener: L): Disposable {
  emitter.on(event, listener);
  return toDisposable(() => void emitter.removeListener(event, listener));
}

/**
 * Many disposables let go of as one, the last added first. One added after the stack was
 * disposed is disposed at once: a subscription made by a slow start after its owner went away
 * (a window closed while it was still connecting) must not outlive it.
 */
export class DisposableStack implements Disposable {
  #items: Disposable[] = [];
  #disposed = false;

  get disposed(): boolean {
    return this.#disposed;
  }

  /** Takes a disposable, or a function that undoes something, and gives it back. */
  add<D extends Disposable>(item: D): D;
  add(undo: () => void): Disposable;
  add(item: Disposable | (() => void)): Disposable {
    const d = typeof item === 'function' ? toDisposable(item) : item;
    if (this.#disposed) d.dispose();
    else this.#items.push(d);
    return d;
  }

  /** Disposes everything, every item even when one throws; the first error is thrown after. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    const items = this.#items.reverse();
    this.#items = [];
    let failed: { error: unknown } | undefined;
    for (const d of items) {
      try {
        d.dispose();
      } catch (error) {
        failed ??= { error };
      }
    }
    if (failed) throw failed.error;
  }
}
