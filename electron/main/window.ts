// The one window. Its webPreferences are written inline so Electronegativity can check them.

import { BrowserWindow, nativeTheme } from 'electron';
import { APP_ORIGIN } from '../ipc/sender';
import { hardenContents } from './hardening';

export interface WindowBounds {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized?: boolean;
}

export function createMainWindow(preload: string, bounds: WindowBounds | undefined, devTools: boolean): BrowserWindow {
  const win = new BrowserWindow({
    width: bounds?.width ?? 1100,
    height: bounds?.height ?? 720,
    ...(bounds?.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    // A phone's width: below 600 px the list and the page take turns (styles.css). 400 px high
    // still shows the search, a few rows of the list and the System button under them, and a
    // dialog's title, some of its body and its buttons.
    minWidth: 360,
    minHeight: 400,
    show: false,
    title: 'Confine',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#242424' : '#fafafa',
    autoHideMenuBar: true,
    webPreferences: {
      // The preload exposes only a frozen invoke/subscribe pair for the contract's channels (preload.test.ts).
      preload, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools,
    },
  });
  hardenContents(win.webContents);
  if (bounds?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
