// The words for a SystemStatus, shared by the System page and `confine mac`: a headline and a
// list of facts for each of the three cards (SELinux, AppArmor, the sandbox's footing).

import type { Advice, AppArmorStatus, SelinuxStatus, SystemStatus, Unreadable } from './model';

export interface Card {
  readonly topic: Exclude<Advice['topic'], 'machine'>;
  readonly title: string;
  readonly headline: string;
  readonly tone: 'good' | 'bad' | 'neutral';
  readonly facts: readonly (readonly [string, string])[];
}

export const UNREADABLE: Readonly<Record<Unreadable, string>> = {
  'needs-root': 'needs administrator rights',
  'securityfs-not-mounted': 'securityfs is not mounted',
  sandboxed: 'hidden from inside the Flatpak sandbox',
  'not-present': 'not present',
  'io-error': 'could not be read',
  refused: 'not read: not a regular file, too large, or a link loop',
};

function selinuxCard(s: SelinuxStatus): Card {
  const card = (headline: string, tone: Card['tone'], facts: Card['facts']): Card => ({
    topic: 'selinux',
    title: 'SELinux',
    headline,
    tone,
    facts,
  });
  switch (s.state) {
    case 'enforcing':
    case 'permissive':
      return card(
        s.state === 'enforcing' ? 'Enforcing' : 'Permissive (logs only)',
        s.state === 'enforcing' ? 'good' : 'bad',
        [
          ['Policy', s.policy],
          ['Mode in /etc/selinux/config', s.configMode ?? 'no config file'],
          ['MLS', s.mls ? 'enabled' : 'disabled'],
          ['Newest policy version of the kernel', s.policyVersion === null ? 'unknown' : String(s.policyVersion)],
          ['Unknown classes and permissions', s.denyUnknown ? 'denied' : 'allowed'],
          ...(s.processContext ? [['Confine runs as', s.processContext] as const] : []),
        ],
      );
    case 'disabled':
      return card('Disabled', 'bad', [
        [
          'Why',
          s.reason === 'config-disabled' ? 'SELINUX=disabled in /etc/selinux/config' : 'selinuxfs is not mounted',
        ],
        ['Policy in config', s.policy ?? 'none'],
      ]);
    case 'absent':
      return card('Not running', 'neutral', [
        [
          'Why',
          s.reason === 'disabled-on-cmdline'
            ? 'selinux=0 on the kernel command line'
            : s.reason === 'not-in-lsm-list'
              ? 'not in the kernel’s list of security modules'
              : 'not in this kernel',
        ],
        ...(s.configFilePresent ? [['/etc/selinux/config', 'present, but unused'] as const] : []),
      ]);
    case 'unknown':
      return card('Unknown', 'neutral', [['Why', UNREADABLE[s.reason]]]);
  }
}

function apparmorCard(a: AppArmorStatus): Card {
  const card = (headline: string, tone: Card['tone'], facts: Card['facts']): Card => ({
    topic: 'apparmor',
    title: 'AppArmor',
    headline,
    tone,
    facts,
  });
  switch (a.state) {
    case 'enabled': {
      const p = a.profiles;
      const counts: Card['facts'] = p
        ? [
            ['Profiles loaded', String(p.total)],
            ['Enforcing', String(p.enforce)],
            ['Complaining (logs only)', String(p.complain)],
            ['Unconfined mode', String(p.unconfined)],
            ...(p.kill ? [['Kill mode', String(p.kill)] as const] : []),
            ...(p.prompt ? [['Prompt mode', String(p.prompt)] as const] : []),
          ]
        : [['Profiles', UNREADABLE[a.profilesUnavailable ?? 'io-error']]];
      return card(a.noPolicyLoaded ? 'On, with no profiles loaded' : 'On', a.noPolicyLoaded ? 'bad' : 'good', [
        ...counts,
        ...(a.processLabel ? [['Confine runs as', a.processLabel] as const] : []),
        ...(a.restrictUnprivilegedUserns !== null
          ? [['Restricts user namespaces', a.restrictUnprivilegedUserns ? 'yes' : 'no'] as const]
          : []),
      ]);
    }
    case 'disabled':
      return card('Off', 'neutral', [
        [
          'Why',
          a.reason === 'disabled-on-cmdline'
            ? 'apparmor=0 on the kernel command line'
            : a.reason === 'not-in-lsm-list'
              ? 'not in the kernel’s list of security modules'
              : 'built in, not selected at boot',
        ],
      ]);
    case 'absent':
      return card('Not running', 'neutral', [['Why', 'not in this kernel']]);
    case 'unknown':
      return card('Unknown', 'neutral', [['Why', UNREADABLE[a.reason]]]);
  }
}

