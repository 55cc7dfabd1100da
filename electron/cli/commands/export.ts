import { count } from '../../../shared/plural';
import type { FlatpakCore } from '../../services/core';
import { exportOverrides, exportSystemTree, exportText, writeExportFile } from '../../services/transfer';
import type { CliIo } from '../command';
import { UsageError, type Parsed } from '../options';

export async function exportCommand(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length > 1) throw new UsageError('export takes at most one FILE');
  if (p.systemTree !== undefined) {
    if (p.positional.length > 0) throw new UsageError('--system-tree writes a folder; leave out FILE');
    const { files, skipped } = await exportSystemTree(core, p.systemTree);
    for (const s of skipped) io.err(`warning: left out ${s}\n`);
    io.out(
      `Wrote ${count(files.length, 'override file', 'override files')}, README.md and playbook.yml to ${p.systemTree}\n`,
    );
    return skipped.length > 0 ? 1 : 0;
  }
  const { file, skipped } = await exportOverrides(core);
  for (const s of skipped) io.err(`warning: left out ${s}\n`);
  for (const o of file.overrides)
    if (o.malformed !== undefined)
      io.err(
        `warning: ${o.app ?? 'global'}${o.scope === 'system' ? ' (system)' : ''} is exported as it is, though Flatpak refuses it: ${o.malformed}\n`,
      );
  const target = p.positional[0];
  if (target === undefined || target === '-') io.out(exportText(file));
  else await writeExportFile(target, file, { replace: false });
  // The export is written, but it is not a whole backup: say so in the exit status too.
  return skipped.length > 0 ? 1 : 0;
}
