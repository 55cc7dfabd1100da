// What a start of the window asks for: `confine --app ID` (or `confine ID`, as GNOME Software
// and desktop files pass an app) opens that app's page; a second start hands its request to
// the running window. `--gapplication-service` is the bus starting Confine for a D-Bus call
// (activation.ts): the call, not the command line, says what to show. Pure, so it is tested
// without Electron.

import { ERROR_MESSAGES } from '../../shared/errors';
import { checkAppId } from '../../shared/flatpak/grammar';
import { defineMessages, t } from '../../shared/i18n';

const M = defineMessages({
  needsApp: { id: 'main.launch.needs-app', defaultMessage: '{option} needs an app ID', description: 'option: --app' },
  serviceNoApp: {
    id: 'main.launch.service-no-app',
    defaultMessage: '{option} takes no app ID: the D-Bus call that starts Confine names the app',
    description: 'option: --gapplication-service, the switch the session bus starts Confine with',
  },
});

export type LaunchRequest = { readonly appId: string | null; readonly service: boolean } | { readonly error: string };

/** The switch GLib applications take in their D-Bus service files; Confine's takes it too. */
export const SERVICE_SWITCH = '--gapplication-service';

/** The window's own arguments in a command line: after the binary, and the app folder in development. */
export const windowArgs = (argv: readonly string[], packaged: boolean): readonly string[] =>
  argv.slice(packaged ? 1 : 2);

/** Reads the window's own arguments (Chromium's switches, which Electron adds, are skipped). */
export function launchRequest(args: readonly string[]): LaunchRequest {
  let appId: string | null = null;
  let service = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    let value: string | undefined;
    if (arg === SERVICE_SWITCH) {
      service = true;
      continue;
    }
    if (arg === '--app') value = args[++i];
    else if (arg.startsWith('--app=')) value = arg.slice('--app='.length);
    else if (!arg.startsWith('-')) value = arg;
    else continue;
    if (value === undefined || value === '') return { error: t(M.needsApp, { option: '--app' }) };
    const bad = checkAppId(value);
    if (bad) return { error: t(ERROR_MESSAGES.badAppId, { app: value, problem: bad }) };
    appId = value;
  }
  if (service && appId !== null) return { error: t(M.serviceNoApp, { option: SERVICE_SWITCH }) };
  return { appId, service };
}
