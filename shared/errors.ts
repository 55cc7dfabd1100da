// Failures users are expected to meet, each with a code the CLI and the window can act on.

export type ErrorCode =
  | 'invalid-input'
  | 'not-installed'
  | 'malformed'
  | 'conflict'
  | 'unsafe-path'
  | 'permission-denied'
  | 'io';

export interface Failure {
  readonly code: ErrorCode;
  readonly message: string;
  readonly path?: string;
}

export class ConfineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'ConfineError';
  }

  toFailure(): Failure {
    return this.path === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, path: this.path };
  }
}
