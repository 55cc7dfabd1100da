// What the app can reach, against what was measured inside `flatpak run` 1.14.10 (each case
// here was tried in the real sandbox, with the write checked on the host; the suite
// test/hardening-sandbox.test.ts repeats the ones Confine relies on).

import { describe, expect, it } from 'vitest';
import { emptyContext, type Context } from '../flatpak/context';
import type { FsMode } from '../flatpak/filesystem';
import { reach } from './access';

const ctx = (entries: Record<string, FsMode>): Context => ({
  ...emptyContext(),
  filesystems: new Map(Object.entries(entries)),
});

describe('reach', () => {
  it('a read-only folder directly in home holds; deeper it is renamed away', () => {
    expect(reach(ctx({ home: 'rw', '~/.config': 'ro' }), '~/.config/autostart')).toMatchObject({
      read: true,
      write: false,
    });
    expect(reach(ctx({ home: 'rw', '~/.config/autostart': 'ro' }), '~/.config/autostart')).toMatchObject({
      write: true,
      around: '~/.config',
    });
    expect(reach(ctx({ home: 'rw', 'xdg-data/flatpak': 'ro' }), '~/.local/share/flatpak/overrides')).toMatchObject({
      write: true,
      around: '~/.local/share',
    });
    // A parent that is an entry of its own is a mount point, which cannot be renamed.
    expect(
      reach(
        ctx({ home: 'rw', '~/.local': 'rw', '~/.local/share': 'rw', '~/.local/share/flatpak': 'ro' }),
        '~/.local/share/flatpak/overrides',
      ),
    ).toMatchObject({ write: false });
  });

  it('a negated file is not hidden, a negated folder is', () => {
    expect(reach(ctx({ home: 'rw', '~/.bashrc': 'none' }), '~/.bashrc')).toMatchObject({ write: true, via: 'home' });
    expect(reach(ctx({ home: 'rw', '~/.bashrc': 'ro' }), '~/.bashrc')).toMatchObject({ read: true, write: false });
    expect(reach(ctx({ home: 'rw', '~/.ssh': 'none' }), '~/.ssh/authorized_keys')).toMatchObject({
      read: false,
      write: false,
    });
  });

  it('!home does not take home from host, and host leaves out /tmp, /run and /var', () => {
    expect(reach(ctx({ host: 'rw', home: 'none' }), '~/.bashrc')).toMatchObject({ write: true, via: 'host' });
    for (const path of ['/tmp', '/run/docker.sock', '/var/lib/flatpak'])
      expect(reach(ctx({ host: 'rw' }), path)).toMatchObject({ read: false });
    expect(reach(ctx({ host: 'rw' }), '/mnt/disk')).toMatchObject({ write: true });
  });

  it('with home, Flatpak’s own hiding of the installation is renamed away too', () => {
    expect(reach(ctx({ home: 'rw' }), '~/.local/share/flatpak/overrides')).toMatchObject({
      write: true,
      around: '~/.local/share',
    });
    expect(reach(ctx({ home: 'ro' }), '~/.local/share/flatpak')).toMatchObject({ read: false, write: false });
  });

  it('Flatpak hides its own folders under any shared folder above them, not only home or host', () => {
    // xdg-data is a mount point at ~/.local/share: the hidden folder right below it holds.
    expect(reach(ctx({ 'xdg-data': 'rw' }), '~/.local/share/flatpak/overrides')).toMatchObject({
      read: false,
      write: false,
    });
    expect(reach(ctx({ '~/.local': 'ro' }), '~/.local/share/flatpak/overrides')).toMatchObject({ read: false });
    // Two folders below ~/.local, the folder between is renamed away.
    expect(reach(ctx({ '~/.local': 'rw' }), '~/.local/share/flatpak/overrides')).toMatchObject({
      write: true,
      around: '~/.local/share',
    });
    // An entry of its own shows the folder.
    expect(reach(ctx({ 'xdg-data/flatpak/overrides': 'rw' }), '~/.local/share/flatpak/overrides')).toMatchObject({
      write: true,
    });
  });

  it('a read-only socket folder still reaches the socket', () => {
    expect(reach(ctx({ 'xdg-run/podman': 'ro' }), 'xdg-run/podman')).toMatchObject({ read: true, write: false });
  });
});
