import { overrideName } from '../../../shared/errors';
import { defineMessages, t } from '../../../shared/i18n';
import type { FlatpakCore } from '../../services/core';
import { exportOverrides, exportSystemTree, exportText, writeExportFile } from '../../services/transfer';
import { LINE, type CliIo } from '../command';

const M = defineMessages({
  atMostOne: {
    id: 'cli.export.at-most-one-file',
    defaultMessage: '{command} takes at most one {file}',
    description: 'command: export; file: the metavariable FILE',
  },
  treeNoFile: {
    id: 'cli.export.tree-no-file',
    defaultMessage: '{option} writes a folder; leave out {file}',
    description: 'option: --system-tree; file: the metavariable FILE',
  },
  leftOut: {
    id: 'cli.export.left-out',
    defaultMessage: 'left out {what}',
    description: 'what: a file or override that is not in the export, and why',
  },
  wroteTree: {
    id: 'cli.export.wrote-tree',
    defaultMessage:
      'Wrote {count, plural, one {# override file} other {# override files}}, {readme} and {playbook} to {dir}',
    description: 'readme, playbook: the file names README.md and playbook.yml',
  },
  malformed: {
    id: 'cli.export.malformed',
    defaultMessage: '{name} is exported as it is, though Flatpak refuses it: {problem}',
    description:
      'name: the override (app ID or global, as error.override-name writes it); problem: what Flatpak refuses',
  },
});
import { UsageError, type Parsed } from '../options';

export async function exportCommand(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length > 1) throw new UsageError(t(M.atMostOne, { command: 'export', file: 'FILE' }));
  if (p.systemTree !== undefined) {
    if (p.positional.length > 0) throw new UsageError(t(M.treeNoFile, { option: '--system-tree', file: 'FILE' }));
    const { files, skipped } = await exportSystemTree(core, p.systemTree);
    for (const s of skipped) io.err(t(LINE.warning, { message: t(M.leftOut, { what: s }) }));
    io.out(
      `${t(M.wroteTree, { count: files.length, readme: 'README.md', playbook: 'playbook.yml', dir: p.systemTree })}\n`,
    );
    return skipped.length > 0 ? 1 : 0;
  }
  const { file, skipped } = await exportOverrides(core);
  for (const s of skipped) io.err(t(LINE.warning, { message: t(M.leftOut, { what: s }) }));
  for (const o of file.overrides)
    if (o.malformed !== undefined)
      io.err(
        t(LINE.warning, {
          message: t(M.malformed, { name: overrideName(o.app, o.scope), problem: o.malformed }),
        }),
      );
  const target = p.positional[0];
  if (target === undefined || target === '-') io.out(exportText(file));
  else await writeExportFile(target, file, { replace: false });
  // The export is written, but it is not a whole backup: say so in the exit status too.
  return skipped.length > 0 ? 1 : 0;
}
