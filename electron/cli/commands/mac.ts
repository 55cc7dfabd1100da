import { formatVersion } from '../../../shared/flatpak/version';
import { HELP_LINKS } from '../../../shared/ipc/links';
import { adviceFor, machineLine, systemCards } from '../../../shared/system/describe';
import type { Advice } from '../../../shared/system/model';
import type { FlatpakCore } from '../../services/core';
import { hostFs, readSystemStatus, rootExists } from '../../services/system';
import type { CliIo } from '../command';
import { UsageError, type Parsed } from '../options';

const SEVERITY_MARK: Readonly<Record<Advice['severity'], string>> = {
  ok: 'ok',
  info: 'note',
  warning: 'WARNING',
  critical: 'CRITICAL',
};

function adviceLines(list: readonly Advice[]): string {
  const url = (key: string) => (HELP_LINKS as Readonly<Record<string, string>>)[key] ?? key;
  return list
    .map(
      (a) =>
        `  ${SEVERITY_MARK[a.severity]}: ${a.title}. ${a.detail}\n${a.command ? `      $ ${a.command}\n` : ''}${(a.links ?? []).map((l) => `      see ${url(l)}\n`).join('')}`,
    )
    .join('');
}

export async function mac(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length > 0) throw new UsageError('mac takes no arguments');
  const root = p.root ?? '/';
  if (!(await rootExists(root))) throw new UsageError(`--root ${root} is not a readable folder`);
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
