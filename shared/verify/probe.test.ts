import { describe, expect, it } from 'vitest';
import { emptyContext } from '../flatpak/context';
import { compareProbe } from './compare';
import { parseProbe, parseUserDirs, probeItems } from './probe';

describe('reading the probe', () => {
  it('takes the user folders of user-dirs.dirs as xdg-user-dirs writes them, and leaves out $HOME itself', () => {
    const dirs = parseUserDirs(
      [
        '# written by xdg-user-dirs-update',
        'XDG_DOCUMENTS_DIR="$HOME/Dokumente"',
        'XDG_MUSIC_DIR="$HOME/"',
        'XDG_VIDEOS_DIR="/srv/videos"',
      ].join('\n'),
    );
    expect([...dirs]).toEqual([
      ['xdg-documents', '~/Dokumente'],
      ['xdg-music', '~'],
    ]);
    const folders = probeItems(dirs).filter((i) => i.group === 'folders');
    expect(folders.find((i) => i.id === 'xdg-documents')?.target).toBe('~/Dokumente');
    expect(folders.some((i) => i.id === 'xdg-music')).toBe(false);
  });

  it('counts a path writable only where its mount is not read-only, with spaces escaped as the kernel does', () => {
    const out = [
      'P 1 1 d 1 1 254:7 /home/u/My Music',
      'P 2 1 d 1 1 254:8 /home/u/My Music/Live',
      'P 3 0',
      'M 20 1 254:0 /home/u /home/u rw,relatime - ext4 /dev/vda rw',
      'M 21 20 254:0 /home/u/My\\040Music /home/u/My\\040Music ro,relatime - ext4 /dev/vda rw',
      'H /home/u',
      'N  face |bytes',
      'N     lo: 1 2',
      'N   eth0: 3 4',
      'END',
    ].join('\n');
    const probe = parseProbe(out, 3);
    expect(probe?.seen.map((s) => [s.exists, s.read, s.write])).toEqual([
      [true, true, false],
      [true, true, false],
      [false, false, false],
    ]);
    expect(probe?.interfaces).toEqual(['eth0']);
    expect(probe?.home).toBe('/home/u');
  });

  it('takes a probe cut short for no result', () => {
    expect(parseProbe('P 1 0\n', 1)).toBeNull();
  });

  it('finds the network of an app that does not share it unexplained', () => {
    const items = probeItems().filter((i) => i.group === 'folders');
    const rows = compareProbe(
      emptyContext(),
      items,
      { seen: [], interfaces: ['eth0'], devices: [], home: '/home/u' },
      { userDirs: new Map(), places: [], interfaces: ['eth0'], devices: [] },
    );
    expect(rows.find((r) => r.id === 'network')).toMatchObject({
      expected: 'loopback',
      observed: 'shared',
      verdict: 'unexplained',
    });
  });
});
