// Advice on the rest of the sandboxing landscape, from the guide Confine is built on: Firejail
// is not recommended (a large setuid-root program); own AppArmor/SELinux/bubblewrap profiles,
// with the reference collections it names; Docker's root daemon and group, rootless and
// daemonless Podman, the gVisor and Kata runtimes. A table of rules: see ./rules.ts.

import { defineMessages, formatList, t } from '../i18n';
import type { Containers, DistroInfo } from './model';
import type { AdviceRule, Facts } from './rules';

function removeCommand(distro: DistroInfo | null, pkg: string): string | undefined {
  switch (distro?.family) {
    case 'debian':
    case 'ubuntu':
      return `sudo apt remove ${pkg}`;
    case 'fedora':
    case 'rhel':
      return `sudo dnf remove ${pkg}`;
    case 'opensuse-tumbleweed':
    case 'opensuse-leap':
      return `sudo zypper remove ${pkg}`;
    case 'arch':
      return `sudo pacman -R ${pkg}`;
    default:
      return undefined;
  }
}

const M = defineMessages({
  andMore: {
    id: 'advice.list-and-more',
    defaultMessage: '{names} and {count, plural, one {# more} other {# more}}',
    description: 'A list cut after three names (programs, user accounts): “firefox, vlc, gimp and 2 more”',
  },
  firejailSetuidTitle: { id: 'advice.firejail-setuid.title', defaultMessage: 'Firejail runs as root' },
  firejailSetuidDetail: {
    id: 'advice.firejail-setuid.detail',
    defaultMessage:
      '{path} is a large setuid-root program: a flaw in it can hand root to any program on this computer, so it can make the machine less safe from everything that runs outside it. Confine programs with Flatpak, whose sandbox needs no setuid program, and with AppArmor or SELinux profiles instead.',
    description: 'path is where the firejail program is',
  },
  firejailWrapped: {
    id: 'advice.firejail-setuid.wrapped',
    defaultMessage: '{detail} Firejail now starts {programs}; undo that first.',
    description: 'detail is advice.firejail-setuid.detail; programs a list of program names',
  },
  firejailNotSetuidTitle: { id: 'advice.firejail-not-setuid.title', defaultMessage: 'Firejail without setuid' },
  firejailNotSetuidDetail: {
    id: 'advice.firejail-not-setuid.detail',
    defaultMessage:
      '{path} is installed but not setuid root, so it cannot build its sandbox for other users; it is no risk this way.',
    description: 'path is where the firejail program is',
  },
  firejailAbsentTitle: { id: 'advice.firejail-absent.title', defaultMessage: 'No Firejail' },
  firejailAbsentDetail: {
    id: 'advice.firejail-absent.detail',
    defaultMessage: 'Firejail is not installed. Good: it is a setuid-root program with a large attack surface.',
  },
  coverageTitle: {
    id: 'advice.apparmor-desktop-coverage.title',
    defaultMessage:
      '{covered} of {total, plural, one {# desktop program has a profile} other {# desktop programs have a profile}}',
  },
  coverageDetail: {
    id: 'advice.apparmor-desktop-coverage.detail',
    defaultMessage: 'Programs installed from packages run unconfined unless an AppArmor profile names them.',
  },
  coverageNeedsRoot: {
    id: 'advice.apparmor-desktop-coverage.needs-root',
    defaultMessage: '{detail} Whether the profiles in {folder} are loaded needs administrator rights to tell.',
    description: 'detail is advice.apparmor-desktop-coverage.detail; folder is /etc/apparmor.d',
  },
  booleansTitle: {
    id: 'advice.selinux-booleans-looser.title',
    defaultMessage: 'SELinux could confine your session more tightly',
  },
  booleanIs: {
    id: 'advice.selinux-booleans-looser.boolean',
    defaultMessage: '{name} is {value, select, on {on} other {off}}',
    description: 'An SELinux boolean and its value; name is its name (deny_ptrace)',
  },
  booleansDetail: {
    id: 'advice.selinux-booleans-looser.detail',
    defaultMessage:
      '{booleans}. Each is a trade: the stricter value can break programs that need it, so change one, then use the computer for a while.',
    description: 'booleans is a list of advice.selinux-booleans-looser.boolean',
  },
  unconfinedTitle: { id: 'advice.selinux-user-unconfined.title', defaultMessage: 'Your own programs run unconfined' },
  unconfinedDetail: {
    id: 'advice.selinux-user-unconfined.detail',
    defaultMessage:
      'The targeted policy confines system services; what you start runs as {type}. Confined SELinux users ({users}) exist but need care to set up.',
    description: 'type is unconfined_t, users user_u, staff_u',
  },
  referencesTitle: { id: 'advice.own-profiles-references.title', defaultMessage: 'Writing your own profiles' },
  referencesDetail: {
    id: 'advice.own-profiles-references.detail',
    defaultMessage:
      'For finer confinement you can write AppArmor profiles, SELinux policies, bubblewrap scripts and seccomp filters. It is tedious; these projects are good references.',
  },
  rootDaemonTitle: { id: 'advice.docker-root-daemon.title', defaultMessage: 'The Docker daemon runs as root' },
  rootDaemonDetail: {
    id: 'advice.docker-root-daemon.detail',
    defaultMessage:
      'One daemon, running as root, controls every container: a flaw in it, or anyone who can reach its socket, controls the computer, and if it crashes every container stops. Docker is no proper sandbox either: containers share the host kernel. Rootless Docker, or rootless and daemonless Podman, avoid the root daemon.',
  },
  dockerGroupTitle: {
    id: 'advice.docker-group-root-equivalent.title',
    defaultMessage: 'The {group} group is as good as root',
    description: 'group is docker',
  },
  dockerGroupDetail: {
    id: 'advice.docker-group-root-equivalent.detail',
    defaultMessage:
      '{members} {count, plural, one {is in the {group} group: that account can} other {are in the {group} group: those accounts can}} start a container that mounts / and change any file, without a password.',
    description: 'members is a list of user accounts, count how many, group docker',
  },
  podmanRootlessTitle: { id: 'advice.podman-rootless.title', defaultMessage: 'Podman can run rootless' },
  podmanRootlessDetail: {
    id: 'advice.podman-rootless.detail',
    defaultMessage:
      '{user, select, none {You can} other {{user} can}} run containers without root and without a daemon, so one crashing does not take the others down.{inUse, select, yes { Rootless containers are in use.} other {}}',
    description: 'user is the user account’s name',
  },
  podmanSetupTitle: { id: 'advice.podman-rootless-setup.title', defaultMessage: 'Rootless Podman needs ID ranges' },
  podmanSetupDetail: {
    id: 'advice.podman-rootless-setup.detail',
    defaultMessage:
      '{subuid} and {subgid} give {user, select, none {this user} other {{user}}} no range of IDs, which rootless containers need.',
    description: 'subuid and subgid are the files /etc/subuid and /etc/subgid, user the user account’s name',
  },
  registeredTitle: {
    id: 'advice.runtime-registered.title',
    defaultMessage: '{runtime} is ready',
    description: 'runtime is gVisor or Kata Containers',
  },
  registeredDetail: {
    id: 'advice.runtime-registered.detail',
    defaultMessage: '{what} It is registered with {engines}; containers use it when asked to ({option}).',
    description:
      'what is advice.gvisor.what or advice.kata.what; engines a list of docker, podman, containerd; option --runtime',
  },
  notRegisteredTitle: {
    id: 'advice.runtime-not-registered.title',
    defaultMessage: '{runtime} is installed but not registered',
    description: 'runtime is gVisor or Kata Containers',
  },
  notRegisteredDetail: {
    id: 'advice.runtime-not-registered.detail',
    defaultMessage: '{what} No container engine here knows it as a runtime yet.',
    description: 'what is advice.gvisor.what or advice.kata.what',
  },
  gvisorWhat: {
    id: 'advice.gvisor.what',
    defaultMessage:
      'gVisor’s {program} gives each container an application kernel of its own, so far fewer system calls reach the host kernel.',
    description: 'program is runsc',
  },
  kataWhat: {
    id: 'advice.kata.what',
    defaultMessage: 'Kata runs each container in a small virtual machine with its own kernel, isolated from the host.',
  },
  suggestTitle: { id: 'advice.container-runtime-suggest.title', defaultMessage: 'Stronger container runtimes' },
  suggestDetail: {
    id: 'advice.container-runtime-suggest.detail',
    defaultMessage:
      'Containers share the host’s kernel. gVisor (an application kernel) or Kata Containers (a virtual machine per container) put more between them and it.',
  },
  noContainersTitle: { id: 'advice.no-containers.title', defaultMessage: 'No container engine' },
  noContainersDetail: { id: 'advice.no-containers.detail', defaultMessage: 'Neither Docker nor Podman is installed.' },
});

