// The words for a SystemStatus, shared by the System page and `confine mac`: a headline and a
// list of facts for each of the three cards (SELinux, AppArmor, the sandbox's footing).

import { defineMessages, formatNumber, t } from '../i18n';
import type { Advice, AppArmorStatus, SelinuxStatus, SystemStatus, Unreadable } from './model';

export interface Card {
  readonly topic: Exclude<Advice['topic'], 'machine'>;
  readonly title: string;
  readonly headline: string;
  readonly tone: 'good' | 'bad' | 'neutral';
  readonly facts: readonly (readonly [string, string])[];
}

const U = defineMessages({
  'needs-root': { id: 'system.unreadable.needs-root', defaultMessage: 'needs administrator rights' },
  'securityfs-not-mounted': {
    id: 'system.unreadable.securityfs-not-mounted',
    defaultMessage: '{fs} is not mounted',
    description: 'Why a value could not be read; fs is a kernel file system name (securityfs)',
  },
  sandboxed: { id: 'system.unreadable.sandboxed', defaultMessage: 'hidden from inside the Flatpak sandbox' },
  'not-present': { id: 'system.unreadable.not-present', defaultMessage: 'not present' },
  'io-error': { id: 'system.unreadable.io-error', defaultMessage: 'could not be read' },
  refused: {
    id: 'system.unreadable.refused',
    defaultMessage: 'not read: not a regular file, too large, or a link loop',
  },
});

/** Why a value could not be read, in words; read when used, so it is in the current language. */
export const UNREADABLE: Readonly<Record<Unreadable, string>> = Object.defineProperties(
  {} as Record<Unreadable, string>,
  Object.fromEntries(
    (Object.keys(U) as Unreadable[]).map((k) => [k, { enumerable: true, get: () => t(U[k], { fs: 'securityfs' }) }]),
  ),
);

