import { SEVERITIES, SEVERITY_LABELS } from '../../../shared/hardening/audit';
import { count } from '../../../shared/plural';
import type { FlatpakCore } from '../../services/core';
import { auditAll } from '../../services/hardening';
import type { CliIo } from '../command';
import { UsageError, type Parsed } from '../options';

export async function audit(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length > 0) throw new UsageError('audit takes no arguments');
  const report = await auditAll(core);
  if (p.json) {
    io.out(JSON.stringify(report, null, 2) + '\n');
    return 0;
  }
  for (const b of report.brokenGlobals)
    io.err(
      `warning: Flatpak refuses to run ${count(b.apps.length, 'app', 'apps')} until this file is fixed or reset${b.command ? ` (${b.command})` : ''}: ${b.message}\n`,
    );
  const o = report.overview;
  io.out(
    `${o.apps} apps: ${o.canEscape} can escape the sandbox, ${o.readHome} can read your home folder, ${o.network} have the network, ${o.x11} use X11 even on Wayland.\n`,
  );
  io.out(
    `Findings: ${SEVERITIES.map((s) => `${o.bySeverity[s]} ${SEVERITY_LABELS[s].toLowerCase()}`).join(', ')}.\n\n`,
  );
  for (const a of report.apps) {
    const worst = a.findings[0];
    io.out(
      [
        String(a.score).padStart(4),
        a.id,
        a.name,
        a.error
          ? `cannot be read: ${a.error}`
          : worst
            ? `${SEVERITY_LABELS[worst.severity]}: ${worst.title}`
            : 'nothing found',
      ].join('\t') + '\n',
    );
  }
  io.out(`\n${report.limits.map((l) => `Note: ${l}`).join('\n')}\n`);
  return 0;
}
