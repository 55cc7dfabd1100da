// What a start of the window asks for: `confine --app ID` (or `confine ID`, as GNOME Software
// and desktop files pass an app) opens that app's page; a second start hands its request to
// the running window. Pure, so it is tested without Electron.

import { checkAppId } from '../../shared/flatpak/grammar';

export type LaunchRequest = { readonly appId: string | null } | { readonly error: string };

/** The window's own arguments in a command line: after the binary, and the app folder in development. */
export const windowArgs = (argv: readonly string[], packaged: boolean): readonly string[] => argv.slice(packaged ? 1 : 2);

/** Reads the window's own arguments (Chromium's switches, which Electron adds, are skipped). */
export function launchRequest(args: readonly string[]): LaunchRequest {
  let appId: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    let value: string | undefined;
    if (arg === '--app') value = args[++i];
    else if (arg.startsWith('--app=')) value = arg.slice('--app='.length);
    else if (!arg.startsWith('-')) value = arg;
    else continue;
    if (value === undefined || value === '') return { error: '--app needs an app ID' };
    const bad = checkAppId(value);
    if (bad) return { error: `'${value}' is not a valid application name: ${bad}` };
    appId = value;
  }
  return { appId };
}
