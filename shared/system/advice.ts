// Advice on the machine's protection, following the guide Confine is built on: keep SELinux
// enforcing and never disable it, stick to the distribution's default, set up MAC by hand on
// Arch; plus what makes Flatpak's own sandbox weaker. Commands are shown, never run. A table
// of rules (./rules.ts); the sandboxing tools' rules are in ./advice-tools.ts.

import { TOOL_RULES } from './advice-tools';
import type { Advice, AdviceSeverity, SystemStatus, Unreadable } from './model';
import { runRules, type AdviceRule, type Facts } from './rules';

export type { Facts } from './rules';

const RANK: Readonly<Record<AdviceSeverity, number>> = { ok: 0, info: 1, warning: 2, critical: 3 };

const VERDICT_TOPICS: ReadonlySet<Advice['topic']> = new Set(['selinux', 'apparmor', 'sandbox', 'machine']);

const DISTRO_MAC_NAME = { selinux: 'SELinux', apparmor: 'AppArmor' } as const;

function distroName(f: Facts): string {
  return f.distro?.prettyName ?? f.distro?.id ?? 'this system';
}

const defaultMac = (f: Facts) => f.distro?.defaultMac ?? 'unknown';
const selinuxOn = (f: Facts) => f.selinux.state === 'enforcing' || f.selinux.state === 'permissive';
/** SELINUX= of /etc/selinux/config, null where there is no such file or SELinux is absent. */
const configMode = ({ selinux }: Facts) => ('configMode' in selinux ? selinux.configMode : null);
const containerName = (f: Facts) => (f.container === 'other' || f.container === null ? '' : `${f.container} `);

const MACHINE_RULES: readonly AdviceRule[] = [
  {
    id: 'files-not-read',
    topic: 'machine',
    severity: 'info',
    evidence: ['unread'],
    when: (f) => f.unread !== undefined,
    advise: ({ unread }) => ({
      title: 'Some files were not read',
      detail: `Confine reads only regular files of a sensible size, and only inside the folder it reads: ${unread?.notes.join('; ')}${unread?.more ? `; and ${unread.more} more` : ''}.`,
    }),
  },
  {
    id: 'app-is-sandboxed',
    topic: 'machine',
    severity: 'info',
    evidence: ['container'],
    when: (f) => f.container === 'flatpak',
    advise: () => ({
      title: 'Confine runs inside Flatpak',
      detail:
        'Its own sandbox hides the host’s /sys/fs/selinux, /sys/module and /sys/kernel/security, so SELinux and AppArmor cannot be read from here and show as unknown. To see them, run “confine mac” from a Confine installed outside Flatpak (from its source or a package), or the command below in a terminal on the host: it lists the security modules the kernel runs. Confine does not ask for flatpak-spawn --host, which would let it run any command outside its sandbox.',
      command: 'cat /sys/kernel/security/lsm',
    }),
  },
  {
    id: 'in-container',
    topic: 'machine',
    severity: 'info',
    evidence: ['container'],
    when: (f) => f.container !== null && f.container !== 'flatpak',
    advise: (f) => ({
      title: `Confine runs in a ${containerName(f)}container`,
      detail:
        'A container hides most of the host’s security settings: what is shown here is what the container sees, not necessarily the machine.',
    }),
  },
];

