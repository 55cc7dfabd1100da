import { describe, expect, it } from 'vitest';
import { completionQuery, folderSuggestions, tokenSuggestions } from './path-completion';

const values = (s: readonly { value: string }[]) => s.map((x) => x.value);

describe('what is being typed', () => {
  it('is a location word until a slash', () => {
    expect(completionQuery('xdg-do')).toEqual({ kind: 'tokens', bang: '', typed: 'xdg-do' });
    expect(completionQuery('!ho')).toEqual({ kind: 'tokens', bang: '!', typed: 'ho' });
  });

  it('is a folder below the home after ~/, home/ or an XDG folder word', () => {
    expect(completionQuery('~/Do')).toEqual({
      kind: 'folders',
      home: 'Do',
      prefix: '~/',
      segment: 'Do',
      shownAt: '~/',
    });
    expect(completionQuery('home/Documents/Pro')).toMatchObject({
      home: 'Documents/Pro',
      prefix: 'home/Documents/',
      segment: 'Pro',
    });
    // xdg-download stands for ~/Downloads (the XDG user-dirs default).
    expect(completionQuery('!xdg-download/Ga')).toEqual({
      kind: 'folders',
      home: 'Downloads/Ga',
      prefix: '!xdg-download/',
      segment: 'Ga',
      shownAt: '~/Downloads/',
    });
    expect(completionQuery('xdg-config/')).toMatchObject({ home: '.config/', segment: '' });
  });

  it('offers nothing for a mode, an absolute path, xdg-run or an unknown word', () => {
    for (const text of ['~/Games:ro', '/mnt/da', 'xdg-run/pipe', 'foo/bar', '~/a b'])
      expect(completionQuery(text), text).toEqual({ kind: 'none' });
  });
});

describe('location words', () => {
  it('offers every word, in the catalogue’s order, for an empty field', () => {
    const all = values(tokenSuggestions('', ''));
    expect(all.slice(0, 5)).toEqual(['~/', 'host', 'host-os', 'host-etc', 'home']);
    expect(all).toContain('xdg-public-share');
    expect(all).toContain('xdg-run/');
    expect(all).toHaveLength(17);
  });

  it('puts words that start with the text first, then those whose friendly name does', () => {
    expect(values(tokenSuggestions('', 'host'))).toEqual(['host-os', 'host-etc']);
    // "down" is the start of no word, but of the friendly name "Downloads folder".
    expect(values(tokenSuggestions('', 'down'))).toEqual(['xdg-download']);
    const music = tokenSuggestions('', 'mus');
    expect(music[0]).toEqual({ value: 'xdg-music', label: 'xdg-music', detail: 'Music folder (~/Music)' });
    expect(values(tokenSuggestions('', 'xdg-d'))).toEqual(['xdg-desktop', 'xdg-documents', 'xdg-download', 'xdg-data']);
  });

  it('matches any case, keeps a leading !, and drops what is typed in full', () => {
    expect(values(tokenSuggestions('!', 'PICT'))).toEqual(['!xdg-pictures']);
    expect(values(tokenSuggestions('', 'xdg-music'))).toEqual([]);
    expect(values(tokenSuggestions('', 'zzz'))).toEqual([]);
  });
});

describe('folders', () => {
  const q = (text: string) => {
    const query = completionQuery(text);
    if (query.kind !== 'folders') throw new Error(`not a folder query: ${text}`);
    return query;
  };

  it('turns names into values after what was typed, exact case first', () => {
    expect(folderSuggestions(q('~/Do'), ['downloads-old', 'Documents', 'Downloads'])).toEqual([
      { value: '~/Documents', label: 'Documents', detail: '~/Documents' },
      { value: '~/Downloads', label: 'Downloads', detail: '~/Downloads' },
      { value: '~/downloads-old', label: 'downloads-old', detail: '~/downloads-old' },
    ]);
    expect(folderSuggestions(q('xdg-download/G'), ['Games'])).toEqual([
      { value: 'xdg-download/Games', label: 'Games', detail: '~/Downloads/Games' },
    ]);
  });

  it('drops a stale name that no longer matches, the typed name itself, and hidden ones unless asked', () => {
    expect(values(folderSuggestions(q('~/Mu'), ['Documents', 'Music', 'Musik']))).toEqual(['~/Music', '~/Musik']);
    expect(values(folderSuggestions(q('~/Music'), ['Music']))).toEqual([]);
    expect(values(folderSuggestions(q('~/'), ['.cache', 'Music']))).toEqual(['~/Music']);
    expect(values(folderSuggestions(q('~/.c'), ['.cache', '.config']))).toEqual(['~/.cache', '~/.config']);
  });
});
