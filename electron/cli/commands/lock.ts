import type { FlatpakCore } from '../../services/core';
import { ReviewService } from '../../services/review';
import { defineMessages, t } from '../../../shared/i18n';
import { checkApp, type CliIo } from '../command';
import { UsageError, type Parsed } from '../options';

const M = defineMessages({
  appsOrAll: {
    id: 'cli.lock.apps-or-all',
    defaultMessage:
      '{verb, select, lock {Name the apps to lock, or give {all}} other {Name the apps to unlock, or give {all}}}',
  },
  allWithApps: { id: 'cli.lock.all-with-apps', defaultMessage: '{all} cannot be combined with app IDs' },
  lockedAll: { id: 'cli.lock.locked-all', defaultMessage: 'Every app is locked, including apps installed later.' },
  unlockedAll: { id: 'cli.lock.unlocked-all', defaultMessage: 'No app is locked any more.' },
  locked: { id: 'cli.lock.locked', defaultMessage: 'Locked: {apps}' },
  unlocked: { id: 'cli.lock.unlocked', defaultMessage: 'Unlocked: {apps}' },
  stillAll: {
    id: 'cli.lock.still-all',
    defaultMessage: 'Every app is still locked by {lockAll}; {unlockAll} lifts that.',
  },
  watcher: {
    id: 'cli.lock.watcher',
    defaultMessage:
      'A lock is kept by {watch}: what a locked app declares anew is denied as soon as the update lands. {install} keeps it running while you are logged in.',
  },
});

// Every sentence these commands print, in one place.
const TEXT = {
  appsOrAll: (verb: 'lock' | 'unlock') => t(M.appsOrAll, { verb, all: '--all' }),
  get allWithApps() {
    return t(M.allWithApps, { all: '--all' });
  },
  get lockedAll() {
    return `${t(M.lockedAll)}\n`;
  },
  get unlockedAll() {
    return `${t(M.unlockedAll)}\n`;
  },
  locked: (apps: readonly string[]) => `${t(M.locked, { apps: apps.join(', ') })}\n`,
  unlocked: (apps: readonly string[]) => `${t(M.unlocked, { apps: apps.join(', ') })}\n`,
  get stillAll() {
    return `${t(M.stillAll, { lockAll: 'confine lock --all', unlockAll: 'confine unlock --all' })}\n`;
  },
  get watcher() {
    return `${t(M.watcher, { watch: 'confine watch', install: 'confine watch --install' })}\n`;
  },
};

function targets(p: Parsed, verb: 'lock' | 'unlock'): readonly string[] | 'all' {
  if (p.all && p.positional.length > 0) throw new UsageError(TEXT.allWithApps);
  if (!p.all && p.positional.length === 0) throw new UsageError(TEXT.appsOrAll(verb));
  return p.all ? 'all' : p.positional.map((a) => checkApp(a));
}

export async function lock(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  const apps = targets(p, 'lock');
  await new ReviewService(core).setLock(apps, true);
  io.out((apps === 'all' ? TEXT.lockedAll : TEXT.locked(apps)) + TEXT.watcher);
  return 0;
}

export async function unlock(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  const apps = targets(p, 'unlock');
  const locks = await new ReviewService(core).setLock(apps, false);
  io.out(apps === 'all' ? TEXT.unlockedAll : TEXT.unlocked(apps));
  if (locks.all) io.out(TEXT.stillAll);
  return 0;
}