const SELINUX_ON_RULES: readonly AdviceRule[] = [
  {
    id: 'selinux-keep-enforcing',
    topic: 'selinux',
    severity: 'ok',
    evidence: ['selinux.state', 'selinux.policy'],
    when: (f) => f.selinux.state === 'enforcing',
    advise: ({ selinux }) => ({
      title: 'SELinux is enforcing',
      detail: `SELinux enforces the ${selinux.state === 'enforcing' ? selinux.policy : ''} policy. Keep it that way: it confines system services, so a flaw in one does less harm.`,
    }),
  },
  {
    id: 'selinux-tools-say-disabled',
    topic: 'selinux',
    severity: 'info',
    evidence: ['selinux.state', 'selinux.toolsReportDisabled', 'selinux.configMode'],
    when: (f) => f.selinux.state === 'enforcing' && f.selinux.toolsReportDisabled,
    advise: (f) => ({
      title: 'getenforce may say “Disabled”',
      detail:
        configMode(f) === null
          ? 'There is no /etc/selinux/config, so SELinux tools report it as disabled although the kernel enforces a policy.'
          : 'selinuxfs is mounted read-only here, so SELinux tools report it as disabled although the kernel enforces a policy.',
    }),
  },
  {
    id: 'selinux-set-enforcing',
    topic: 'selinux',
    severity: 'warning',
    evidence: ['selinux.state'],
    when: (f) => f.selinux.state === 'permissive',
    advise: () => ({
      title: 'SELinux only logs',
      detail:
        'In permissive mode SELinux reports what it would block but blocks nothing. Switch it back to enforcing; permissive is for finding a problem, not for daily use.',
      command: 'sudo setenforce 1',
    }),
  },
  {
    id: 'selinux-config-permissive',
    topic: 'selinux',
    severity: 'warning',
    evidence: ['selinux.state', 'selinux.configMode'],
    when: (f) => f.selinux.state === 'permissive' && f.selinux.configMode === 'permissive',
    advise: () => ({
      title: 'Permissive after every boot',
      detail:
        '/etc/selinux/config sets SELINUX=permissive, so SELinux starts in permissive mode each time. Set it to enforcing.',
      command: "sudo sed -i 's/^SELINUX=.*/SELINUX=enforcing/' /etc/selinux/config",
    }),
  },
  {
    id: 'selinux-runtime-differs-from-config',
    topic: 'selinux',
    severity: 'info',
    evidence: ['selinux.state', 'selinux.runtimeDiffersFromConfig', 'selinux.configMode'],
    when: (f) => f.selinux.state === 'permissive' && f.selinux.runtimeDiffersFromConfig,
    advise: (f) => ({
      title: 'Changed since boot',
      detail: `The configuration says ${configMode(f) ?? 'something else'}, but SELinux was switched to permissive while running (setenforce 0 or enforcing=0 at boot).`,
    }),
  },
];

/** SELinux is off on a host whose distribution is built around it, and nothing else confines it. */
const selinuxWrongfullyOff = (f: Facts) =>
  defaultMac(f) === 'selinux' &&
  (f.selinux.state === 'disabled' || f.selinux.state === 'absent') &&
  f.apparmor.state !== 'enabled' &&
  f.container === null;

const SELINUX_OFF_EVIDENCE = ['distro.defaultMac', 'selinux.state', 'apparmor.state', 'container'];

const SELINUX_OFF_RULES: readonly AdviceRule[] = [
  {
    id: 'selinux-do-not-disable',
    topic: 'selinux',
    severity: 'critical',
    evidence: [...SELINUX_OFF_EVIDENCE, 'distro.prettyName'],
    when: selinuxWrongfullyOff,
    advise: (f) => ({
      title: 'SELinux is off',
      detail: `${distroName(f)} is built to run with SELinux enforcing. Do not disable it: turn it back on.`,
    }),
  },
  {
    id: 'selinux-reenable-needs-relabel',
    topic: 'selinux',
    severity: 'info',
    evidence: SELINUX_OFF_EVIDENCE,
    when: selinuxWrongfullyOff,
    advise: () => ({
      title: 'Turning SELinux back on',
      detail:
        'Remove selinux=0 from the kernel command line, set SELINUX=enforcing, and relabel the files at the next boot, since files made while SELinux was off carry no labels.',
      command:
        "sudo grubby --update-kernel ALL --remove-args selinux && sudo sed -i 's/^SELINUX=.*/SELINUX=enforcing/' /etc/selinux/config && sudo touch /.autorelabel && sudo reboot",
    }),
  },
];

function unreadableDetail(name: string, reason: Unreadable): string {
  if (reason === 'needs-root') return `Reading ${name}’s state was refused; administrator rights may show it.`;
  if (reason === 'refused')
    return `Confine did not read ${name}’s state: the file is not a regular file, is too large, or is a link loop (see the note on files not read).`;
  return `Reading ${name}’s state failed with an input/output error.`;
}

