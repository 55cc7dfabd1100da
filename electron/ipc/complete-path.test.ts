// The fs:completePath channel against a real home folder: folders only, hidden ones only when
// asked for, nothing through a link out of the home, and no way out of it with `..` or `/`. And
// fs:userFolders with a real user-dirs.dirs, which the window's completion of XDG words follows.

import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from './dispatch';
import { testHandlers } from '../../test/helpers/handlers';
import { completionQuery, folderSuggestions, tokenSuggestions } from '../../renderer/src/components/path-completion';
import { tempDir } from '../../test/helpers/temp';

let root: string;
let home: string;
let outside: string;

beforeAll(async () => {
  root = await tempDir('confine-complete-');
  home = join(root, 'home');
  outside = join(root, 'outside');
  for (const d of ['Documents/Projects', 'Documents/Letters', 'Downloads', 'Desktop', '.config', '.DotDir', 'Music'])
    await mkdir(join(home, d), { recursive: true });
  await mkdir(join(outside, 'DoNotShow'), { recursive: true });
  await writeFile(join(home, 'Docs.txt'), 'a file, not a folder');
  await writeFile(join(home, 'Documents/notes.md'), 'a file');
  await symlink(outside, join(home, 'DocLinkOut'));
  await symlink(join(home, 'Documents'), join(home, 'DocsInside'));
  await symlink(join(home, 'Docs.txt'), join(home, 'DocFileLink'));
  await mkdir(join(home, 'many'));
  for (let i = 0; i < 105; i++) await mkdir(join(home, 'many', `d${String(i).padStart(3, '0')}`));
});

function handlers(at = home, configHome?: string) {
  return testHandlers({ home: at, ...(configHome ? { configHome } : {}) });
}

async function complete(path: string) {
  const r = await dispatch(handlers(), 'fs:completePath', { path });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as { folder: string; names: string[]; more: boolean };
}

describe('fs:completePath', () => {
  it('lists the folders starting with the typed segment, in any case, and no file', async () => {
    // DocsInside is a link to a folder in the home; DocLinkOut leads out of it; DocFileLink is a file.
    expect(await complete('Do')).toEqual({ folder: '', names: ['DocsInside', 'Documents', 'Downloads'], more: false });
    expect((await complete('do')).names).toEqual(['DocsInside', 'Documents', 'Downloads']);
  });

  it('lists inside a folder, and through a link that stays in the home', async () => {
    expect(await complete('Documents/')).toEqual({ folder: 'Documents', names: ['Letters', 'Projects'], more: false });
    expect((await complete('DocsInside/P')).names).toEqual(['Projects']);
  });

  it('shows hidden folders only when the typed segment starts with a dot', async () => {
    expect((await complete('')).names).not.toContain('.config');
    expect((await complete('')).names).toContain('Music');
    expect((await complete('.')).names).toEqual(['.config', '.DotDir']);
  });

  it('lists nothing through a link that leads out of the home', async () => {
    expect(await complete('DocLinkOut/')).toEqual({ folder: 'DocLinkOut', names: [], more: false });
    expect(await complete('DocLinkOut/Do')).toEqual({ folder: 'DocLinkOut', names: [], more: false });
  });

  it('answers a folder that is not there with no names', async () => {
    expect(await complete('Nowhere/x')).toEqual({ folder: 'Nowhere', names: [], more: false });
    expect(await complete('Docs.txt/')).toEqual({ folder: 'Docs.txt', names: [], more: false });
  });

  it('returns at most 100 names and says there are more', async () => {
    const r = await complete('many/');
    expect(r.names).toHaveLength(100);
    expect(r.names[0]).toBe('d000');
    expect(r.more).toBe(true);
  });

  it.each([
    ['..', 'contains “..”'],
    ['../outside', 'contains “..”'],
    ['Documents/../..', 'contains “..”'],
    ['/etc', 'no leading “/”'],
    ['a\0b', 'Non-graphical character'],
    ['x'.repeat(1025), 'Too big'],
  ])('refuses %j as bad input before any folder is read', async (path, message) => {
    const r = await dispatch(handlers(), 'fs:completePath', { path });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-input');
      expect(r.error.message).toContain(message);
    }
  });
});

describe('fs:userFolders', () => {
  // As xdg-user-dirs writes it for a French desktop, with a Music folder switched off (the home).
  const USER_DIRS = [
    '# This file is written by xdg-user-dirs-update',
    'XDG_DESKTOP_DIR="$HOME/Bureau"',
    'XDG_DOWNLOAD_DIR="$HOME/Téléchargements"',
    'XDG_DOCUMENTS_DIR="$HOME/Documents"',
    'XDG_MUSIC_DIR="$HOME/"',
    '',
  ].join('\n');

  async function folders(at: string, configHome?: string) {
    const r = await dispatch(handlers(at, configHome), 'fs:userFolders', {});
    if (!r.ok) throw new Error(r.error.message);
    return (r.value as { folders: Record<string, string> }).folders;
  }

  it('reads where user-dirs.dirs puts the folders, and xdg-download completes inside the user’s own', async () => {
    const fr = join(root, 'fr');
    await mkdir(join(fr, 'Téléchargements/Jeux'), { recursive: true });
    await mkdir(join(fr, 'Téléchargements/Journaux'), { recursive: true });
    await mkdir(join(fr, 'Downloads/Junk'), { recursive: true });
    await mkdir(join(fr, '.config'), { recursive: true });
    await writeFile(join(fr, '.config/user-dirs.dirs'), USER_DIRS);
    const mine = await folders(fr);
    expect(mine).toEqual({
      'xdg-desktop': '~/Bureau',
      'xdg-download': '~/Téléchargements',
      'xdg-documents': '~/Documents',
      'xdg-music': '~',
    });

    // The word's friendly name says where it is.
    const word = tokenSuggestions('', 'xdg-down', mine).find((s) => s.value === 'xdg-download');
    expect(word?.detail).toContain('(~/Téléchargements)');
    // Typing below it asks main for the folders of ~/Téléchargements, not of ~/Downloads.
    const query = completionQuery('xdg-download/J', mine);
    expect(query).toMatchObject({ kind: 'folders', home: 'Téléchargements/J', shownAt: '~/Téléchargements/' });
    if (query.kind !== 'folders') return;
    const r = await dispatch(handlers(fr), 'fs:completePath', { path: query.home });
    if (!r.ok) throw new Error(r.error.message);
    const names = (r.value as { names: string[] }).names;
    expect(folderSuggestions(query, names).map((s) => s.value)).toEqual(['xdg-download/Jeux', 'xdg-download/Journaux']);
    // A folder switched off to the home completes in the home.
    expect(completionQuery('xdg-music/Do', mine)).toMatchObject({ kind: 'folders', home: 'Do' });
  });

  it('follows $XDG_CONFIG_HOME, and knows no folder without the file', async () => {
    const elsewhere = join(root, 'config-elsewhere');
    await mkdir(elsewhere, { recursive: true });
    await writeFile(join(elsewhere, 'user-dirs.dirs'), 'XDG_DOWNLOAD_DIR="$HOME/Herunterladen"\n');
    expect(await folders(home, elsewhere)).toEqual({ 'xdg-download': '~/Herunterladen' });
    expect(await folders(join(root, 'no-such-home'))).toEqual({});
    // Without it the usual names stay.
    expect(completionQuery('xdg-download/x', {})).toMatchObject({ kind: 'folders', home: 'Downloads/x' });
  });
});
