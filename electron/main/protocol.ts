// Serves the window from the privileged app:// scheme instead of file://.

import { protocol } from 'electron';
import { toDisposable, type Disposable } from '../../shared/disposable';
import { APP_HOST, APP_SCHEME } from '../ipc/sender';
import { appIcon, rendererAsset, type Asset, type IconRegistry } from '../ipc/assets';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false },
    },
  ]);
}

/** What one app:// request gets; every failure is a plain 404, never an exception. */
export function serveRequest(rendererDir: string, icons: IconRegistry, method: string, href: string): Asset | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.host !== APP_HOST || method !== 'GET') return null;
  const icon = /^\/icons\/([^/]+)$/.exec(url.pathname);
  if (!icon) return rendererAsset(rendererDir, url.pathname);
  let appId: string;
  try {
    appId = decodeURIComponent(icon[1] ?? '');
  } catch {
    // A malformed escape is no app ID; without this the handler would throw.
    return null;
  }
  return appIcon(icons, appId);
}

/** Serves app:// until disposed. */
export function serveApp(rendererDir: string, icons: IconRegistry): Disposable {
  protocol.handle(APP_SCHEME, (request) => {
    let asset: Asset | null;
    try {
      asset = serveRequest(rendererDir, icons, request.method, request.url);
    } catch {
      asset = null;
    }
    if (asset === null) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(asset.body), { status: asset.status, headers: asset.headers });
  });
  return toDisposable(() => protocol.unhandle(APP_SCHEME));
}
