// Advice on the machine's protection, following the guide Confine is built on: keep SELinux
// enforcing and never disable it, stick to the distribution's default, set up MAC by hand on
// Arch; plus what makes Flatpak's own sandbox weaker. Commands are shown, never run.

import { adviseTools } from './advice-tools';
import type { Advice, AdviceSeverity, SystemStatus, Unreadable } from './model';

export type Facts = Omit<SystemStatus, 'verdict' | 'advice'>;

const RANK: Readonly<Record<AdviceSeverity, number>> = { ok: 0, info: 1, warning: 2, critical: 3 };
/** Problems first, then what is well, then notes. */
const SHOWN_ORDER: Readonly<Record<AdviceSeverity, number>> = { critical: 0, warning: 1, ok: 2, info: 3 };

const VERDICT_TOPICS: ReadonlySet<Advice['topic']> = new Set(['selinux', 'apparmor', 'sandbox', 'machine']);

const DISTRO_MAC_NAME = { selinux: 'SELinux', apparmor: 'AppArmor' } as const;

function distroName(f: Facts): string {
  return f.distro?.prettyName ?? f.distro?.id ?? 'this system';
}

export function adviseSystem(f: Facts): { verdict: SystemStatus['verdict']; advice: Advice[] } {
  const advice: Advice[] = [];
  const add = (a: Advice) => advice.push(a);
  const def = f.distro?.defaultMac ?? 'unknown';
  const selinuxOn = f.selinux.state === 'enforcing' || f.selinux.state === 'permissive';
  const apparmorOn = f.apparmor.state === 'enabled';

  if (f.unread) {
    const { notes, more } = f.unread;
    add({
      topic: 'machine',
      id: 'files-not-read',
      severity: 'info',
      title: 'Some files were not read',
      detail: `Confine reads only regular files of a sensible size, and only inside the folder it reads: ${notes.join('; ')}${more ? `; and ${more} more` : ''}.`,
    });
  }
  if (f.container === 'flatpak') {
    add({
      topic: 'machine',
      id: 'app-is-sandboxed',
      severity: 'info',
      title: 'Confine runs inside Flatpak',
      detail:
        'Its own sandbox hides the host’s /sys/fs/selinux, /sys/module and /sys/kernel/security, so SELinux and AppArmor cannot be read from here and show as unknown. To see them, run “confine mac” from a Confine installed outside Flatpak (from its source or a package), or the command below in a terminal on the host: it lists the security modules the kernel runs. Confine does not ask for flatpak-spawn --host, which would let it run any command outside its sandbox.',
      command: 'cat /sys/kernel/security/lsm',
    });
  } else if (f.container) {
    add({
      topic: 'machine',
      id: 'in-container',
      severity: 'info',
      title: `Confine runs in a ${f.container === 'other' ? '' : `${f.container} `}container`,
      detail:
        'A container hides most of the host’s security settings: what is shown here is what the container sees, not necessarily the machine.',
    });
  }

  // SELinux.
  if (f.selinux.state === 'enforcing') {
    add({
      topic: 'selinux',
      id: 'selinux-keep-enforcing',
      severity: 'ok',
      title: 'SELinux is enforcing',
      detail: `SELinux enforces the ${f.selinux.policy} policy. Keep it that way: it confines system services, so a flaw in one does less harm.`,
    });
    if (f.selinux.toolsReportDisabled) {
      add({
        topic: 'selinux',
        id: 'selinux-tools-say-disabled',
        severity: 'info',
        title: 'getenforce may say “Disabled”',
        detail:
          f.selinux.configMode === null
            ? 'There is no /etc/selinux/config, so SELinux tools report it as disabled although the kernel enforces a policy.'
            : 'selinuxfs is mounted read-only here, so SELinux tools report it as disabled although the kernel enforces a policy.',
      });
    }
  } else if (f.selinux.state === 'permissive') {
    add({
      topic: 'selinux',
      id: 'selinux-set-enforcing',
      severity: 'warning',
      title: 'SELinux only logs',
      detail:
        'In permissive mode SELinux reports what it would block but blocks nothing. Switch it back to enforcing; permissive is for finding a problem, not for daily use.',
      command: 'sudo setenforce 1',
    });
    if (f.selinux.configMode === 'permissive') {
      add({
        topic: 'selinux',
        id: 'selinux-config-permissive',
        severity: 'warning',
        title: 'Permissive after every boot',
        detail:
          '/etc/selinux/config sets SELINUX=permissive, so SELinux starts in permissive mode each time. Set it to enforcing.',
        command: "sudo sed -i 's/^SELINUX=.*/SELINUX=enforcing/' /etc/selinux/config",
      });
    }
    if (f.selinux.runtimeDiffersFromConfig) {
      add({
        topic: 'selinux',
        id: 'selinux-runtime-differs-from-config',
        severity: 'info',
        title: 'Changed since boot',
        detail: `The configuration says ${f.selinux.configMode ?? 'something else'}, but SELinux was switched to permissive while running (setenforce 0 or enforcing=0 at boot).`,
      });
    }
  } else if (
    def === 'selinux' &&
    (f.selinux.state === 'disabled' || f.selinux.state === 'absent') &&
    !apparmorOn &&
    f.container === null
  ) {
    add({
      topic: 'selinux',
      id: 'selinux-do-not-disable',
      severity: 'critical',
      title: 'SELinux is off',
      detail: `${distroName(f)} is built to run with SELinux enforcing. Do not disable it: turn it back on.`,
    });
    add({
      topic: 'selinux',
      id: 'selinux-reenable-needs-relabel',
      severity: 'info',
      title: 'Turning SELinux back on',
      detail:
        'Remove selinux=0 from the kernel command line, set SELINUX=enforcing, and relabel the files at the next boot, since files made while SELinux was off carry no labels.',
      command:
        "sudo grubby --update-kernel ALL --remove-args selinux && sudo sed -i 's/^SELINUX=.*/SELINUX=enforcing/' /etc/selinux/config && sudo touch /.autorelabel && sudo reboot",
    });
  }

  for (const [name, st] of [
    ['SELinux', f.selinux],
    ['AppArmor', f.apparmor],
  ] as const) {
    if (st.state === 'unknown' && st.reason !== 'sandboxed') {
      add({
        topic: name === 'SELinux' ? 'selinux' : 'apparmor',
        id: `${name.toLowerCase()}-unreadable`,
        severity: 'info',
        title: `${name} could not be read`,
        detail: unreadableDetail(name, st.reason),
      });
    }
  }

  // AppArmor.
  if (f.apparmor.state === 'enabled') {
    if (f.apparmor.noPolicyLoaded) {
      add({
        topic: 'apparmor',
        id: 'apparmor-no-policy-loaded',
        severity: 'warning',
        title: 'AppArmor has no profiles loaded',
        detail:
          'AppArmor is on but confines nothing: its profiles were not loaded (the apparmor service is not running).',
        command: 'sudo systemctl enable --now apparmor',
      });
    } else {
      const p = f.apparmor.profiles;
      add({
        topic: 'apparmor',
        id: 'apparmor-keep',
        severity: 'ok',
        title: 'AppArmor is on',
        detail: p
          ? `${p.enforce} of ${p.total} profiles enforce, ${p.complain} only complain. Keep it on.`
          : 'AppArmor confines the programs it has profiles for. Keep it on.',
      });
      if (!p && f.apparmor.profilesUnavailable === 'needs-root') {
        add({
          topic: 'apparmor',
          id: 'apparmor-details-need-root',
          severity: 'info',
          title: 'Profile counts need administrator rights',
          detail: 'The kernel shows the list of AppArmor profiles to root only.',
          command: 'sudo aa-status',
        });
      }
    }
  } else if (
    (def === 'apparmor' || def === 'either') &&
    !selinuxOn &&
    f.apparmor.state !== 'unknown' &&
    f.container === null
  ) {
    // A container sees the host's kernel, so what it lacks says nothing about the distribution inside.
    const who = `${distroName(f)} ships AppArmor to confine its programs`;
    if (f.apparmor.state === 'absent') {
      add({
        topic: 'apparmor',
        id: 'apparmor-missing-from-kernel',
        severity: 'warning',
        title: 'This kernel has no AppArmor',
        detail: `${who}, but the running kernel was built without it. Boot the distribution’s own kernel.`,
      });
    } else if (f.apparmor.reason === 'disabled-on-cmdline') {
      add({
        topic: 'apparmor',
        id: 'apparmor-enable',
        severity: 'warning',
        title: 'AppArmor is turned off at boot',
        detail: `${who}, and apparmor=0 on the kernel command line turns it off. Remove it from GRUB_CMDLINE_LINUX in /etc/default/grub and restart.`,
        ...(f.distro?.family === 'debian' || f.distro?.family === 'ubuntu'
          ? { command: 'sudoedit /etc/default/grub && sudo update-grub' }
          : {}),
      });
    } else {
      add({
        topic: 'apparmor',
        id: 'apparmor-enable',
        severity: 'warning',
        title: 'AppArmor is not selected at boot',
        detail: `${who}. The kernel has it, but the lsm= or security= boot parameter leaves it out: add apparmor to lsm= (or drop the parameter) and restart.`,
      });
    }
  }

  // The distribution's default.
  const activeMac = f.active === 'selinux' || f.active === 'apparmor' ? f.active : undefined;
  if (f.distro?.family === 'opensuse-tumbleweed') {
    add({
      topic: 'machine',
      id: 'tumbleweed-either-is-fine',
      severity: 'info',
      title: 'Either is fine on Tumbleweed',
      detail:
        'New Tumbleweed installs use SELinux since 2025; older ones use AppArmor. Stick with the one your install came with.',
    });
  } else if (activeMac && (def === 'selinux' || def === 'apparmor') && def !== activeMac) {
    add({
      topic: 'machine',
      id: 'stick-to-distro-default',
      severity: 'info',
      title: `${distroName(f)} ships ${DISTRO_MAC_NAME[def]}`,
      detail: `This system runs ${DISTRO_MAC_NAME[activeMac]} instead. The policy your distribution maintains is the one that gets fixed and updated; prefer it.`,
    });
  }
  if (f.distro?.family === 'arch' && f.active === 'none') {
    add({
      topic: 'machine',
      id: 'arch-manual-mac-setup',
      severity: 'info',
      title: 'Arch leaves MAC to you',
      detail:
        'Arch ships no mandatory access control by default. AppArmor is built into its kernels: add it to the lsm= kernel parameter, install the apparmor package and enable its service (SELinux is possible too, from the ArchWiki).',
      command:
        'lsm=landlock,lockdown,yama,integrity,apparmor,bpf  # on the kernel command line, then: sudo pacman -S apparmor && sudo systemctl enable --now apparmor',
    });
  } else if (f.active === 'none' && def !== 'selinux' && def !== 'apparmor' && f.container === null) {
    add({
      topic: 'machine',
      id: 'no-mac',
      severity: 'info',
      title: 'No mandatory access control',
      detail: 'Neither SELinux nor AppArmor is active. Programs installed from packages run unconfined.',
    });
  }

  // Flatpak's own footing.
  if (f.userns.usable === 'no') {
    add({
      topic: 'sandbox',
      id: 'userns-disabled',
      severity: 'warning',
      title: 'User namespaces are off',
      detail:
        'Flatpak builds its sandbox from unprivileged user namespaces. With them off it needs a setuid bubblewrap, and some apps will not run.',
      command: 'sudo sysctl -w user.max_user_namespaces=15000',
    });
  }
  for (const b of f.bwrap.filter((x) => x.setuid)) {
    add({
      topic: 'sandbox',
      id: 'bwrap-setuid',
      severity: 'warning',
      title: 'bubblewrap is setuid',
      detail: `${b.path} runs with root rights to build sandboxes. That is deprecated and a larger target; some Flatpak features are off in this mode.`,
    });
  }
  if (f.yamaPtraceScope === 0) {
    add({
      topic: 'sandbox',
      id: 'yama-ptrace-classic',
      severity: 'info',
      title: 'Any program can inspect your others',
      detail:
        'Yama’s ptrace_scope is 0, so any program of yours can attach to and read your other programs. 1 limits that to a program’s own children.',
      command: 'sudo sysctl -w kernel.yama.ptrace_scope=1',
    });
  }
  adviseTools(f, add);
  add({
    topic: 'sandbox',
    id: 'flatpak-isolation-is-not-mac',
    severity: 'info',
    title: 'Flatpak is not MAC',
    detail:
      'Flatpak keeps apps apart with namespaces, a seccomp filter and portals. SELinux and AppArmor confine the rest of the system; the two complement each other.',
  });

  // The verdict is about SELinux, AppArmor and Flatpak's footing; the other tools have their cards.
  const worst = advice
    .filter((a) => VERDICT_TOPICS.has(a.topic))
    .reduce<AdviceSeverity>((w, a) => (RANK[a.severity] > RANK[w] ? a.severity : w), 'ok');
  // Notes do not make a protected machine look less so, nor an unprotected one look fine.
  const level: AdviceSeverity = RANK[worst] >= RANK.warning ? worst : protectedByMac(f) ? 'ok' : 'info';
  return {
    verdict: { level, text: verdictText(f) },
    advice: advice.sort((a, b) => SHOWN_ORDER[a.severity] - SHOWN_ORDER[b.severity]),
  };
}

