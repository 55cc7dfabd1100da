// The All applications page against the real flatpak: the system-wide global override, written
// by `flatpak override --system`, is shown beside the user's global one with its own source, the
// user's entry wins where both set one (as flatpak applies them to a system-installed app), and
// only the user's file is the page's own.

import { describe, expect, it } from 'vitest';
import { FlatpakCore } from '../electron/services/core';
import { permissionsView } from '../electron/services/views';
import { flatpak, testbed, workspace } from './helpers/testbed';

const bed = testbed();

async function sockets(env: Record<string, string>, appId: string): Promise<string[]> {
  const r = await flatpak(env, ['--system', 'info', '--show-permissions', appId]);
  expect(r.code, r.stderr).toBe(0);
  return (/^sockets=(.*)$/m.exec(r.stdout)?.[1] ?? '').split(';').filter(Boolean);
}

describe('the global page', () => {
  it('shows the system-wide global override beside the user’s, each entry with the layer it comes from', async () => {
    const env = await workspace();
    const systemApp = bed.systemAppIds.find((id) =>
      bed.apps.find((a) => a.id === id)?.finishArgs.includes('--socket=x11'),
    );
    if (!systemApp) throw new Error('the test bed has no system-wide app with X11');
    expect(await sockets(env, systemApp)).toContain('x11');

    const sys = await flatpak(env, ['override', '--system', '--nosocket=x11', '--filesystem=xdg-music:ro']);
    expect(sys.code, sys.stderr).toBe(0);
    // Flatpak itself now takes X11 away from the system-wide app.
    expect(await sockets(env, systemApp)).not.toContain('x11');

    const core = await FlatpakCore.create({ env, sandbox: null });
    let view = await permissionsView(core, null);
    const system = view.layers.find((l) => l.id === 'system-global');
    expect(system?.state).toBe('ok');
    expect(system?.path).toBe(`${env.FLATPAK_SYSTEM_DIR}/overrides/global`);
    expect(view.layers.find((l) => l.id === 'user-global')?.state).toBe('missing');
    // Nothing below the global overrides grants X11, so its denial there waits for an app that asks.
    expect(view.effective?.sockets).toContainEqual({
      name: 'x11',
      allowed: false,
      source: 'system-global',
      unasked: true,
    });
    expect(view.effective?.filesystems).toContainEqual({ path: 'xdg-music', mode: 'ro', source: 'system-global' });
    // The user's own layer, which the page edits, has none of it.
    expect(view.userLayer?.sockets).toEqual([]);

    const user = await flatpak(env, ['override', '--user', '--socket=x11']);
    expect(user.code, user.stderr).toBe(0);
    expect(await sockets(env, systemApp)).toContain('x11');
    view = await permissionsView(core, null);
    expect(view.effective?.sockets).toContainEqual({ name: 'x11', allowed: true, source: 'user-global' });
    expect(view.effective?.filesystems).toContainEqual({ path: 'xdg-music', mode: 'ro', source: 'system-global' });
  });
});
