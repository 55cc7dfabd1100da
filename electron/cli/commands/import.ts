import { overrideName } from '../../../shared/errors';
import { defineMessages, formatList, t } from '../../../shared/i18n';
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
import { LINE, USAGE, type CliIo } from '../command';

const M = defineMessages({
  link: {
    id: 'cli.import.link',
    defaultMessage: 'a link to {target}',
    description: 'An override that is a symbolic link',
  },
  portals: {
    id: 'cli.import.portal-permissions',
    defaultMessage: 'with {count, plural, one {# portal permission} other {# portal permissions}}',
  },
  malformed: {
    id: 'cli.import.malformed',
    defaultMessage: 'as it was, though Flatpak refuses it: {problem}',
    description: 'An override restored as the export has it although Flatpak cannot read it',
  },
  status: {
    id: 'cli.import.status',
    defaultMessage:
      '{status, select, unchanged {unchanged} wouldCreate {would create} wouldReplace {would replace} created {created} wouldMerge {would merge} merged {merged} other {replaced}}',
    description:
      'The first column of each line of confine import: what happens to one override, or to the review state',
  },
  review: {
    id: 'cli.import.review-state',
    defaultMessage:
      'review state ({apps, plural, one {# app seen} other {# apps seen}}, {all, select, yes {every app locked} other {{locks, plural, one {# lock} other {# locks}}}})',
    description: 'What an export says the user has looked at (confine review) and which apps are locked (confine lock)',
  },
  missingInstallation: {
    id: 'cli.import.review-no-installation',
    defaultMessage: 'no installation {installation} here; what was seen in it is left out',
  },
  reviewFailed: {
    id: 'cli.import.review-failed',
    defaultMessage: 'review state: {reason}',
  },
});
import { UsageError, type Parsed } from '../options';

export async function importCommand(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length !== 1) throw new UsageError(t(USAGE.takesOne, { command: 'import', operand: 'FILE' }));
  const file = parseExport(await readExportFile(p.positional[0] ?? ''));
  const items = await previewImport(core, file);
  const what = (i: ImportItem) => [
    ...(i.incoming?.kind === 'link' ? [t(M.link, { target: i.incoming.target })] : []),
    ...(i.portals.length ? [t(M.portals, { count: i.portals.length })] : []),
    ...(i.malformed ? [t(M.malformed, { problem: i.malformed })] : []),
  ];
  type Status = 'unchanged' | 'wouldCreate' | 'wouldReplace' | 'created' | 'replaced';
  const line = (status: Status, i: ImportItem) => {
    const details = what(i);
    const name = overrideName(i.app, i.scope);
    io.out(`${t(M.status, { status })}\t${name}${details.length > 0 ? ` (${formatList(details)})` : ''}\n`);
  };
  for (const i of items.filter((x) => x.status === 'same')) line('unchanged', i);
  const todo = items.filter((i) => i.status !== 'same');
  const reviewLine = (status: 'wouldMerge' | 'merged', r: ReviewImport | null) => {
    if (r === null) return;
    const state = t(M.review, { apps: r.apps, all: r.locks.all ? 'yes' : 'no', locks: r.locks.apps.length });
    io.out(`${t(M.status, { status })}\t${state}\n`);
    for (const m of r.missing) io.err(t(LINE.warning, { message: t(M.missingInstallation, { installation: m }) }));
  };
  if (p.dryRun) {
    for (const i of todo) line(i.status === 'new' ? 'wouldCreate' : 'wouldReplace', i);
    reviewLine('wouldMerge', await importReview(core, file, true));
    return 0;
  }
  const { failures, restored } = await applyImport(core, todo);
  for (const i of restored) line(i.status === 'new' ? 'created' : 'replaced', i);
  let reviewFailed = false;
  try {
    reviewLine('merged', await importReview(core, file, false));
  } catch (e) {
    io.err(t(LINE.error, { message: t(M.reviewFailed, { reason: (e as Error).message }) }));
    reviewFailed = true;
  }
  for (const f of failures) io.err(t(LINE.error, { message: `${f.appId ?? 'global'}: ${f.error.message}` }));
  // A backup that is not wholly back is not a success.
  return failures.length > 0 || reviewFailed ? 1 : 0;
}
