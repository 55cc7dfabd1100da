// The window: the app:// scheme, the hardened sessions and contents, IPC, the single instance,
// D-Bus activation and the file watcher. Imported by the entry (index.ts) only when no CLI
// command was asked for.

import { app, clipboard, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { DisposableStack } from '../../shared/disposable';
import { IconRegistry } from '../ipc/assets';
import { createHandlers } from '../ipc/handlers';
import { FlatpakCore } from '../services/core';
import { overridesDir } from '../services/overrides';
import { SettingsStore } from '../services/settings';
import { hostFs } from '../services/system';
import { readAhead } from '../services/views';
import { watchFlatpak } from '../services/watch';
import { startLockWatcher } from '../services/lock-watch';
import { desktopDialogs } from './dialogs';
import { hardenAllContents, hardenSessions, openExternal } from './hardening';
import { registerIpc, sendEvent } from './ipc';
import { registerAppScheme, serveApp } from './protocol';
import { createMainWindow } from './window';
import { launchRequest, windowArgs } from './launch';
import { notServedLine, serveApplication } from './activation';
import { WindowRequests } from './window-requests';
import { languagesFromEnv, setLanguage } from '../../shared/i18n';

/** Starts the window; `outDir` is the built main folder (out/main), beside renderer/ and preload/. */
export function startWindow(args: readonly string[], outDir: string): void {
  const rendererDir = join(outDir, '../renderer');
  const preload = join(outDir, '../preload/index.cjs');

  const launch = launchRequest(args);
  if ('error' in launch) {
    // Said on the terminal that started it, in the terminal's language, as the CLI says its errors.
    void setLanguage(languagesFromEnv(process.env)).then(() => {
      const again = launchRequest(args);
      process.stderr.write(`confine: ${'error' in again ? again.error : launch.error}\n`);
      app.exit(2);
    });
    return;
  }
  registerAppScheme();
  app.enableSandbox();
  hardenAllContents();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  // A second start (a desktop file, GNOME Software, `confine --app ID`) or a D-Bus call focuses
  // the window and opens the app it asks for; a service start has none yet, so it opens one.
  const requests = new WindowRequests<BrowserWindow>(launch.appId);
  // What the app holds while it runs, let go of as it quits: the bus connections most of all.
  const running = new DisposableStack();
  const onSecondStart = (_event: Electron.Event, argv: string[]) =>
    requests.secondStart(windowArgs(argv, app.isPackaged));
  app.on('second-instance', onSecondStart);
  running.add(() => app.removeListener('second-instance', onSecondStart));
  const onAllClosed = () => app.quit();
  app.on('window-all-closed', onAllClosed);
  running.add(() => app.removeListener('window-all-closed', onAllClosed));
  app.once('will-quit', () => running.dispose());

  void app.whenReady().then(async () => {
    hardenSessions();
    // What main puts into words (errors, notifications) in the language of the window, which
    // Chromium takes from the same place (navigator.languages).
    await setLanguage([app.getLocale()]);
    const settings = SettingsStore.inFolder(app.getPath('userData'));
    await settings.load();
    let corePromise: Promise<FlatpakCore> | undefined;
    const core = () => (corePromise ??= FlatpakCore.create({ saveLater: true }));
    running.add(() => void corePromise?.then((c) => c.close()).catch(() => undefined));
    const icons = new IconRegistry();
    running.add(serveApp(rendererDir, icons));
    running.add(
      registerIpc(
        createHandlers({
          core,
          icons,
          settings,
          openExternal,
          writeClipboard: (text) => void clipboard.writeText(text),
          dialogs: desktopDialogs(() => requests.window),
          systemFs: () => Promise.resolve(hostFs('/')),
          launchApp: () => requests.launchApp,
          home: app.getPath('home'),
          ...(process.env.XDG_CONFIG_HOME ? { configHome: process.env.XDG_CONFIG_HOME } : {}),
        }),
      ),
    );

    const openWindow = () => {
      const win = createMainWindow(preload, settings.get().window, !app.isPackaged);
      // What this window holds goes with it; what is added after it closed (a watch whose
      // start was still under way) is let go of at once.
      const held = new DisposableStack();
      win.once('closed', () => held.dispose());
      const saveBounds = () => {
        if (win.isDestroyed()) return;
        const b = win.getNormalBounds();
        void settings.update({
          window: { width: b.width, height: b.height, x: b.x, y: b.y, maximized: win.isMaximized() },
        });
      };
      win.on('close', saveBounds);
      held.add(() => win.removeListener('close', saveBounds));
      void watchChanges(win, held);
      return win;
    };
    const watchChanges = async (win: BrowserWindow, held: DisposableStack) => {
      const flatpak = await core();
      const { installations } = await flatpak.installations();
      if (held.disposed) return;
      flatpak.shareReads();
      const watcher = held.add(
        watchFlatpak(
          {
            overrideDirs: [overridesDir(flatpak.paths, 'user'), overridesDir(flatpak.paths, 'system')],
            installationDirs: installations.map((i) => i.path),
          },
          (changed) => {
            flatpak.noteOutsideChange();
            sendEvent(win.webContents, 'flatpak:changed', changed);
          },
        ),
      );
      // The list is read and audited while the page loads, and its first request shares that
      // read (or finds its work done); a change noticed meanwhile makes it read again
      // (noteOutsideChange). Begun once reads are shared: begun before (as it was, beside this
      // function's first awaits), it was a read of its own, and the page's request read every
      // app again.
      void readAhead(flatpak).catch(() => undefined);
      // Portal permissions changed by the portal itself or another tool show up as well.
      held.add(await (await core()).watchPortals(() => watcher.note({ portals: true })));
      // The lock watcher of `confine watch`, the same code, while the window is open: a locked
      // app's update is denied at once, with the desktop's notification and the window's own.
      const locks = await startLockWatcher(flatpak, {
        log: (line) => process.stderr.write(`${line}\n`),
        onDenied: (d) => sendEvent(win.webContents, 'review:denied', { appId: d.app, items: [...d.items] }),
      });
      if (held.disposed) locks.dispose();
      else held.add(locks);
    };

    requests.ready({ open: openWindow, showApp: (win, appId) => sendEvent(win.webContents, 'app:open', { appId }) });
    if (!launch.service) requests.show(launch.appId);
    // Desktops and other programs reach Confine on the session bus as well (DBusActivatable).
    const served = await serveApplication(
      process.env,
      { activate: () => requests.show(null), showApp: (appId) => requests.show(appId) },
      {
        log: (line) => process.stderr.write(`${line}\n`),
        // Started by the bus for a caller that only looked: quit, as GLib applications do.
        ...(launch.service ? { service: { onIdle: () => (requests.window ? undefined : app.quit()) } } : {}),
      },
    );
    if (!served.ok) {
      process.stderr.write(`${notServedLine(served.reason)}\n`);
      // No call can reach a service start now; the one who started it still gets a window.
      if (launch.service) requests.show(null);
    } else {
      running.add(() => served.close());
    }
  });
}
