// What the filesystem form suggests while a path is typed: Flatpak's own location words with
// the names people know them by, and, below the home folder, the user's real folders. Pure:
// the folder names come from main (fs:completePath), and so do the user's XDG folders
// (fs:userFolders), which xdg-user-dirs may have put elsewhere than the English defaults.

import { SPECIAL_FILESYSTEMS, XDG_FILESYSTEMS } from '../../../shared/flatpak/catalogue';
import { defineMessages, t } from '../../../shared/i18n';

const M = defineMessages({
  homeFolder: {
    id: 'ui.path-completion.home-folder',
    defaultMessage: 'A folder in your home',
    description: 'Beside the suggestion ~/ while a path is typed',
  },
});

export interface Suggestion {
  /** What choosing it puts in the field. */
  readonly value: string;
  /** The name shown. */
  readonly label: string;
  /** The words beside it: a friendly name, or where the folder is. */
  readonly detail?: string;
}

export type CompletionQuery =
  | { readonly kind: 'none' }
  /** A location word is being typed. */
  | { readonly kind: 'tokens'; readonly bang: string; readonly typed: string }
  /**
   * A folder below the home is being typed. `home` is the path to ask main for (relative to the
   * home); a suggestion is `prefix` followed by a folder's name; `segment` is the typed part of it.
   */
  | {
      readonly kind: 'folders';
      readonly home: string;
      readonly prefix: string;
      readonly segment: string;
      readonly shownAt: string;
    };

/** The user's XDG folders by Flatpak's name (`xdg-download` → `~/Téléchargements`), as main read them. */
export type UserFolders = Readonly<Record<string, string>>;

const NO_FOLDERS: UserFolders = {};

/** Where an XDG location word points: the user's folder where user-dirs.dirs names one, else the usual. */
export function xdgFolder(x: { readonly name: string; readonly location?: string }, folders: UserFolders) {
  return folders[x.name] ?? x.location;
}

function tokens(folders: UserFolders): Suggestion[] {
  return [
    { value: '~/', label: '~/', detail: t(M.homeFolder) },
    ...SPECIAL_FILESYSTEMS.map((f) => ({ value: f.name, label: f.name, detail: f.label })),
    ...XDG_FILESYSTEMS.map((x) => {
      const at = xdgFolder(x, folders);
      return at === undefined
        ? { value: `${x.name}/`, label: `${x.name}/…`, detail: x.label }
        : { value: x.name, label: x.name, detail: `${x.label} (${at})` };
    }),
  ];
}

/** The home-relative folder of each location word that stands for one (xdg-download: Downloads). */
function homeFolderOf(head: string, folders: UserFolders): string | undefined {
  if (head === '~' || head === 'home') return '';
  const xdg = XDG_FILESYSTEMS.find((x) => x.name === head);
  const at = xdg && xdgFolder(xdg, folders);
  // A user-dirs entry of the home itself stands for the home.
  if (at === '~') return '';
  return at?.startsWith('~/') ? `${at.slice(2)}/` : undefined;
}

/** What is being typed: nothing to complete once a mode (`:ro`) or an absolute path is typed. */
export function completionQuery(text: string, folders: UserFolders = NO_FOLDERS): CompletionQuery {
  const bang = text.startsWith('!') ? '!' : '';
  const path = text.slice(bang.length);
  if (path.includes(':') || path.startsWith('/') || /\s/.test(path)) return { kind: 'none' };
  const slash = path.indexOf('/');
  if (slash < 0) return { kind: 'tokens', bang, typed: path };
  const head = path.slice(0, slash);
  const below = homeFolderOf(head, folders);
  if (below === undefined) return { kind: 'none' };
  const rest = path.slice(slash + 1);
  const cut = rest.lastIndexOf('/') + 1;
  const dir = rest.slice(0, cut);
  return {
    kind: 'folders',
    home: below + rest,
    prefix: `${bang}${head}/${dir}`,
    segment: rest.slice(cut),
    shownAt: `~/${below}${dir}`,
  };
}

/**
 * Location words for what is typed, best first: those whose word starts with it, then those
 * whose friendly name has a word starting with it, then any that contain it.
 */
export function tokenSuggestions(bang: string, typed: string, folders: UserFolders = NO_FOLDERS): Suggestion[] {
  const q = typed.toLowerCase();
  const rank = (s: Suggestion): number => {
    if (q === '') return 0;
    const word = s.value.toLowerCase();
    const detail = (s.detail ?? '').toLowerCase();
    if (word.startsWith(q)) return 0;
    if (detail.split(/[\s(/~.]+/).some((w) => w.startsWith(q))) return 1;
    if (word.includes(q) || detail.includes(q)) return 2;
    return 3;
  };
  return tokens(folders)
    .map((s, i) => ({ s, r: rank(s), i }))
    .filter((x) => x.r < 3 && x.s.value !== typed)
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map(({ s }) => ({ ...s, value: bang + s.value }));
}

/**
 * The folders main listed for a folder query, best first: those that start with the segment as
 * typed (case and all), then the rest that start with it in another case, each by name.
 */
export function folderSuggestions(
  query: Extract<CompletionQuery, { kind: 'folders' }>,
  names: readonly string[],
): Suggestion[] {
  const seg = query.segment;
  const lower = seg.toLowerCase();
  const exact = (n: string) => (n.startsWith(seg) ? 0 : 1);
  return names
    .filter((n) => n.toLowerCase().startsWith(lower) && n !== seg && (seg.startsWith('.') || !n.startsWith('.')))
    .sort((a, b) => exact(a) - exact(b) || a.localeCompare(b))
    .map((n) => ({ value: query.prefix + n, label: n, detail: query.shownAt + n }));
}