const YAMA = [
  '0: any program of yours may inspect the others',
  '1: only a program’s own children',
  '2: administrators only',
  '3: no one',
] as const;

function sandboxCard(s: SystemStatus): Card {
  const setuid = s.bwrap.some((b) => b.setuid);
  const tone: Card['tone'] =
    s.userns.usable === 'no' || setuid ? 'bad' : s.userns.usable === 'unknown' ? 'neutral' : 'good';
  const headline =
    s.userns.usable === 'no'
      ? 'User namespaces are off'
      : setuid
        ? 'bubblewrap runs setuid'
        : s.userns.usable === 'unknown'
          ? 'Partly unknown'
          : 'Flatpak can build its sandbox';
  return {
    topic: 'sandbox',
    title: 'Sandbox footing',
    headline,
    tone,
    facts: [
      ['Flatpak', s.flatpakVersion ?? 'not found'],
      [
        'Unprivileged user namespaces',
        {
          yes: 'available',
          no: 'off',
          restricted: 'restricted by AppArmor to programs whose profile allows them',
          unknown: 'unknown',
        }[s.userns.usable],
      ],
      [
        'bubblewrap',
        s.bwrap.length === 0 ? 'not found' : s.bwrap.map((b) => `${b.path}${b.setuid ? ' (setuid)' : ''}`).join(', '),
      ],
      ['Security modules', s.lsm ? s.lsm.join(', ') : UNREADABLE[s.lsmUnavailable ?? 'io-error']],
      ['Yama ptrace scope', s.yamaPtraceScope === null ? 'Yama not active' : YAMA[s.yamaPtraceScope]],
      ['Kernel lockdown', s.lockdown ?? 'unknown'],
    ],
  };
}

function firejailCard(f: SystemStatus['firejail']): Card {
  if (!f.installed) return { topic: 'firejail', title: 'Firejail', headline: 'Not installed', tone: 'good', facts: [] };
  return {
    topic: 'firejail',
    title: 'Firejail',
    headline: f.setuidRoot ? 'Installed, setuid root' : 'Installed, not setuid',
    tone: f.setuidRoot ? 'bad' : 'neutral',
    facts: [
      ['Program', f.path],
      ['Version', f.version ?? 'unknown'],
      ['Profiles in /etc/firejail', f.profiles === null ? 'none' : String(f.profiles)],
      ['Programs it starts (firecfg)', f.wrapped.length ? f.wrapped.join(', ') : 'none'],
    ],
  };
}

function profilesCard(s: SystemStatus): Card {
  const p = s.profiles;
  const loaded = p.apparmorLoaded;
  const desktop = p.covered.filter((c) => c.kind === 'desktop').length;
  const flatpak = p.covered.filter((c) => c.kind === 'flatpak').length;
  const apparmorOn = s.apparmor.state === 'enabled';
  const headline =
    !apparmorOn && p.selinuxBooleans.length === 0
      ? 'No profile system active'
      : loaded
        ? `${loaded.length} AppArmor profiles loaded`
        : apparmorOn
          ? `AppArmor profiles: ${p.apparmorLoadedUnavailable === 'refused' ? UNREADABLE.refused : 'administrator rights needed'}`
          : 'SELinux policy';
  return {
    topic: 'profiles',
    title: 'Own profiles',
    headline,
    tone: 'neutral',
    facts: [
      ...(apparmorOn || p.apparmorInstalled.length
        ? [
            [
              'Loaded AppArmor profiles',
              loaded ? String(loaded.length) : UNREADABLE[p.apparmorLoadedUnavailable ?? 'io-error'],
            ] as const,
            ['Profile files in /etc/apparmor.d', String(p.apparmorInstalled.length)] as const,
            ['Desktop programs with a profile', `${desktop} of ${p.desktopPrograms}`] as const,
            ['Flatpak apps with a profile of their own', String(flatpak)] as const,
          ]
        : []),
      ...p.selinuxBooleans.map(
        (b) =>
          [
            `SELinux ${b.name}`,
            `${b.active ? 'on' : 'off'}${b.pending !== b.active ? ` (${b.pending ? 'on' : 'off'} after commit)` : ''}${b.active === b.saferValue ? ', the stricter value' : `; stricter: ${b.saferValue ? 'on' : 'off'}`}`,
          ] as const,
      ),
    ],
  };
}

