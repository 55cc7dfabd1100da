import { costSentence } from '../../../shared/hardening/presets';
import { PRESETS, type PresetName } from '../../../shared/hardening/preset-labels';
import type { FlatpakCore } from '../../services/core';
import { applyHardening, previewHardening } from '../../services/hardening';
import { checkApp, type CliIo } from '../command';
import { UsageError, type Parsed } from '../options';

function presetOf(p: Parsed): PresetName {
  const preset = p.preset ?? 'recommended';
  if (!(PRESETS as readonly string[]).includes(preset))
    throw new UsageError(`Unknown preset ${preset}; the presets are ${PRESETS.join(', ')}`);
  return preset as PresetName;
}

export async function harden(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  const preset = presetOf(p);
  if (p.all === p.positional.length > 0)
    throw new UsageError(p.all ? '--all cannot be combined with app IDs' : 'Name the apps to harden, or give --all');
  const ids = p.all ? 'all' : p.positional.map((a) => checkApp(a));
  if (p.only && p.skip) throw new UsageError('--only and --skip cannot be combined');
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
  if (p.json) {
    io.out(
      JSON.stringify(
        {
          preset,
          dryRun: p.dryRun,
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
        io.out(`  skipped: ${v.error}\n`);
        continue;
      }
      if (v.proposals.length === 0) io.out('  nothing to change\n');
      for (const prop of v.proposals) {
        const mark = v.selected.includes(prop.id) ? (p.dryRun ? 'would' : 'done ') : 'left ';
        io.out(
          `  ${mark}  ${prop.title}\n         Why: ${prop.reason}\n         It can no longer ${prop.loses}.\n         ${costSentence(prop)}\n`,
        );
      }
      if (v.selected.length > 0) io.out(`  exposure ${v.before.score} → ${v.after.score}\n`);
    }
  }
  if (p.lock && !p.dryRun) {
    // The apps whose revokes were written: an update that asks for any of it again is denied.
    const changed = outcomes.filter((o) => o.ok && previews.find((v) => v.appId === o.appId)?.selected.length);
    if (changed.length > 0) {
      const { ReviewService } = await import('../../services/review');
      await new ReviewService(core).setLock(
        changed.map((o) => o.appId),
        true,
      );
      if (!p.json) io.out(`Locked: ${changed.map((o) => o.appId).join(', ')}\n`);
    }
  }
  const failed = previews.filter((v) => v.error).length + outcomes.filter((o) => !o.ok).length;
  for (const o of outcomes) if (!o.ok) io.err(`error: ${o.appId}: ${o.error.message}\n`);
  return failed > 0 ? 1 : 0;
}
