import { SEVERITIES, SEVERITY_COUNT, SEVERITY_LABELS } from '../../../shared/hardening/audit';
import { defineMessages, formatList, t } from '../../../shared/i18n';
import type { FlatpakCore } from '../../services/core';
import { auditAll } from '../../services/hardening';
import { LINE, USAGE, type CliIo } from '../command';
import { UsageError, type Parsed } from '../options';

const M = defineMessages({
  brokenGlobal: {
    id: 'cli.audit.broken-global',
    defaultMessage:
      'Flatpak refuses to run {count, plural, one {# app} other {# apps}} until this file is fixed or reset{hasCommand, select, yes { ({command})} other {}}: {problem}',
    description:
      'A global override Flatpak cannot read; command: the flatpak command that resets it; problem: what is wrong',
  },
  overview: {
    id: 'cli.audit.overview',
    defaultMessage:
      '{apps, plural, one {# app} other {# apps}}: {canEscape} can escape the sandbox, {readHome} can read your home folder, {network} have the network, {x11} use X11 even on Wayland.',
    description: 'The first line of confine audit; each placeholder is a number of apps',
  },
  findings: {
    id: 'cli.audit.findings',
    defaultMessage: 'Findings: {bySeverity}.',
    description: 'bySeverity: a list of summary.by-severity',
  },
  unreadable: {
    id: 'cli.audit.app-unreadable',
    defaultMessage: 'cannot be read: {problem}',
    description: 'In an app’s row, instead of its worst finding',
  },
  worst: {
    id: 'cli.audit.worst-finding',
    defaultMessage: '{severity}: {title}',
    description: 'In an app’s row: its worst finding; severity: its label; title: the finding’s title',
  },
  nothing: { id: 'cli.audit.nothing-found', defaultMessage: 'nothing found', description: 'In an app’s row' },
  note: {
    id: 'cli.audit.note',
    defaultMessage: 'Note: {limit}',
    description: 'The last lines of confine audit: what the audit cannot see',
  },
});

export async function audit(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length > 0) throw new UsageError(t(USAGE.noArguments, { command: 'audit' }));
  const report = await auditAll(core);
  if (p.json) {
    io.out(JSON.stringify(report, null, 2) + '\n');
    return 0;
  }
  for (const b of report.brokenGlobals)
    io.err(
      t(LINE.warning, {
        message: t(M.brokenGlobal, {
          count: b.apps.length,
          hasCommand: b.command ? 'yes' : 'no',
          command: b.command ?? '',
          problem: b.message,
        }),
      }),
    );
  const o = report.overview;
  io.out(
    t(M.overview, { apps: o.apps, canEscape: o.canEscape, readHome: o.readHome, network: o.network, x11: o.x11 }) +
      '\n',
  );
  const bySeverity = SEVERITIES.map((severity) => t(SEVERITY_COUNT, { count: o.bySeverity[severity], severity }));
  io.out(`${t(M.findings, { bySeverity: formatList(bySeverity) })}\n\n`);
  for (const a of report.apps) {
    const worst = a.findings[0];
    io.out(
      [
        String(a.score).padStart(4),
        a.id,
        a.name,
        a.error
          ? t(M.unreadable, { problem: a.error })
          : worst
            ? t(M.worst, { severity: SEVERITY_LABELS[worst.severity], title: worst.title })
            : t(M.nothing),
      ].join('\t') + '\n',
    );
  }
  io.out(`\n${report.limits.map((limit) => t(M.note, { limit })).join('\n')}\n`);
  return 0;
}
