// Firejail, own profiles and containers on the System page, over four fixture trees. The
// expected values are worked out here from the trees' own files (and __fixture__.json for what
// git cannot hold: owners, setuid bits, versions), not taken from what the reader returns.

import { readdirSync, readFileSync, readlinkSync, lstatSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSystemStatus } from '../electron/services/system';
import { MAC_FIXTURES, fixtureFs } from '../e2e/testbed/mac-fixtures';
import { HELP_LINKS } from '../shared/ipc/links';
import type { SystemStatus } from '../shared/system/model';
import { confine, workspace } from './helpers/testbed';

const tree = (name: string) => join(MAC_FIXTURES, name);
const file = (name: string, path: string) => readFileSync(join(tree(name), path), 'utf8');
const meta = (name: string) =>
  JSON.parse(file(name, '__fixture__.json')) as {
    euid: number;
    modes: Record<string, string>;
    owners?: Record<string, number>;
    versions?: Record<string, string>;
  };

async function status(name: string, apps: { id: string; name: string }[] = []): Promise<SystemStatus> {
  return readSystemStatus(await fixtureFs(tree(name)), '1.14.10', apps);
}

const advice = (s: SystemStatus, id: string) => s.advice.find((a) => a.id === id);

/** The docker group's members as /etc/group lists them, plus accounts whose primary group it is. */
function dockerGroupFromFiles(name: string): string[] {
  const line =
    file(name, 'etc/group')
      .split('\n')
      .find((l) => l.startsWith('docker:')) ?? '';
  const [, , gid, members] = line.split(':');
  const primary = file(name, 'etc/passwd')
    .split('\n')
    .filter((l) => l.split(':')[3] === gid)
    .map((l) => l.split(':')[0] ?? '');
  return [...new Set([...(members ?? '').split(',').filter(Boolean), ...primary])].sort();
}

describe('Firejail installed setuid root (Ubuntu)', () => {
  it('reads the program, its profiles and the programs firecfg wrapped', async () => {
    const s = await status('firejail-setuid', [{ id: 'org.example.Editor', name: 'Editor' }]);
    const m = meta('firejail-setuid');
    const profiles = readdirSync(join(tree('firejail-setuid'), 'etc/firejail')).filter((n) => n.endsWith('.profile'));
    const wrapped = readdirSync(join(tree('firejail-setuid'), 'usr/local/bin')).filter((n) => {
      const p = join(tree('firejail-setuid'), 'usr/local/bin', n);
      return lstatSync(p).isSymbolicLink() && basename(readlinkSync(p)) === 'firejail';
    });
    expect(s.firejail).toEqual({
      installed: true,
      path: '/usr/bin/firejail',
      setuidRoot: m.modes['/usr/bin/firejail'] === '4755' && m.owners?.['/usr/bin/firejail'] === 0,
      version: m.versions?.['/usr/bin/firejail']?.split(' ').at(-1),
      profiles: profiles.length,
      wrapped,
    });
    expect(s.firejail.installed && s.firejail.setuidRoot).toBe(true);
    const warning = advice(s, 'firejail-setuid');
    expect(warning).toMatchObject({
      severity: 'warning',
      topic: 'firejail',
      command: 'sudo firecfg --clean && sudo apt remove firejail',
    });
    expect(warning?.detail).toMatch(/setuid-root/);
    expect(warning?.detail).toMatch(/Flatpak/);
    // The verdict stays about SELinux and AppArmor; Firejail's warning is on its own card.
    expect(s.verdict.level).toBe('ok');
  });

  it('tells which desktop programs and Flatpak apps have an AppArmor profile', async () => {
    const s = await status('firejail-setuid', [{ id: 'org.example.Editor', name: 'Editor' }]);
    const loaded = file('firejail-setuid', 'sys/kernel/security/apparmor/profiles').split('\n').filter(Boolean);
    expect(s.profiles.apparmorLoaded?.length).toBe(loaded.length);
    expect(s.profiles.apparmorLoaded).toContainEqual({ name: 'libreoffice-soffice', mode: 'complain' });
    const desktopFiles = readdirSync(join(tree('firejail-setuid'), 'usr/share/applications')).filter((n) =>
      n.endsWith('.desktop'),
    );
    expect(s.profiles.desktopPrograms).toBe(desktopFiles.length);
    // evince by its path, firefox by its name; vlc and gedit have none.
    expect(s.profiles.covered).toEqual([
      {
        program: '/usr/bin/evince',
        name: 'Document Viewer',
        kind: 'desktop',
        profile: '/usr/bin/evince',
        loaded: true,
        mode: 'enforce',
      },
      {
        program: '/usr/lib/firefox/firefox',
        name: 'Firefox Web Browser',
        kind: 'desktop',
        profile: 'firefox',
        loaded: true,
        mode: 'enforce',
      },
      {
        program: 'org.example.Editor',
        name: 'Editor',
        kind: 'flatpak',
        profile: '/etc/apparmor.d/org.example.Editor',
        loaded: false,
        mode: null,
      },
    ]);
    expect(s.profiles.apparmorInstalled).toEqual(['firefox', 'org.example.Editor', 'usr.bin.evince']);
    expect(advice(s, 'apparmor-desktop-coverage')?.title).toBe(
      `2 of ${desktopFiles.length} desktop programs have a profile`,
    );
  });
});