/** Inside Flatpak both are unknown by design, and app-is-sandboxed says why. */
function unreadableRule(key: 'selinux' | 'apparmor', name: string): AdviceRule {
  return {
    id: `${key}-unreadable`,
    topic: key,
    severity: 'info',
    evidence: [`${key}.state`, `${key}.reason`],
    when: (f) => {
      const st = f[key];
      return st.state === 'unknown' && st.reason !== 'sandboxed';
    },
    advise: (f) => {
      const st = f[key];
      return {
        title: `${name} could not be read`,
        detail: unreadableDetail(name, st.state === 'unknown' ? st.reason : 'io-error'),
      };
    },
  };
}

const apparmorWorks = (f: Facts) => f.apparmor.state === 'enabled' && !f.apparmor.noPolicyLoaded;

const APPARMOR_ON_RULES: readonly AdviceRule[] = [
  {
    id: 'apparmor-no-policy-loaded',
    topic: 'apparmor',
    severity: 'warning',
    evidence: ['apparmor.state', 'apparmor.noPolicyLoaded'],
    when: (f) => f.apparmor.state === 'enabled' && f.apparmor.noPolicyLoaded === true,
    advise: () => ({
      title: 'AppArmor has no profiles loaded',
      detail:
        'AppArmor is on but confines nothing: its profiles were not loaded (the apparmor service is not running).',
      command: 'sudo systemctl enable --now apparmor',
    }),
  },
  {
    id: 'apparmor-keep',
    topic: 'apparmor',
    severity: 'ok',
    evidence: ['apparmor.state', 'apparmor.noPolicyLoaded', 'apparmor.profiles'],
    when: apparmorWorks,
    advise: (f) => {
      const p = f.apparmor.state === 'enabled' ? f.apparmor.profiles : null;
      return {
        title: 'AppArmor is on',
        detail: p
          ? `${p.enforce} of ${p.total} profiles enforce, ${p.complain} only complain. Keep it on.`
          : 'AppArmor confines the programs it has profiles for. Keep it on.',
      };
    },
  },
  {
    id: 'apparmor-details-need-root',
    topic: 'apparmor',
    severity: 'info',
    evidence: ['apparmor.state', 'apparmor.noPolicyLoaded', 'apparmor.profiles', 'apparmor.profilesUnavailable'],
    when: (f) =>
      apparmorWorks(f) &&
      f.apparmor.state === 'enabled' &&
      !f.apparmor.profiles &&
      f.apparmor.profilesUnavailable === 'needs-root',
    advise: () => ({
      title: 'Profile counts need administrator rights',
      detail: 'The kernel shows the list of AppArmor profiles to root only.',
      command: 'sudo aa-status',
    }),
  },
];

/**
 * AppArmor is off on a host whose distribution ships it, and SELinux does not stand in. A container
 * sees the host's kernel, so what it lacks says nothing about the distribution inside.
 */
const apparmorWrongfullyOff = (f: Facts) =>
  (defaultMac(f) === 'apparmor' || defaultMac(f) === 'either') &&
  !selinuxOn(f) &&
  f.apparmor.state !== 'enabled' &&
  f.apparmor.state !== 'unknown' &&
  f.container === null;

const APPARMOR_OFF_EVIDENCE = [
  'distro.defaultMac',
  'distro.prettyName',
  'selinux.state',
  'apparmor.state',
  'container',
];
const shipsAppArmor = (f: Facts) => `${distroName(f)} ships AppArmor to confine its programs`;

