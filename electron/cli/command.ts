// What every command module of the CLI shares: the process it writes to, and the check of an
// app ID argument.

import { checkAppId } from '../../shared/flatpak/grammar';
import type { Environment } from '../services/locations';
import { UsageError } from './options';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Environment;
  /** Ends a command that runs until stopped (`watch`), as SIGTERM or SIGINT do. */
  readonly signal?: AbortSignal;
}

export function checkApp(app: string | undefined): string {
  if (app === undefined) throw new UsageError('APP is missing');
  const bad = checkAppId(app);
  if (bad) throw new UsageError(`'${app}' is not a valid application name: ${bad}`);
  return app;
}
