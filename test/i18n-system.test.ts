// The System page, `confine mac` and `confine verify` in another language: everything they say
// about the fixture machines and about a probe's findings goes through the catalog. Under the
// pseudo-locale every word Confine writes is accented, so a plain English word left over (once
// the machine's own values, paths, options and product names are taken out) is a string that
// bypassed the catalog; under German every sentence differs from its English.

import { mkdir, readdir, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAC_FIXTURES, fixtureFs } from '../e2e/testbed/mac-fixtures';
import { hostFs, readSystemStatus } from '../electron/services/system';
import { emptyContext, type Context } from '../shared/flatpak/context';
import type { FsMode } from '../shared/flatpak/filesystem';
import { formatList, setLanguage } from '../shared/i18n';
import { adviseSystem, type Facts } from '../shared/system/advice';
import { machineLine, shortStatus, systemCards } from '../shared/system/describe';
import type { SystemStatus } from '../shared/system/model';
import { ACCESS_LABELS, VERDICT_LABELS, compareProbe, type HostSeen } from '../shared/verify/compare';
import { probeItems, type ProbeOutput, type Seen } from '../shared/verify/probe';
import { tempDir } from './helpers/temp';

/** Names that stay as they are in every language: products, programs, and a few kernel words. */
const NAMES = [
  'Kata Containers',
  'gVisor',
  'SELinux',
  'AppArmor',
  'Firejail',
  'Flatpak',
  'bubblewrap',
  'Docker',
  'Podman',
  'runsc',
  'ssh-agent',
  'gpg-agent',
  'securityfs',
  'selinuxfs',
  'getenforce',
  'setenforce',
  'firecfg',
  'ptrace',
  'confine mac',
  'flatpak-spawn',
  'flatpak run',
  'fallback-x11',
  'user-dirs.dirs',
  'docker',
  'podman',
  'containerd',
  'apparmor',
  'setuid',
  'video',
  'hidraw',
  'MiB',
  'home',
  'host',
];

