// Where a read from main stands, one shape for every slice that reads something: whether a read
// is under way, and the failure of the last one, kept typed so the window can act on its code.

import type { Failure } from '../../../shared/errors';
import type { Result } from '../../../shared/ipc/contract';

export interface Loading {
  readonly loading: boolean;
  readonly error: Failure | null;
}

export const IDLE: Loading = { loading: false, error: null };

/** A read begins; the last failure stays shown until the answer. */
export const started = (prev: Loading): Loading => ({ loading: true, error: prev.error });

/** A read ended with this answer. */
export const settled = (r: Result<unknown>): Loading => ({ loading: false, error: r.ok ? null : r.error });