const list = (names: readonly string[]) =>
  names.length <= 3
    ? formatList(names)
    : t(M.andMore, { names: names.slice(0, 3).join(', '), count: names.length - 3 });

function firejailSetuidCommand(f: Facts): string | undefined {
  const remove = removeCommand(f.distro, 'firejail');
  // firecfg's links would point at a program no longer there once it is removed.
  const clean = f.firejail.installed && f.firejail.wrapped.length > 0 ? 'sudo firecfg --clean' : undefined;
  return remove || clean ? [clean, remove].filter(Boolean).join(' && ') : undefined;
}

const FIREJAIL_RULES: readonly AdviceRule[] = [
  {
    id: 'firejail-setuid',
    topic: 'firejail',
    severity: 'warning',
    evidence: ['firejail.installed', 'firejail.setuidRoot', 'firejail.path', 'firejail.wrapped', 'distro.family'],
    when: (f) => f.firejail.installed && f.firejail.setuidRoot,
    advise: (f) => {
      const fj = f.firejail;
      const path = fj.installed ? fj.path : '';
      const wrapped = fj.installed ? fj.wrapped : [];
      return {
        title: t(M.firejailSetuidTitle),
        detail: wrapped.length
          ? t(M.firejailWrapped, { detail: t(M.firejailSetuidDetail, { path }), programs: list(wrapped) })
          : t(M.firejailSetuidDetail, { path }),
        command: firejailSetuidCommand(f),
        links: ['firejail-risks'],
      };
    },
  },
  {
    id: 'firejail-not-setuid',
    topic: 'firejail',
    severity: 'info',
    evidence: ['firejail.installed', 'firejail.setuidRoot', 'firejail.path'],
    when: (f) => f.firejail.installed && !f.firejail.setuidRoot,
    advise: (f) => ({
      title: t(M.firejailNotSetuidTitle),
      detail: t(M.firejailNotSetuidDetail, { path: f.firejail.installed ? f.firejail.path : '' }),
    }),
  },
  {
    id: 'firejail-absent',
    topic: 'firejail',
    severity: 'ok',
    evidence: ['firejail.installed'],
    when: (f) => !f.firejail.installed,
    advise: () => ({
      title: t(M.firejailAbsentTitle),
      detail: t(M.firejailAbsentDetail),
    }),
  },
];

