// Advice on the machine's protection, following the guide Confine is built on: keep SELinux
// enforcing and never disable it, stick to the distribution's default, set up MAC by hand on
// Arch; plus what makes Flatpak's own sandbox weaker. Commands are shown, never run. A table
// of rules (./rules.ts); the sandboxing tools' rules are in ./advice-tools.ts.

import { defineMessages, t } from '../i18n';
import { TOOL_RULES } from './advice-tools';
import { USERNS_OFF } from './describe';
import type { Advice, AdviceSeverity, SystemStatus, Unreadable } from './model';
import { runRules, type AdviceRule, type Facts } from './rules';

export type { Facts } from './rules';

const RANK: Readonly<Record<AdviceSeverity, number>> = { ok: 0, info: 1, warning: 2, critical: 3 };

const VERDICT_TOPICS: ReadonlySet<Advice['topic']> = new Set(['selinux', 'apparmor', 'sandbox', 'machine']);

const DISTRO_MAC_NAME = { selinux: 'SELinux', apparmor: 'AppArmor' } as const;

const M = defineMessages({
  thisSystem: {
    id: 'advice.this-system',
    defaultMessage: 'this system',
    description: 'Stands for the distribution’s name where it is not known, at the start of a sentence too',
  },
  filesNotReadTitle: { id: 'advice.files-not-read.title', defaultMessage: 'Some files were not read' },
  filesNotReadDetail: {
    id: 'advice.files-not-read.detail',
    defaultMessage:
      'Confine reads only regular files of a sensible size, and only inside the folder it reads: {notes}{more, plural, =0 {} other {; and # more}}.',
    description: 'notes: what was not read and why, separated by semicolons (each also translated)',
  },
  sandboxedTitle: { id: 'advice.app-is-sandboxed.title', defaultMessage: 'Confine runs inside Flatpak' },
  sandboxedDetail: {
    id: 'advice.app-is-sandboxed.detail',
    defaultMessage:
      'Its own sandbox hides the host’s {selinuxfs}, {module} and {security}, so SELinux and AppArmor cannot be read from here and show as unknown. To see them, run “{command}” from a Confine installed outside Flatpak (from its source or a package), or the command below in a terminal on the host: it lists the security modules the kernel runs. Confine does not ask for {spawn}, which would let it run any command outside its sandbox.',
    description: 'The placeholders are folders, the command confine mac and the option flatpak-spawn --host',
  },
  inContainerTitle: {
    id: 'advice.in-container.title',
    defaultMessage:
      '{container, select, other {Confine runs in a container} named {Confine runs in a {name} container}}',
    description: 'name is docker or podman',
  },
  inContainerDetail: {
    id: 'advice.in-container.detail',
    defaultMessage:
      'A container hides most of the host’s security settings: what is shown here is what the container sees, not necessarily the machine.',
  },
  keepEnforcingTitle: { id: 'advice.selinux-keep-enforcing.title', defaultMessage: 'SELinux is enforcing' },
  keepEnforcingDetail: {
    id: 'advice.selinux-keep-enforcing.detail',
    defaultMessage:
      'SELinux enforces the {policy} policy. Keep it that way: it confines system services, so a flaw in one does less harm.',
    description: 'policy is the SELinux policy’s name (targeted)',
  },
  toolsDisabledTitle: {
    id: 'advice.selinux-tools-say-disabled.title',
    defaultMessage: '{command} may say “Disabled”',
    description: 'command is getenforce; Disabled is what it prints, in English',
  },
  toolsDisabledNoConfig: {
    id: 'advice.selinux-tools-say-disabled.no-config',
    defaultMessage: 'There is no {file}, so SELinux tools report it as disabled although the kernel enforces a policy.',
  },
  toolsDisabledReadOnly: {
    id: 'advice.selinux-tools-say-disabled.read-only',
    defaultMessage:
      '{fs} is mounted read-only here, so SELinux tools report it as disabled although the kernel enforces a policy.',
    description: 'fs is selinuxfs, a kernel file system',
  },
  setEnforcingTitle: { id: 'advice.selinux-set-enforcing.title', defaultMessage: 'SELinux only logs' },
  setEnforcingDetail: {
    id: 'advice.selinux-set-enforcing.detail',
    defaultMessage:
      'In permissive mode SELinux reports what it would block but blocks nothing. Switch it back to enforcing; permissive is for finding a problem, not for daily use.',
  },
  configPermissiveTitle: {
    id: 'advice.selinux-config-permissive.title',
    defaultMessage: 'Permissive after every boot',
  },
  configPermissiveDetail: {
    id: 'advice.selinux-config-permissive.detail',
    defaultMessage: '{file} sets {setting}, so SELinux starts in permissive mode each time. Set it to enforcing.',
    description: 'file is /etc/selinux/config, setting SELINUX=permissive',
  },
  runtimeDiffersTitle: { id: 'advice.selinux-runtime-differs-from-config.title', defaultMessage: 'Changed since boot' },
  runtimeDiffersDetail: {
    id: 'advice.selinux-runtime-differs-from-config.detail',
    defaultMessage:
      'The configuration says {mode, select, enforcing {enforcing} permissive {permissive} disabled {disabled} other {something else}}, but SELinux was switched to permissive while running ({command} or {option} at boot).',
    description: 'mode is the SELINUX= value of the configuration; command is setenforce 0, option enforcing=0',
  },
  doNotDisableTitle: { id: 'advice.selinux-do-not-disable.title', defaultMessage: 'SELinux is off' },
  doNotDisableDetail: {
    id: 'advice.selinux-do-not-disable.detail',
    defaultMessage: '{distro} is built to run with SELinux enforcing. Do not disable it: turn it back on.',
    description: 'distro is the distribution’s name (Fedora Linux 42)',
  },
  relabelTitle: { id: 'advice.selinux-reenable-needs-relabel.title', defaultMessage: 'Turning SELinux back on' },
  relabelDetail: {
    id: 'advice.selinux-reenable-needs-relabel.detail',
    defaultMessage:
      'Remove {option} from the kernel command line, set {setting}, and relabel the files at the next boot, since files made while SELinux was off carry no labels.',
    description: 'option is selinux=0, setting SELINUX=enforcing',
  },
  unreadableTitle: {
    id: 'advice.unreadable.title',
    defaultMessage: '{module} could not be read',
    description: 'module is SELinux or AppArmor',
  },
  unreadableNeedsRoot: {
    id: 'advice.unreadable.needs-root',
    defaultMessage: 'Reading {module}’s state was refused; administrator rights may show it.',
    description: 'module is SELinux or AppArmor',
  },
  unreadableRefused: {
    id: 'advice.unreadable.refused',
    defaultMessage:
      'Confine did not read {module}’s state: the file is not a regular file, is too large, or is a link loop (see the note on files not read).',
    description: 'module is SELinux or AppArmor',
  },
  unreadableIoError: {
    id: 'advice.unreadable.io-error',
    defaultMessage: 'Reading {module}’s state failed with an input/output error.',
    description: 'module is SELinux or AppArmor',
  },
  noPolicyTitle: { id: 'advice.apparmor-no-policy-loaded.title', defaultMessage: 'AppArmor has no profiles loaded' },
  noPolicyDetail: {
    id: 'advice.apparmor-no-policy-loaded.detail',
    defaultMessage:
      'AppArmor is on but confines nothing: its profiles were not loaded (the {service} service is not running).',
    description: 'service is the name apparmor',
  },
  keepApparmorTitle: { id: 'advice.apparmor-keep.title', defaultMessage: 'AppArmor is on' },
  keepApparmorCounts: {
    id: 'advice.apparmor-keep.counts',
    defaultMessage:
      '{enforce} of {total, plural, one {# profile enforces} other {# profiles enforce}}, {complain} only complain. Keep it on.',
  },
  keepApparmorDetail: {
    id: 'advice.apparmor-keep.detail',
    defaultMessage: 'AppArmor confines the programs it has profiles for. Keep it on.',
  },
  needRootTitle: {
    id: 'advice.apparmor-details-need-root.title',
    defaultMessage: 'Profile counts need administrator rights',
  },
  needRootDetail: {
    id: 'advice.apparmor-details-need-root.detail',
    defaultMessage: 'The kernel shows the list of AppArmor profiles to root only.',
  },
  shipsAppArmor: {
    id: 'advice.ships-apparmor',
    defaultMessage: '{distro} ships AppArmor to confine its programs',
    description: 'The start of the details of advice.apparmor-*; distro is the distribution’s name',
  },
  missingTitle: { id: 'advice.apparmor-missing-from-kernel.title', defaultMessage: 'This kernel has no AppArmor' },
  missingDetail: {
    id: 'advice.apparmor-missing-from-kernel.detail',
    defaultMessage: '{ships}, but the running kernel was built without it. Boot the distribution’s own kernel.',
    description: 'ships is advice.ships-apparmor',
  },
  offAtBootTitle: { id: 'advice.apparmor-enable.cmdline-title', defaultMessage: 'AppArmor is turned off at boot' },
  offAtBootDetail: {
    id: 'advice.apparmor-enable.cmdline-detail',
    defaultMessage:
      '{ships}, and {option} on the kernel command line turns it off. Remove it from {variable} in {file} and restart.',
    description:
      'ships is advice.ships-apparmor; option apparmor=0, variable GRUB_CMDLINE_LINUX, file /etc/default/grub',
  },
  notSelectedTitle: { id: 'advice.apparmor-enable.lsm-title', defaultMessage: 'AppArmor is not selected at boot' },
  notSelectedDetail: {
    id: 'advice.apparmor-enable.lsm-detail',
    defaultMessage:
      '{ships}. The kernel has it, but the {lsm} or {security} boot parameter leaves it out: add {name} to {lsm} (or drop the parameter) and restart.',
    description: 'ships is advice.ships-apparmor; lsm is lsm=, security security=, name apparmor',
  },
  tumbleweedTitle: { id: 'advice.tumbleweed-either-is-fine.title', defaultMessage: 'Either is fine on Tumbleweed' },
  tumbleweedDetail: {
    id: 'advice.tumbleweed-either-is-fine.detail',
    defaultMessage:
      'New Tumbleweed installs use SELinux since {year}; older ones use AppArmor. Stick with the one your install came with.',
  },
  distroShipsTitle: {
    id: 'advice.stick-to-distro-default.title',
    defaultMessage: '{distro} ships {module}',
    description: 'distro is the distribution’s name, module SELinux or AppArmor',
  },
  distroShipsDetail: {
    id: 'advice.stick-to-distro-default.detail',
    defaultMessage:
      'This system runs {module} instead. The policy your distribution maintains is the one that gets fixed and updated; prefer it.',
    description: 'module is SELinux or AppArmor',
  },
  archTitle: { id: 'advice.arch-manual-mac-setup.title', defaultMessage: 'Arch leaves MAC to you' },
  archDetail: {
    id: 'advice.arch-manual-mac-setup.detail',
    defaultMessage:
      'Arch ships no mandatory access control by default. AppArmor is built into its kernels: add it to the {lsm} kernel parameter, install the {package} package and enable its service (SELinux is possible too, from the ArchWiki).',
    description: 'lsm is lsm=, package apparmor',
  },
  archCommandNote: {
    id: 'advice.arch-manual-mac-setup.command-note',
    defaultMessage: 'on the kernel command line, then:',
    description: 'A shell comment between the kernel parameter and the commands to run',
  },
  noMacTitle: { id: 'advice.no-mac.title', defaultMessage: 'No mandatory access control' },
  noMacDetail: {
    id: 'advice.no-mac.detail',
    defaultMessage: 'Neither SELinux nor AppArmor is active. Programs installed from packages run unconfined.',
  },
  usernsDetail: {
    id: 'advice.userns-disabled.detail',
    defaultMessage:
      'Flatpak builds its sandbox from unprivileged user namespaces. With them off it needs a setuid bubblewrap, and some apps will not run.',
  },
  bwrapTitle: { id: 'advice.bwrap-setuid.title', defaultMessage: 'bubblewrap is setuid' },
  bwrapDetail: {
    id: 'advice.bwrap-setuid.detail',
    defaultMessage:
      '{path} runs with root rights to build sandboxes. That is deprecated and a larger target; some Flatpak features are off in this mode.',
    description: 'path is where the bubblewrap program is',
  },
  yamaTitle: { id: 'advice.yama-ptrace-classic.title', defaultMessage: 'Any program can inspect your others' },
  yamaDetail: {
    id: 'advice.yama-ptrace-classic.detail',
    defaultMessage:
      'Yama’s {setting} is 0, so any program of yours can attach to and read your other programs. 1 limits that to a program’s own children.',
    description: 'setting is ptrace_scope',
  },
  notMacTitle: { id: 'advice.flatpak-isolation-is-not-mac.title', defaultMessage: 'Flatpak is not MAC' },
  notMacDetail: {
    id: 'advice.flatpak-isolation-is-not-mac.detail',
    defaultMessage:
      'Flatpak keeps apps apart with namespaces, a seccomp filter and portals. SELinux and AppArmor confine the rest of the system; the two complement each other.',
  },
  verdictSelinux: {
    id: 'advice.verdict.selinux-enforcing',
    defaultMessage: 'Protected: SELinux is enforcing the {policy} policy.',
  },
  verdictPermissive: {
    id: 'advice.verdict.selinux-permissive',
    defaultMessage: 'At risk: SELinux is on but only logs, blocking nothing.',
  },
  verdictNoProfiles: {
    id: 'advice.verdict.apparmor-no-profiles',
    defaultMessage: 'At risk: AppArmor is on but has no profiles loaded.',
  },
  verdictApparmorCount: {
    id: 'advice.verdict.apparmor-enforces',
    defaultMessage: 'Protected: AppArmor enforces {count, plural, one {# profile} other {# profiles}}.',
  },
  verdictApparmorOn: { id: 'advice.verdict.apparmor-on', defaultMessage: 'Protected: AppArmor is on.' },
  verdictOther: {
    id: 'advice.verdict.other',
    defaultMessage:
      '{module, select, none {Protected by another security module.} other {Protected by {module} security module.}}',
    description: 'module is smack or tomoyo',
  },
  verdictSandboxed: {
    id: 'advice.verdict.sandboxed',
    defaultMessage: 'Unknown: Confine runs inside Flatpak and cannot see the host’s SELinux or AppArmor from there.',
  },
  verdictUnknown: {
    id: 'advice.verdict.unknown',
    defaultMessage: 'Unknown: Confine could not read whether {module} is on.',
    description: 'module is SELinux or AppArmor',
  },
  verdictContainer: {
    id: 'advice.verdict.container',
    defaultMessage:
      '{container, select, other {No mandatory access control is visible from inside this container.} named {No mandatory access control is visible from inside this {name} container.}}',
    description: 'name is docker or podman',
  },
  verdictOff: {
    id: 'advice.verdict.off',
    defaultMessage: 'Not protected: {module} is off, though {distro} ships it.',
    description: 'module is SELinux or AppArmor, distro the distribution’s name',
  },
  verdictNone: { id: 'advice.verdict.none', defaultMessage: 'No mandatory access control is active.' },
});