const M = defineMessages({
  enforcing: { id: 'system.selinux.enforcing', defaultMessage: 'Enforcing', description: 'SELinux card headline' },
  permissive: {
    id: 'system.selinux.permissive',
    defaultMessage: 'Permissive (logs only)',
    description: 'SELinux card headline',
  },
  policy: { id: 'system.selinux.policy', defaultMessage: 'Policy', description: 'Label of a fact: the SELinux policy' },
  configModeLabel: {
    id: 'system.selinux.config-mode',
    defaultMessage: 'Mode in {file}',
    description: 'Label of a fact; file is /etc/selinux/config',
  },
  noConfigFile: { id: 'system.selinux.no-config-file', defaultMessage: 'no config file' },
  mls: { id: 'system.selinux.mls', defaultMessage: 'MLS', description: 'Multi-Level Security, a label' },
  enabledDisabled: {
    id: 'system.selinux.mls-value',
    defaultMessage: '{on, select, yes {enabled} other {disabled}}',
    description: 'Whether MLS is enabled',
  },
  policyVersion: { id: 'system.selinux.policy-version', defaultMessage: 'Newest policy version of the kernel' },
  unknown: { id: 'system.unknown', defaultMessage: 'unknown', description: 'A fact’s value Confine could not tell' },
  denyUnknown: { id: 'system.selinux.deny-unknown', defaultMessage: 'Unknown classes and permissions' },
  deniedAllowed: {
    id: 'system.selinux.deny-unknown-value',
    defaultMessage: '{denied, select, yes {denied} other {allowed}}',
    description: 'What SELinux does with classes and permissions its policy does not know',
  },
  runsAs: {
    id: 'system.runs-as',
    defaultMessage: 'Confine runs as',
    description: 'Label of a fact: the security label (context) Confine’s own process has',
  },
  disabled: { id: 'system.selinux.disabled', defaultMessage: 'Disabled', description: 'SELinux card headline' },
  why: { id: 'system.why', defaultMessage: 'Why', description: 'Label of a fact: why a module is off or unknown' },
  configDisabled: {
    id: 'system.selinux.why-config-disabled',
    defaultMessage: '{setting} in {file}',
    description: 'Why SELinux is disabled; setting is SELINUX=disabled, file /etc/selinux/config',
  },
  policyInConfig: { id: 'system.selinux.policy-in-config', defaultMessage: 'Policy in config' },
  none: { id: 'system.none', defaultMessage: 'none', description: 'A fact’s value: there is none' },
  notRunning: { id: 'system.not-running', defaultMessage: 'Not running', description: 'Card headline' },
  onCmdline: {
    id: 'system.why-on-cmdline',
    defaultMessage: '{option} on the kernel command line',
    description: 'Why a module is off; option is selinux=0 or apparmor=0',
  },
  notInLsmList: { id: 'system.why-not-in-lsm-list', defaultMessage: 'not in the kernel’s list of security modules' },
  notInKernel: { id: 'system.why-not-in-kernel', defaultMessage: 'not in this kernel' },
  presentUnused: { id: 'system.selinux.config-present-unused', defaultMessage: 'present, but unused' },
  unknownHeadline: { id: 'system.unknown-headline', defaultMessage: 'Unknown', description: 'Card headline' },
  profilesLoaded: { id: 'system.apparmor.profiles-loaded', defaultMessage: 'Profiles loaded' },
  enforcingCount: {
    id: 'system.apparmor.enforcing',
    defaultMessage: 'Enforcing',
    description: 'Label of a fact: how many AppArmor profiles enforce',
  },
  complaining: { id: 'system.apparmor.complaining', defaultMessage: 'Complaining (logs only)' },
  unconfinedMode: { id: 'system.apparmor.unconfined-mode', defaultMessage: 'Unconfined mode' },
  killMode: { id: 'system.apparmor.kill-mode', defaultMessage: 'Kill mode' },
  promptMode: { id: 'system.apparmor.prompt-mode', defaultMessage: 'Prompt mode' },
  profiles: { id: 'system.apparmor.profiles', defaultMessage: 'Profiles' },
  onNoProfiles: {
    id: 'system.apparmor.on-no-profiles',
    defaultMessage: 'On, with no profiles loaded',
    description: 'AppArmor card headline',
  },
  on: { id: 'system.apparmor.on', defaultMessage: 'On', description: 'AppArmor card headline' },
  restrictsUserns: { id: 'system.apparmor.restricts-userns', defaultMessage: 'Restricts user namespaces' },
  yesNo: { id: 'system.yes-no', defaultMessage: '{value, select, yes {yes} other {no}}' },
  off: { id: 'system.apparmor.off', defaultMessage: 'Off', description: 'AppArmor card headline' },
  notSelectedAtBoot: { id: 'system.apparmor.not-selected-at-boot', defaultMessage: 'built in, not selected at boot' },
  yama0: { id: 'system.yama.0', defaultMessage: '0: any program of yours may inspect the others' },
  yama1: { id: 'system.yama.1', defaultMessage: '1: only a program’s own children' },
  yama2: { id: 'system.yama.2', defaultMessage: '2: administrators only' },
  yama3: { id: 'system.yama.3', defaultMessage: '3: no one' },
  usernsOff: {
    id: 'system.sandbox.userns-off',
    defaultMessage: 'User namespaces are off',
    description: 'Card headline on the System page, and the title of the advice about it',
  },
  bwrapSetuid: {
    id: 'system.sandbox.bwrap-setuid',
    defaultMessage: '{bwrap} runs setuid',
    description: 'Card headline; bwrap is the program name bubblewrap',
  },
  partlyUnknown: {
    id: 'system.sandbox.partly-unknown',
    defaultMessage: 'Partly unknown',
    description: 'Card headline',
  },
  canBuild: {
    id: 'system.sandbox.can-build',
    defaultMessage: 'Flatpak can build its sandbox',
    description: 'Card headline',
  },
  sandboxTitle: { id: 'system.sandbox.title', defaultMessage: 'Sandbox footing', description: 'Card title' },
  notFound: { id: 'system.not-found', defaultMessage: 'not found' },
  userns: { id: 'system.sandbox.userns', defaultMessage: 'Unprivileged user namespaces' },
  usernsValue: {
    id: 'system.sandbox.userns-value',
    defaultMessage:
      '{usable, select, yes {available} no {off} restricted {restricted by AppArmor to programs whose profile allows them} other {unknown}}',
  },
  bwrapPath: {
    id: 'system.sandbox.bwrap-path',
    defaultMessage: '{path}{setuid, select, yes { (setuid)} other {}}',
    description: 'A bubblewrap program found; path is where it is',
  },
  securityModules: { id: 'system.sandbox.security-modules', defaultMessage: 'Security modules' },
  yama: { id: 'system.sandbox.yama', defaultMessage: 'Yama ptrace scope' },
  yamaOff: { id: 'system.sandbox.yama-off', defaultMessage: 'Yama not active' },
  lockdown: { id: 'system.sandbox.lockdown', defaultMessage: 'Kernel lockdown' },
  notInstalledHeadline: {
    id: 'system.firejail.not-installed',
    defaultMessage: 'Not installed',
    description: 'Firejail card headline',
  },
  setuidRoot: {
    id: 'system.firejail.setuid-root',
    defaultMessage: '{setuid, select, yes {Installed, setuid root} other {Installed, not setuid}}',
    description: 'Firejail card headline',
  },
  program: { id: 'system.firejail.program', defaultMessage: 'Program' },
  version: { id: 'system.firejail.version', defaultMessage: 'Version' },
  firejailProfiles: {
    id: 'system.firejail.profiles',
    defaultMessage: 'Profiles in {folder}',
    description: 'folder is /etc/firejail',
  },
  wrapped: {
    id: 'system.firejail.wrapped',
    defaultMessage: 'Programs it starts ({tool})',
    description: 'Programs Firejail was made to start; tool is firecfg',
  },
  noProfileSystem: { id: 'system.profiles.none-active', defaultMessage: 'No profile system active' },
  loadedCount: {
    id: 'system.profiles.loaded-count',
    defaultMessage: '{count, plural, one {# AppArmor profile loaded} other {# AppArmor profiles loaded}}',
    description: 'Own profiles card headline',
  },
  apparmorProfilesUnread: {
    id: 'system.profiles.unread',
    defaultMessage: 'AppArmor profiles: {why}',
    description: 'Own profiles card headline; why tells why they could not be read',
  },
  adminNeeded: { id: 'system.profiles.admin-needed', defaultMessage: 'administrator rights needed' },
  selinuxPolicy: {
    id: 'system.profiles.selinux-policy',
    defaultMessage: 'SELinux policy',
    description: 'Card headline',
  },
  ownProfiles: { id: 'system.profiles.title', defaultMessage: 'Own profiles', description: 'Card title' },
  loadedProfiles: { id: 'system.profiles.loaded', defaultMessage: 'Loaded AppArmor profiles' },
  profileFiles: {
    id: 'system.profiles.files',
    defaultMessage: 'Profile files in {folder}',
    description: 'folder is /etc/apparmor.d',
  },
  desktopCovered: { id: 'system.profiles.desktop-covered', defaultMessage: 'Desktop programs with a profile' },
  ofTotal: {
    id: 'system.profiles.of-total',
    defaultMessage: '{count} of {total}',
    description: 'How many desktop programs of all have a profile',
  },
  flatpakCovered: { id: 'system.profiles.flatpak-covered', defaultMessage: 'Flatpak apps with a profile of their own' },
  booleanLabel: {
    id: 'system.profiles.boolean',
    defaultMessage: 'SELinux {name}',
    description: 'Label of a fact; name is an SELinux boolean (deny_ptrace)',
  },
  booleanValue: {
    id: 'system.profiles.boolean-value',
    defaultMessage:
      '{active, select, on {on} other {off}}{pending, select, same {} on { (on after commit)} other { (off after commit)}}{stricter, select, current {, the stricter value} on {; stricter: on} other {; stricter: off}}',
    description:
      'An SELinux boolean’s value now, what it will be after the pending commit (if it differs), and whether the value now is the stricter one',
  },
  installed: { id: 'system.containers.installed', defaultMessage: 'installed' },
  notInstalled: { id: 'system.containers.not-installed', defaultMessage: 'not installed' },
  registered: {
    id: 'system.containers.registered',
    defaultMessage: '{tool}; registered with {engines}',
    description: 'A container runtime; tool is its version or path, engines a list of docker, podman, containerd',
  },
  notRegistered: {
    id: 'system.containers.not-registered',
    defaultMessage: '{tool}; not registered',
    description: 'A container runtime; tool is its version or path',
  },
  containersTitle: { id: 'system.containers.title', defaultMessage: 'Containers', description: 'Card title' },
  noEngine: { id: 'system.containers.no-engine', defaultMessage: 'No container engine' },
  rootDaemon: { id: 'system.containers.root-daemon', defaultMessage: 'Docker runs a root daemon' },
  noRootDaemon: { id: 'system.containers.no-root-daemon', defaultMessage: 'No root daemon' },
  dockerSockets: { id: 'system.containers.docker-sockets', defaultMessage: 'Docker daemon sockets' },
  socket: {
    id: 'system.containers.socket',
    defaultMessage: '{path} ({rootless, select, yes {rootless, uid {uid}} other {root}})',
    description: 'A Docker socket; uid is the user ID of its owner',
  },
  dockerProcess: { id: 'system.containers.docker-process', defaultMessage: 'Docker daemon process' },
  runningAs: {
    id: 'system.containers.running-as',
    defaultMessage: '{root, select, yes {running as root} other {running rootless}}',
  },
  dockerGroup: {
    id: 'system.containers.docker-group',
    defaultMessage: '{group} group (root-equivalent)',
    description: 'group is the group name docker',
  },
  nobody: { id: 'system.containers.nobody', defaultMessage: 'nobody' },
  podman: {
    id: 'system.containers.podman',
    defaultMessage:
      '{tool}{installed, select, yes {; rootless {ready, select, yes {ready} other {not set up}}{inUse, select, yes {, in use} other {}}} other {}}',
    description: 'Podman; tool is its version or path, or installed or not',
  },
  machine: {
    id: 'system.machine',
    defaultMessage:
      '{distro}{where, select, host {} named { (inside a {container} container)} other { (inside a container)}}; {root, select, yes {read as root} other {read as a normal user}}',
    description: 'The line under the verdict; distro is the distribution’s name, container docker, podman or flatpak',
  },
  unknownDistro: { id: 'system.unknown-distribution', defaultMessage: 'Unknown distribution' },
  shortSelinuxEnforcing: { id: 'system.short.selinux-enforcing', defaultMessage: 'SELinux enforcing' },
  shortSelinuxPermissive: { id: 'system.short.selinux-permissive', defaultMessage: 'SELinux permissive' },
  shortApparmorNoProfiles: { id: 'system.short.apparmor-no-profiles', defaultMessage: 'AppArmor, no profiles' },
  shortApparmorOn: { id: 'system.short.apparmor-on', defaultMessage: 'AppArmor on' },
  shortOther: { id: 'system.short.other', defaultMessage: 'Other MAC module' },
  shortUnknown: { id: 'system.short.unknown', defaultMessage: 'Protection unknown' },
  shortNone: { id: 'system.short.none', defaultMessage: 'No MAC active' },
});
/** The sandbox card's headline and the advice's title: one message for the one fact. */
export const USERNS_OFF = M.usernsOff;

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

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
        s.state === 'enforcing' ? t(M.enforcing) : t(M.permissive),
        s.state === 'enforcing' ? 'good' : 'bad',
        [
          [t(M.policy), s.policy],
          [t(M.configModeLabel, { file: '/etc/selinux/config' }), s.configMode ?? t(M.noConfigFile)],
          [t(M.mls), t(M.enabledDisabled, { on: yesNo(s.mls) })],
          [t(M.policyVersion), s.policyVersion === null ? t(M.unknown) : formatNumber(s.policyVersion)],
          [t(M.denyUnknown), t(M.deniedAllowed, { denied: yesNo(s.denyUnknown) })],
          ...(s.processContext ? [[t(M.runsAs), s.processContext] as const] : []),
        ],
      );
    case 'disabled':
      return card(t(M.disabled), 'bad', [
        [
          t(M.why),
          s.reason === 'config-disabled'
            ? t(M.configDisabled, { setting: 'SELINUX=disabled', file: '/etc/selinux/config' })
            : t(U['securityfs-not-mounted'], { fs: 'selinuxfs' }),
        ],
        [t(M.policyInConfig), s.policy ?? t(M.none)],
      ]);
    case 'absent':
      return card(t(M.notRunning), 'neutral', [
        [
          t(M.why),
          s.reason === 'disabled-on-cmdline'
            ? t(M.onCmdline, { option: 'selinux=0' })
            : s.reason === 'not-in-lsm-list'
              ? t(M.notInLsmList)
              : t(M.notInKernel),
        ],
        ...(s.configFilePresent ? [['/etc/selinux/config', t(M.presentUnused)] as const] : []),
      ]);
    case 'unknown':
      return card(t(M.unknownHeadline), 'neutral', [[t(M.why), UNREADABLE[s.reason]]]);
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
            [t(M.profilesLoaded), formatNumber(p.total)],
            [t(M.enforcingCount), formatNumber(p.enforce)],
            [t(M.complaining), formatNumber(p.complain)],
            [t(M.unconfinedMode), formatNumber(p.unconfined)],
            ...(p.kill ? [[t(M.killMode), formatNumber(p.kill)] as const] : []),
            ...(p.prompt ? [[t(M.promptMode), formatNumber(p.prompt)] as const] : []),
          ]
        : [[t(M.profiles), UNREADABLE[a.profilesUnavailable ?? 'io-error']]];
      return card(a.noPolicyLoaded ? t(M.onNoProfiles) : t(M.on), a.noPolicyLoaded ? 'bad' : 'good', [
        ...counts,
        ...(a.processLabel ? [[t(M.runsAs), a.processLabel] as const] : []),
        ...(a.restrictUnprivilegedUserns !== null
          ? [[t(M.restrictsUserns), t(M.yesNo, { value: yesNo(a.restrictUnprivilegedUserns) })] as const]
          : []),
      ]);
    }
    case 'disabled':
      return card(t(M.off), 'neutral', [
        [
          t(M.why),
          a.reason === 'disabled-on-cmdline'
            ? t(M.onCmdline, { option: 'apparmor=0' })
            : a.reason === 'not-in-lsm-list'
              ? t(M.notInLsmList)
              : t(M.notSelectedAtBoot),
        ],
      ]);
    case 'absent':
      return card(t(M.notRunning), 'neutral', [[t(M.why), t(M.notInKernel)]]);
    case 'unknown':
      return card(t(M.unknownHeadline), 'neutral', [[t(M.why), UNREADABLE[a.reason]]]);
  }
}

