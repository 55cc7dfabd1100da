// The rest of the sandboxing landscape, read from files under the same root as the MAC reader:
// Firejail (setuid or not, profiles, programs it wraps) and containers (Docker's daemon and
// group, rootless Podman, the gVisor and Kata runtimes and where they are registered).

import { posix } from 'node:path';
import type { Containers, Firejail } from '../../shared/system/model';
import { firstExisting, textOrNull, type SystemFs } from './system-fs';

export interface Account {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
}

/** The accounts of /etc/passwd. */
export async function accounts(fs: SystemFs): Promise<Account[]> {
  const text = (await textOrNull(fs, 'etc/passwd')) ?? '';
  return text.split('\n').flatMap((line) => {
    const [name, , uid, gid, , home] = line.split(':');
    if (!name || uid === undefined || gid === undefined || !/^\d+$/.test(uid) || !/^\d+$/.test(gid)) return [];
    return [{ name, uid: Number(uid), gid: Number(gid), home: home ?? '' }];
  });
}

/** The members of a group of /etc/group, with those whose primary group it is; null without it. */
async function groupMembers(fs: SystemFs, group: string, users: readonly Account[]): Promise<string[] | null> {
  const line = ((await textOrNull(fs, 'etc/group')) ?? '').split('\n').find((l) => l.startsWith(`${group}:`));
  if (!line) return null;
  const [, , gid, members] = line.split(':');
  const listed = (members ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  const primary = users.filter((u) => String(u.gid) === gid).map((u) => u.name);
  return [...new Set([...listed, ...primary])].sort();
}

const rel = (p: string) => p.replace(/^\/+/, '');

export async function readFirejail(fs: SystemFs): Promise<Firejail> {
  const path = await firstExisting(fs, ['usr/bin/firejail', 'usr/local/bin/firejail']);
  if (!path) return { installed: false };
  const st = await fs.stat(path);
  const versionLine = await fs.version(path);
  const profiles = await fs.list('etc/firejail');
  const wrapped: string[] = [];
  for (const name of (await fs.list('usr/local/bin')) ?? []) {
    const target = await fs.readlink(`usr/local/bin/${name}`);
    if (target !== null && posix.basename(target) === 'firejail') wrapped.push(name);
  }
  return {
    installed: true,
    path: `/${path}`,
    setuidRoot: st !== null && (st.mode & 0o4000) !== 0 && st.uid === 0,
    version: versionLine === null ? null : (/firejail version (\S+)/i.exec(versionLine)?.[1] ?? versionLine),
    profiles: profiles === null ? null : profiles.filter((n) => n.endsWith('.profile')).length,
    wrapped,
  };
}

/** The runtimes named in Docker's daemon.json files. */
async function dockerRuntimes(fs: SystemFs, home: string | null): Promise<string[]> {
  const out: string[] = [];
  for (const path of ['etc/docker/daemon.json', ...(home ? [`${rel(home)}/.config/docker/daemon.json`] : [])]) {
    const text = await textOrNull(fs, path);
    if (text === null) continue;
    try {
      const runtimes =
        (JSON.parse(text) as { runtimes?: Record<string, { path?: unknown; runtimeType?: unknown }> }).runtimes ?? {};
      for (const [name, r] of Object.entries(runtimes))
        out.push(
          `${name} ${typeof r.path === 'string' ? r.path : ''} ${typeof r.runtimeType === 'string' ? r.runtimeType : ''}`,
        );
    } catch {
      // A daemon.json Docker itself could not read registers nothing.
    }
  }
  return out;
}

/** The runtime names under [engine.runtimes] of containers.conf files (Podman). */
async function podmanRuntimes(fs: SystemFs, home: string | null): Promise<string[]> {
  const out: string[] = [];
  for (const path of [
    'usr/share/containers/containers.conf',
    'etc/containers/containers.conf',
    ...(home ? [`${rel(home)}/.config/containers/containers.conf`] : []),
  ]) {
    const text = await textOrNull(fs, path);
    if (text === null) continue;
    let inRuntimes = false;
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line.startsWith('[')) inRuntimes = line === '[engine.runtimes]';
      else if (inRuntimes && !line.startsWith('#')) {
        const m = /^"?([\w.-]+)"?\s*=\s*(.*)$/.exec(line);
        if (m?.[1]) out.push(`${m[1]} ${m[2] ?? ''}`);
      }
    }
  }
  return out;
}

