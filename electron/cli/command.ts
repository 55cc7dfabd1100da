// What every command module of the CLI shares: the process it writes to, and the check of an
// app ID argument.

import { checkAppId } from '../../shared/flatpak/grammar';
import type { Environment } from '../services/locations';
import { ERROR_MESSAGES } from '../../shared/errors';
import { defineMessages, t } from '../../shared/i18n';
import { UsageError } from './options';

/** The lines a command writes to stderr, each ending in a newline. */
export const LINE = defineMessages({
  error: {
    id: 'cli.line.error',
    defaultMessage: 'error: {message}\n',
    description: 'A failure on stderr; message: what went wrong. Keep the line break at the end.',
  },
  warning: {
    id: 'cli.line.warning',
    defaultMessage: 'warning: {message}\n',
    description: 'A warning on stderr. Keep the line break at the end.',
  },
  note: {
    id: 'cli.line.note',
    defaultMessage: 'note: {message}\n',
    description: 'A remark on stderr. Keep the line break at the end.',
  },
});

/** Refusals of operands that several commands share. */
export const USAGE = defineMessages({
  noArguments: { id: 'cli.usage.no-arguments', defaultMessage: '{command} takes no arguments' },
  takesOne: {
    id: 'cli.usage.takes-one',
    defaultMessage: '{command} takes one {operand}',
    description: 'operand: a metavariable, APP, FILE or SHELL',
  },
  notCombined: {
    id: 'cli.usage.not-combined',
    defaultMessage: '{first} and {second} cannot be combined',
    description: 'first, second: two options, such as --only and --skip',
  },
  appMissing: {
    id: 'cli.usage.app-missing',
    defaultMessage: '{app} is missing',
    description: 'app: the metavariable APP',
  },
  nothingToChange: {
    id: 'cli.usage.nothing-to-change',
    defaultMessage: 'Nothing to change: give at least one option (see {help})',
    description: 'help: the command line confine help',
  },
});

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Environment;
  /** Ends a command that runs until stopped (`watch`), as SIGTERM or SIGINT do. */
  readonly signal?: AbortSignal;
}

export function checkApp(app: string | undefined): string {
  if (app === undefined) throw new UsageError(t(USAGE.appMissing, { app: 'APP' }));
  const bad = checkAppId(app);
  if (bad) throw new UsageError(t(ERROR_MESSAGES.badAppId, { app, problem: bad }));
  return app;
}
