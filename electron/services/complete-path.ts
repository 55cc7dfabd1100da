// Folder names for the completion of a typed path: only the names of folders below the user's
// home, never a file's content, and never through a link that leads out of the home.

import { opendir, readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { parseUserDirs } from '../../shared/verify/probe';

/** Suggestions the window can show at once; more would only be scrolled past. */
export const MAX_FOLDER_NAMES = 100;
/** Entries looked at in one folder, so a huge folder costs a bounded time. */
const MAX_SCANNED = 20_000;

export interface FolderNames {
  /** The folder listed, relative to the home ('' for the home itself). */
  readonly folder: string;
  /** Its sub-folders whose name starts with the typed segment (any case), sorted. */
  readonly names: readonly string[];
  /** Whether more folders matched than were returned. */
  readonly more: boolean;
}

/**
 * Where the user's XDG folders are, by Flatpak's name (`xdg-download` → `~/Téléchargements`), as
 * xdg-user-dirs wrote them in `user-dirs.dirs` of the config folder; none when it has no such file.
 */
export async function userFolders(home: string, configHome?: string): Promise<Record<string, string>> {
  const file = join(configHome || join(home, '.config'), 'user-dirs.dirs');
  return Object.fromEntries(parseUserDirs(await readFile(file, 'utf8').catch(() => '')));
}

const inside = (root: string, path: string) => path === root || path.startsWith(root + sep);

async function realDir(path: string): Promise<string | undefined> {
  try {
    const real = await realpath(path);
    return (await stat(real)).isDirectory() ? real : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The sub-folders matching `typed`, a path relative to `home` whose last segment is being typed
 * (`Do`, `Documents/Pro`, `Documents/`). The caller has checked that it has no `..` and is not
 * absolute; the folder is listed only if its real path is still inside the real home, which keeps
 * a link such as `~/etc -> /etc` from showing the host's folders.
 */
export async function completeFolders(home: string, typed: string, limit = MAX_FOLDER_NAMES): Promise<FolderNames> {
  const slash = typed.lastIndexOf('/');
  const folder = slash < 0 ? '' : typed.slice(0, slash);
  const segment = (slash < 0 ? typed : typed.slice(slash + 1)).toLowerCase();
  const none = { folder, names: [], more: false };
  const root = await realDir(home);
  if (root === undefined) return none;
  const dir = await realDir(join(root, folder));
  if (dir === undefined || !inside(root, dir)) return none;
  // A hidden folder only when asked for: ~/.cache and its like would crowd out the rest.
  const hidden = segment.startsWith('.');
  const names: string[] = [];
  let scanned = 0;
  let handle;
  try {
    handle = await opendir(dir);
  } catch {
    return none;
  }
  for await (const entry of handle) {
    if (++scanned > MAX_SCANNED) break;
    const name = entry.name;
    if (name.startsWith('.') !== hidden || !name.toLowerCase().startsWith(segment)) continue;
    if (entry.isDirectory()) names.push(name);
    else if (entry.isSymbolicLink()) {
      const target = await realDir(join(dir, name));
      if (target !== undefined && inside(root, target)) names.push(name);
    }
  }
  names.sort((a, b) => a.localeCompare(b));
  return { folder, names: names.slice(0, limit), more: names.length > limit };
}
