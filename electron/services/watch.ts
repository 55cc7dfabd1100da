// Notices changes made outside Confine: an override written by `flatpak override` in a terminal,
// or an app installed, updated or removed (Flatpak touches `<installation>/.changed` for every
// such change). A few inotify watches, re-armed when a watched folder appears or goes away,
// and one debounced notification for a burst of events, into which the permission store's
// change signals are fed as well (a reset sends one per entry).

import { existsSync, watch, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';
import type { Disposable } from '../../shared/disposable';
import { isAppId } from '../../shared/flatpak/grammar';

export interface Changed {
  apps: boolean;
  overrides: boolean;
  portals: boolean;
  /**
   * The apps whose own override files changed (inotify names the file), when that is all that
   * changed, so the window rereads just them; null when anything else changed (an installation,
   * a global override, a folder, the portals), which may concern any app.
   */
  appIds: string[] | null;
}

/** What a note says: which flags, and, for an app's own override file, the app. */
export type Note = Partial<Omit<Changed, 'appIds'>> & { appIds?: readonly string[] };

export interface WatchTargets {
  /** Override folders (user and system). */
  readonly overrideDirs: readonly string[];
  /** Installation folders (user, system and custom). */
  readonly installationDirs: readonly string[];
}

function nearestExisting(path: string): string {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
}

export function watchFlatpak(
  targets: WatchTargets,
  onChange: (changed: Changed) => void,
  // Long enough for one writer's burst (a temporary file renamed over the override comes
  // within a millisecond), short enough that the window shows a terminal's change at once.
  debounceMs = 60,
  /** Whether the watches alone keep the process alive (`confine watch`); not in the window. */
  persistent = false,
): Disposable & { note(c: Note): void } {
  const watchers = new Map<string, FSWatcher>();
  let pending: Changed | undefined;
  let timer: NodeJS.Timeout | undefined;
  let retry: NodeJS.Timeout | undefined;
  let closed = false;

  const fire = () => {
    timer = undefined;
    const changed = pending;
    pending = undefined;
    if (changed && !closed) onChange(changed);
  };
  const note = (c: Note) => {
    if (closed) return;
    const before = pending ? pending.appIds : [];
    pending = {
      apps: (pending?.apps ?? false) || !!c.apps,
      overrides: (pending?.overrides ?? false) || !!c.overrides,
      portals: (pending?.portals ?? false) || !!c.portals,
      appIds: before === null || c.appIds === undefined ? null : [...new Set([...before, ...c.appIds])],
    };
    if (timer) clearTimeout(timer);
    timer = setTimeout(fire, debounceMs);
  };

  const arm = () => {
    if (closed) return;
    const wanted = new Map<string, Partial<Changed>>();
    const add = (dir: string, what: Partial<Changed>) => wanted.set(dir, { ...wanted.get(dir), ...what });
    for (const dir of targets.overrideDirs) {
      const at = nearestExisting(dir);
      // While the folder is missing, its parent tells us when it appears.
      add(at, at === dir ? { overrides: true } : {});
    }
    for (const dir of targets.installationDirs) {
      const at = nearestExisting(dir);
      add(at, at === dir ? { apps: true } : {});
    }
    for (const [dir, w] of watchers) {
      if (!wanted.has(dir)) {
        w.close();
        watchers.delete(dir);
      }
    }
    for (const [dir, what] of wanted) {
      if (watchers.has(dir)) continue;
      try {
        const w = watch(dir, { persistent }, (_event, name) => {
          const ancestor = !what.overrides && !what.apps;
          if (ancestor || name === 'overrides' || !existsSync(dir)) {
            // A folder appeared or vanished: watch the right ones again, and reload everything,
            // since a file may have landed before the new watch was in place.
            arm();
            note({ apps: true, overrides: true });
            return;
          }
          // Flatpak reads an app's override from the file named by its ID; any other name
          // (a global override, a file being written under a temporary name that is no ID)
          // is not an app's. `flatpak override` writes a temporary file and renames it over.
          if (what.overrides) {
            if (typeof name === 'string' && name !== 'global' && !name.includes('/'))
              note({ overrides: true, appIds: isAppId(name) ? [name] : [] });
            else note({ overrides: true });
          }
          if (what.apps && (name === '.changed' || name === 'app')) note({ apps: true });
        });
        w.on('error', () => {
          w.close();
          watchers.delete(dir);
          clearTimeout(retry);
          retry = setTimeout(arm, debounceMs);
        });
        watchers.set(dir, w);
      } catch {
        // Unreadable folder: nothing to watch there.
      }
    }
  };

  arm();
  return {
    note,
    /** Closes every watch and drops what was noted but not yet told. */
    dispose() {
      closed = true;
      clearTimeout(timer);
      clearTimeout(retry);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