const APPARMOR_OFF_RULES: readonly AdviceRule[] = [
  {
    id: 'apparmor-missing-from-kernel',
    topic: 'apparmor',
    severity: 'warning',
    evidence: APPARMOR_OFF_EVIDENCE,
    when: (f) => apparmorWrongfullyOff(f) && f.apparmor.state === 'absent',
    advise: (f) => ({
      title: 'This kernel has no AppArmor',
      detail: `${shipsAppArmor(f)}, but the running kernel was built without it. Boot the distribution’s own kernel.`,
    }),
  },
  {
    id: 'apparmor-enable',
    topic: 'apparmor',
    severity: 'warning',
    evidence: [...APPARMOR_OFF_EVIDENCE, 'apparmor.reason', 'distro.family'],
    when: (f) => apparmorWrongfullyOff(f) && f.apparmor.state === 'disabled',
    advise: (f) =>
      f.apparmor.state === 'disabled' && f.apparmor.reason === 'disabled-on-cmdline'
        ? {
            title: 'AppArmor is turned off at boot',
            detail: `${shipsAppArmor(f)}, and apparmor=0 on the kernel command line turns it off. Remove it from GRUB_CMDLINE_LINUX in /etc/default/grub and restart.`,
            command:
              f.distro?.family === 'debian' || f.distro?.family === 'ubuntu'
                ? 'sudoedit /etc/default/grub && sudo update-grub'
                : undefined,
          }
        : {
            title: 'AppArmor is not selected at boot',
            detail: `${shipsAppArmor(f)}. The kernel has it, but the lsm= or security= boot parameter leaves it out: add apparmor to lsm= (or drop the parameter) and restart.`,
          },
  },
];

/** The MAC module that runs, when it is one a distribution could ship as its default. */
const activeMac = (f: Facts) => (f.active === 'selinux' || f.active === 'apparmor' ? f.active : undefined);

function runsAnotherMac(f: Facts): boolean {
  const def = defaultMac(f);
  const active = activeMac(f);
  return active !== undefined && (def === 'selinux' || def === 'apparmor') && def !== active;
}

const DEFAULT_RULES: readonly AdviceRule[] = [
  {
    id: 'tumbleweed-either-is-fine',
    topic: 'machine',
    severity: 'info',
    evidence: ['distro.family'],
    when: (f) => f.distro?.family === 'opensuse-tumbleweed',
    advise: () => ({
      title: 'Either is fine on Tumbleweed',
      detail:
        'New Tumbleweed installs use SELinux since 2025; older ones use AppArmor. Stick with the one your install came with.',
    }),
  },
  {
    id: 'stick-to-distro-default',
    topic: 'machine',
    severity: 'info',
    evidence: ['distro.family', 'distro.defaultMac', 'distro.prettyName', 'active'],
    when: (f) => f.distro?.family !== 'opensuse-tumbleweed' && runsAnotherMac(f),
    advise: (f) => {
      const def = defaultMac(f) === 'selinux' ? 'selinux' : 'apparmor';
      const active = activeMac(f) ?? 'selinux';
      return {
        title: `${distroName(f)} ships ${DISTRO_MAC_NAME[def]}`,
        detail: `This system runs ${DISTRO_MAC_NAME[active]} instead. The policy your distribution maintains is the one that gets fixed and updated; prefer it.`,
      };
    },
  },
  {
    id: 'arch-manual-mac-setup',
    topic: 'machine',
    severity: 'info',
    evidence: ['distro.family', 'active'],
    when: (f) => f.distro?.family === 'arch' && f.active === 'none',
    advise: () => ({
      title: 'Arch leaves MAC to you',
      detail:
        'Arch ships no mandatory access control by default. AppArmor is built into its kernels: add it to the lsm= kernel parameter, install the apparmor package and enable its service (SELinux is possible too, from the ArchWiki).',
      command:
        'lsm=landlock,lockdown,yama,integrity,apparmor,bpf  # on the kernel command line, then: sudo pacman -S apparmor && sudo systemctl enable --now apparmor',
    }),
  },
  {
    id: 'no-mac',
    topic: 'machine',
    severity: 'info',
    evidence: ['active', 'distro.family', 'distro.defaultMac', 'container'],
    // Where the distribution ships a module, the rules about turning it on say more than this.
    when: (f) =>
      f.active === 'none' &&
      f.distro?.family !== 'arch' &&
      defaultMac(f) !== 'selinux' &&
      defaultMac(f) !== 'apparmor' &&
      f.container === null,
    advise: () => ({
      title: 'No mandatory access control',
      detail: 'Neither SELinux nor AppArmor is active. Programs installed from packages run unconfined.',
    }),
  },
];

