import type { FlatpakCore } from '../../services/core';
import { ReviewService, type Decision, type PendingReview } from '../../services/review';
import { defineMessages, t } from '../../../shared/i18n';
import { checkApp, LINE, type CliIo } from '../command';
import { UsageError, type Parsed } from '../options';

const M = defineMessages({
  bothActions: { id: 'cli.review.both-actions', defaultMessage: '{accept} and {deny} cannot be combined' },
  itemsNeedAction: {
    id: 'cli.review.items-need-action',
    defaultMessage: 'Give {accept} or {deny} before the changes to decide on',
  },
  allNeedsAction: { id: 'cli.review.all-needs-action', defaultMessage: '{all} needs {accept} or {deny}' },
  allWithApp: { id: 'cli.review.all-with-app', defaultMessage: '{all} cannot be combined with an app ID' },
  tooMany: { id: 'cli.review.too-many', defaultMessage: 'Name one app, or give {all}' },
  noDefault: { id: 'cli.review.no-default', defaultMessage: '{option} is not a change an app declares' },
  nothingNew: { id: 'cli.review.nothing-new', defaultMessage: 'Nothing new since you last looked.' },
  nothingFor: { id: 'cli.review.nothing-new-in', defaultMessage: 'Nothing new in {app} since you last looked.' },
  baselined: {
    id: 'cli.review.baselined',
    defaultMessage:
      '{count, plural, one {One app was seen for the first time; what it declares now counts as seen.} other {# apps were seen for the first time; what they declare now counts as seen.}}',
  },
  heading: {
    id: 'cli.review.heading',
    defaultMessage:
      '{app}{installation, select, user {} default { (system)} other { ({installation})}}{locked, select, yes {, locked} other {}}',
    description:
      'The head of one app’s changes in confine review. As other commands name an override: the app ID alone for the user installation, (system) after it for the system-wide one, a custom installation’s ID in brackets',
  },
  howTo: {
    id: 'cli.review.how-to',
    defaultMessage:
      'Keep: {accept}   Deny the additions: {deny}\n(either may be followed by the items to decide on, e.g. {example})',
    description: 'accept, deny: command lines; example: --deny --share=network',
  },
  deniedByLock: {
    id: 'cli.review.denied-by-lock',
    defaultMessage: 'Denied by the lock at {at}: {app} {items}',
    description: 'at: a date and time; items: Flatpak options',
  },
  kept: { id: 'cli.review.kept', defaultMessage: '{app}: kept {items}' },
  denied: { id: 'cli.review.denied', defaultMessage: '{app}: denied {items}' },
  notDeniable: {
    id: 'cli.review.not-deniable',
    defaultMessage: '{app}: kept {items} (Flatpak cannot take these back)',
  },
});

const FLAGS = { accept: '--accept', deny: '--deny', all: '--all' };

// Every sentence this command prints, in one place.
const TEXT = {
  get bothActions() {
    return t(M.bothActions, FLAGS);
  },
  get itemsNeedAction() {
    return t(M.itemsNeedAction, FLAGS);
  },
  get allNeedsAction() {
    return t(M.allNeedsAction, FLAGS);
  },
  get allWithApp() {
    return t(M.allWithApp, FLAGS);
  },
  get tooMany() {
    return t(M.tooMany, FLAGS);
  },
  get noDefault() {
    return t(M.noDefault, { option: '--default' });
  },
  get nothingNew() {
    return `${t(M.nothingNew)}\n`;
  },
  nothingFor: (app: string) => `${t(M.nothingFor, { app })}\n`,
  baselined: (n: number) => `${t(M.baselined, { count: n })}\n`,
  heading: (p: PendingReview) =>
    `${t(M.heading, { app: p.appId, installation: p.installation, locked: p.locked ? 'yes' : 'no' })}\n`,
  added: (item: string) => `  + ${item}\n`,
  removed: (item: string) => `  - ${item}\n`,
  get howTo() {
    return `${t(M.howTo, {
      accept: 'confine review APP --accept',
      deny: 'confine review APP --deny',
      example: '--deny --share=network',
    })}\n`;
  },
  deniedByLock: (at: string, app: string, items: readonly string[]) =>
    `${t(M.deniedByLock, { at, app, items: items.join(' ') })}\n`,
  kept: (d: Decision) => (d.kept.length ? `${t(M.kept, { app: d.appId, items: d.kept.join(' ') })}\n` : ''),
  denied: (d: Decision) => (d.denied.length ? `${t(M.denied, { app: d.appId, items: d.denied.join(' ') })}\n` : ''),
  notDeniable: (d: Decision) =>
    d.notDeniable.length ? `${t(M.notDeniable, { app: d.appId, items: d.notDeniable.join(' ') })}\n` : '',
};

/** Denials by the lock shown in the listing: the latest few. */
const SHOWN_DENIALS = 10;

export async function review(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.accept && p.deny) throw new UsageError(TEXT.bothActions);
  if (p.changeArgs.some((a) => a.startsWith('--default='))) throw new UsageError(TEXT.noDefault);
  const acting = p.accept || p.deny;
  if (p.changeArgs.length > 0 && !acting) throw new UsageError(TEXT.itemsNeedAction);
  if (p.all && p.positional.length > 0) throw new UsageError(TEXT.allWithApp);
  if (p.all && !acting) throw new UsageError(TEXT.allNeedsAction);
  if (p.positional.length > 1) throw new UsageError(TEXT.tooMany);
  const app = p.positional[0] === undefined ? undefined : checkApp(p.positional[0]);
  if (acting && app === undefined && !p.all) throw new UsageError(TEXT.tooMany);
  const service = new ReviewService(core);

  if (acting) {
    const items = p.changeArgs.length > 0 ? p.changeArgs : undefined;
    const apps = app !== undefined ? [app] : [...new Set((await service.list()).pending.map((x) => x.appId))];
    const decisions: Decision[] = [];
    for (const a of apps) decisions.push(await service.decide(a, p.deny, items));
    if (p.json) io.out(`${JSON.stringify({ decisions }, null, 2)}\n`);
    else {
      if (decisions.every((d) => d.kept.length + d.denied.length === 0))
        io.out(app === undefined ? TEXT.nothingNew : TEXT.nothingFor(app));
      for (const d of decisions) io.out(TEXT.denied(d) + TEXT.kept(d) + TEXT.notDeniable(d));
    }
    return 0;
  }

  const listed = await service.list(app === undefined ? undefined : [app]);
  for (const w of listed.warnings) io.err(t(LINE.warning, { message: w }));
  const denials = listed.denials.filter((d) => app === undefined || d.app === app).slice(-SHOWN_DENIALS);
  if (p.json) {
    io.out(`${JSON.stringify({ pending: listed.pending, baselined: listed.baselined, denials }, null, 2)}\n`);
    return 0;
  }
  if (listed.baselined > 0) io.out(TEXT.baselined(listed.baselined));
  for (const d of denials) io.out(TEXT.deniedByLock(d.at, d.app, d.items));
  if (listed.pending.length === 0) {
    io.out(app === undefined ? TEXT.nothingNew : TEXT.nothingFor(app));
    return 0;
  }
  for (const r of listed.pending)
    io.out(TEXT.heading(r) + r.added.map(TEXT.added).join('') + r.removed.map(TEXT.removed).join(''));
  io.out(TEXT.howTo);
  return 0;
}
