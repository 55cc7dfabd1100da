// One entry for every IPC call: the channel must be in the contract, the payload must match its
// schema, and the answer is a typed result. A bad call never reaches a service.

import { ConfineError } from '../../shared/errors';
import { contract, isChannel, type Channel, type Response, type Result } from '../../shared/ipc/contract';
import type { z } from 'zod';

export type Handlers = {
  readonly [C in Channel]: (request: z.output<(typeof contract)[C]['request']>) => Promise<Response<C>>;
};

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export async function dispatch(handlers: Handlers, channel: unknown, payload: unknown): Promise<Result<unknown>> {
  if (!isChannel(channel))
    return { ok: false, error: { code: 'invalid-input', message: `Unknown channel ${JSON.stringify(channel)}` } };
  const parsed = contract[channel].request.safeParse(payload);
  if (!parsed.success)
    return {
      ok: false,
      error: { code: 'invalid-input', message: `Invalid ${channel} request: ${describeIssues(parsed.error)}` },
    };
  let value: unknown;
  try {
    value = await (handlers[channel] as (r: unknown) => Promise<unknown>)(parsed.data);
  } catch (e) {
    if (e instanceof ConfineError) return { ok: false, error: e.toFailure() };
    return { ok: false, error: { code: 'io', message: (e as Error).message } };
  }
  const checked = contract[channel].response.safeParse(value);
  if (!checked.success)
    return {
      ok: false,
      error: {
        code: 'io',
        message: `Internal error: the ${channel} answer does not match the contract (${describeIssues(checked.error)})`,
      },
    };
  return { ok: true, value: checked.data };
}
