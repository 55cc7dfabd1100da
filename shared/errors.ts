// Failures users are expected to meet, each with a code the CLI and the window can act on.

import { defineMessages, t } from './i18n';

export const ERROR_CODES = [
  'invalid-input',
  'not-installed',
  'malformed',
  'conflict',
  'unsafe-path',
  'permission-denied',
  'io',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A failure as data: what went wrong, and the app or file it concerns where there is one. */
export interface Failure {
  readonly code: ErrorCode;
  readonly message: string;
  /** The app concerned; absent for the global override or a failure of no one app. */
  readonly appId?: string;
  readonly path?: string;
}

export class ConfineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly path?: string,
    readonly appId?: string,
  ) {
    super(message);
    this.name = 'ConfineError';
  }

  toFailure(): Failure {
    return {
      code: this.code,
      message: this.message,
      ...(this.appId === undefined ? {} : { appId: this.appId }),
      ...(this.path === undefined ? {} : { path: this.path }),
    };
  }
}

/**
 * Any thrown value as a failure of `appId` (null: the global override). Only a ConfineError
 * knows its code; anything else is an unexpected I/O failure.
 */
export function failureOf(e: unknown, appId?: string | null): Failure {
  const base: Failure =
    e instanceof ConfineError ? e.toFailure() : { code: 'io', message: e instanceof Error ? e.message : String(e) };
  return appId === undefined || appId === null || base.appId !== undefined ? base : { ...base, appId };
}

/** A failure from a message alone, for a refusal decided without an exception. */
export function failure(code: ErrorCode, message: string, appId?: string | null): Failure {
  return appId === undefined || appId === null ? { code, message } : { code, message, appId };
}

/** Messages of failures that more than one place reports, shared so each is translated once. */
export const ERROR_MESSAGES = defineMessages({
  badAppId: {
    id: 'error.bad-app-id',
    defaultMessage: "''{app}'' is not a valid application name: {problem}",
    description: 'Worded as flatpak words it. app: what was given; problem: why it is not an app ID',
  },
  notInstalled: {
    id: 'error.not-installed',
    defaultMessage: '{app} is not installed',
    description: 'app: an app ID',
  },
  symlink: {
    id: 'error.symbolic-link',
    defaultMessage: '{path} is a symbolic link; Confine does not write through links',
  },
  cannotWrite: {
    id: 'error.cannot-write',
    defaultMessage: 'Cannot write {path}: {reason}',
    description: 'reason: the system’s own error message',
  },
  cannotRead: {
    id: 'error.cannot-read',
    defaultMessage: 'Cannot read {path}: {reason}',
    description: 'reason: the system’s own error message',
  },
  portalsUnchangeable: {
    id: 'error.portals-unchangeable',
    defaultMessage: 'Portal permissions cannot be changed: {reason}',
    description: 'reason: why the permission store cannot be reached',
  },
  overrideName: {
    id: 'error.override-name',
    defaultMessage:
      '{app, select, global {{scope, select, system {global (system)} other {global}}} other {{scope, select, system {{app} (system)} other {{app}}}}}',
    description:
      'Names one override in a list or message: an app ID, or "global" for the override of all apps; (system) marks the system-wide one',
  },
});

/** An override's name as messages and the CLI write it: the app ID or "global", and "(system)". */
export function overrideName(app: string | null, scope: 'user' | 'system'): string {
  return t(ERROR_MESSAGES.overrideName, { app: app ?? 'global', scope });
}
