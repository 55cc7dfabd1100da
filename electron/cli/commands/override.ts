import { systemOverrideCommand, systemOverrideRefusal } from '../../../shared/flatpak/self-sandbox';
import { defineMessages, t } from '../../../shared/i18n';
import type { FlatpakCore } from '../../services/core';
import { checkApp, LINE, USAGE, type CliIo } from '../command';

const M = defineMessages({
  tooMany: { id: 'cli.override.too-many-arguments', defaultMessage: 'Too many arguments' },
  resetAlone: {
    id: 'cli.override.reset-alone',
    defaultMessage: '{reset} cannot be combined with changes or {show}',
    description: 'reset: --reset; show: --show',
  },
  showAlone: {
    id: 'cli.override.show-alone',
    defaultMessage: '{show} cannot be combined with changes',
    description: 'show: --show',
  },
  removed: { id: 'cli.override.removed', defaultMessage: 'Removed {path}' },
  nothingToRemove: { id: 'cli.override.nothing-to-remove', defaultMessage: 'No override file to remove ({path})' },
  portalsNotReset: {
    id: 'cli.override.portals-not-reset',
    defaultMessage: 'portal permissions were not reset: {reason}',
  },
  noPortals: { id: 'cli.override.no-portals', defaultMessage: 'No portal permissions to remove' },
  portalsRemoved: {
    id: 'cli.override.portals-removed',
    defaultMessage: 'Removed {count, plural, one {# portal permission} other {# portal permissions}}: {entries}',
    description: 'entries: the permission store entries, TABLE/ID, comma-separated',
  },
});
import { UsageError, type Parsed } from '../options';

export async function override(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length > 1) throw new UsageError(t(M.tooMany));
  const app = p.positional[0] === undefined ? null : checkApp(p.positional[0]);
  if (p.user && p.system) throw new UsageError(t(USAGE.notCombined, { first: '--user', second: '--system' }));
  const ref = { scope: p.system ? ('system' as const) : ('user' as const), app };
  if (p.reset && (p.changes.length > 0 || p.show))
    throw new UsageError(t(M.resetAlone, { reset: '--reset', show: '--show' }));
  if (p.system && !p.show) {
    if (!p.reset && p.changes.length === 0) throw new UsageError(t(USAGE.nothingToChange, { help: 'confine help' }));
    io.err(
      t(LINE.error, {
        message: systemOverrideRefusal(core.sandbox, systemOverrideCommand(app, p.reset ? ['--reset'] : p.changeArgs)),
      }),
    );
    return 1;
  }
  if (p.reset) return resetCommand(core, app, io);
  if (p.show) {
    if (p.changes.length > 0) throw new UsageError(t(M.showAlone, { show: '--show' }));
    const read = await core.readOverride(ref);
    if (read.state === 'malformed') {
      io.err(t(LINE.error, { message: read.message }));
      return 1;
    }
    if (read.state === 'ok') io.out(read.bytes.toString('utf8'));
    return 0;
  }
  if (p.changes.length === 0) throw new UsageError(t(USAGE.nothingToChange, { help: 'confine help' }));
  if (app === null) await core.changeLayer(ref, p.changes);
  else await core.changeApp(app, p.changes);
  return 0;
}

/**
 * Without a permission store the file is still reset and the exit status is 0: there is nothing
 * the command could have done about portal entries, and a machine without a desktop session (a
 * server, a script over ssh) has none. A store that refuses a removal is a failure (1).
 */
async function resetCommand(core: FlatpakCore, app: string | null, io: CliIo): Promise<number> {
  // Loaded here: resetting portal entries needs the D-Bus library, an edit does not.
  const { resetApp } = await import('../../services/reset');
  const r = await resetApp(core, app);
  io.out(`${t(r.file.changed ? M.removed : M.nothingToRemove, { path: r.file.path })}\n`);
  if (app !== null) {
    if (r.portalsUnavailable !== undefined)
      io.err(t(LINE.warning, { message: t(M.portalsNotReset, { reason: r.portalsUnavailable }) }));
    else if (r.portals.length === 0) io.out(`${t(M.noPortals)}\n`);
    else
      io.out(
        `${t(M.portalsRemoved, { count: r.portals.length, entries: r.portals.map((s) => `${s.table}/${s.id}`).join(', ') })}\n`,
      );
  }
  for (const f of r.portalFailures) io.err(t(LINE.error, { message: f.message }));
  return r.portalFailures.length > 0 ? 1 : 0;
}
