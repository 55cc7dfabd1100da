// A failure's code must reach the window: the window offers Reload on a conflict, which it can
// only do if the code survives main's checks of the request and of the answer.

import { describe, expect, it } from 'vitest';
import { ConfineError, type Failure } from '../../shared/errors';
import { CHANNEL_NAMES } from '../../shared/ipc/names';
import { dispatch, type Handlers } from './dispatch';

const APP = 'org.example.Editor';
const PATH = `/home/u/.local/share/flatpak/overrides/${APP}`;

function handlersWith(
  overrides: Partial<Record<(typeof CHANNEL_NAMES)[number], (req: unknown) => Promise<unknown>>>,
): Handlers {
  const unused = () => Promise.reject(new Error('not under test'));
  return Object.fromEntries(CHANNEL_NAMES.map((c) => [c, overrides[c] ?? unused])) as unknown as Handlers;
}

describe('failures across the IPC border', () => {
  it('a conflict thrown by a service arrives with its code, app and file', async () => {
    const handlers = handlersWith({
      'override:change': () => Promise.reject(new ConfineError('conflict', `${PATH} changed since`, PATH, APP)),
    });
    const r = await dispatch(handlers, 'override:change', {
      appId: APP,
      changes: [{ kind: 'shared', name: 'network', value: false }],
    });
    expect(r).toEqual({
      ok: false,
      error: { code: 'conflict', message: `${PATH} changed since`, appId: APP, path: PATH },
    });
  });

  it('a batch keeps each item’s code through the answer’s check', async () => {
    const failures: { appId: string | null; error: Failure }[] = [
      { appId: APP, error: { code: 'conflict', message: 'changed by another program', appId: APP, path: PATH } },
      { appId: null, error: { code: 'permission-denied', message: 'read-only' } },
    ];
    const handlers = handlersWith({ 'harden:apply': () => Promise.resolve({ files: [], portals: [], failures }) });
    const r = await dispatch(handlers, 'harden:apply', {
      preset: 'recommended',
      items: [{ appId: APP, proposalIds: [] }],
    });
    expect(r).toEqual({ ok: true, value: { files: [], portals: [], failures } });
  });

  it('a batch failure as a bare string, or with a code Confine does not have, does not leave main', async () => {
    for (const error of ['changed by another program', { code: 'oops', message: 'x' }]) {
      const handlers = handlersWith({
        'harden:apply': () => Promise.resolve({ files: [], portals: [], failures: [{ appId: APP, error }] }),
      });
      const r = await dispatch(handlers, 'harden:apply', {
        preset: 'recommended',
        items: [{ appId: APP, proposalIds: [] }],
      });
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'io', message: expect.stringContaining('does not match the contract') as unknown },
      });
    }
  });
});