function registered(
  words: RegExp,
  docker: readonly string[],
  podman: readonly string[],
  containerd: string | null,
): ('docker' | 'podman' | 'containerd')[] {
  const out: ('docker' | 'podman' | 'containerd')[] = [];
  if (docker.some((r) => words.test(r))) out.push('docker');
  if (podman.some((r) => words.test(r))) out.push('podman');
  if (containerd !== null && words.test(containerd)) out.push('containerd');
  return out;
}

/** A dockerd process in /proc, and whether it runs as root; null when none is seen. */
async function dockerDaemon(fs: SystemFs): Promise<boolean | null> {
  for (const pid of ((await fs.list('proc')) ?? []).filter((n) => /^\d+$/.test(n))) {
    const comm = await textOrNull(fs, `proc/${pid}/comm`);
    if (comm?.trim() !== 'dockerd') continue;
    const uid = /^Uid:\s+(\d+)/m.exec((await textOrNull(fs, `proc/${pid}/status`)) ?? '')?.[1];
    return uid === undefined ? null : uid === '0';
  }
  return null;
}

export async function readContainers(fs: SystemFs): Promise<Containers> {
  const users = await accounts(fs);
  const me = users.find((u) => u.uid === fs.euid) ?? null;
  const home = me?.home || null;

  const dockerPath = await firstExisting(fs, [
    'usr/bin/docker',
    'usr/local/bin/docker',
    'usr/bin/dockerd',
    'usr/local/bin/dockerd',
  ]);
  const sockets: Containers['docker']['sockets'][number][] = [];
  // /var/run is mostly a link to /run; then its socket is the same one.
  const varRun = (await fs.readlink('var/run')) === null ? ['var/run/docker.sock'] : [];
  for (const path of [
    'run/docker.sock',
    ...varRun,
    ...((await fs.list('run/user')) ?? []).map((uid) => `run/user/${uid}/docker.sock`),
  ]) {
    const st = await fs.stat(path);
    if (st === null || (st.mode & 0o170000) === 0o120000) continue;
    sockets.push({ path: `/${path}`, ownerUid: st.uid, rootless: path.startsWith('run/user/') || st.uid !== 0 });
  }

  const podmanPath = await firstExisting(fs, ['usr/bin/podman', 'usr/local/bin/podman']);
  const hasRange = async (file: string) =>
    ((await textOrNull(fs, file)) ?? '')
      .split('\n')
      .some((l) => me !== null && (l.startsWith(`${me.name}:`) || l.startsWith(`${me.uid}:`)));

  const docker = await dockerRuntimes(fs, home);
  const podman = await podmanRuntimes(fs, home);
  const containerd = await textOrNull(fs, 'etc/containerd/config.toml');
  const gvisorPath = await firstExisting(fs, ['usr/bin/runsc', 'usr/local/bin/runsc']);
  const kataPath = await firstExisting(fs, [
    'usr/bin/kata-runtime',
    'opt/kata/bin/kata-runtime',
    'usr/bin/containerd-shim-kata-v2',
    'opt/kata/bin/containerd-shim-kata-v2',
  ]);
  const version = async (path: string | null) => (path === null ? null : fs.version(path));

  return {
    docker: {
      installed: dockerPath !== null,
      path: dockerPath && `/${dockerPath}`,
      version: await version(dockerPath),
      sockets,
      daemonAsRoot: await dockerDaemon(fs),
      groupMembers: await groupMembers(fs, 'docker', users),
    },
    podman: {
      installed: podmanPath !== null,
      path: podmanPath && `/${podmanPath}`,
      version: await version(podmanPath),
      rootlessReady: (await hasRange('etc/subuid')) && (await hasRange('etc/subgid')),
      rootlessInUse: home !== null && (await fs.exists(`${rel(home)}/.local/share/containers/storage`)),
      rootfulInUse: await fs.exists('var/lib/containers/storage'),
    },
    gvisor: {
      installed: gvisorPath !== null,
      path: gvisorPath && `/${gvisorPath}`,
      version: await version(gvisorPath),
      registeredWith: registered(/runsc/, docker, podman, containerd),
    },
    kata: {
      installed: kataPath !== null,
      path: kataPath && `/${kataPath}`,
      version: await version(kataPath),
      registeredWith: registered(/kata/, docker, podman, containerd),
    },
    user: me?.name ?? null,
  };
}