function containersCard(c: SystemStatus['containers']): Card {
  const rootDaemon = c.docker.daemonAsRoot === true || c.docker.sockets.some((s) => !s.rootless);
  const tool = (t: { installed: boolean; version: string | null; path: string | null }) =>
    t.installed ? (t.version ?? t.path ?? 'installed') : 'not installed';
  const runtime = (r: SystemStatus['containers']['gvisor']) =>
    `${tool(r)}${r.installed ? `; ${r.registeredWith.length ? `registered with ${r.registeredWith.join(', ')}` : 'not registered'}` : ''}`;
  return {
    topic: 'containers',
    title: 'Containers',
    headline:
      !c.docker.installed && !c.podman.installed
        ? 'No container engine'
        : rootDaemon
          ? 'Docker runs a root daemon'
          : 'No root daemon',
    tone: rootDaemon ? 'bad' : 'good',
    facts: [
      ['Docker', tool(c.docker)],
      ...(c.docker.sockets.length
        ? [
            [
              'Docker daemon sockets',
              c.docker.sockets
                .map((s) => `${s.path} (${s.rootless ? `rootless, uid ${s.ownerUid}` : 'root'})`)
                .join(', '),
            ] as const,
          ]
        : []),
      ...(c.docker.daemonAsRoot !== null
        ? [['Docker daemon process', c.docker.daemonAsRoot ? 'running as root' : 'running rootless'] as const]
        : []),
      ...(c.docker.groupMembers
        ? [
            [
              'docker group (root-equivalent)',
              c.docker.groupMembers.length ? c.docker.groupMembers.join(', ') : 'nobody',
            ] as const,
          ]
        : []),
      [
        'Podman',
        `${tool(c.podman)}${c.podman.installed ? `; rootless ${c.podman.rootlessReady ? 'ready' : 'not set up'}${c.podman.rootlessInUse ? ', in use' : ''}` : ''}`,
      ],
      ['gVisor (runsc)', runtime(c.gvisor)],
      ['Kata Containers', runtime(c.kata)],
    ],
  };
}

export function systemCards(s: SystemStatus): readonly Card[] {
  return [
    selinuxCard(s.selinux),
    apparmorCard(s.apparmor),
    sandboxCard(s),
    firejailCard(s.firejail),
    profilesCard(s),
    containersCard(s.containers),
  ];
}

/** The advice of one card; machine-wide advice goes with the verdict. */
export function adviceFor(s: SystemStatus, topic: Advice['topic']): readonly Advice[] {
  return s.advice.filter((a) => a.topic === topic);
}

export function machineLine(s: SystemStatus): string {
  const where = s.container ? ` (inside a ${s.container === 'other' ? '' : `${s.container} `}container)` : '';
  return `${s.distro?.prettyName ?? s.distro?.id ?? 'Unknown distribution'}${where}; read as ${s.readAsRoot ? 'root' : 'a normal user'}`;
}

/** A few words for the sidebar's indicator. */
export function shortStatus(s: SystemStatus): string {
  if (s.selinux.state === 'enforcing') return 'SELinux enforcing';
  if (s.selinux.state === 'permissive') return 'SELinux permissive';
  if (s.apparmor.state === 'enabled') return s.apparmor.noPolicyLoaded ? 'AppArmor, no profiles' : 'AppArmor on';
  if (s.active === 'other') return 'Other MAC module';
  if (s.active === 'unknown') return 'Protection unknown';
  return 'No MAC active';
}