/** The machine's own values that Confine shows as they are: names, paths, versions, labels, modes. */
function machineValues(s: Facts, into: Set<string> = new Set()): Set<string> {
  const c = s.containers;
  const add = (...xs: (string | null | undefined)[]) => xs.forEach((x) => x && into.add(x));
  add(s.distro?.prettyName, s.distro?.id, s.flatpakVersion, s.lockdown, ...(s.lsm ?? []));
  if ('policy' in s.selinux) add(s.selinux.policy);
  if ('configMode' in s.selinux) add(s.selinux.configMode);
  if ('processContext' in s.selinux) add(s.selinux.processContext);
  if (s.apparmor.state === 'enabled') add(s.apparmor.processLabel);
  add(...s.bwrap.map((b) => b.path));
  if (s.firejail.installed) add(s.firejail.path, s.firejail.version, ...s.firejail.wrapped);
  add(...s.profiles.selinuxBooleans.map((b) => b.name));
  for (const t of [c.docker, c.podman, c.gvisor, c.kata]) add(t.path, t.version);
  add(c.user, ...(c.docker.groupMembers ?? []), ...c.docker.sockets.map((x) => x.path));
  return into;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What is left of a text once the machine's own values and the untranslated tokens are out. */
function words(text: string, values: ReadonlySet<string>): string {
  let rest = text;
  // Whole tokens only: an LSM named ipe must not cut pipewire in two.
  for (const v of [...values, ...NAMES].sort((x, y) => y.length - x.length))
    if (v.length > 1) rest = rest.replace(new RegExp(`(?<![\\w./-])${escape(v)}(?![\\w/-]|\\.\\w)`, 'g'), ' ');
  return rest
    .replace(/\bxdg-[\w-]+(\/\S*)?/g, ' ') // Flatpak's names of folders: xdg-music, xdg-run/…
    .replace(/(\$\w+|~)?\/[^\s,;:()„“”«»]*/g, ' ') // paths
    .replace(/\b\w+(\.\w+){2,}\b/g, ' ') // bus names
    .replace(/\S*=\S*/g, ' ') // options and kernel parameters: selinux=0, lsm=
    .replace(/--[a-z-]+/g, ' ')
    .replace(/\b\w*_\w*\b/g, ' ') // identifiers: unconfined_t, ptrace_scope, GRUB_CMDLINE_LINUX
    .replace(listWords(), ' ');
}

const ENGLISH_WORD = /[A-Za-z]{3,}/;

/** The words the language's own list format joins with (“and”, „und“), which no catalog holds. */
function listWords(): RegExp {
  const joined = formatList(['#1#', '#2#']) + formatList(['#1#', '#2#', '#3#']);
  const joins = joined
    .split(/(?:#\d#)+/)
    .filter((j) => j.trim() !== '')
    .sort((a, b) => b.length - a.length);
  return new RegExp(joins.map(escape).join('|'), 'g');
}

interface Said {
  /** Each text Confine wrote, in order. */
  readonly texts: readonly string[];
  readonly values: ReadonlySet<string>;
}

function statusTexts(s: SystemStatus): string[] {
  return [
    s.verdict.text,
    machineLine(s),
    shortStatus(s),
    ...s.advice.flatMap((a) => [a.title, a.detail]),
    ...(s.unread?.notes ?? []),
    ...systemCards(s).flatMap((c) => [c.title, c.headline, ...c.facts.flat()]),
  ];
}

/** A machine where most of the advice rules fire at once, for the ones no fixture reaches. */
const BUSY: Facts = {
  selinux: {
    state: 'permissive',
    policy: 'targeted',
    configMode: 'permissive',
    mls: false,
    policyVersion: 33,
    denyUnknown: true,
    runtimeDiffersFromConfig: true,
    processContext: 'unconfined_u:unconfined_r:unconfined_t:s0',
    toolsReportDisabled: false,
  },
  apparmor: { state: 'unknown', reason: 'refused' },
  active: 'selinux',
  lsm: ['lockdown', 'capability', 'yama', 'selinux'],
  lockdown: null,
  yamaPtraceScope: 0,
  userns: { maxUserNamespaces: 0, unprivilegedClone: null, usable: 'no' },
  bwrap: [{ path: '/usr/bin/bwrap', setuid: true }],
  flatpakVersion: null,
  container: 'podman',
  distro: { id: 'ubuntu', idLike: ['debian'], family: 'ubuntu', defaultMac: 'apparmor', prettyName: 'Ubuntu 24.04' },
  readAsRoot: false,
  firejail: {
    installed: true,
    path: '/usr/bin/firejail',
    setuidRoot: true,
    version: null,
    profiles: null,
    wrapped: ['firefox', 'vlc', 'gimp', 'mpv'],
  },
  profiles: {
    apparmorLoaded: null,
    apparmorLoadedUnavailable: 'needs-root',
    apparmorInstalled: ['usr.bin.firefox'],
    covered: [],
    desktopPrograms: 12,
    selinuxBooleans: [
      { name: 'deny_ptrace', active: false, pending: true, saferValue: true, description: 'x' },
      { name: 'xdm_write_home', active: false, pending: false, saferValue: false, description: 'x' },
    ],
  },
  containers: {
    docker: {
      installed: true,
      path: '/usr/bin/docker',
      version: null,
      sockets: [
        { path: '/run/docker.sock', ownerUid: 0, rootless: false },
        { path: '/run/user/1000/docker.sock', ownerUid: 1000, rootless: true },
      ],
      daemonAsRoot: true,
      groupMembers: ['alice', 'bob'],
    },
    podman: {
      installed: true,
      path: '/usr/bin/podman',
      version: null,
      rootlessReady: false,
      rootlessInUse: true,
      rootfulInUse: false,
    },
    gvisor: { installed: true, path: '/usr/bin/runsc', version: null, registeredWith: ['docker', 'podman'] },
    kata: { installed: true, path: null, version: null, registeredWith: [] },
    user: 'alice',
  },
  unread: { notes: [], more: 3 },
};

async function aboutMachines(refusing: string): Promise<Said> {
  const texts: string[] = [];
  const values = new Set<string>();
  for (const name of (await readdir(MAC_FIXTURES)).sort()) {
    const s = await readSystemStatus(await fixtureFs(join(MAC_FIXTURES, name)), '1.14.10');
    texts.push(...statusTexts(s));
    machineValues(s, values);
  }
  const busy = { ...BUSY, ...adviseSystem(BUSY) };
  texts.push(...statusTexts(busy));
  machineValues(busy, values);
  // The file layer's refusals, which are notes of the report.
  const refused = await readSystemStatus(hostFs(refusing), null);
  texts.push(...statusTexts(refused));
  machineValues(refused, values);
  return { texts, values };
}

/** Where the probe finds an empty folder of Flatpak's in place of the user's own. */
const STAND_INS = new Set(['ssh', 'other-apps-data', 'user-overrides']);

const dir = (): Seen => ({ exists: true, type: 'd', read: true, write: true, identity: '1:1' });

/** One probe whose findings need every explanation verify has. */
function aboutProbe(home: string): Said {
  const ctx: Context = {
    ...emptyContext(),
    filesystems: new Map<string, FsMode>([
      ['host', 'rw'],
      ['home', 'none'],
      ['~/.ssh', 'none'],
      ['~/.bashrc', 'none'],
      ['xdg-music', 'ro'],
      ['xdg-run/pipewire-0', 'ro'],
    ]),
    flags: {
      ...emptyContext().flags,
      sockets: new Map([
        ['wayland', true],
        ['fallback-x11', true],
      ]),
    },
    bus: { session: new Map(), system: new Map([['org.freedesktop.NetworkManager', 'talk']]) },
  };
  const items = probeItems();
  const type = (target: string): HostSeen['type'] =>
    target.startsWith('@') || target.endsWith('.sock') ? 's' : /\.(bashrc|profile|zsh\w+)$/.test(target) ? 'f' : 'd';
  const places: HostSeen[] = items.map((i) => ({ exists: true, type: type(i.target), identity: `1:${i.id}` }));
  // A home under /var is outside what host shares: nothing of it is there in the sandbox.
  const outside = home.startsWith('/var/');
  const seen: Seen[] = items.map((i, n) => ({
    ...dir(),
    type: places[n]!.type,
    identity: STAND_INS.has(i.id) ? '2:2' : `1:${i.id}`,
    ...(outside && i.target.startsWith('~') ? { exists: false } : {}),
  }));
  const probe: ProbeOutput = { seen, interfaces: ['eth0'], devices: ['/dev/video0'], home };
  const rows = compareProbe(ctx, items, probe, {
    userDirs: new Map(),
    places,
    interfaces: ['eth0'],
    devices: ['/dev/video0', '/dev/hidraw1'],
  });
  // The labels of the user's folders are the permission catalogue's (shared/flatpak), not verify's.
  const userFolder = (id: string) => id !== 'home' && items.some((i) => i.id === id && i.group === 'folders');
  const texts = [
    ...Object.values(ACCESS_LABELS),
    ...Object.values(VERDICT_LABELS),
    ...rows.flatMap((r) => [userFolder(r.id) ? '' : r.label, r.target, r.via ?? '', r.note ?? '']),
  ];
  return { texts, values: new Set(items.map((i) => i.target)) };
}

async function everything(refusing: string): Promise<Said> {
  const machines = await aboutMachines(refusing);
  const probes = [aboutProbe('/home/u'), aboutProbe('/var/home/u')];
  return {
    texts: [...machines.texts, ...probes.flatMap((p) => p.texts)],
    values: new Set([...machines.values, ...probes.flatMap((p) => [...p.values])]),
  };
}

let refusing = '';

beforeAll(async () => {
  // A root whose files Confine refuses: a link loop and a file past the size it reads.
  refusing = await tempDir('confine-i18n-system-');
  await mkdir(join(refusing, 'proc'), { recursive: true });
  await symlink('cmdline', join(refusing, 'proc/cmdline'));
  await mkdir(join(refusing, 'etc'));
  await writeFile(join(refusing, 'etc/os-release'), 'ID=debian\n');
  await truncate(join(refusing, 'etc/os-release'), 8 * 1024 * 1024);
});

afterEach(async () => {
  await setLanguage([]);
});

describe('the system status and verify, translated', () => {
  it('covers the explanations and refusals it means to check', async () => {
    const { texts } = await everything(refusing);
    const all = texts.join('\n');
    for (const part of [
      'A negation cannot hide a single file',
      'Revoking !home takes back nothing',
      'makes Flatpak put an empty folder',
      'Flatpak hides its own folders',
      'read-only does not stop a socket',
      'fallback-x11 gives X11 only',
      'Flatpak leaves xdg-music out',
      'lies outside what it shares',
      'The permissions say',
      'system bus names: org.freedesktop.NetworkManager',
      'symbolic links (a loop)',
      'Confine reads of one file',
      'Firejail now starts firefox, vlc, gimp and 1 more',
      'registered with docker and podman',
    ])
      expect(all).toContain(part);
  });

  it('writes no plain English word in the pseudo-locale', async () => {
    await setLanguage(['en-XA']);
    const { texts, values } = await everything(refusing);
    const leaks = texts.filter((t) => ENGLISH_WORD.test(words(t, values)));
    expect(texts.length).toBeGreaterThan(500);
    expect(leaks).toEqual([]);
  });

  it('says every sentence differently in German', async () => {
    const english = await everything(refusing);
    await setLanguage(['de']);
    const german = await everything(refusing);
    expect(german.texts).toHaveLength(english.texts.length);
    // Rightly the same in German: a label and a name.
    const same = new Set(['Version', 'MLS', 'Docker (rootless)']);
    const untranslated = english.texts.filter(
      (e, i) => e === german.texts[i] && ENGLISH_WORD.test(words(e, english.values)) && !same.has(e),
    );
    expect(untranslated).toEqual([]);
  });
});
