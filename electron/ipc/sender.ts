// Who may call main: only the top frame of Confine's own page, served from app://bundle.
// (In Node, `new URL('app://bundle/x').origin` is 'null', so the check is on protocol and host.)

export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export interface SenderFrame {
  readonly url: string | undefined;
  /** True for the top frame of the window; a subframe has a parent. */
  readonly isMainFrame: boolean;
}

export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  if (!frame?.isMainFrame || !frame.url) return false;
  try {
    const url = new URL(frame.url);
    return (
      url.protocol === `${APP_SCHEME}:` &&
      url.host === APP_HOST &&
      url.username === '' &&
      url.password === '' &&
      url.port === ''
    );
  } catch {
    return false;
  }
}