const YAMA = [M.yama0, M.yama1, M.yama2, M.yama3] as const;

function sandboxCard(s: SystemStatus): Card {
  const setuid = s.bwrap.some((b) => b.setuid);
  const tone: Card['tone'] =
    s.userns.usable === 'no' || setuid ? 'bad' : s.userns.usable === 'unknown' ? 'neutral' : 'good';
  const headline =
    s.userns.usable === 'no'
      ? t(M.usernsOff)
      : setuid
        ? t(M.bwrapSetuid, { bwrap: 'bubblewrap' })
        : s.userns.usable === 'unknown'
          ? t(M.partlyUnknown)
          : t(M.canBuild);
  return {
    topic: 'sandbox',
    title: t(M.sandboxTitle),
    headline,
    tone,
    facts: [
      ['Flatpak', s.flatpakVersion ?? t(M.notFound)],
      [t(M.userns), t(M.usernsValue, { usable: s.userns.usable })],
      [
        'bubblewrap',
        s.bwrap.length === 0
          ? t(M.notFound)
          : s.bwrap.map((b) => t(M.bwrapPath, { path: b.path, setuid: yesNo(b.setuid) })).join(', '),
      ],
      [t(M.securityModules), s.lsm ? s.lsm.join(', ') : UNREADABLE[s.lsmUnavailable ?? 'io-error']],
      [t(M.yama), s.yamaPtraceScope === null ? t(M.yamaOff) : t(YAMA[s.yamaPtraceScope])],
      [t(M.lockdown), s.lockdown ?? t(M.unknown)],
    ],
  };
}

