// The window's import merges the export's review state as `confine import` does (issue 17):
// through the real handler table over two homes of the test bed, what was seen and the locks
// of one arrive in the other, and unticked, nothing of them does.

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../electron/ipc/dispatch';
import { FlatpakCore } from '../electron/services/core';
import { testHandlers } from './helpers/handlers';
import { confine, testbed, workspace } from './helpers/testbed';

const bed = testbed();
const net = bed.apps.find((a) => a.profile === 'network-only')?.id ?? '';

async function windowOver(env: Record<string, string>, answer: string) {
  const core = await FlatpakCore.create({ env });
  const handlers = testHandlers({ core: () => Promise.resolve(core), home: env.HOME ?? '' }, answer);
  return { core, handlers };
}

const locksOf = async (env: Record<string, string>) =>
  (
    JSON.parse(await readFile(join(env.XDG_STATE_HOME ?? '', 'confine', 'review.json'), 'utf8').catch(() => '{}')) as {
      locks?: { all: boolean; apps: string[] };
    }
  ).locks;

describe('the window’s import', () => {
  it('merges the review state when ticked, and leaves it out when not', async () => {
    const [from, to, untouched] = await Promise.all([workspace(), workspace(), workspace()]);
    expect((await confine(from, ['lock', net])).code).toBe(0);
    const path = join(from.HOME ?? '', 'export.json');
    await writeFile(path, (await confine(from, ['export'])).stdout);

    for (const [env, merge] of [
      [to, true],
      [untouched, false],
    ] as const) {
      const { core, handlers } = await windowOver(env, path);
      try {
        const preview = await dispatch(handlers, 'transfer:import-preview', {});
        if (!preview.ok) throw new Error(preview.error.message);
        const { token, review } = preview.value as { token: string; review: { locks: { apps: string[] } } | null };
        // The preview tells what would come, before anything is written.
        expect(review?.locks.apps).toEqual([net]);
        expect(await locksOf(env)).toBeUndefined();
        const applied = await dispatch(handlers, 'transfer:import-apply', {
          token,
          apps: [],
          ...(merge ? { review: true } : {}),
        });
        if (merge) {
          expect(applied).toMatchObject({ ok: true, value: { failures: [], review: { locks: { apps: [net] } } } });
          expect(await locksOf(env)).toEqual({ all: false, apps: [net] });
          // What `confine review` reads now: the lock, and nothing new in the locked app.
          const listed = await confine(env, ['review', net, '--json']);
          expect(JSON.parse(listed.stdout)).toMatchObject({ pending: [] });
        } else {
          // Nothing ticked at all is bad input, and nothing is written.
          expect(applied).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
          expect(await locksOf(env)).toBeUndefined();
        }
      } finally {
        await core.close();
      }
    }
  });
});