function distroName(f: Facts): string {
  return f.distro?.prettyName ?? f.distro?.id ?? t(M.thisSystem);
}

const defaultMac = (f: Facts) => f.distro?.defaultMac ?? 'unknown';
const selinuxOn = (f: Facts) => f.selinux.state === 'enforcing' || f.selinux.state === 'permissive';
/** SELINUX= of /etc/selinux/config, null where there is no such file or SELinux is absent. */
const configMode = ({ selinux }: Facts) => ('configMode' in selinux ? selinux.configMode : null);
/** The values of a message that names the container, by its name where it has one. */
const containerValues = (f: Facts) =>
  f.container === 'other' || f.container === null
    ? { container: 'other', name: '' }
    : { container: 'named', name: f.container };

const MACHINE_RULES: readonly AdviceRule[] = [
  {
    id: 'files-not-read',
    topic: 'machine',
    severity: 'info',
    evidence: ['unread'],
    when: (f) => f.unread !== undefined,
    advise: ({ unread }) => ({
      title: t(M.filesNotReadTitle),
      detail: t(M.filesNotReadDetail, { notes: unread?.notes.join('; ') ?? '', more: unread?.more ?? 0 }),
    }),
  },
  {
    id: 'app-is-sandboxed',
    topic: 'machine',
    severity: 'info',
    evidence: ['container'],
    when: (f) => f.container === 'flatpak',
    advise: () => ({
      title: t(M.sandboxedTitle),
      detail: t(M.sandboxedDetail, {
        selinuxfs: '/sys/fs/selinux',
        module: '/sys/module',
        security: '/sys/kernel/security',
        command: 'confine mac',
        spawn: 'flatpak-spawn --host',
      }),
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
      title: t(M.inContainerTitle, containerValues(f)),
      detail: t(M.inContainerDetail),
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
      title: t(M.keepEnforcingTitle),
      detail: t(M.keepEnforcingDetail, { policy: selinux.state === 'enforcing' ? selinux.policy : '' }),
    }),
  },
  {
    id: 'selinux-tools-say-disabled',
    topic: 'selinux',
    severity: 'info',
    evidence: ['selinux.state', 'selinux.toolsReportDisabled', 'selinux.configMode'],
    when: (f) => f.selinux.state === 'enforcing' && f.selinux.toolsReportDisabled,
    advise: (f) => ({
      title: t(M.toolsDisabledTitle, { command: 'getenforce' }),
      detail:
        configMode(f) === null
          ? t(M.toolsDisabledNoConfig, { file: '/etc/selinux/config' })
          : t(M.toolsDisabledReadOnly, { fs: 'selinuxfs' }),
    }),
  },
  {
    id: 'selinux-set-enforcing',
    topic: 'selinux',
    severity: 'warning',
    evidence: ['selinux.state'],
    when: (f) => f.selinux.state === 'permissive',
    advise: () => ({
      title: t(M.setEnforcingTitle),
      detail: t(M.setEnforcingDetail),
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
      title: t(M.configPermissiveTitle),
      detail: t(M.configPermissiveDetail, { file: '/etc/selinux/config', setting: 'SELINUX=permissive' }),
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
      title: t(M.runtimeDiffersTitle),
      detail: t(M.runtimeDiffersDetail, {
        mode: configMode(f) ?? 'unknown',
        command: 'setenforce 0',
        option: 'enforcing=0',
      }),
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
      title: t(M.doNotDisableTitle),
      detail: t(M.doNotDisableDetail, { distro: distroName(f) }),
    }),
  },
  {
    id: 'selinux-reenable-needs-relabel',
    topic: 'selinux',
    severity: 'info',
    evidence: SELINUX_OFF_EVIDENCE,
    when: selinuxWrongfullyOff,
    advise: () => ({
      title: t(M.relabelTitle),
      detail: t(M.relabelDetail, { option: 'selinux=0', setting: 'SELINUX=enforcing' }),
      command:
        "sudo grubby --update-kernel ALL --remove-args selinux && sudo sed -i 's/^SELINUX=.*/SELINUX=enforcing/' /etc/selinux/config && sudo touch /.autorelabel && sudo reboot",
    }),
  },
];