function unreadableDetail(name: string, reason: Unreadable): string {
  if (reason === 'needs-root') return `Reading ${name}’s state was refused; administrator rights may show it.`;
  if (reason === 'refused')
    return `Confine did not read ${name}’s state: the file is not a regular file, is too large, or is a link loop (see the note on files not read).`;
  return `Reading ${name}’s state failed with an input/output error.`;
}

function protectedByMac(f: Facts): boolean {
  return (
    f.selinux.state === 'enforcing' ||
    (f.apparmor.state === 'enabled' && !f.apparmor.noPolicyLoaded) ||
    f.active === 'other'
  );
}

function verdictText(f: Facts): string {
  if (f.selinux.state === 'enforcing') return `Protected: SELinux is enforcing the ${f.selinux.policy} policy.`;
  if (f.selinux.state === 'permissive') return 'At risk: SELinux is on but only logs, blocking nothing.';
  if (f.apparmor.state === 'enabled') {
    if (f.apparmor.noPolicyLoaded) return 'At risk: AppArmor is on but has no profiles loaded.';
    return f.apparmor.profiles
      ? `Protected: AppArmor enforces ${f.apparmor.profiles.enforce} profiles.`
      : 'Protected: AppArmor is on.';
  }
  if (f.active === 'other')
    return `Protected by ${f.lsm?.find((l) => l === 'smack' || l === 'tomoyo') ?? 'another'} security module.`;
  if (f.container === 'flatpak')
    return 'Unknown: Confine runs inside Flatpak and cannot see the host’s SELinux or AppArmor from there.';
  if (f.active === 'unknown')
    return `Unknown: Confine could not read whether ${f.selinux.state === 'unknown' ? 'SELinux' : 'AppArmor'} is on.`;
  if (f.container)
    return `No mandatory access control is visible from inside this ${f.container === 'other' ? '' : `${f.container} `}container.`;
  const def = f.distro?.defaultMac;
  if (def === 'selinux' || def === 'apparmor')
    return `Not protected: ${DISTRO_MAC_NAME[def]} is off, though ${distroName(f)} ships it.`;
  return 'No mandatory access control is active.';
}
