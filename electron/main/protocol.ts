// Serves the window from the privileged app:// scheme instead of file://.

import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from '../ipc/sender';
import { appIcon, rendererAsset, type IconRegistry } from '../ipc/assets';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false } }]);
}

export function serveApp(rendererDir: string, icons: IconRegistry): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || request.method !== 'GET') return new Response('Not found', { status: 404 });
    const icon = /^\/icons\/([^/]+)$/.exec(url.pathname);
    const asset = icon ? await appIcon(icons, decodeURIComponent(icon[1] ?? '')) : await rendererAsset(rendererDir, url.pathname);
    return new Response(new Uint8Array(asset.body), { status: asset.status, headers: asset.headers });
  });
}
