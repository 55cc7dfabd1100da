import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layer } from '../../test/arbitraries/context';
import { canonicalContext, emptyContext, isEmptyContext, type Context } from './context';
import {
  applyChange,
  applyEffectiveChanges,
  desiredStateOf,
  diffOverride,
  isRevoke,
  setEffective,
  type Change,
} from './edit';
import { mergeContexts } from './merge';

const state = (c: Context) => {
  const d = desiredStateOf(c);
  return JSON.stringify({
    flags: Object.fromEntries(Object.entries(d.flags).map(([k, v]) => [k, [...v].sort()])),
    fs: [...d.filesystems].sort(),
    persistent: [...d.persistent].sort(),
    env: [...d.env].sort(),
    bus: [[...d.bus.session].sort(), [...d.bus.system].sort()],
  });
};

function entries(c: Context): Change[] {
  const out: Change[] = [];
  for (const [kind, m] of Object.entries(c.flags) as [keyof Context['flags'], Map<string, boolean>][])
    for (const name of m.keys()) out.push({ kind, name, value: undefined });
  for (const path of c.filesystems.keys())
    if (path !== 'host-reset') out.push({ kind: 'filesystems', path, value: undefined });
  for (const path of c.persistent) out.push({ kind: 'persistent', path, value: undefined });
  for (const name of c.env.keys()) out.push({ kind: 'environment', name, value: undefined });
  for (const bus of ['session', 'system'] as const)
    for (const name of c.bus[bus].keys()) out.push({ kind: 'bus', bus, name, value: undefined });
  return out;
}

