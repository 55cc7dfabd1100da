import { count } from '../../../shared/plural';
import type { FlatpakCore } from '../../services/core';
import {
  applyImport,
  importReview,
  parseExport,
  previewImport,
  readExportFile,
  type ImportItem,
  type ReviewImport,
} from '../../services/transfer';
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
  const reviewLine = (verb: string, r: ReviewImport | null) => {
    if (r === null) return;
    const locks = r.locks.all ? 'every app locked' : `${count(r.locks.apps.length, 'lock', 'locks')}`;
    io.out(`${verb}\treview state (${count(r.apps, 'app', 'apps')} seen, ${locks})\n`);
    for (const m of r.missing) io.err(`warning: no installation ${m} here; what was seen in it is left out\n`);
  };
  if (p.dryRun) {
    for (const i of todo) line(i.status === 'new' ? 'would create' : 'would replace', i);
    reviewLine('would merge', await importReview(core, file, true));
    return 0;
  }
  const { failures, restored } = await applyImport(core, todo);
  for (const i of restored) line(i.status === 'new' ? 'created' : 'replaced', i);
  let reviewFailed = false;
  try {
    reviewLine('merged', await importReview(core, file, false));
  } catch (e) {
    io.err(`error: review state: ${(e as Error).message}\n`);
    reviewFailed = true;
  }
  for (const f of failures) io.err(`error: ${f.appId ?? 'global'}: ${f.error.message}\n`);
  // A backup that is not wholly back is not a success.
  return failures.length > 0 || reviewFailed ? 1 : 0;
}
