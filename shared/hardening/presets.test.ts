import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layer } from '../../test/arbitraries/context';
import { FLAG_KINDS } from '../flatpak/catalogue';
import type { Context } from '../flatpak/context';
import { applyEffectiveChanges } from '../flatpak/edit';
import { FS_MODE_RANK, type FsMode } from '../flatpak/filesystem';
import { mergeContexts } from '../flatpak/merge';
import { accessTo, locationOf, policyFor } from './access';
import { auditApp } from './audit';
import { propose, PRESETS, selectedChanges } from './presets';

const CATEGORIES = ['WebBrowser', 'Game', 'Graphics', 'Audio', 'Office', 'Development', 'Utility', 'Email', 'Network', 'Video'];
const categories = fc.subarray(CATEGORIES, { maxLength: 3 });

/** Whether `old` already let the app reach what `path` with `mode` gives. */
function covered(old: Context, path: string, mode: FsMode): boolean {
  const rank = FS_MODE_RANK[mode];
  if (FS_MODE_RANK[old.filesystems.get(path) ?? 'none'] >= rank) return true;
  if (FS_MODE_RANK[old.filesystems.get('host') ?? 'none'] >= rank) return true;
  const loc = locationOf(path);
  return loc !== undefined && FS_MODE_RANK[accessTo(old, loc).mode] >= rank;
}

function grantsNothingNew(before: Context, after: Context): void {
  for (const kind of FLAG_KINDS) for (const [name, on] of after.flags[kind]) if (on) expect({ kind, name, before: before.flags[kind].get(name) }).toEqual({ kind, name, before: true });
  for (const [path, mode] of after.filesystems) if (mode !== 'none' && path !== 'host-reset') expect({ path, mode, covered: covered(before, path, mode) }).toEqual({ path, mode, covered: true });
  const rank = { none: 0, see: 1, talk: 2, own: 3 } as const;
  for (const bus of ['session', 'system'] as const) {
    for (const [name, policy] of after.bus[bus]) expect(rank[policy]).toBeLessThanOrEqual(rank[policyFor(before.bus[bus], name).policy]);
  }
}

describe('presets', () => {
  it('never grant a permission the app did not have, whatever is ticked', () => {
    fc.assert(
      fc.property(layer({ reset: true }), layer(), categories, fc.constantFrom(...PRESETS), fc.boolean(), (below, user, cats, preset, all) => {
        const before = mergeContexts(below, user);
        const proposals = propose(preset, before, { categories: cats });
        const changes = all ? proposals.flatMap((p) => p.changes) : selectedChanges(proposals);
        const after = mergeContexts(below, applyEffectiveChanges(below, user, changes));
        grantsNothingNew(before, after);
      }),
      { numRuns: 1500 },
    );
  });

  it('change nothing when applied a second time', () => {
    fc.assert(
      fc.property(layer({ reset: true }), layer(), categories, fc.constantFrom(...PRESETS), (below, user, cats, preset) => {
        const before = mergeContexts(below, user);
        const once = applyEffectiveChanges(below, user, selectedChanges(propose(preset, before, { categories: cats })));
        const again = propose(preset, mergeContexts(below, once), { categories: cats });
        expect(again.filter((p) => p.selected).map((p) => p.id)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('remove every sandbox escape that is not kept on purpose', () => {
    fc.assert(
      fc.property(layer(), layer(), (below, user) => {
        const before = mergeContexts(below, user);
        const after = mergeContexts(below, applyEffectiveChanges(below, user, selectedChanges(propose('strict', before, { categories: [] }))));
        expect(auditApp(after).findings.filter((f) => f.severity === 'escape')).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