const SANDBOX_RULES: readonly AdviceRule[] = [
  {
    id: 'userns-disabled',
    topic: 'sandbox',
    severity: 'warning',
    evidence: ['userns.usable'],
    when: (f) => f.userns.usable === 'no',
    advise: () => ({
      title: 'User namespaces are off',
      detail:
        'Flatpak builds its sandbox from unprivileged user namespaces. With them off it needs a setuid bubblewrap, and some apps will not run.',
      command: 'sudo sysctl -w user.max_user_namespaces=15000',
    }),
  },
  {
    id: 'bwrap-setuid',
    topic: 'sandbox',
    severity: 'warning',
    evidence: ['bwrap'],
    when: (f) => f.bwrap.some((b) => b.setuid),
    advise: (f) =>
      f.bwrap
        .filter((b) => b.setuid)
        .map((b) => ({
          title: 'bubblewrap is setuid',
          detail: `${b.path} runs with root rights to build sandboxes. That is deprecated and a larger target; some Flatpak features are off in this mode.`,
        })),
  },
  {
    id: 'yama-ptrace-classic',
    topic: 'sandbox',
    severity: 'info',
    evidence: ['yamaPtraceScope'],
    when: (f) => f.yamaPtraceScope === 0,
    advise: () => ({
      title: 'Any program can inspect your others',
      detail:
        'Yama’s ptrace_scope is 0, so any program of yours can attach to and read your other programs. 1 limits that to a program’s own children.',
      command: 'sudo sysctl -w kernel.yama.ptrace_scope=1',
    }),
  },
];

const FLATPAK_IS_NOT_MAC: AdviceRule = {
  id: 'flatpak-isolation-is-not-mac',
  topic: 'sandbox',
  severity: 'info',
  evidence: [],
  when: () => true,
  advise: () => ({
    title: 'Flatpak is not MAC',
    detail:
      'Flatpak keeps apps apart with namespaces, a seccomp filter and portals. SELinux and AppArmor confine the rest of the system; the two complement each other.',
  }),
};

/** Every rule, in the order their advice is shown within one severity. */
export const SYSTEM_RULES: readonly AdviceRule[] = [
  ...MACHINE_RULES,
  ...SELINUX_ON_RULES,
  ...SELINUX_OFF_RULES,
  unreadableRule('selinux', 'SELinux'),
  unreadableRule('apparmor', 'AppArmor'),
  ...APPARMOR_ON_RULES,
  ...APPARMOR_OFF_RULES,
  ...DEFAULT_RULES,
  ...SANDBOX_RULES,
  ...TOOL_RULES,
  FLATPAK_IS_NOT_MAC,
];

export function adviseSystem(f: Facts): { verdict: SystemStatus['verdict']; advice: Advice[] } {
  const advice = runRules(SYSTEM_RULES, f);
  // The verdict is about SELinux, AppArmor and Flatpak's footing; the other tools have their cards.
  const worst = advice
    .filter((a) => VERDICT_TOPICS.has(a.topic))
    .reduce<AdviceSeverity>((w, a) => (RANK[a.severity] > RANK[w] ? a.severity : w), 'ok');
  // Notes do not make a protected machine look less so, nor an unprotected one look fine.
  const level: AdviceSeverity = RANK[worst] >= RANK.warning ? worst : protectedByMac(f) ? 'ok' : 'info';
  return { verdict: { level, text: verdictText(f) }, advice };
}

function protectedByMac(f: Facts): boolean {
  return f.selinux.state === 'enforcing' || apparmorWorks(f) || f.active === 'other';
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
  if (f.container) return `No mandatory access control is visible from inside this ${containerName(f)}container.`;
  const def = f.distro?.defaultMac;
  if (def === 'selinux' || def === 'apparmor')
    return `Not protected: ${DISTRO_MAC_NAME[def]} is off, though ${distroName(f)} ships it.`;
  return 'No mandatory access control is active.';
}