describe('Docker with a root daemon and a docker group (Fedora)', () => {
  it('finds the root socket, the daemon running as root, and who is root-equivalent', async () => {
    const s = await status('docker-rootful');
    const m = meta('docker-rootful');
    const uid = /^Uid:\s+(\d+)/m.exec(file('docker-rootful', 'proc/1234/status'))?.[1];
    expect(s.containers.docker).toEqual({
      installed: true,
      path: '/usr/bin/docker',
      version: m.versions?.['/usr/bin/docker'],
      sockets: [{ path: '/run/docker.sock', ownerUid: m.owners?.['/run/docker.sock'], rootless: false }],
      daemonAsRoot: uid === '0',
      groupMembers: dockerGroupFromFiles('docker-rootful'),
    });
    expect(s.containers.docker.groupMembers).toEqual(['alice', 'bob', 'ci']);
    expect(s.containers.user).toBe('alice');
    expect(advice(s, 'docker-root-daemon')).toMatchObject({ severity: 'warning', topic: 'containers' });
    expect(advice(s, 'docker-group-root-equivalent')).toMatchObject({
      severity: 'warning',
      command: 'sudo gpasswd -d alice docker',
    });
    expect(advice(s, 'docker-group-root-equivalent')?.detail).toMatch(/alice, bob,? and ci are in the docker group/);
    expect(advice(s, 'container-runtime-suggest')).toBeDefined();
  });

  it('reads the SELinux booleans that matter for a desktop session', async () => {
    const s = await status('docker-rootful');
    const dir = join(tree('docker-rootful'), 'sys/fs/selinux/booleans');
    for (const b of s.profiles.selinuxBooleans) {
      const [active, pending] = readFileSync(join(dir, b.name), 'utf8').split(' ');
      expect([b.name, b.active, b.pending]).toEqual([b.name, active === '1', pending === '1']);
    }
    expect(s.profiles.selinuxBooleans.map((b) => b.name).sort()).toEqual([
      'deny_execmem',
      'deny_ptrace',
      'selinuxuser_execmod',
      'selinuxuser_execstack',
      'xdm_write_home',
    ]);
    const looser = advice(s, 'selinux-booleans-looser');
    expect(looser?.detail).toMatch(/deny_ptrace is off/);
    expect(looser?.detail).toMatch(/selinuxuser_execmod is on/);
    expect(looser?.detail).not.toMatch(/xdm_write_home/);
    expect(advice(s, 'selinux-user-unconfined')).toBeDefined();
  });
});

