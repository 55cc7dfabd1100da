import { systemOverrideCommand, systemOverrideRefusal } from '../../../shared/flatpak/self-sandbox';
import { count } from '../../../shared/plural';
import type { FlatpakCore } from '../../services/core';
import { checkApp, type CliIo } from '../command';
import { UsageError, type Parsed } from '../options';

export async function override(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length > 1) throw new UsageError('Too many arguments');
  const app = p.positional[0] === undefined ? null : checkApp(p.positional[0]);
  if (p.user && p.system) throw new UsageError('--user and --system cannot be combined');
  const ref = { scope: p.system ? ('system' as const) : ('user' as const), app };
  if (p.reset && (p.changes.length > 0 || p.show))
    throw new UsageError('--reset cannot be combined with changes or --show');
  if (p.system && !p.show) {
    if (!p.reset && p.changes.length === 0)
      throw new UsageError('Nothing to change: give at least one option (see confine help)');
    io.err(
      `error: ${systemOverrideRefusal(core.sandbox, systemOverrideCommand(app, p.reset ? ['--reset'] : p.changeArgs))}\n`,
    );
    return 1;
  }
  if (p.reset) return resetCommand(core, app, io);
  if (p.show) {
    if (p.changes.length > 0) throw new UsageError('--show cannot be combined with changes');
    const read = await core.readOverride(ref);
    if (read.state === 'malformed') {
      io.err(`error: ${read.message}\n`);
      return 1;
    }
    if (read.state === 'ok') io.out(read.bytes.toString('utf8'));
    return 0;
  }
  if (p.changes.length === 0) throw new UsageError('Nothing to change: give at least one option (see confine help)');
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
  io.out(r.file.changed ? `Removed ${r.file.path}\n` : `No override file to remove (${r.file.path})\n`);
  if (app !== null) {
    if (r.portalsUnavailable !== undefined)
      io.err(`warning: portal permissions were not reset: ${r.portalsUnavailable}\n`);
    else if (r.portals.length === 0) io.out('No portal permissions to remove\n');
    else
      io.out(
        `Removed ${count(r.portals.length, 'portal permission', 'portal permissions')}: ${r.portals.map((s) => `${s.table}/${s.id}`).join(', ')}\n`,
      );
  }
  for (const f of r.portalFailures) io.err(`error: ${f.message}\n`);
  return r.portalFailures.length > 0 ? 1 : 0;
}
