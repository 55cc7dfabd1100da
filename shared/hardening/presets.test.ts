import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layer, VERSION } from '../../test/arbitraries/context';
import { FLAG_KINDS } from '../flatpak/catalogue';
import type { Context } from '../flatpak/context';
import { applyEffectiveChanges } from '../flatpak/edit';
import { FS_MODE_RANK, type FsMode } from '../flatpak/filesystem';
import { mergeContexts } from '../flatpak/merge';
import { locationOf, policyFor } from './access';
import { auditApp } from './audit';
import type { AppFacts, HomeEntry } from './needs';
import { propose, selectedChanges } from './presets';
import { PRESETS } from './preset-labels';
import { MASK_LOCATIONS } from './routes';

const CATEGORIES = [
  'WebBrowser',
  'Game',
  'Graphics',
  'Audio',
  'Office',
  'Development',
  'IDE',
  'Utility',
  'Email',
  'Network',
  'Video',
  'Security',
  'Chat',
  'Emulator',
  'System',
];

/** Apps of every kind, runtime and session, some with Flathub exceptions on record. */
const facts: fc.Arbitrary<AppFacts> = fc.record({
  id: fc.constantFrom(
    'org.example.App',
    'com.github.tchx84.Flatseal',
    'org.gnome.Builder',
    'org.fcitx.Fcitx5',
    'com.valvesoftware.Steam',
    'com.visualstudio.code',
  ),
  categories: fc.subarray(CATEGORIES, { maxLength: 3 }),
  runtime: fc.constantFrom(
    'org.gnome.Platform/x86_64/47',
    'org.kde.Platform/x86_64/6.8',
    'org.freedesktop.Platform/x86_64/24.08',
  ),
  session: fc.record({
    type: fc.constantFrom('wayland' as const, 'x11' as const, 'unknown' as const),
    desktop: fc.constantFrom('GNOME', 'KDE', null),
  }),
  flatpak: fc.constant(VERSION),
  home: fc
    .subarray([...MASK_LOCATIONS])
    .chain((locs) =>
      fc.tuple(...locs.map((l) => fc.constantFrom<HomeEntry>('file', 'dir', 'link').map((k) => [l, k] as const))),
    )
    .map((pairs) => new Map(pairs)),
});

const reaches = (outer: string, inner: string): boolean =>
  outer === inner ||
  inner.startsWith(`${outer}/`) ||
  (outer === '/' &&
    (inner === '~' ||
      inner.startsWith('~/') ||
      (inner.startsWith('/') && !/^\/(tmp|var|run|usr|etc)(\/|$)/.test(inner))));

/**
 * Whether `old` already let the app reach what `path` with `mode` gives: the deepest entry of
 * `old` at or above the path decides (a narrower `!folder` or `:ro` counts), as in Flatpak.
 */
function covered(old: Context, path: string, mode: FsMode): boolean {
  const target = locationOf(path) ?? path;
  const depth = (loc: string) =>
    loc === '/' ? 0 : loc.split('/').filter(Boolean).length + (loc.startsWith('~') ? 1 : 0);
  const above = [...old.filesystems].filter(
    ([p]) => p !== 'host-reset' && (p === path || reaches(locationOf(p) ?? p, target)),
  );
  // Negated home or host hide nothing (measured); a negated single file hides nothing either.
  const deciding = above.filter(([p, m]) => !(m === 'none' && (p === 'home' || p === 'host')));
  if (deciding.length === 0) return false;
  const deepest = Math.max(...deciding.map(([p]) => depth(locationOf(p) ?? p)));
  return deciding.some(([p, m]) => depth(locationOf(p) ?? p) === deepest && FS_MODE_RANK[m] >= FS_MODE_RANK[mode]);
}

/** A flag the preset may turn on is one the app already had in a wider form. */
const WIDER: Readonly<Record<string, string>> = { 'devices:dri': 'devices:all', 'sockets:fallback-x11': 'sockets:x11' };

function grantsNothingNew(before: Context, after: Context): void {
  for (const kind of FLAG_KINDS) {
    for (const [name, on] of after.flags[kind]) {
      if (!on || before.flags[kind].get(name) === true) continue;
      const [wk, wn] = (WIDER[`${kind}:${name}`] ?? '').split(':');
      expect({ kind, name, widerBefore: wk && wn ? before.flags[wk as typeof kind].get(wn) : undefined }).toEqual({
        kind,
        name,
        widerBefore: true,
      });
    }
  }
  for (const [path, mode] of after.filesystems)
    if (mode !== 'none' && path !== 'host-reset')
      expect({ path, mode, covered: covered(before, path, mode) }).toEqual({ path, mode, covered: true });
  const rank = { none: 0, see: 1, talk: 2, own: 3 } as const;
  for (const bus of ['session', 'system'] as const) {
    for (const [name, policy] of after.bus[bus])
      expect(rank[policy]).toBeLessThanOrEqual(rank[policyFor(before.bus[bus], name).policy]);
  }
}

describe('presets', () => {
  it('never grant a permission the app did not have, whatever is ticked', () => {
    fc.assert(
      fc.property(
        layer({ reset: true, routes: true }),
        layer({ routes: true }),
        facts,
        fc.constantFrom(...PRESETS),
        fc.boolean(),
        (below, user, app, preset, all) => {
          const before = mergeContexts(below, user);
          const proposals = propose(preset, before, app);
          const changes = all ? proposals.flatMap((p) => p.changes) : selectedChanges(proposals);
          const after = mergeContexts(below, applyEffectiveChanges(below, user, changes));
          grantsNothingNew(before, after);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('change nothing when applied a second time', () => {
    fc.assert(
      fc.property(
        layer({ reset: true, routes: true }),
        layer({ routes: true }),
        facts,
        fc.constantFrom(...PRESETS),
        (below, user, app, preset) => {
          const before = mergeContexts(below, user);
          const once = applyEffectiveChanges(below, user, selectedChanges(propose(preset, before, app)));
          const again = propose(preset, mergeContexts(below, once), app);
          expect(again.filter((p) => p.selected).map((p) => p.id)).toEqual([]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('recommended never proposes what an app is for, and ticks only what costs nothing known', () => {
    fc.assert(
      fc.property(layer({ routes: true }), facts, (ctx, app) => {
        for (const p of propose('recommended', ctx, app)) {
          expect(p.cost).not.toBe('core');
          expect({ id: p.id, selected: p.selected }).toEqual({ id: p.id, selected: p.cost === 'none' });
          expect(p.loses.length).toBeGreaterThan(0);
        }
        for (const p of propose('strict', ctx, app))
          expect({ id: p.id, selected: p.selected }).toEqual({ id: p.id, selected: p.cost !== 'core' });
      }),
      { numRuns: 800 },
    );
  });

  it('strict, with every proposal taken, leaves no way out of the sandbox', () => {
    fc.assert(
      fc.property(layer({ routes: true }), layer({ routes: true }), facts, (below, user, app) => {
        const before = mergeContexts(below, user);
        const after = mergeContexts(
          below,
          applyEffectiveChanges(
            below,
            user,
            propose('strict', before, app).flatMap((p) => p.changes),
          ),
        );
        expect(
          auditApp(after)
            .findings.filter((f) => f.severity === 'escape')
            .map((f) => `${f.id} ${f.permission}`),
        ).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