describe('rootless Podman with gVisor registered (MicroOS)', () => {
  it('sees rootless Podman in use and runsc registered with it', async () => {
    const s = await status('podman-rootless-gvisor');
    const m = meta('podman-rootless-gvisor');
    const user = file('podman-rootless-gvisor', 'etc/passwd')
      .split('\n')
      .find((l) => l.split(':')[2] === String(m.euid))
      ?.split(':')[0];
    expect(s.containers.user).toBe(user);
    expect(s.containers.podman).toEqual({
      installed: true,
      path: '/usr/bin/podman',
      version: m.versions?.['/usr/bin/podman'],
      rootlessReady:
        file('podman-rootless-gvisor', 'etc/subuid').startsWith(`${user}:`) &&
        file('podman-rootless-gvisor', 'etc/subgid').startsWith(`${user}:`),
      rootlessInUse: true,
      rootfulInUse: false,
    });
    expect(file('podman-rootless-gvisor', 'etc/containers/containers.conf')).toMatch(
      /\[engine\.runtimes\]\nrunsc = \[/,
    );
    expect(s.containers.gvisor).toEqual({
      installed: true,
      path: '/usr/bin/runsc',
      version: m.versions?.['/usr/bin/runsc'],
      registeredWith: ['podman'],
    });
    expect(s.containers.kata).toEqual({ installed: false, path: null, version: null, registeredWith: [] });
    expect(s.containers.docker.installed).toBe(false);
    expect(advice(s, 'podman-rootless')).toMatchObject({ severity: 'ok' });
    expect(advice(s, 'gvisor-registered')).toMatchObject({ severity: 'ok' });
    expect(s.advice.filter((a) => a.topic === 'containers' && a.severity === 'warning')).toEqual([]);
  });
});

describe('nothing installed (Debian)', () => {
  it('says so, without warnings', async () => {
    const s = await status('nothing-installed');
    expect(s.firejail).toEqual({ installed: false });
    expect(s.containers.docker).toMatchObject({
      installed: false,
      sockets: [],
      daemonAsRoot: null,
      groupMembers: null,
    });
    expect(s.containers.podman.installed).toBe(false);
    expect(s.containers.gvisor.installed || s.containers.kata.installed).toBe(false);
    expect(advice(s, 'firejail-absent')).toMatchObject({ severity: 'ok' });
    expect(advice(s, 'no-containers')).toMatchObject({ severity: 'ok' });
    expect(s.advice.filter((a) => ['firejail', 'containers'].includes(a.topic) && a.severity !== 'ok')).toEqual([]);
  });
});

describe('links and the CLI', () => {
  it('every link advice names is one the window may open', async () => {
    for (const name of ['firejail-setuid', 'docker-rootful', 'podman-rootless-gvisor', 'nothing-installed']) {
      for (const a of (await status(name)).advice)
        for (const l of a.links ?? []) expect(Object.keys(HELP_LINKS)).toContain(l);
    }
  });

  it('a program of a saved tree is never run for its version', async () => {
    const { hostFs } = await import('../electron/services/system-fs');
    expect(await hostFs(tree('docker-rootful')).version('usr/bin/docker')).toBeNull();
  });

  it('confine mac --json carries the new parts, and the text names them', async () => {
    const env = await workspace();
    const json = JSON.parse(
      (await confine(env, ['mac', '--json', '--root', tree('docker-rootful')])).stdout,
    ) as SystemStatus;
    expect(json.containers.docker.groupMembers).toEqual(['alice', 'bob', 'ci']);
    // A plain tree has no setuid bits or owners of its own (those live in __fixture__.json).
    const text = (await confine(env, ['mac', '--root', tree('docker-rootful')])).stdout;
    expect(text).toMatch(/^Containers: Docker runs a root daemon$/m);
    expect(text).toMatch(/^ {2}docker group \(root-equivalent\): alice, bob, ci$/m);
    expect(text).toContain('$ sudo gpasswd -d alice docker');
    expect(text).toContain(`see ${HELP_LINKS['docker-rootless']}`);
    expect(text).toMatch(/^Firejail: Not installed$/m);
  });
});
