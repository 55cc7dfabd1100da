// The watcher behind `confine watch`: idle until the kernel tells of a change (inotify, through
// watchFlatpak: Flatpak touches `<installation>/.changed` for every install, update and
// removal, and the override folders are watched too), then denies what locked apps declare
// anew, records it, and says so. Each installation's locked apps are also watched where
// Flatpak deploys them (`app/ID` for the `current` link, `app/ID/ARCH/BRANCH` for `active`),
// so an update is seen the moment its new deployment is made active. One check runs at a time;
// changes noticed meanwhile make one more.

import { watch, type FSWatcher } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { allowCommand } from '../../shared/flatpak/declared';
import type { Disposable } from '../../shared/disposable';
import { defineMessages, formatList, t } from '../../shared/i18n';
import type { InstallationInfo } from '../../shared/model';
import type { FlatpakCore } from './core';
import { withFolderLock } from './files';
import { sendNotification, type Notification } from './notify';
import { overridesDir } from './overrides';
import { stateDir, type Denial } from './review-store';
import { ReviewService } from './review';
import { watchFlatpak } from './watch';

export interface LockWatcherOptions {
  /** One line of the log (no newline). */
  readonly log: (line: string) => void;
  /** Sends a notification; the desktop's by default. */
  readonly notify?: (n: Notification) => Promise<unknown>;
  /** Whether the watches keep the process alive (the `confine watch` process). */
  readonly persistent?: boolean;
  /** Told of each denial once it is written and recorded (the window reloads the app): one an
   *  app and check, its items those of all its installations. */
  readonly onDenied?: (denial: Denial) => void;
}

export interface LockWatcher extends Disposable {
  /** Resolves once no check is running or waiting (for tests and a clean stop). */
  settled(): Promise<void>;
}

const W = defineMessages({
  started: {
    id: 'cli.watch.started',
    defaultMessage: 'confine watch: watching {count, plural, one {# installation} other {# installations}}',
  },
  denied: {
    id: 'cli.watch.denied',
    defaultMessage: 'confine watch: denied {app} {items}; to allow: {allow}',
    description: 'A line of the watcher’s log. items: Flatpak options such as --share=network; allow: a command line',
  },
  failed: {
    id: 'cli.watch.failed',
    defaultMessage: 'confine watch: could not deny {what}; will try again on the next change',
  },
  warning: { id: 'cli.watch.warning', defaultMessage: 'confine watch: warning: {warning}' },
  notifyFailed: { id: 'cli.watch.notify-failed', defaultMessage: 'confine watch: no notification sent: {reason}' },
  summary: {
    id: 'cli.watch.notification.summary',
    defaultMessage: 'Confine denied what {app} newly asks for',
    description: 'Title of the desktop notification after a locked app’s update asked for more',
  },
  body: {
    id: 'cli.watch.notification.body',
    defaultMessage: 'The update of {app} asked for {items}. It is locked, so this was denied.\nTo allow it: {allow}',
    description: 'items: a list of Flatpak options; allow: a command line',
  },
  bodyIn: {
    id: 'cli.watch.notification.body-in',
    defaultMessage:
      'The update of {app} in {installations} asked for {items}. It is locked, so this was denied.\nTo allow it: {allow}',
    description:
      'The app was updated in several installations at once. installations: a list such as “the user installation and the system installation”; items: a list of Flatpak options; allow: a command line',
  },
  userInstallation: {
    id: 'cli.watch.installation.user',
    defaultMessage: 'the user installation',
    description: 'In the list {installations} of cli.watch.notification.body-in, after “in” (flatpak --user)',
  },
  systemInstallation: {
    id: 'cli.watch.installation.system',
    defaultMessage: 'the system installation',
    description: 'In the list {installations} of cli.watch.notification.body-in, after “in” (flatpak --system)',
  },
  namedInstallation: {
    id: 'cli.watch.installation.named',
    defaultMessage: 'the installation “{name}”',
    description:
      'In the list {installations} of cli.watch.notification.body-in, after “in”; name: a custom installation’s name',
  },
  stopped: { id: 'cli.watch.stopped', defaultMessage: 'confine watch: stopped' },
});

// Every sentence the watcher logs or shows, in one place.
export const WATCH_TEXT = {
  started: (n: number) => t(W.started, { count: n }),
  denied: (d: Denial, allow: string) => t(W.denied, { app: d.app, items: d.items.join(' '), allow }),
  failed: (what: string) => t(W.failed, { what }),
  warning: (w: string) => t(W.warning, { warning: w }),
  notifyFailed: (why: string) => t(W.notifyFailed, { reason: why }),
  summary: (app: string) => t(W.summary, { app }),
  body: (d: Denial, allow: string) => t(W.body, { app: d.app, items: d.items.join(', '), allow }),
  bodyIn: (d: Denial, installations: readonly InstallationInfo[], allow: string) =>
    t(W.bodyIn, {
      app: d.app,
      installations: formatList(
        installations.map((i) =>
          i.kind === 'user'
            ? t(W.userInstallation)
            : i.kind === 'system'
              ? t(W.systemInstallation)
              : t(W.namedInstallation, { name: i.displayName || i.id }),
        ),
      ),
      items: d.items.join(', '),
      allow,
    }),
  get stopped() {
    return t(W.stopped);
  },
};