const loosened = (f: Facts) => f.profiles.selinuxBooleans.filter((b) => b.active !== b.saferValue);

const PROFILE_RULES: readonly AdviceRule[] = [
  {
    id: 'apparmor-desktop-coverage',
    topic: 'profiles',
    severity: 'info',
    evidence: ['apparmor.state', 'profiles.desktopPrograms', 'profiles.covered', 'profiles.apparmorLoaded'],
    when: (f) => f.apparmor.state === 'enabled' && f.profiles.desktopPrograms > 0,
    advise: ({ profiles: p }) => ({
      title: t(M.coverageTitle, {
        covered: p.covered.filter((c) => c.kind === 'desktop').length,
        total: p.desktopPrograms,
      }),
      detail:
        p.apparmorLoaded === null
          ? t(M.coverageNeedsRoot, { detail: t(M.coverageDetail), folder: '/etc/apparmor.d' })
          : t(M.coverageDetail),
    }),
  },
  {
    id: 'selinux-booleans-looser',
    topic: 'profiles',
    severity: 'info',
    evidence: ['profiles.selinuxBooleans'],
    when: (f) => loosened(f).length > 0,
    advise: (f) => {
      const first = loosened(f)[0];
      const each = loosened(f).map((b) => t(M.booleanIs, { name: b.name, value: b.active ? 'on' : 'off' }));
      return {
        title: t(M.booleansTitle),
        detail: t(M.booleansDetail, { booleans: each.join(', ') }),
        command: first && `sudo setsebool -P ${first.name} ${first.saferValue ? 'on' : 'off'}`,
      };
    },
  },
  {
    id: 'selinux-user-unconfined',
    topic: 'profiles',
    severity: 'info',
    evidence: ['selinux.state', 'selinux.processContext'],
    when: (f) =>
      (f.selinux.state === 'enforcing' || f.selinux.state === 'permissive') &&
      f.selinux.processContext?.split(':')[2] === 'unconfined_t',
    advise: () => ({
      title: t(M.unconfinedTitle),
      detail: t(M.unconfinedDetail, { type: 'unconfined_t', users: 'user_u, staff_u' }),
    }),
  },
  {
    id: 'own-profiles-references',
    topic: 'profiles',
    severity: 'info',
    evidence: [],
    when: () => true,
    advise: () => ({
      title: t(M.referencesTitle),
      detail: t(M.referencesDetail),
      links: ['apparmor-everything', 'krathalan-apparmor', 'hardhat-selinux', 'bwrap-scripts'],
    }),
  },
];