function unreadableDetail(name: string, reason: Unreadable): string {
  if (reason === 'needs-root') return t(M.unreadableNeedsRoot, { module: name });
  if (reason === 'refused') return t(M.unreadableRefused, { module: name });
  return t(M.unreadableIoError, { module: name });
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
        title: t(M.unreadableTitle, { module: name }),
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
      title: t(M.noPolicyTitle),
      detail: t(M.noPolicyDetail, { service: 'apparmor' }),
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
        title: t(M.keepApparmorTitle),
        detail: p
          ? t(M.keepApparmorCounts, { enforce: p.enforce, total: p.total, complain: p.complain })
          : t(M.keepApparmorDetail),
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
      title: t(M.needRootTitle),
      detail: t(M.needRootDetail),
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
const shipsAppArmor = (f: Facts) => t(M.shipsAppArmor, { distro: distroName(f) });

const APPARMOR_OFF_RULES: readonly AdviceRule[] = [
  {
    id: 'apparmor-missing-from-kernel',
    topic: 'apparmor',
    severity: 'warning',
    evidence: APPARMOR_OFF_EVIDENCE,
    when: (f) => apparmorWrongfullyOff(f) && f.apparmor.state === 'absent',
    advise: (f) => ({
      title: t(M.missingTitle),
      detail: t(M.missingDetail, { ships: shipsAppArmor(f) }),
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
            title: t(M.offAtBootTitle),
            detail: t(M.offAtBootDetail, {
              ships: shipsAppArmor(f),
              option: 'apparmor=0',
              variable: 'GRUB_CMDLINE_LINUX',
              file: '/etc/default/grub',
            }),
            command:
              f.distro?.family === 'debian' || f.distro?.family === 'ubuntu'
                ? 'sudoedit /etc/default/grub && sudo update-grub'
                : undefined,
          }
        : {
            title: t(M.notSelectedTitle),
            detail: t(M.notSelectedDetail, {
              ships: shipsAppArmor(f),
              lsm: 'lsm=',
              security: 'security=',
              name: 'apparmor',
            }),
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
      title: t(M.tumbleweedTitle),
      detail: t(M.tumbleweedDetail, { year: '2025' }),
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
        title: t(M.distroShipsTitle, { distro: distroName(f), module: DISTRO_MAC_NAME[def] }),
        detail: t(M.distroShipsDetail, { module: DISTRO_MAC_NAME[active] }),
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
      title: t(M.archTitle),
      detail: t(M.archDetail, { lsm: 'lsm=', package: 'apparmor' }),
      command: `lsm=landlock,lockdown,yama,integrity,apparmor,bpf  # ${t(M.archCommandNote)} sudo pacman -S apparmor && sudo systemctl enable --now apparmor`,
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
      title: t(M.noMacTitle),
      detail: t(M.noMacDetail),
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
      title: t(USERNS_OFF),
      detail: t(M.usernsDetail),
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
          title: t(M.bwrapTitle),
          detail: t(M.bwrapDetail, { path: b.path }),
        })),
  },
  {
    id: 'yama-ptrace-classic',
    topic: 'sandbox',
    severity: 'info',
    evidence: ['yamaPtraceScope'],
    when: (f) => f.yamaPtraceScope === 0,
    advise: () => ({
      title: t(M.yamaTitle),
      detail: t(M.yamaDetail, { setting: 'ptrace_scope' }),
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
    title: t(M.notMacTitle),
    detail: t(M.notMacDetail),
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
  if (f.selinux.state === 'enforcing') return t(M.verdictSelinux, { policy: f.selinux.policy });
  if (f.selinux.state === 'permissive') return t(M.verdictPermissive);
  if (f.apparmor.state === 'enabled') {
    if (f.apparmor.noPolicyLoaded) return t(M.verdictNoProfiles);
    return f.apparmor.profiles
      ? t(M.verdictApparmorCount, { count: f.apparmor.profiles.enforce })
      : t(M.verdictApparmorOn);
  }
  if (f.active === 'other')
    return t(M.verdictOther, { module: f.lsm?.find((l) => l === 'smack' || l === 'tomoyo') ?? 'none' });
  if (f.container === 'flatpak') return t(M.verdictSandboxed);
  if (f.active === 'unknown')
    return t(M.verdictUnknown, { module: f.selinux.state === 'unknown' ? 'SELinux' : 'AppArmor' });
  if (f.container) return t(M.verdictContainer, containerValues(f));
  const def = f.distro?.defaultMac;
  if (def === 'selinux' || def === 'apparmor')
    return t(M.verdictOff, { module: DISTRO_MAC_NAME[def], distro: distroName(f) });
  return t(M.verdictNone);
}
