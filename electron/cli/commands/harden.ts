import { costSentence } from '../../../shared/hardening/presets';
import { PRESETS, type PresetName } from '../../../shared/hardening/preset-labels';
import type { FlatpakCore } from '../../services/core';
import { applyHardening, previewHardening } from '../../services/hardening';
import { defineMessages, t } from '../../../shared/i18n';
import { checkApp, LINE, USAGE, type CliIo } from '../command';
import { UsageError, type Parsed } from '../options';

const M = defineMessages({
  unknownPreset: {
    id: 'cli.harden.unknown-preset',
    defaultMessage: 'Unknown preset {preset}; the presets are {presets}',
    description: 'presets: the values --preset takes, as typed',
  },
  allWithApps: {
    id: 'cli.harden.all-with-apps',
    defaultMessage: '{all} cannot be combined with app IDs',
    description: 'all: the option --all',
  },
  nameApps: {
    id: 'cli.harden.name-apps',
    defaultMessage: 'Name the apps to harden, or give {all}',
    description: 'all: the option --all',
  },
  skipped: {
    id: 'cli.harden.skipped',
    defaultMessage: 'skipped: {problem}',
    description: 'Under an app that cannot be hardened; problem: why',
  },
  nothing: { id: 'cli.harden.nothing-to-change', defaultMessage: 'nothing to change' },
  mark: {
    id: 'cli.harden.mark',
    defaultMessage: '{mark, select, would {would} done {done} other {left}}',
    description:
      'Before each proposed change: would (--dry-run, it would be applied), done (applied), left (not chosen). Short: the column is 5 characters wide.',
  },
  why: {
    id: 'cli.harden.why',
    defaultMessage: 'Why: {reason}',
    description: 'The risk a change closes; reason: a sentence from the preset',
  },
  loses: {
    id: 'cli.harden.loses',
    defaultMessage: 'It can no longer {loses}.',
    description: 'What the app loses; loses: a phrase from the preset, such as "send files"',
  },
  locked: {
    id: 'cli.harden.locked',
    defaultMessage: 'Locked: {apps}',
    description: 'After harden --lock; apps: the app IDs locked, comma-separated',
  },
  exposure: {
    id: 'cli.harden.exposure',
    defaultMessage: 'exposure {before} → {after}',
    description: 'The app’s exposure score before and after the changes',
  },
});

function presetOf(p: Parsed): PresetName {
  const preset = p.preset ?? 'recommended';
  if (!(PRESETS as readonly string[]).includes(preset))
    throw new UsageError(t(M.unknownPreset, { preset, presets: PRESETS.join(', ') }));
  return preset as PresetName;
}

export async function harden(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  const preset = presetOf(p);
  if (p.all === p.positional.length > 0) throw new UsageError(t(p.all ? M.allWithApps : M.nameApps, { all: '--all' }));
  const ids = p.all ? 'all' : p.positional.map((a) => checkApp(a));
  if (p.only && p.skip) throw new UsageError(t(USAGE.notCombined, { first: '--only', second: '--skip' }));
  let previews = await previewHardening(core, ids, preset);
  if (p.only || p.skip) {
    const pick = (v: (typeof previews)[number]) =>
      v.proposals
        .map((x) => x.id)
        .filter((id) => (p.only ? p.only.includes(id) : v.selected.includes(id) && !p.skip?.includes(id)));
    previews = await previewHardening(core, ids, preset, Object.fromEntries(previews.map((v) => [v.appId, pick(v)])));
  }
  const outcomes = p.dryRun
    ? []
    : await applyHardening(
        core,
        preset,
        previews.filter((v) => !v.error).map((v) => ({ appId: v.appId, proposalIds: v.selected })),
      );
  // The apps whose revokes were written are locked before anything is said, so the JSON can
  // tell which: an update that asks for any of it again is denied.
  const locked: string[] = [];
  if (p.lock && !p.dryRun) {
    const changed = outcomes.filter((o) => o.ok && previews.find((v) => v.appId === o.appId)?.selected.length);
    if (changed.length > 0) {
      const { ReviewService } = await import('../../services/review');
      locked.push(...changed.map((o) => o.appId));
      await new ReviewService(core).setLock(locked, true);
    }
  }
  if (p.json) {
    io.out(
      JSON.stringify(
        {
          preset,
          dryRun: p.dryRun,
          ...(p.lock ? { locked } : {}),
          apps: previews.map((v) => ({ ...v, result: outcomes.find((o) => o.appId === v.appId) ?? null })),
        },
        (k, v: unknown) => ((k === 'before' || k === 'after') && Buffer.isBuffer(v) ? v.toString('utf8') : v),
        2,
      ) + '\n',
    );
  } else {
    for (const v of previews) {
      io.out(`${v.appId} (${v.name})\n`);
      if (v.error) {
        io.out(`  ${t(M.skipped, { problem: v.error })}\n`);
        continue;
      }
      if (v.proposals.length === 0) io.out(`  ${t(M.nothing)}\n`);
      for (const prop of v.proposals) {
        const mark = t(M.mark, { mark: v.selected.includes(prop.id) ? (p.dryRun ? 'would' : 'done') : 'left' });
        const indent = ' '.repeat(Math.max(5, mark.length) + 4);
        io.out(
          `  ${mark.padEnd(5)}  ${prop.title}\n${[t(M.why, { reason: prop.reason }), t(M.loses, { loses: prop.loses }), costSentence(prop)].map((l) => `${indent}${l}\n`).join('')}`,
        );
      }
      if (v.selected.length > 0) io.out(`  ${t(M.exposure, { before: v.before.score, after: v.after.score })}\n`);
    }
    if (locked.length > 0) io.out(`${t(M.locked, { apps: locked.join(', ') })}\n`);
  }
  const failed = previews.filter((v) => v.error).length + outcomes.filter((o) => !o.ok).length;
  for (const o of outcomes) if (!o.ok) io.err(t(LINE.error, { message: `${o.appId}: ${o.error.message}` }));
  return failed > 0 ? 1 : 0;
}