/** One daemon as root for every container, whether seen running or only by its socket. */
const rootDaemon = ({ containers: c }: Facts) =>
  c.docker.daemonAsRoot === true || c.docker.sockets.some((s) => !s.rootless);

const DOCKER_RULES: readonly AdviceRule[] = [
  {
    id: 'docker-root-daemon',
    topic: 'containers',
    severity: 'warning',
    evidence: ['containers.docker.installed', 'containers.docker.daemonAsRoot', 'containers.docker.sockets'],
    when: (f) => f.containers.docker.installed && rootDaemon(f),
    advise: () => ({
      title: t(M.rootDaemonTitle),
      detail: t(M.rootDaemonDetail),
      command: 'dockerd-rootless-setuptool.sh install',
      links: ['docker-rootless', 'podman-rootless'],
    }),
  },
  {
    id: 'docker-group-root-equivalent',
    topic: 'containers',
    severity: 'warning',
    evidence: ['containers.docker.groupMembers', 'containers.docker.daemonAsRoot', 'containers.docker.sockets'],
    when: (f) => (f.containers.docker.groupMembers?.length ?? 0) > 0 && rootDaemon(f),
    advise: (f) => {
      const members = f.containers.docker.groupMembers ?? [];
      return {
        title: t(M.dockerGroupTitle, { group: 'docker' }),
        detail: t(M.dockerGroupDetail, { members: list(members), count: members.length, group: 'docker' }),
        command: `sudo gpasswd -d ${members[0] ?? ''} docker`,
      };
    },
  },
];

