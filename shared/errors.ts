// Failures users are expected to meet, each with a code the CLI and the window can act on.

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
