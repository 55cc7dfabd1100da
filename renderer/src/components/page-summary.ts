// What the top of an app's page says in one line: the exposure summary, and the jump list's
// groups with how many entries each grants and how many you changed. Pure, for unit tests.

import { FILESYSTEM_GROUP, FLAG_GROUPS, FLAG_KINDS, OTHER_OPTIONS } from '../../../shared/flatpak/catalogue';
import type { LayerId } from '../../../shared/flatpak/merge';
import type { EffectiveReport } from '../../../shared/flatpak/report';
import { SEVERITIES, SEVERITY_COUNT, type Finding, type Severity } from '../../../shared/hardening/audit';
import { defineMessages, t } from '../../../shared/i18n';

export interface ExposureSummary {
  /** The most dangerous severity found, if any. */
  readonly worst: Severity | undefined;
  /** "3 findings: 1 high, 2 medium", or that nothing was found. */
  readonly text: string;
  /** The most dangerous finding, named on the line. */
  readonly top: Finding | undefined;
}

const M = defineMessages({
  nothing: { id: 'summary.nothing-risky', defaultMessage: 'Nothing risky found' },
  findings: {
    id: 'summary.findings',
    defaultMessage: '{count, plural, one {# finding} other {# findings}}: {bySeverity}',
    description: 'The top of an app page; bySeverity is a comma-separated list of summary.by-severity',
  },
});

/** What an app's line says when the audit found nothing. */
export const NOTHING_RISKY = M.nothing;

export function exposureSummary(findings: readonly Finding[]): ExposureSummary {
  if (findings.length === 0) return { worst: undefined, text: t(M.nothing), top: undefined };
  const bySeverity = SEVERITIES.flatMap((severity) => {
    const n = findings.filter((f) => f.severity === severity).length;
    return n === 0 ? [] : [t(SEVERITY_COUNT, { count: n, severity })];
  });
  // The audit ranks the findings, most dangerous first.
  const worst = SEVERITIES.find((s) => findings.some((f) => f.severity === s));
  const top = findings.find((f) => f.severity === worst);
  return { worst, text: t(M.findings, { count: findings.length, bySeverity: bySeverity.join(', ') }), top };
}

export interface GroupEntry {
  /** The id of the group's heading (its disclosure button). */
  readonly id: string;
  readonly label: string;
  /** Entries that give the app something. */
  readonly granted: number;
  /** Entries of your own override (the layer this page edits). */
  readonly changed: number;
}

type Entry = { readonly source: LayerId };

function tally<T extends Entry>(
  id: string,
  label: string,
  entries: readonly T[],
  grants: (e: T) => boolean,
  own: LayerId,
): GroupEntry {
  return {
    id,
    label,
    granted: entries.filter(grants).length,
    changed: entries.filter((e) => e.source === own).length,
  };
}

/** The permission groups of the page, in the page's order, each with its counts. */
export function permissionGroups(effective: EffectiveReport, own: LayerId): GroupEntry[] {
  const fs = tally('group-filesystems', FILESYSTEM_GROUP.label, effective.filesystems, (f) => f.mode !== 'none', own);
  return [
    ...FLAG_KINDS.map((kind) =>
      tally(`group-${kind}`, FLAG_GROUPS[kind].label, effective[kind], (e) => e.allowed, own),
    ),
    // Your own "!host:reset" is a change of this group too.
    { ...fs, changed: fs.changed + (effective.filesystemReset === own ? 1 : 0) },
    tally('group-persistent', OTHER_OPTIONS.persistent.label, effective.persistent, () => true, own),
    tally('group-environment', OTHER_OPTIONS.environment.label, effective.environment, (v) => v.value !== null, own),
    tally('group-session-bus', OTHER_OPTIONS.sessionBus.label, effective.sessionBus, (n) => n.policy !== 'none', own),
    tally('group-system-bus', OTHER_OPTIONS.systemBus.label, effective.systemBus, (n) => n.policy !== 'none', own),
  ];
}
