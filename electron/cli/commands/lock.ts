import type { FlatpakCore } from '../../services/core';
import { ReviewService } from '../../services/review';
import { checkApp, type CliIo } from '../command';
import { UsageError, type Parsed } from '../options';

// Every sentence these commands print, in one place.
const TEXT = {
  appsOrAll: (verb: string) => `Name the apps to ${verb}, or give --all`,
  allWithApps: '--all cannot be combined with app IDs',
  lockedAll: 'Every app is locked, including apps installed later.\n',
  unlockedAll: 'No app is locked any more.\n',
  locked: (apps: readonly string[]) => `Locked: ${apps.join(', ')}\n`,
  unlocked: (apps: readonly string[]) => `Unlocked: ${apps.join(', ')}\n`,
  stillAll: 'Every app is still locked by confine lock --all; confine unlock --all lifts that.\n',
  watcher:
    'A lock is kept by confine watch: what a locked app declares anew is denied as soon as the update lands. ' +
    'confine watch --install keeps it running while you are logged in.\n',
} as const;

function targets(p: Parsed, verb: string): readonly string[] | 'all' {
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
