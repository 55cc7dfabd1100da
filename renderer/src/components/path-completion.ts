// What the filesystem form suggests while a path is typed: Flatpak's own location words with
// the names people know them by, and, below the home folder, the user's real folders. Pure:
// the folder names come from main (fs:completePath).

import { SPECIAL_FILESYSTEMS, XDG_FILESYSTEMS } from '../../../shared/flatpak/catalogue';

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

const TOKENS: readonly Suggestion[] = [
  { value: '~/', label: '~/', detail: 'A folder in your home' },
  ...SPECIAL_FILESYSTEMS.map((f) => ({ value: f.name, label: f.name, detail: f.label })),
  ...XDG_FILESYSTEMS.map((x) =>
    x.location === undefined
      ? { value: `${x.name}/`, label: `${x.name}/…`, detail: x.label }
      : { value: x.name, label: x.name, detail: `${x.label} (${x.location})` },
  ),
];

/** The home-relative folder of each location word that stands for one (xdg-download: Downloads). */
function homeFolderOf(head: string): string | undefined {
  if (head === '~' || head === 'home') return '';
  const xdg = XDG_FILESYSTEMS.find((x) => x.name === head);
  return xdg?.location?.startsWith('~/') ? `${xdg.location.slice(2)}/` : undefined;
}

/** What is being typed: nothing to complete once a mode (`:ro`) or an absolute path is typed. */
export function completionQuery(text: string): CompletionQuery {
  const bang = text.startsWith('!') ? '!' : '';
  const path = text.slice(bang.length);
  if (path.includes(':') || path.startsWith('/') || /\s/.test(path)) return { kind: 'none' };
  const slash = path.indexOf('/');
  if (slash < 0) return { kind: 'tokens', bang, typed: path };
  const head = path.slice(0, slash);
  const below = homeFolderOf(head);
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
export function tokenSuggestions(bang: string, typed: string): Suggestion[] {
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
  return TOKENS.map((s, i) => ({ s, r: rank(s), i }))
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