describe('minimal overrides', () => {
  it('diffOverride reaches any reachable state', () => {
    fc.assert(
      fc.property(layer({ reset: true }), layer(), layer({ reset: true }), (app, global, wanted) => {
        const below = mergeContexts(app, global);
        const desired = desiredStateOf(mergeContexts(below, wanted));
        const override = diffOverride(below, desired);
        expect(state(mergeContexts(below, override))).toBe(state(mergeContexts(below, wanted)));
      }),
      { numRuns: 500 },
    );
  });

  it('diffOverride writes no entry that could be left out', () => {
    fc.assert(
      fc.property(layer({ reset: true }), layer({ reset: true }), (below, wanted) => {
        const desired = desiredStateOf(mergeContexts(below, wanted));
        const override = diffOverride(below, desired);
        const target = state(mergeContexts(below, override));
        for (const e of entries(override)) {
          expect({ dropped: e, same: state(mergeContexts(below, applyChange(override, e))) === target }).toEqual({
            dropped: e,
            same: false,
          });
        }
      }),
      { numRuns: 500 },
    );
  });

  it('an override of the state below is empty, so no file is written', () => {
    fc.assert(
      fc.property(layer(), (below) => {
        expect(isEmptyContext(diffOverride(below, desiredStateOf(below)))).toBe(true);
      }),
    );
  });

  it('returning an entry to its value below removes it from the override', () => {
    const below = mergeContexts(applyChange(emptyContext(), { kind: 'sockets', name: 'x11', value: true }));
    const off = setEffective(below, emptyContext(), { kind: 'sockets', name: 'x11', value: false });
    expect(off.flags.sockets.get('x11')).toBe(false);
    const back = setEffective(below, off, { kind: 'sockets', name: 'x11', value: true });
    expect(isEmptyContext(back)).toBe(true);
  });

  it('writes a revoke the layers below do not need, as `flatpak override` does, and forgets it on default', () => {
    const revokes: Change[] = [
      { kind: 'shared', name: 'network', value: false },
      { kind: 'sockets', name: 'x11', value: false },
      { kind: 'devices', name: 'dri', value: false },
      { kind: 'features', name: 'devel', value: false },
      { kind: 'filesystems', path: 'home', value: 'none' },
      { kind: 'bus', bus: 'session', name: 'org.freedesktop.secrets', value: 'none' },
      { kind: 'bus', bus: 'system', name: 'org.freedesktop.UPower', value: 'none' },
      { kind: 'environment', name: 'LD_PRELOAD', value: null },
    ];
    const layer = applyEffectiveChanges(emptyContext(), emptyContext(), revokes);
    // Built entry by entry, the way flatpak override sets each flag.
    expect(canonicalContext(layer)).toBe(canonicalContext(revokes.reduce(applyChange, emptyContext())));
    const forgotten = applyEffectiveChanges(
      emptyContext(),
      layer,
      revokes.map((c): Change => ({ ...c, value: undefined })),
    );
    expect(isEmptyContext(forgotten)).toBe(true);
  });

  it('a revoke asked for is in the layer whatever the layers below say; a grant they give is not', () => {
    const changeArb: fc.Arbitrary<Change> = fc.oneof(
      fc.record({ kind: fc.constant('shared' as const), name: fc.constantFrom('network', 'ipc'), value: fc.boolean() }),
      fc.record({
        kind: fc.constant('filesystems' as const),
        path: fc.constantFrom('home', 'host', '/mnt'),
        value: fc.constantFrom('none' as const, 'ro' as const),
      }),
      fc.record({
        kind: fc.constant('bus' as const),
        bus: fc.constant('session' as const),
        name: fc.constantFrom('org.a.B', 'org.c.*'),
        value: fc.constantFrom('none' as const, 'talk' as const),
      }),
    );
    fc.assert(
      fc.property(layer({ reset: true }), layer(), changeArb, (below, start, change) => {
        const result = applyEffectiveChanges(below, start, [change]);
        const own =
          change.kind === 'filesystems'
            ? result.filesystems.get(change.path)
            : change.kind === 'bus'
              ? result.bus.session.get(change.name)
              : change.kind === 'shared'
                ? result.flags.shared.get(change.name)
                : undefined;
        if (isRevoke(change)) expect(own).toBe(change.value);
        else if (change.kind === 'shared' && (below.flags.shared.get(change.name) ?? false) === change.value)
          expect(own).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('every value asked for in one batch holds at the end, whatever the order', () => {
    const changeArb: fc.Arbitrary<Change> = fc.oneof(
      fc.record({
        kind: fc.constant('sockets' as const),
        name: fc.constantFrom('x11', 'wayland'),
        value: fc.option(fc.boolean(), { nil: undefined }),
      }),
      fc.record({
        kind: fc.constant('filesystems' as const),
        path: fc.constantFrom('home', 'host', '/mnt'),
        value: fc.option(fc.constantFrom('none' as const, 'ro' as const, 'rw' as const), { nil: undefined }),
      }),
      fc.record({
        kind: fc.constant('filesystem-reset' as const),
        value: fc.option(fc.constant(true as const), { nil: undefined }),
      }),
      fc.record({
        kind: fc.constant('environment' as const),
        name: fc.constant('FOO'),
        value: fc.option(fc.option(fc.constant('x'), { nil: null }), { nil: undefined }),
      }),
    );
    fc.assert(
      fc.property(
        layer({ reset: true }),
        layer({ reset: true }),
        fc.array(changeArb, { maxLength: 8 }),
        (below, start, changes) => {
          const result = applyEffectiveChanges(below, start, changes);
          const eff = mergeContexts(below, result);
          const last = new Map<string, Change>();
          for (const c of changes) {
            const key = 'name' in c ? c.name : 'path' in c ? c.path : c.kind;
            last.set(key, c);
            if (c.kind === 'filesystem-reset' && c.value)
              last.set('host', { kind: 'filesystems', path: 'host', value: 'none' });
          }
          for (const c of last.values()) {
            if (c.value === undefined) continue;
            if (c.kind === 'sockets') expect(eff.flags.sockets.get(c.name) ?? false).toBe(c.value);
            if (c.kind === 'filesystems') expect(eff.filesystems.get(c.path) ?? 'none').toBe(c.value);
            if (c.kind === 'environment') expect(eff.env.get(c.name)).toBe(c.value);
            if (c.kind === 'filesystem-reset') expect(result.filesystems.has('host-reset')).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('keeps `!host` next to `!host:reset`, as Flatpak always reads them together', () => {
    const withReset = applyChange(emptyContext(), { kind: 'filesystem-reset', value: true });
    const hostBack = applyChange(withReset, { kind: 'filesystems', path: 'host', value: undefined });
    expect(canonicalContext(hostBack)).toBe(canonicalContext(withReset));
  });
});
