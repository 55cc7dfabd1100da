// Advice on the rest of the sandboxing landscape, from the guide Confine is built on: Firejail
// is not recommended (a large setuid-root program); own AppArmor/SELinux/bubblewrap profiles,
// with the reference collections it names; Docker's root daemon and group, rootless and
// daemonless Podman, the gVisor and Kata runtimes.

import type { Advice, DistroInfo, SystemStatus } from './model';

type Facts = Omit<SystemStatus, 'verdict' | 'advice'>;

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

export function adviseTools(f: Facts, add: (a: Advice) => void): void {
  // Firejail.
  const fj = f.firejail;
  if (fj.installed && fj.setuidRoot) {
    const remove = removeCommand(f.distro, 'firejail');
    const clean = fj.wrapped.length > 0 ? 'sudo firecfg --clean' : undefined;
    add({
      topic: 'firejail',
      id: 'firejail-setuid',
      severity: 'warning',
      title: 'Firejail runs as root',
      detail: `${fj.path} is a large setuid-root program: a flaw in it can hand root to any program on this computer, so it can make the machine less safe from everything that runs outside it. Confine programs with Flatpak, whose sandbox needs no setuid program, and with AppArmor or SELinux profiles instead.${fj.wrapped.length ? ` Firejail now starts ${list(fj.wrapped)}; undo that first.` : ''}`,
      ...(remove || clean ? { command: [clean, remove].filter(Boolean).join(' && ') } : {}),
      links: ['firejail-risks'],
    });
  } else if (fj.installed) {
    add({
      topic: 'firejail',
      id: 'firejail-not-setuid',
      severity: 'info',
      title: 'Firejail without setuid',
      detail: `${fj.path} is installed but not setuid root, so it cannot build its sandbox for other users; it is no risk this way.`,
    });
  } else {
    add({
      topic: 'firejail',
      id: 'firejail-absent',
      severity: 'ok',
      title: 'No Firejail',
      detail: 'Firejail is not installed. Good: it is a setuid-root program with a large attack surface.',
    });
  }

  // Own profiles.
  const p = f.profiles;
  const loaded = p.apparmorLoaded;
  if (f.apparmor.state === 'enabled' && p.desktopPrograms > 0) {
    const desktop = p.covered.filter((c) => c.kind === 'desktop');
    add({
      topic: 'profiles',
      id: 'apparmor-desktop-coverage',
      severity: 'info',
      title: `${desktop.length} of ${p.desktopPrograms} desktop programs have a profile`,
      detail: `Programs installed from packages run unconfined unless an AppArmor profile names them.${loaded === null ? ' Whether the profiles in /etc/apparmor.d are loaded needs administrator rights to tell.' : ''}`,
    });
  }
  const loosened = p.selinuxBooleans.filter((b) => b.active !== b.saferValue);
  if (loosened.length > 0) {
    const first = loosened[0];
    add({
      topic: 'profiles',
      id: 'selinux-booleans-looser',
      severity: 'info',
      title: 'SELinux could confine your session more tightly',
      detail: `${loosened.map((b) => `${b.name} is ${b.active ? 'on' : 'off'}`).join(', ')}. Each is a trade: the stricter value can break programs that need it, so change one, then use the computer for a while.`,
      ...(first ? { command: `sudo setsebool -P ${first.name} ${first.saferValue ? 'on' : 'off'}` } : {}),
    });
  }
  const context = f.selinux.state === 'enforcing' || f.selinux.state === 'permissive' ? f.selinux.processContext : null;
  if (context?.split(':')[2] === 'unconfined_t') {
    add({
      topic: 'profiles',
      id: 'selinux-user-unconfined',
      severity: 'info',
      title: 'Your own programs run unconfined',
      detail:
        'The targeted policy confines system services; what you start runs as unconfined_t. Confined SELinux users (user_u, staff_u) exist but need care to set up.',
    });
  }
  add({
    topic: 'profiles',
    id: 'own-profiles-references',
    severity: 'info',
    title: 'Writing your own profiles',
    detail:
      'For finer confinement you can write AppArmor profiles, SELinux policies, bubblewrap scripts and seccomp filters. It is tedious; these projects are good references.',
    links: ['apparmor-everything', 'krathalan-apparmor', 'hardhat-selinux', 'bwrap-scripts'],
  });

  // Containers.
  const c = f.containers;
  const rootDaemon = c.docker.daemonAsRoot === true || c.docker.sockets.some((s) => !s.rootless);
  if (c.docker.installed && rootDaemon) {
    add({
      topic: 'containers',
      id: 'docker-root-daemon',
      severity: 'warning',
      title: 'The Docker daemon runs as root',
      detail:
        'One daemon, running as root, controls every container: a flaw in it, or anyone who can reach its socket, controls the computer, and if it crashes every container stops. Docker is no proper sandbox either: containers share the host kernel. Rootless Docker, or rootless and daemonless Podman, avoid the root daemon.',
      command: 'dockerd-rootless-setuptool.sh install',
      links: ['docker-rootless', 'podman-rootless'],
    });
  }
  if (c.docker.groupMembers && c.docker.groupMembers.length > 0 && rootDaemon) {
    const first = c.docker.groupMembers[0] ?? '';
    add({
      topic: 'containers',
      id: 'docker-group-root-equivalent',
      severity: 'warning',
      title: 'The docker group is as good as root',
      detail: `${list(c.docker.groupMembers)} ${c.docker.groupMembers.length === 1 ? 'is' : 'are'} in the docker group: ${c.docker.groupMembers.length === 1 ? 'that account' : 'those accounts'} can start a container that mounts / and change any file, without a password.`,
      command: `sudo gpasswd -d ${first} docker`,
    });
  }
  if (c.podman.installed && c.podman.rootlessReady) {
    add({
      topic: 'containers',
      id: 'podman-rootless',
      severity: 'ok',
      title: 'Podman can run rootless',
      detail: `${c.user ?? 'You'} can run containers without root and without a daemon, so one crashing does not take the others down.${c.podman.rootlessInUse ? ' Rootless containers are in use.' : ''}`,
    });
  } else if (c.podman.installed) {
    add({
      topic: 'containers',
      id: 'podman-rootless-setup',
      severity: 'info',
      title: 'Rootless Podman needs ID ranges',
      detail: `/etc/subuid and /etc/subgid give ${c.user ?? 'this user'} no range of IDs, which rootless containers need.`,
      ...(c.user ? { command: `sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 ${c.user}` } : {}),
      links: ['podman-rootless'],
    });
  }
  for (const [runtime, name, detail, link] of [
    [
      c.gvisor,
      'gVisor',
      'gVisor’s runsc gives each container an application kernel of its own, so far fewer system calls reach the host kernel.',
      'gvisor',
    ],
    [
      c.kata,
      'Kata Containers',
      'Kata runs each container in a small virtual machine with its own kernel, isolated from the host.',
      'kata',
    ],
  ] as const) {
    if (runtime.registeredWith.length > 0) {
      add({
        topic: 'containers',
        id: `${link}-registered`,
        severity: 'ok',
        title: `${name} is ready`,
        detail: `${detail} It is registered with ${runtime.registeredWith.join(' and ')}; containers use it when asked to (--runtime).`,
      });
    } else if (runtime.installed) {
      add({
        topic: 'containers',
        id: `${link}-not-registered`,
        severity: 'info',
        title: `${name} is installed but not registered`,
        detail: `${detail} No container engine here knows it as a runtime yet.`,
        links: [link],
      });
    }
  }
  if ((c.docker.installed || c.podman.installed) && !c.gvisor.installed && !c.kata.installed) {
    add({
      topic: 'containers',
      id: 'container-runtime-suggest',
      severity: 'info',
      title: 'Stronger container runtimes',
      detail:
        'Containers share the host’s kernel. gVisor (an application kernel) or Kata Containers (a virtual machine per container) put more between them and it.',
      links: ['gvisor', 'kata'],
    });
  }
  if (!c.docker.installed && !c.podman.installed) {
    add({
      topic: 'containers',
      id: 'no-containers',
      severity: 'ok',
      title: 'No container engine',
      detail: 'Neither Docker nor Podman is installed.',
    });
  }
}
