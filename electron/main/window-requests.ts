// Where every request to show Confine goes: the first start, a second start handed over by the
// single-instance lock, and the D-Bus calls of activation.ts. One window at most; a request that
// arrives before Electron is ready waits for it instead of being dropped. No Electron import, so
// the rules are tested under Node with plain objects standing in for the window.

import { launchRequest } from './launch';

/** The few members of a BrowserWindow these rules use. */
export interface ShownWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
}

export interface WindowOpener<W extends ShownWindow> {
  /** Opens the window; it reads `launchApp` once as it starts. */
  readonly open: () => W;
  /** Tells a window that is already showing to open an app's page. */
  readonly showApp: (window: W, appId: string) => void;
}

export class WindowRequests<W extends ShownWindow> {
  #window: W | undefined;
  #opener: WindowOpener<W> | undefined;
  // Only the latest early request matters: each one would replace the page the one before showed.
  #early: { readonly appId: string | null } | undefined;
  #launchApp: string | null;

  constructor(launchApp: string | null) {
    this.#launchApp = launchApp;
  }

  /** The app the window was opened for, read by the renderer at its start. */
  get launchApp(): string | null {
    return this.#launchApp;
  }

  /** The window, while it is open. */
  get window(): W | undefined {
    return this.#window && !this.#window.isDestroyed() ? this.#window : undefined;
  }

  /** Electron is ready: requests are served from now on, the one that waited first. */
  ready(opener: WindowOpener<W>): void {
    this.#opener = opener;
    const early = this.#early;
    this.#early = undefined;
    if (early) this.show(early.appId);
  }

  /** Shows the window (opening it if there is none), at an app's page if one is named. */
  show(appId: string | null): void {
    if (!this.#opener) {
      this.#early = { appId: appId ?? this.#early?.appId ?? null };
      return;
    }
    const open = this.window;
    if (!open) {
      this.#launchApp = appId;
      this.#window = this.#opener.open();
      return;
    }
    if (open.isMinimized()) open.restore();
    open.focus();
    if (appId !== null) this.#opener.showApp(open, appId);
  }

  /**
   * A second start's own arguments. A bad one is ignored (that start already said why and
   * exited); a start by the bus hands over nothing, since the bus brings its call here itself.
   */
  secondStart(args: readonly string[]): void {
    const asked = launchRequest(args);
    if ('error' in asked || asked.service) return;
    this.show(asked.appId);
  }
}
