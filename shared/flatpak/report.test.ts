import { describe, expect, it } from 'vitest';
import { EMPTY_MAP, emptyContext } from './context';
import { applyChange, type Change } from './edit';
import { mergeLayers, type LayerId } from './merge';
import { effectiveReport } from './report';

const layer = (id: LayerId, changes: readonly Change[]) => ({
  id,
  context: changes.reduce(applyChange, emptyContext()),
});

describe('a denial of what no layer below grants', () => {
  const report = effectiveReport(
    mergeLayers([
      layer('app', [
        { kind: 'shared', name: 'ipc', value: true },
        { kind: 'sockets', name: 'x11', value: false },
        { kind: 'filesystems', path: 'home', value: 'rw' },
        { kind: 'bus', bus: 'session', name: 'org.a.Granted', value: 'talk' },
      ]),
      layer('user-app', [
        { kind: 'shared', name: 'network', value: false },
        { kind: 'shared', name: 'ipc', value: false },
        { kind: 'sockets', name: 'x11', value: false },
        { kind: 'filesystems', path: 'home', value: 'none' },
        { kind: 'filesystems', path: '/srv', value: 'none' },
        { kind: 'bus', bus: 'session', name: 'org.a.Granted', value: 'none' },
        { kind: 'bus', bus: 'session', name: 'org.b.Asked', value: 'none' },
      ]),
    ]),
  );

  it('is marked as unasked, and one that takes away a grant below is not', () => {
    expect(report.shared).toEqual([
      { name: 'ipc', allowed: false, source: 'user-app' },
      { name: 'network', allowed: false, source: 'user-app', unasked: true },
    ]);
    // The app's own metadata denies x11 too: nothing below grants it.
    expect(report.sockets).toEqual([{ name: 'x11', allowed: false, source: 'user-app', unasked: true }]);
    // A denial in the app's own metadata is no standing word of the user's.
    const own = effectiveReport(mergeLayers([layer('app', [{ kind: 'sockets', name: 'x11', value: false }])]));
    expect(own.sockets).toEqual([{ name: 'x11', allowed: false, source: 'app' }]);
    expect(report.filesystems).toEqual([
      { path: '/srv', mode: 'none', source: 'user-app', unasked: true },
      { path: 'home', mode: 'none', source: 'user-app' },
    ]);
    expect(report.sessionBus).toEqual([
      { name: 'org.a.Granted', policy: 'none', source: 'user-app' },
      { name: 'org.b.Asked', policy: 'none', source: 'user-app', unasked: true },
    ]);
  });

  it('is not made of the `!host` a reset brings with it', () => {
    const reset = effectiveReport(mergeLayers([layer('user-app', [{ kind: 'filesystem-reset', value: true }])]));
    expect(reset.filesystems).toEqual([{ path: 'host', mode: 'none', source: 'user-app' }]);
    const own = effectiveReport(
      mergeLayers([
        layer('user-app', [
          { kind: 'filesystem-reset', value: true },
          { kind: 'filesystems', path: 'home', value: 'none' },
        ]),
      ]),
    );
    expect(own.filesystems.find((f) => f.path === 'home')).toEqual({
      path: 'home',
      mode: 'none',
      source: 'user-app',
      unasked: true,
    });
  });
});

describe('the rows of a field', () => {
  it('come sorted by name or path however the layers listed them, a few or many', () => {
    const names = ['org.c.Three', 'org.a.One', 'org.b.Two'];
    const many = ['xdg-music', '/srv', 'home', '~/B', 'xdg-download', '/opt/a', '~/A', 'host-os', '/mnt', 'xdg-config'];
    const report = effectiveReport(
      mergeLayers([
        layer('app', [
          ...names.map((name): Change => ({ kind: 'bus', bus: 'session', name, value: 'talk' })),
          ...many.map((path): Change => ({ kind: 'filesystems', path, value: 'ro' })),
        ]),
      ]),
    );
    expect(report.sessionBus.map((b) => b.name)).toEqual(['org.a.One', 'org.b.Two', 'org.c.Three']);
    // By code unit, as JavaScript compares strings: `/` before letters, `~` after them.
    expect(report.filesystems.map((f) => f.path)).toEqual([
      '/mnt',
      '/opt/a',
      '/srv',
      'home',
      'host-os',
      'xdg-config',
      'xdg-download',
      'xdg-music',
      '~/A',
      '~/B',
    ]);
    const few = effectiveReport(
      mergeLayers([
        layer(
          'app',
          many.slice(0, 5).map((path): Change => ({ kind: 'filesystems', path, value: 'rw' })),
        ),
      ]),
    );
    expect(few.filesystems.map((f) => f.path)).toEqual(['/srv', 'home', 'xdg-download', 'xdg-music', '~/B']);
  });
});

describe('a merge', () => {
  it('leaves a field no layer fills as the one shared empty map, which cannot be changed', () => {
    const merged = mergeLayers([
      layer('app', [{ kind: 'shared', name: 'network', value: true }]),
      layer('user-global', [{ kind: 'sockets', name: 'x11', value: false }]),
    ]);
    // Made at each merge before: most fields of most apps are empty.
    expect([merged.flags.features, merged.env, merged.persistent, merged.policies, merged.bus.system]).toEqual(
      Array(5).fill(EMPTY_MAP),
    );
    for (const m of [merged.flags.features, merged.env]) expect(m).toBe(EMPTY_MAP);
    expect(merged.flags.shared).not.toBe(EMPTY_MAP);
    expect([...merged.flags.sockets]).toEqual([['x11', { value: false, source: 'user-global', unasked: true }]]);
    expect(() => (merged.env as Map<string, unknown>).set('X', {})).toThrow(TypeError);
  });
});
