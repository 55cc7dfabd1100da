// Advice on the rest of the sandboxing landscape, from the guide Confine is built on: Firejail
// is not recommended (a large setuid-root program); own AppArmor/SELinux/bubblewrap profiles,
// with the reference collections it names; Docker's root daemon and group, rootless and
// daemonless Podman, the gVisor and Kata runtimes. A table of rules: see ./rules.ts.

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

const list = (names: readonly string[]) =>
  names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;

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
        title: 'Firejail runs as root',
        detail: `${path} is a large setuid-root program: a flaw in it can hand root to any program on this computer, so it can make the machine less safe from everything that runs outside it. Confine programs with Flatpak, whose sandbox needs no setuid program, and with AppArmor or SELinux profiles instead.${wrapped.length ? ` Firejail now starts ${list(wrapped)}; undo that first.` : ''}`,
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
      title: 'Firejail without setuid',
      detail: `${f.firejail.installed ? f.firejail.path : ''} is installed but not setuid root, so it cannot build its sandbox for other users; it is no risk this way.`,
    }),
  },
  {
    id: 'firejail-absent',
    topic: 'firejail',
    severity: 'ok',
    evidence: ['firejail.installed'],
    when: (f) => !f.firejail.installed,
    advise: () => ({
      title: 'No Firejail',
      detail: 'Firejail is not installed. Good: it is a setuid-root program with a large attack surface.',
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
      title: `${p.covered.filter((c) => c.kind === 'desktop').length} of ${p.desktopPrograms} desktop programs have a profile`,
      detail: `Programs installed from packages run unconfined unless an AppArmor profile names them.${p.apparmorLoaded === null ? ' Whether the profiles in /etc/apparmor.d are loaded needs administrator rights to tell.' : ''}`,
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
      const each = loosened(f).map((b) => `${b.name} is ${b.active ? 'on' : 'off'}`);
      return {
        title: 'SELinux could confine your session more tightly',
        detail: `${each.join(', ')}. Each is a trade: the stricter value can break programs that need it, so change one, then use the computer for a while.`,
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
      title: 'Your own programs run unconfined',
      detail:
        'The targeted policy confines system services; what you start runs as unconfined_t. Confined SELinux users (user_u, staff_u) exist but need care to set up.',
    }),
  },
  {
    id: 'own-profiles-references',
    topic: 'profiles',
    severity: 'info',
    evidence: [],
    when: () => true,
    advise: () => ({
      title: 'Writing your own profiles',
      detail:
        'For finer confinement you can write AppArmor profiles, SELinux policies, bubblewrap scripts and seccomp filters. It is tedious; these projects are good references.',
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
      title: 'The Docker daemon runs as root',
      detail:
        'One daemon, running as root, controls every container: a flaw in it, or anyone who can reach its socket, controls the computer, and if it crashes every container stops. Docker is no proper sandbox either: containers share the host kernel. Rootless Docker, or rootless and daemonless Podman, avoid the root daemon.',
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
      const one = members.length === 1;
      return {
        title: 'The docker group is as good as root',
        detail: `${list(members)} ${one ? 'is' : 'are'} in the docker group: ${one ? 'that account' : 'those accounts'} can start a container that mounts / and change any file, without a password.`,
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
      title: 'Podman can run rootless',
      detail: `${c.user ?? 'You'} can run containers without root and without a daemon, so one crashing does not take the others down.${c.podman.rootlessInUse ? ' Rootless containers are in use.' : ''}`,
    }),
  },
  {
    id: 'podman-rootless-setup',
    topic: 'containers',
    severity: 'info',
    evidence: ['containers.podman.installed', 'containers.podman.rootlessReady', 'containers.user'],
    when: (f) => f.containers.podman.installed && !f.containers.podman.rootlessReady,
    advise: ({ containers: c }) => ({
      title: 'Rootless Podman needs ID ranges',
      detail: `/etc/subuid and /etc/subgid give ${c.user ?? 'this user'} no range of IDs, which rootless containers need.`,
      command: c.user ? `sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 ${c.user}` : undefined,
      links: ['podman-rootless'],
    }),
  },
];

/** A sandboxing runtime's two rules: registered with an engine, or only installed. */
function runtimeRules(key: 'gvisor' | 'kata', name: string, what: string): AdviceRule[] {
  const runtime = (f: Facts): Containers['gvisor'] => f.containers[key];
  return [
    {
      id: `${key}-registered`,
      topic: 'containers',
      severity: 'ok',
      evidence: [`containers.${key}.registeredWith`],
      when: (f) => runtime(f).registeredWith.length > 0,
      advise: (f) => ({
        title: `${name} is ready`,
        detail: `${what} It is registered with ${runtime(f).registeredWith.join(' and ')}; containers use it when asked to (--runtime).`,
      }),
    },
    {
      id: `${key}-not-registered`,
      topic: 'containers',
      severity: 'info',
      evidence: [`containers.${key}.installed`, `containers.${key}.registeredWith`],
      when: (f) => runtime(f).registeredWith.length === 0 && runtime(f).installed,
      advise: () => ({
        title: `${name} is installed but not registered`,
        detail: `${what} No container engine here knows it as a runtime yet.`,
        links: [key],
      }),
    },
  ];
}

const RUNTIME_RULES: readonly AdviceRule[] = [
  ...runtimeRules(
    'gvisor',
    'gVisor',
    'gVisor’s runsc gives each container an application kernel of its own, so far fewer system calls reach the host kernel.',
  ),
  ...runtimeRules(
    'kata',
    'Kata Containers',
    'Kata runs each container in a small virtual machine with its own kernel, isolated from the host.',
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
      title: 'Stronger container runtimes',
      detail:
        'Containers share the host’s kernel. gVisor (an application kernel) or Kata Containers (a virtual machine per container) put more between them and it.',
      links: ['gvisor', 'kata'],
    }),
  },
  {
    id: 'no-containers',
    topic: 'containers',
    severity: 'ok',
    evidence: ['containers.docker.installed', 'containers.podman.installed'],
    when: ({ containers: c }) => !c.docker.installed && !c.podman.installed,
    advise: () => ({ title: 'No container engine', detail: 'Neither Docker nor Podman is installed.' }),
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