const PODMAN_RULES: readonly AdviceRule[] = [
  {
    id: 'podman-rootless',
    topic: 'containers',
    severity: 'ok',
    evidence: ['containers.podman.installed', 'containers.podman.rootlessReady', 'containers.podman.rootlessInUse'],
    when: (f) => f.containers.podman.installed && f.containers.podman.rootlessReady,
    advise: ({ containers: c }) => ({
      title: t(M.podmanRootlessTitle),
      detail: t(M.podmanRootlessDetail, { user: c.user ?? 'none', inUse: c.podman.rootlessInUse ? 'yes' : 'no' }),
    }),
  },
  {
    id: 'podman-rootless-setup',
    topic: 'containers',
    severity: 'info',
    evidence: ['containers.podman.installed', 'containers.podman.rootlessReady', 'containers.user'],
    when: (f) => f.containers.podman.installed && !f.containers.podman.rootlessReady,
    advise: ({ containers: c }) => ({
      title: t(M.podmanSetupTitle),
      detail: t(M.podmanSetupDetail, { subuid: '/etc/subuid', subgid: '/etc/subgid', user: c.user ?? 'none' }),
      command: c.user ? `sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 ${c.user}` : undefined,
      links: ['podman-rootless'],
    }),
  },
];

/** A sandboxing runtime's two rules: registered with an engine, or only installed. */
function runtimeRules(key: 'gvisor' | 'kata', name: () => string, what: () => string): AdviceRule[] {
  const runtime = (f: Facts): Containers['gvisor'] => f.containers[key];
  return [
    {
      id: `${key}-registered`,
      topic: 'containers',
      severity: 'ok',
      evidence: [`containers.${key}.registeredWith`],
      when: (f) => runtime(f).registeredWith.length > 0,
      advise: (f) => ({
        title: t(M.registeredTitle, { runtime: name() }),
        detail: t(M.registeredDetail, {
          what: what(),
          engines: formatList(runtime(f).registeredWith),
          option: '--runtime',
        }),
      }),
    },
    {
      id: `${key}-not-registered`,
      topic: 'containers',
      severity: 'info',
      evidence: [`containers.${key}.installed`, `containers.${key}.registeredWith`],
      when: (f) => runtime(f).registeredWith.length === 0 && runtime(f).installed,
      advise: () => ({
        title: t(M.notRegisteredTitle, { runtime: name() }),
        detail: t(M.notRegisteredDetail, { what: what() }),
        links: [key],
      }),
    },
  ];
}

const RUNTIME_RULES: readonly AdviceRule[] = [
  ...runtimeRules(
    'gvisor',
    () => 'gVisor',
    () => t(M.gvisorWhat, { program: 'runsc' }),
  ),
  ...runtimeRules(
    'kata',
    () => 'Kata Containers',
    () => t(M.kataWhat),
  ),
  {
    id: 'container-runtime-suggest',
    topic: 'containers',
    severity: 'info',
    evidence: [
      'containers.docker.installed',
      'containers.podman.installed',
      'containers.gvisor.installed',
      'containers.kata.installed',
    ],
    when: ({ containers: c }) => (c.docker.installed || c.podman.installed) && !c.gvisor.installed && !c.kata.installed,
    advise: () => ({
      title: t(M.suggestTitle),
      detail: t(M.suggestDetail),
      links: ['gvisor', 'kata'],
    }),
  },
  {
    id: 'no-containers',
    topic: 'containers',
    severity: 'ok',
    evidence: ['containers.docker.installed', 'containers.podman.installed'],
    when: ({ containers: c }) => !c.docker.installed && !c.podman.installed,
    advise: () => ({ title: t(M.noContainersTitle), detail: t(M.noContainersDetail) }),
  },
];

/** Firejail, own profiles and containers, in the order the System page's cards show them. */
export const TOOL_RULES: readonly AdviceRule[] = [
  ...FIREJAIL_RULES,
  ...PROFILE_RULES,
  ...DOCKER_RULES,
  ...PODMAN_RULES,
  ...RUNTIME_RULES,
];
