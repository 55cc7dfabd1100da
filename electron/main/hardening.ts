// Settings that make the window the least attackable program on the desktop: no permission
// is ever granted to web content, no navigation, no new window, no webview, no network.

import { app, session, shell, type WebContents } from 'electron';
import { APP_SCHEME } from '../ipc/sender';

export function hardenSessions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // No remote content: only the app's own scheme (and DevTools in development) may load.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = details.url.startsWith(`${APP_SCHEME}:`) || details.url.startsWith('devtools:');
    callback({ cancel: !allowed });
  });
}

export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function hardenAllContents(): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
}

/** Opens a link in the user's browser; the IPC handler has already checked it against the allow-list. */
export async function openExternal(url: string): Promise<void> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:') throw new Error('only https links open outside');
  // Reached only through the link:open handler, which maps a key to a fixed https link.
  await shell.openExternal(parsed.toString()); // eng-disable OPEN_EXTERNAL_JS_CHECK
}
