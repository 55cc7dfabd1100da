import type { FlatpakCore } from '../../services/core';
import { ReviewService, type Decision, type PendingReview } from '../../services/review';
import { checkApp, type CliIo } from '../command';
import { UsageError, type Parsed } from '../options';

// Every sentence this command prints, in one place.
const TEXT = {
  bothActions: '--accept and --deny cannot be combined',
  itemsNeedAction: 'Give --accept or --deny before the changes to decide on',
  allNeedsAction: '--all needs --accept or --deny',
  allWithApp: '--all cannot be combined with an app ID',
  tooMany: 'Name one app, or give --all',
  noDefault: '--default is not a change an app declares',
  nothingNew: 'Nothing new since you last looked.\n',
  nothingFor: (app: string) => `Nothing new in ${app} since you last looked.\n`,
  baselined: (n: number) =>
    `${n === 1 ? 'One app was' : `${n} apps were`} seen for the first time; what ${n === 1 ? 'it declares' : 'they declare'} now counts as seen.\n`,
  heading: (p: PendingReview) => `${p.appId} (${p.installation})${p.locked ? ', locked' : ''}\n`,
  added: (item: string) => `  + ${item}\n`,
  removed: (item: string) => `  - ${item}\n`,
  howTo:
    'Keep: confine review APP --accept   Deny the additions: confine review APP --deny\n(either may be followed by the items to decide on, e.g. --deny --share=network)\n',
  deniedByLock: (at: string, app: string, items: readonly string[]) =>
    `Denied by the lock at ${at}: ${app} ${items.join(' ')}\n`,
  kept: (d: Decision) => (d.kept.length ? `${d.appId}: kept ${d.kept.join(' ')}\n` : ''),
  denied: (d: Decision) => (d.denied.length ? `${d.appId}: denied ${d.denied.join(' ')}\n` : ''),
  notDeniable: (d: Decision) =>
    d.notDeniable.length ? `${d.appId}: kept ${d.notDeniable.join(' ')} (Flatpak cannot take these back)\n` : '',
} as const;

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
  for (const w of listed.warnings) io.err(`warning: ${w}\n`);
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