function firejailCard(f: SystemStatus['firejail']): Card {
  if (!f.installed)
    return { topic: 'firejail', title: 'Firejail', headline: t(M.notInstalledHeadline), tone: 'good', facts: [] };
  return {
    topic: 'firejail',
    title: 'Firejail',
    headline: t(M.setuidRoot, { setuid: yesNo(f.setuidRoot) }),
    tone: f.setuidRoot ? 'bad' : 'neutral',
    facts: [
      [t(M.program), f.path],
      [t(M.version), f.version ?? t(M.unknown)],
      [t(M.firejailProfiles, { folder: '/etc/firejail' }), f.profiles === null ? t(M.none) : formatNumber(f.profiles)],
      [t(M.wrapped, { tool: 'firecfg' }), f.wrapped.length ? f.wrapped.join(', ') : t(M.none)],
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
      ? t(M.noProfileSystem)
      : loaded
        ? t(M.loadedCount, { count: loaded.length })
        : apparmorOn
          ? t(M.apparmorProfilesUnread, {
              why: p.apparmorLoadedUnavailable === 'refused' ? UNREADABLE.refused : t(M.adminNeeded),
            })
          : t(M.selinuxPolicy);
  const onOff = (b: boolean) => (b ? 'on' : 'off');
  return {
    topic: 'profiles',
    title: t(M.ownProfiles),
    headline,
    tone: 'neutral',
    facts: [
      ...(apparmorOn || p.apparmorInstalled.length
        ? [
            [
              t(M.loadedProfiles),
              loaded ? formatNumber(loaded.length) : UNREADABLE[p.apparmorLoadedUnavailable ?? 'io-error'],
            ] as const,
            [t(M.profileFiles, { folder: '/etc/apparmor.d' }), formatNumber(p.apparmorInstalled.length)] as const,
            [t(M.desktopCovered), t(M.ofTotal, { count: desktop, total: p.desktopPrograms })] as const,
            [t(M.flatpakCovered), formatNumber(flatpak)] as const,
          ]
        : []),
      ...p.selinuxBooleans.map(
        (b) =>
          [
            t(M.booleanLabel, { name: b.name }),
            t(M.booleanValue, {
              active: onOff(b.active),
              pending: b.pending === b.active ? 'same' : onOff(b.pending),
              stricter: b.active === b.saferValue ? 'current' : onOff(b.saferValue),
            }),
          ] as const,
      ),
    ],
  };
}

function containersCard(c: SystemStatus['containers']): Card {
  const rootDaemon = c.docker.daemonAsRoot === true || c.docker.sockets.some((s) => !s.rootless);
  const tool = (x: { installed: boolean; version: string | null; path: string | null }) =>
    x.installed ? (x.version ?? x.path ?? t(M.installed)) : t(M.notInstalled);
  const runtime = (r: SystemStatus['containers']['gvisor']) =>
    !r.installed
      ? tool(r)
      : r.registeredWith.length
        ? t(M.registered, { tool: tool(r), engines: r.registeredWith.join(', ') })
        : t(M.notRegistered, { tool: tool(r) });
  return {
    topic: 'containers',
    title: t(M.containersTitle),
    headline:
      !c.docker.installed && !c.podman.installed ? t(M.noEngine) : rootDaemon ? t(M.rootDaemon) : t(M.noRootDaemon),
    tone: rootDaemon ? 'bad' : 'good',
    facts: [
      ['Docker', tool(c.docker)],
      ...(c.docker.sockets.length
        ? [
            [
              t(M.dockerSockets),
              c.docker.sockets
                .map((s) => t(M.socket, { path: s.path, rootless: yesNo(s.rootless), uid: String(s.ownerUid) }))
                .join(', '),
            ] as const,
          ]
        : []),
      ...(c.docker.daemonAsRoot !== null
        ? [[t(M.dockerProcess), t(M.runningAs, { root: yesNo(c.docker.daemonAsRoot) })] as const]
        : []),
      ...(c.docker.groupMembers
        ? [
            [
              t(M.dockerGroup, { group: 'docker' }),
              c.docker.groupMembers.length ? c.docker.groupMembers.join(', ') : t(M.nobody),
            ] as const,
          ]
        : []),
      [
        'Podman',
        t(M.podman, {
          tool: tool(c.podman),
          installed: yesNo(c.podman.installed),
          ready: yesNo(c.podman.rootlessReady),
          inUse: yesNo(c.podman.rootlessInUse),
        }),
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
  return t(M.machine, {
    distro: s.distro?.prettyName ?? s.distro?.id ?? t(M.unknownDistro),
    where: s.container === null ? 'host' : s.container === 'other' ? 'other' : 'named',
    container: s.container ?? '',
    root: yesNo(s.readAsRoot),
  });
}

/** A few words for the sidebar's indicator. */
export function shortStatus(s: SystemStatus): string {
  if (s.selinux.state === 'enforcing') return t(M.shortSelinuxEnforcing);
  if (s.selinux.state === 'permissive') return t(M.shortSelinuxPermissive);
  if (s.apparmor.state === 'enabled')
    return t(s.apparmor.noPolicyLoaded ? M.shortApparmorNoProfiles : M.shortApparmorOn);
  if (s.active === 'other') return t(M.shortOther);
  if (s.active === 'unknown') return t(M.shortUnknown);
  return t(M.shortNone);
}
