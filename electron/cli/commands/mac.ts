import { formatVersion } from '../../../shared/flatpak/version';
import { HELP_LINKS } from '../../../shared/ipc/links';
import { adviceFor, machineLine, systemCards } from '../../../shared/system/describe';
import type { Advice } from '../../../shared/system/model';
import type { FlatpakCore } from '../../services/core';
import { hostFs, readSystemStatus, rootExists } from '../../services/system';
import { defineMessages, t } from '../../../shared/i18n';
import { USAGE, type CliIo } from '../command';
import { UsageError, type Parsed } from '../options';

const M = defineMessages({
  mark: {
    id: 'cli.mac.advice-mark',
    defaultMessage: '{severity, select, ok {ok} info {note} warning {WARNING} other {CRITICAL}}',
    description: 'Before each piece of advice of confine mac; warning and critical in capitals, to stand out',
  },
  see: { id: 'cli.mac.see', defaultMessage: 'see {url}', description: 'A link under a piece of advice' },
  notAFolder: {
    id: 'cli.mac.root-not-a-folder',
    defaultMessage: '{option} {root} is not a readable folder',
    description: 'option: --root; root: the folder given',
  },
});

function adviceLines(list: readonly Advice[]): string {
  const url = (key: string) => (HELP_LINKS as Readonly<Record<string, string>>)[key] ?? key;
  return list
    .map(
      (a) =>
        `  ${t(M.mark, { severity: a.severity })}: ${a.title}. ${a.detail}\n${a.command ? `      $ ${a.command}\n` : ''}${(a.links ?? []).map((l) => `      ${t(M.see, { url: url(l) })}\n`).join('')}`,
    )
    .join('');
}

export async function mac(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length > 0) throw new UsageError(t(USAGE.noArguments, { command: 'mac' }));
  const root = p.root ?? '/';
  if (!(await rootExists(root))) throw new UsageError(t(M.notAFolder, { option: '--root', root }));
  const { apps } = await core.listApps();
  const status = await readSystemStatus(
    hostFs(root),
    core.version.detected ? formatVersion(core.version.version) : null,
    apps,
  );
  if (p.json) {
    io.out(JSON.stringify(status, null, 2) + '\n');
    return 0;
  }
  io.out(`${status.verdict.text}\n${machineLine(status)}\n`);
  const general = adviceFor(status, 'machine');
  if (general.length) io.out(`\n${adviceLines(general)}`);
  for (const card of systemCards(status)) {
    io.out(`\n${card.title}: ${card.headline}\n`);
    for (const [label, value] of card.facts) io.out(`  ${label}: ${value}\n`);
    io.out(adviceLines(adviceFor(status, card.topic)));
  }
  return 0;
}
