import { count } from '../../../shared/plural';
import type { FlatpakCore } from '../../services/core';
import { applyImport, parseExport, previewImport, readExportFile, type ImportItem } from '../../services/transfer';
import type { CliIo } from '../command';
import { UsageError, type Parsed } from '../options';

export async function importCommand(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length !== 1) throw new UsageError('import takes one FILE');
  const file = parseExport(await readExportFile(p.positional[0] ?? ''));
  const items = await previewImport(core, file);
  const name = (i: ImportItem) => `${i.app ?? 'global'}${i.scope === 'system' ? ' (system)' : ''}`;
  const what = (i: ImportItem) =>
    [
      i.incoming?.kind === 'link' ? `a link to ${i.incoming.target}` : '',
      i.portals.length ? `with ${count(i.portals.length, 'portal permission', 'portal permissions')}` : '',
      i.malformed ? `as it was, though Flatpak refuses it: ${i.malformed}` : '',
    ]
      .filter(Boolean)
      .join('; ');
  const line = (verb: string, i: ImportItem) => io.out(`${verb}\t${name(i)}${what(i) ? ` (${what(i)})` : ''}\n`);
  for (const i of items.filter((x) => x.status === 'same')) line('unchanged', i);
  const todo = items.filter((i) => i.status !== 'same');
  if (p.dryRun) {
    for (const i of todo) line(i.status === 'new' ? 'would create' : 'would replace', i);
    return 0;
  }
  const { failures, restored } = await applyImport(core, todo);
  for (const i of restored) line(i.status === 'new' ? 'created' : 'replaced', i);
  for (const f of failures) io.err(`error: ${f.appId ?? 'global'}: ${f.error.message}\n`);
  // A backup that is not wholly back is not a success.
  return failures.length > 0 ? 1 : 0;
}
