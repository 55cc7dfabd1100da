// `!host:reset` in the user's override, against the real flatpak: the file access Confine says
// the reset removed is exactly what `flatpak info --show-permissions` granted before the reset
// and no longer grants after it, and each removed entry names the layer that granted it.

import { describe, expect, it } from 'vitest';
import { FlatpakCore } from '../electron/services/core';
import { effectiveReport } from '../shared/flatpak/report';
import { KeyFile } from '../shared/keyfile/keyfile';
import { flatpak, testbed, workspace } from './helpers/testbed';

const bed = testbed();

/** The granted filesystem entries flatpak shows, token → access, as flatpak writes them. */
async function granted(env: Record<string, string>, appId: string): Promise<Map<string, string>> {
  const r = await flatpak(env, ['info', '--show-permissions', appId]);
  expect(r.code, r.stderr).toBe(0);
  const parsed = KeyFile.parse(r.stdout);
  if (!parsed.ok) throw new Error(`flatpak printed what is not a keyfile: ${r.stdout}`);
  const raw = parsed.file.getRaw('Context', 'filesystems') ?? '';
  const out = new Map<string, string>();
  for (const token of raw.split(';').filter((t) => t !== '' && !t.startsWith('!'))) {
    const m = /^(.*?)(?::(ro|rw|create))?$/.exec(token);
    out.set(m?.[1] ?? token, m?.[2] ?? 'rw');
  }
  return out;
}

async function removedByConfine(env: Record<string, string>, appId: string) {
  const core = await FlatpakCore.create({ env, sandbox: null });
  const perms = await core.appPermissions(appId);
  if (!perms.effective) throw new Error(perms.error ?? 'no permissions');
  return effectiveReport(perms.effective).removedByReset ?? [];
}

describe('file access removed by the user’s !host:reset', () => {
  const app = bed.apps.find((a) => a.profile === 'filesystem-heavy');
  if (!app) throw new Error('the test bed has no filesystem-heavy app');

  it('is what flatpak granted before the reset and not after, each with the access and layer it had', async () => {
    const env = await workspace();
    const before = await granted(env, app.id);
    expect(before.size).toBeGreaterThan(3);
    const set = await flatpak(env, ['override', '--user', '--nofilesystem=host:reset', app.id]);
    expect(set.code, set.stderr).toBe(0);
    const after = await granted(env, app.id);

    const expected = [...before].filter(([path]) => !after.has(path)).sort(([a], [b]) => (a < b ? -1 : 1));
    expect(expected.length).toBeGreaterThan(3);
    const removed = await removedByConfine(env, app.id);
    expect(removed.map((r) => [r.path, r.mode])).toEqual(expected);
    expect(removed.every((r) => r.source === 'app' && r.removedBy === 'user-app')).toBe(true);
  });

  it('leaves out what the same override grants again', async () => {
    const env = await workspace();
    const before = await granted(env, app.id);
    const set = await flatpak(env, ['override', '--user', '--nofilesystem=host:reset', '--filesystem=/mnt:ro', app.id]);
    expect(set.code, set.stderr).toBe(0);
    const after = await granted(env, app.id);
    expect(after.get('/mnt')).toBe('ro');

    const removed = await removedByConfine(env, app.id);
    expect(removed.map((r) => r.path)).toEqual(
      [...before.keys()].filter((path) => !after.has(path)).sort((a, b) => (a < b ? -1 : 1)),
    );
    expect(removed.map((r) => r.path)).not.toContain('/mnt');
  });
});