export async function startLockWatcher(core: FlatpakCore, options: LockWatcherOptions): Promise<LockWatcher> {
  const service = new ReviewService(core);
  const notify =
    options.notify ??
    ((n: Notification) => sendNotification(core.environment(), n, core.sandbox ? 'portal' : 'desktop'));
  const persistent = options.persistent ?? false;
  const { installations } = await core.installations();
  let closed = false;
  let running: Promise<void> | undefined;
  let again = false;
  /** The deployment folders watched for locked apps, by path. */
  const deployWatches = new Map<string, FSWatcher>();

  const watchDeployments = async () => {
    const locks = await service.locks().catch(() => ({ all: false, apps: [] as string[] }));
    const wanted = new Set<string>();
    if (locks.all || locks.apps.length > 0) {
      const { byApp } = await core.deployments(locks.all ? undefined : locks.apps);
      for (const deps of byApp.values())
        for (const d of deps) {
          const appDir = join(d.path, '..', '..', '..');
          wanted.add(appDir);
          wanted.add(join(d.path, '..'));
        }
    }
    for (const [dir, w] of deployWatches)
      if (!wanted.has(dir)) {
        w.close();
        deployWatches.delete(dir);
      }
    for (const dir of wanted) {
      if (deployWatches.has(dir) || closed) continue;
      try {
        const w = watch(dir, { persistent: false }, (_e, name) => {
          if (name === 'current' || name === 'active') schedule();
        });
        // An uninstalled app's folder goes away: its watch ends, and the next check drops it.
        w.on('error', () => {
          w.close();
          deployWatches.delete(dir);
        });
        deployWatches.set(dir, w);
      } catch {
        // Gone already (an uninstall under way): nothing to watch there.
      }
    }
  };

  // The window runs this watcher while it is open, and a systemd `confine watch` may run too:
  // both see the same update. Their checks take turns under one lock (flock on this folder,
  // let go by the kernel if a process dies), so the second reads what the first recorded and
  // finds nothing left to deny: one write of the override, one notification. Each write is
  // also an atomic swap that never goes over another writer's change (swapFile).
  const turns = join(stateDir(core.environment()), 'watchers');
  const check = async (byChange: boolean) => {
    await mkdir(turns, { recursive: true, mode: 0o700 });
    const r = await withFolderLock(turns, () => service.enforceLocks());
    for (const w of r.warnings) options.log(WATCH_TEXT.warning(w));
    for (const f of r.failures) options.log(WATCH_TEXT.failed(f));
    // One line, one note to the window and one notification an app, naming its installations: an update of both the
    // user and the system installation (one `flatpak update`) that lands in one check is a
    // denial for each, and was told twice in the same words. (Landing in two checks, the
    // second changes nothing and is not among the denials: ReviewService.enforceLocks.)
    for (const app of new Set(r.denials.map((d) => d.app))) {
      const mine = r.denials.filter((d) => d.app === app);
      const first = mine[0];
      if (!first) continue;
      const d: Denial = { ...first, items: [...new Set(mine.flatMap((x) => x.items))] };
      const allow = allowCommand(app, d.items, core.version.version);
      const where = installations.filter((i) => mine.some((x) => x.installation === i.path));
      options.log(WATCH_TEXT.denied(d, allow));
      options.onDenied?.(d);
      await notify({
        summary: WATCH_TEXT.summary(app),
        body: where.length > 1 ? WATCH_TEXT.bodyIn(d, where, allow) : WATCH_TEXT.body(d, allow),
      }).catch((e: Error) => options.log(WATCH_TEXT.notifyFailed(e.message)));
    }
    await watchDeployments();
    // Nothing is kept yet at start, and the scan would only slow the window's first read.
    if (byChange) await core.forgetGoneDeployments();
  };

  // Whether a check is asked for by a change to the files. The first check, at start, is not:
  // telling the core of a change then would throw away the window's first read of the list
  // (begun at the same moment) and make its first request read everything again.
  let changed = false;
  const schedule = (byChange = true): void => {
    if (closed) return;
    changed ||= byChange;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          const byChange = changed;
          if (byChange) core.noteOutsideChange();
          changed = false;
          await check(byChange);
        } catch (e) {
          options.log(WATCH_TEXT.failed((e as Error).message));
        }
      } while (again && !closed);
    })().finally(() => (running = undefined));
  };

  const files = watchFlatpak(
    {
      overrideDirs: [overridesDir(core.paths, 'user'), overridesDir(core.paths, 'system')],
      installationDirs: installations.map((i) => i.path),
    },
    () => schedule(),
    30,
    persistent,
  );
  options.log(WATCH_TEXT.started(installations.length));
  schedule(false);

  return {
    async settled() {
      while (running) await running;
    },
    dispose() {
      closed = true;
      files.dispose();
      for (const w of deployWatches.values()) w.close();
      deployWatches.clear();
    },
  };
}
