// The exposure audit: what an app's effective permissions let it do, as findings in plain words,
// each naming the permission behind it, sandbox escapes first. Apps are ranked escapes first:
// an app with a way out ranks above every app without one, whatever the rest adds up to.
// The findings are a table of rules (audit-rules.ts); this file runs it and ranks the result.

import type { Context } from '../flatpak/context';
import { has, mountsOf, reach, reachIn, usesX11 } from './access';
import { AUDIT_RULES, routeHits, type AuditFacts } from './audit-rules';
import { ObjectMemo } from '../memo';
import { currentLocale, defineMessage, defineMessages, type Message } from '../i18n';
import { formatted, formattedList } from './words';

export const SEVERITIES = ['escape', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_MESSAGES: Readonly<Record<Severity, Message>> = defineMessages({
  escape: {
    id: 'severity.escape.label',
    defaultMessage: 'Sandbox escape',
    description: 'A finding’s severity, on a badge and in the legend: the app has a way out of its sandbox',
  },
  high: { id: 'severity.high.label', defaultMessage: 'High', description: 'A finding’s severity, on a badge' },
  medium: { id: 'severity.medium.label', defaultMessage: 'Medium', description: 'A finding’s severity, on a badge' },
  low: { id: 'severity.low.label', defaultMessage: 'Low', description: 'A finding’s severity, on a badge' },
});

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = formatted(SEVERITY_MESSAGES);

/** How many findings of one severity, as a list of them says it ("2 high"): the app page's
 *  summary and the audit's second line. */
export const SEVERITY_COUNT: Message = defineMessage({
  id: 'summary.by-severity',
  defaultMessage: '{count} {severity, select, escape {sandbox escape} high {high} medium {medium} other {low}}',
  description:
    'How many findings of one severity, in a list: "2 high"; at the top of an app page and in the second line of confine audit',
});

const WEIGHT: Readonly<Record<Severity, number>> = { escape: 50, high: 15, medium: 5, low: 1 };

export interface Finding {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  /** One sentence in plain words: what the app can do because of it. */
  readonly detail: string;
  /** The permission behind it, as Flatpak writes it. */
  readonly permission: string;
}

export interface AppAudit {
  readonly score: number;
  readonly findings: readonly Finding[];
}

/** What an app may do through a portal without asking (camera, microphone, location). */
export interface PortalGrant {
  readonly key: string;
  readonly title: string;
  readonly detail: string;
  readonly permission: string;
}

/** Findings of one severity keep the table's order; those through routes sit where the route
 *  rules do, in routes.ts order, wherever their rule stands. */
const ROUTE_SLOT = AUDIT_RULES.findIndex((r) => r.kind === 'route');

/** What the rules look at, worked out once per app. */
export function auditFacts(ctx: Context, portalGrants: readonly PortalGrant[] = []): AuditFacts {
  const mounts = mountsOf(ctx);
  const home = reachIn(mounts, '~');
  return { ctx, mounts, home, routes: routeHits(ctx, mounts, home.write), grants: portalGrants };
}

// The window audits every app on each read; an app whose permissions did not change keeps its
// context object (see core.ts), and its audit is not worked out again.
const audits = new ObjectMemo<Context, AppAudit>(2);

export function auditApp(ctx: Context, portalGrants: readonly PortalGrant[] = []): AppAudit {
  // The findings are in words: an audit in one language is not the audit in another.
  const key = `${currentLocale()}${portalGrants.length === 0 ? '' : JSON.stringify(portalGrants)}`;
  return audits.get(ctx, key, () => auditNow(ctx, portalGrants));
}

function auditNow(ctx: Context, portalGrants: readonly PortalGrant[]): AppAudit {
  const facts = auditFacts(ctx, portalGrants);
  const placed = AUDIT_RULES.flatMap((rule, slot) => {
    const evidence = rule.match(facts);
    if (!evidence) return [];
    const at = evidence.route === undefined ? { slot, route: 0 } : { slot: ROUTE_SLOT, route: evidence.route };
    return rule.produce(evidence, facts).map((finding) => ({ finding, ...at }));
  });
  const rank = (f: Finding) => SEVERITIES.indexOf(f.severity);
  placed.sort((a, b) => rank(a.finding) - rank(b.finding) || a.slot - b.slot || a.route - b.route);
  const findings = placed.map((p) => p.finding);
  return { score: findings.reduce((s, f) => s + WEIGHT[f.severity], 0), findings };
}

export const escapesOf = (a: Pick<AppAudit, 'findings'>): number =>
  a.findings.filter((f) => f.severity === 'escape').length;

type Ranked = { readonly score: number } & ({ readonly escapes: number } | Pick<AppAudit, 'findings'>);
const escapeCount = (a: Ranked): number => ('escapes' in a ? a.escapes : escapesOf(a));

/** The ranking: more ways out first, then the higher score. */
export function compareExposure(a: Ranked, b: Ranked): number {
  return escapeCount(b) - escapeCount(a) || b.score - a.score;
}

export interface MachineOverview {
  readonly apps: number;
  readonly canEscape: number;
  readonly readHome: number;
  readonly network: number;
  readonly x11: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
}

export function machineOverview(audits: readonly { audit: AppAudit; context: Context }[]): MachineOverview {
  const bySeverity = { escape: 0, high: 0, medium: 0, low: 0 };
  let canEscape = 0;
  let readHome = 0;
  let network = 0;
  let x11 = 0;
  for (const { audit, context } of audits) {
    for (const f of audit.findings) bySeverity[f.severity]++;
    if (escapesOf(audit) > 0) canEscape++;
    if (reach(context, '~').read) readHome++;
    if (has(context, 'shared', 'network')) network++;
    if (usesX11(context)) x11++;
  }
  return { apps: audits.length, canEscape, readHome, network, x11, bySeverity };
}

const LIMIT_MESSAGES = defineMessages({
  sysProc: {
    id: 'finding.limit.sys-proc',
    defaultMessage:
      'Flatpak cannot stop apps from reading much of {sys} and {proc}, which tell about your hardware and other programs.',
    description: 'A note under the audit on what Flatpak cannot restrict; sys and proc are the folders /sys and /proc',
  },
  seccomp: {
    id: 'finding.limit.seccomp',
    defaultMessage:
      'Flatpak’s seccomp filter is weak: it blocks only a short list of system calls, so the kernel stays a large target.',
    description: 'A note under the audit on what Flatpak cannot restrict',
  },
  fileChooser: {
    id: 'finding.limit.file-chooser',
    defaultMessage:
      'Apps that use portals can still open any file you pick in a file chooser, whatever their file access says.',
    description: 'A note under the audit on what Flatpak cannot restrict',
  },
  writeHome: {
    id: 'finding.limit.write-home',
    defaultMessage:
      'Write access to your home folder is a way out of the sandbox even with Confine’s read-only protections: Flatpak cannot protect a start-up file that does not exist yet, and every program’s settings live there.',
    description: 'A note under the audit on what Flatpak cannot restrict',
  },
  sockets: {
    id: 'finding.limit.sockets',
    defaultMessage:
      'Read-only access does not stop an app from using a socket it can see (container engines, PipeWire, the keyring).',
    description: 'A note under the audit on what Flatpak cannot restrict',
  },
});

/** What Flatpak cannot restrict, said plainly wherever the audit is shown. */
export const LIMITS: readonly string[] = formattedList([
  [LIMIT_MESSAGES.sysProc, { sys: '/sys', proc: '/proc' }],
  LIMIT_MESSAGES.seccomp,
  LIMIT_MESSAGES.fileChooser,
  LIMIT_MESSAGES.writeHome,
  LIMIT_MESSAGES.sockets,
]);
