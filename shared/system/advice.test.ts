// Every advice rule, by its ID: a machine where it fires and says what it is documented to say,
// and one where it stays quiet. The expectations come from the design's MAC advice (do not disable
// SELinux, keep each distribution's default, Arch needs manual set-up), the guide it follows on
// Firejail, Docker, Podman, gVisor and Kata, and the facts in research/mac-status.md (§1.4 SELinux
// states, §2.5 AppArmor without root, §3.2 user namespaces, bubblewrap and Yama, §3.3 defaults).

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HELP_LINKS } from '../ipc/links';
import { adviseSystem, SYSTEM_RULES } from './advice';
import { SystemStatusSchema, type Advice, type Containers, type DistroInfo, type SelinuxStatus } from './model';
import { runRules, type AdviceRule, type Facts } from './rules';

const distro = (family: DistroInfo['family'], defaultMac: DistroInfo['defaultMac'], prettyName: string) => ({
  id: family,
  idLike: [],
  prettyName,
  family,
  defaultMac,
});
const DEBIAN = distro('debian', 'apparmor', 'Debian GNU/Linux 12 (bookworm)');
const UBUNTU = distro('ubuntu', 'apparmor', 'Ubuntu 24.04.2 LTS');
const FEDORA = distro('fedora', 'selinux', 'Fedora Linux 42 (Workstation Edition)');
const TUMBLEWEED = distro('opensuse-tumbleweed', 'either', 'openSUSE Tumbleweed');
const MICROOS = distro('opensuse-microos', 'selinux', 'openSUSE MicroOS');
const ARCH = distro('arch', 'none', 'Arch Linux');

const NO_CONTAINERS: Containers = {
  docker: { installed: false, path: null, version: null, sockets: [], daemonAsRoot: null, groupMembers: null },
  podman: {
    installed: false,
    path: null,
    version: null,
    rootlessReady: false,
    rootlessInUse: false,
    rootfulInUse: false,
  },
  gvisor: { installed: false, path: null, version: null, registeredWith: [] },
  kata: { installed: false, path: null, version: null, registeredWith: [] },
  user: 'alice',
};

/** A Debian 12 host as it should be: AppArmor on with its profiles loaded, read as root, no other tools. */
const DEBIAN_HOST: Facts = {
  selinux: { state: 'absent', reason: 'not-in-kernel', configFilePresent: false },
  apparmor: {
    state: 'enabled',
    profiles: { total: 10, enforce: 8, complain: 2, kill: 0, unconfined: 0, prompt: 0 },
    processLabel: 'unconfined',
    restrictUnprivilegedUserns: null,
  },
  active: 'apparmor',
  lsm: ['lockdown', 'capability', 'landlock', 'yama', 'apparmor'],
  lockdown: 'none',
  yamaPtraceScope: 1,
  userns: { maxUserNamespaces: 96551, unprivilegedClone: true, usable: 'yes' },
  bwrap: [{ path: '/usr/bin/bwrap', setuid: false }],
  flatpakVersion: '1.14.10',
  container: null,
  distro: DEBIAN,
  readAsRoot: true,
  firejail: { installed: false },
  profiles: { apparmorLoaded: [], apparmorInstalled: [], covered: [], desktopPrograms: 0, selinuxBooleans: [] },
  containers: NO_CONTAINERS,
};

const host = (patch: Partial<Facts>): Facts => ({ ...DEBIAN_HOST, ...patch });
const APPARMOR_OFF = { state: 'absent', reason: 'not-in-kernel' } as const;
const SELINUX_OFF = { state: 'absent', reason: 'not-in-lsm-list', configFilePresent: false } as const;
type SelinuxOn = Extract<SelinuxStatus, { state: 'enforcing' | 'permissive' }>;
const ENFORCING: SelinuxOn = {
  state: 'enforcing',
  policy: 'targeted',
  configMode: 'enforcing',
  mls: false,
  policyVersion: 33,
  denyUnknown: false,
  runtimeDiffersFromConfig: false,
  processContext: 'staff_u:staff_r:staff_t:s0',
  toolsReportDisabled: false,
};
/** A host whose kernel runs SELinux as given, AppArmor absent. */
const selinuxHost = (selinux: Partial<SelinuxOn> | SelinuxStatus, patch: Partial<Facts> = {}): Facts => {
  const s = { ...ENFORCING, ...selinux } as SelinuxStatus;
  const on = s.state === 'enforcing' || s.state === 'permissive';
  return host({ selinux: s, apparmor: APPARMOR_OFF, active: on ? 'selinux' : 'none', distro: FEDORA, ...patch });
};
const PERMISSIVE = { state: 'permissive' } as const;
const withContainers = (patch: { [K in keyof Containers]?: Partial<Containers[K]> }): Facts =>
  host({
    containers: {
      docker: { ...NO_CONTAINERS.docker, ...patch.docker },
      podman: { ...NO_CONTAINERS.podman, ...patch.podman },
      gvisor: { ...NO_CONTAINERS.gvisor, ...patch.gvisor },
      kata: { ...NO_CONTAINERS.kata, ...patch.kata },
      user: patch.user === undefined ? NO_CONTAINERS.user : patch.user,
    },
  });
const FIREJAIL = { installed: true, path: '/usr/bin/firejail', version: '0.9.72', profiles: 1200 } as const;
const SANDBOXED = host({
  container: 'flatpak',
  selinux: { state: 'unknown', reason: 'sandboxed' },
  apparmor: { state: 'unknown', reason: 'sandboxed' },
  active: 'unknown',
  lsm: null,
  lsmUnavailable: 'sandboxed',
});
const ROOT_DOCKER = {
  installed: true,
  daemonAsRoot: true,
  sockets: [{ path: '/run/docker.sock', ownerUid: 0, rootless: false }],
};
const ROOTLESS_DOCKER = {
  installed: true,
  daemonAsRoot: false,
  sockets: [{ path: '/run/user/1000/docker.sock', ownerUid: 1000, rootless: true }],
};

interface Case {
  why: string;
  facts: Facts;
  /** What each advice item of the rule must say, one entry per item; absent: at least one item. */
  says?: readonly Record<string, unknown>[];
}
/** `quiet` is a reason, not a case, for the rules that fire on every machine. */
type Cases = { fires: readonly Case[]; quiet: readonly Case[] | { always: string } };

const says = (...items: Record<string, unknown>[]) => items;
const has = (s: string) => expect.stringContaining(s) as unknown;

const CASES: Readonly<Record<string, Cases>> = {
  'files-not-read': {
    fires: [
      {
        why: 'a refused file is named, the rest counted',
        facts: host({ unread: { notes: ['/proc/cmdline is a pipe'], more: 2 } }),
        says: says({ severity: 'info', topic: 'machine', detail: has('/proc/cmdline is a pipe; and 2 more') }),
      },
    ],
    quiet: [{ why: 'everything was read', facts: DEBIAN_HOST }],
  },
  'app-is-sandboxed': {
    fires: [
      {
        why: 'inside Flatpak the host’s LSM list is shown as a command to run outside (§3.4)',
        facts: SANDBOXED,
        says: says({ severity: 'info', command: 'cat /sys/kernel/security/lsm' }),
      },
    ],
    quiet: [{ why: 'in a Docker container', facts: host({ container: 'docker' }) }],
  },
  'in-container': {
    fires: [
      {
        why: 'a Podman container',
        facts: host({ container: 'podman' }),
        says: says({ title: 'Confine runs in a podman container' }),
      },
      {
        why: 'an unnamed container',
        facts: host({ container: 'other' }),
        says: says({ title: has('in a container') }),
      },
    ],
    quiet: [
      { why: 'on the host', facts: DEBIAN_HOST },
      { why: 'inside Flatpak, where app-is-sandboxed explains', facts: SANDBOXED },
    ],
  },
  'selinux-keep-enforcing': {
    fires: [
      {
        why: 'Fedora enforcing: keep it, naming the policy',
        facts: selinuxHost({}),
        says: says({ severity: 'ok', detail: has('targeted') }),
      },
    ],
    quiet: [{ why: 'permissive', facts: selinuxHost(PERMISSIVE) }],
  },
  'selinux-tools-say-disabled': {
    fires: [
      {
        why: 'no /etc/selinux/config (§1.4.4)',
        facts: selinuxHost({ configMode: null, toolsReportDisabled: true }),
        says: says({ detail: has('no /etc/selinux/config') }),
      },
      {
        why: 'a read-only selinuxfs (§1.4.4)',
        facts: selinuxHost({ toolsReportDisabled: true }),
        says: says({ detail: has('read-only') }),
      },
    ],
    quiet: [{ why: 'tools and kernel agree', facts: selinuxHost({}) }],
  },
  'selinux-set-enforcing': {
    fires: [
      {
        why: 'permissive blocks nothing',
        facts: selinuxHost(PERMISSIVE),
        says: says({ severity: 'warning', command: 'sudo setenforce 1' }),
      },
    ],
    quiet: [{ why: 'enforcing', facts: selinuxHost({}) }],
  },
  'selinux-config-permissive': {
    fires: [
      {
        why: 'SELINUX=permissive comes back at every boot',
        facts: selinuxHost({ ...PERMISSIVE, configMode: 'permissive' }),
        says: says({ severity: 'warning', command: has('SELINUX=enforcing/') }),
      },
    ],
    quiet: [
      {
        why: 'permissive only since boot, the config says enforcing',
        facts: selinuxHost({ ...PERMISSIVE, runtimeDiffersFromConfig: true }),
      },
    ],
  },
  'selinux-runtime-differs-from-config': {
    fires: [
      {
        why: 'setenforce 0 over a config that says enforcing',
        facts: selinuxHost({ ...PERMISSIVE, runtimeDiffersFromConfig: true }),
        says: says({ severity: 'info', detail: has('The configuration says enforcing') }),
      },
    ],
    quiet: [{ why: 'permissive as configured', facts: selinuxHost({ ...PERMISSIVE, configMode: 'permissive' }) }],
  },
  'selinux-do-not-disable': {
    fires: [
      {
        why: 'Fedora with selinux=0',
        facts: selinuxHost({ state: 'absent', reason: 'disabled-on-cmdline', configFilePresent: true }),
        says: says({ severity: 'critical', detail: has('Fedora Linux 42') }),
      },
      {
        why: 'MicroOS with SELINUX=disabled',
        facts: selinuxHost(
          { state: 'disabled', reason: 'config-disabled', configMode: 'disabled', policy: 'targeted' },
          { distro: MICROOS },
        ),
        says: says({ severity: 'critical' }),
      },
    ],
    quiet: [
      { why: 'Debian ships AppArmor, not SELinux', facts: host({ selinux: SELINUX_OFF }) },
      {
        why: 'a container sees the host’s kernel, not its distribution’s',
        facts: selinuxHost(SELINUX_OFF, { container: 'docker' }),
      },
    ],
  },
  'selinux-reenable-needs-relabel': {
    fires: [
      {
        why: 'files made while SELinux was off need labels',
        facts: selinuxHost({ state: 'absent', reason: 'disabled-on-cmdline', configFilePresent: true }),
        says: says({ command: has('/.autorelabel') }),
      },
    ],
    quiet: [{ why: 'enforcing', facts: selinuxHost({}) }],
  },
  'selinux-unreadable': {
    fires: [
      {
        why: 'selinuxfs refused to a user',
        facts: selinuxHost({ state: 'unknown', reason: 'needs-root' }, { active: 'unknown' }),
        says: says({ topic: 'selinux', detail: has('administrator rights') }),
      },
    ],
    quiet: [{ why: 'inside Flatpak, by design', facts: SANDBOXED }],
  },
  'apparmor-unreadable': {
    fires: [
      {
        why: 'EIO on the AppArmor switch',
        facts: host({ apparmor: { state: 'unknown', reason: 'io-error' }, active: 'unknown' }),
        says: says({ topic: 'apparmor', detail: has('input/output error') }),
      },
    ],
    quiet: [{ why: 'inside Flatpak, by design', facts: SANDBOXED }],
  },
  'apparmor-no-policy-loaded': {
    fires: [
      {
        why: 'on, with an empty profile list',
        facts: host({
          apparmor: {
            state: 'enabled',
            profiles: { total: 0, enforce: 0, complain: 0, kill: 0, unconfined: 0, prompt: 0 },
            noPolicyLoaded: true,
            processLabel: null,
            restrictUnprivilegedUserns: null,
          },
        }),
        says: says({ severity: 'warning', command: 'sudo systemctl enable --now apparmor' }),
      },
    ],
    quiet: [{ why: 'profiles loaded', facts: DEBIAN_HOST }],
  },
  'apparmor-keep': {
    fires: [
      {
        why: 'profiles loaded, counted as root',
        facts: DEBIAN_HOST,
        says: says({ severity: 'ok', detail: has('8 of 10 profiles enforce, 2 only complain') }),
      },
    ],
    quiet: [{ why: 'AppArmor absent', facts: selinuxHost({}) }],
  },
  'apparmor-details-need-root': {
    fires: [
      {
        why: 'the profile list is root-only (§2.5)',
        facts: host({
          apparmor: {
            state: 'enabled',
            profiles: null,
            profilesUnavailable: 'needs-root',
            processLabel: 'unconfined',
            restrictUnprivilegedUserns: null,
          },
          readAsRoot: false,
        }),
        says: says({ severity: 'info', command: 'sudo aa-status' }),
      },
    ],
    quiet: [{ why: 'read as root', facts: DEBIAN_HOST }],
  },
  'apparmor-missing-from-kernel': {
    fires: [
      {
        why: 'a Debian host whose kernel lacks AppArmor',
        facts: host({ apparmor: APPARMOR_OFF, active: 'none' }),
        says: says({ severity: 'warning', detail: has('Debian GNU/Linux 12 (bookworm) ships AppArmor') }),
      },
    ],
    quiet: [
      {
        why: 'a Debian container on a host without AppArmor',
        facts: host({ apparmor: APPARMOR_OFF, active: 'none', container: 'docker' }),
      },
    ],
  },
  'apparmor-enable': {
    fires: [
      {
        why: 'apparmor=0 on Debian: edit GRUB',
        facts: host({ apparmor: { state: 'disabled', reason: 'disabled-on-cmdline' }, active: 'none' }),
        says: says({ severity: 'warning', command: 'sudoedit /etc/default/grub && sudo update-grub' }),
      },
      {
        why: 'an old Tumbleweed install whose lsm= leaves AppArmor out',
        facts: host({
          apparmor: { state: 'disabled', reason: 'not-selected-at-boot' },
          active: 'none',
          distro: TUMBLEWEED,
        }),
        says: says({ severity: 'warning', detail: has('add apparmor to lsm=') }),
      },
    ],
    quiet: [
      {
        why: 'a new Tumbleweed install on SELinux (§3.3: do not flag either)',
        facts: selinuxHost({}, { apparmor: { state: 'disabled', reason: 'not-selected-at-boot' }, distro: TUMBLEWEED }),
      },
    ],
  },
  'tumbleweed-either-is-fine': {
    fires: [{ why: 'Tumbleweed on AppArmor', facts: host({ distro: TUMBLEWEED }), says: says({ severity: 'info' }) }],
    quiet: [{ why: 'MicroOS defaults to SELinux', facts: selinuxHost({}, { distro: MICROOS }) }],
  },
  'stick-to-distro-default': {
    fires: [
      {
        why: 'Ubuntu running SELinux',
        facts: selinuxHost({}, { distro: UBUNTU }),
        says: says({ title: 'Ubuntu 24.04.2 LTS ships AppArmor', detail: has('runs SELinux') }),
      },
    ],
    quiet: [
      { why: 'Tumbleweed running SELinux', facts: selinuxHost({}, { distro: TUMBLEWEED }) },
      { why: 'Debian on AppArmor', facts: DEBIAN_HOST },
    ],
  },
  'arch-manual-mac-setup': {
    fires: [
      {
        why: 'Arch with neither selected',
        facts: host({
          selinux: SELINUX_OFF,
          apparmor: { state: 'disabled', reason: 'not-in-lsm-list' },
          active: 'none',
          distro: ARCH,
        }),
        says: says({ severity: 'info', command: has('apparmor') }),
      },
    ],
    quiet: [{ why: 'Arch with AppArmor set up', facts: host({ distro: ARCH }) }],
  },
  'no-mac': {
    fires: [
      {
        why: 'an unknown distribution with nothing active',
        facts: host({ apparmor: APPARMOR_OFF, active: 'none', distro: null }),
        says: says({ severity: 'info' }),
      },
    ],
    quiet: [
      {
        why: 'Arch, where arch-manual-mac-setup says how',
        facts: host({ apparmor: APPARMOR_OFF, active: 'none', distro: ARCH }),
      },
      { why: 'Fedora, where selinux-do-not-disable speaks', facts: selinuxHost(SELINUX_OFF) },
      {
        why: 'in a container, which shows its own view, not the host’s modules',
        facts: host({ apparmor: APPARMOR_OFF, active: 'none', distro: null, container: 'docker' }),
      },
    ],
  },
  'userns-disabled': {
    fires: [
      {
        why: 'max_user_namespaces=0',
        facts: host({ userns: { maxUserNamespaces: 0, unprivilegedClone: null, usable: 'no' } }),
        says: says({ severity: 'warning', topic: 'sandbox' }),
      },
    ],
    quiet: [{ why: 'usable', facts: DEBIAN_HOST }],
  },
  'bwrap-setuid': {
    fires: [
      {
        why: 'both bubblewraps setuid: one warning each',
        facts: host({
          bwrap: [
            { path: '/usr/bin/bwrap', setuid: true },
            { path: '/usr/libexec/flatpak-bwrap', setuid: true },
          ],
        }),
        says: says(
          { severity: 'warning', detail: has('/usr/bin/bwrap') },
          { severity: 'warning', detail: has('/usr/libexec/flatpak-bwrap') },
        ),
      },
    ],
    quiet: [{ why: 'unprivileged bubblewrap', facts: DEBIAN_HOST }],
  },
  'yama-ptrace-classic': {
    fires: [
      {
        why: 'Fedora’s ptrace_scope 0',
        facts: host({ yamaPtraceScope: 0 }),
        says: says({ command: 'sudo sysctl -w kernel.yama.ptrace_scope=1' }),
      },
    ],
    quiet: [
      { why: 'restricted to children', facts: DEBIAN_HOST },
      { why: 'no Yama', facts: host({ yamaPtraceScope: null }) },
    ],
  },
  'firejail-setuid': {
    fires: [
      {
        why: 'setuid root on Debian, with programs firecfg wrapped: undo that, then remove it',
        facts: host({ firejail: { ...FIREJAIL, setuidRoot: true, wrapped: ['firefox', 'vlc', 'gimp', 'mpv'] } }),
        says: says({
          severity: 'warning',
          detail: has('firefox, vlc, gimp and 1 more'),
          command: 'sudo firecfg --clean && sudo apt remove firejail',
          links: ['firejail-risks'],
        }),
      },
    ],
    quiet: [{ why: 'not setuid', facts: host({ firejail: { ...FIREJAIL, setuidRoot: false, wrapped: [] } }) }],
  },
  'firejail-not-setuid': {
    fires: [
      {
        why: 'installed without setuid',
        facts: host({ firejail: { ...FIREJAIL, setuidRoot: false, wrapped: [] } }),
        says: says({ severity: 'info', detail: has('/usr/bin/firejail') }),
      },
    ],
    quiet: [{ why: 'setuid root', facts: host({ firejail: { ...FIREJAIL, setuidRoot: true, wrapped: [] } }) }],
  },
  'firejail-absent': {
    fires: [{ why: 'not installed', facts: DEBIAN_HOST, says: says({ severity: 'ok' }) }],
    quiet: [{ why: 'installed', facts: host({ firejail: { ...FIREJAIL, setuidRoot: false, wrapped: [] } }) }],
  },
  'apparmor-desktop-coverage': {
    fires: [
      {
        why: 'one of four desktop programs has a profile; a Flatpak app’s profile does not count',
        facts: host({
          profiles: {
            ...DEBIAN_HOST.profiles,
            desktopPrograms: 4,
            covered: [
              {
                program: '/usr/bin/evince',
                name: 'Evince',
                kind: 'desktop',
                profile: 'evince',
                loaded: true,
                mode: null,
              },
              {
                program: 'org.example.Editor',
                name: 'Editor',
                kind: 'flatpak',
                profile: 'x',
                loaded: true,
                mode: null,
              },
            ],
          },
        }),
        says: says({ title: '1 of 4 desktop programs have a profile' }),
      },
    ],
    quiet: [
      {
        why: 'AppArmor absent',
        facts: selinuxHost({}, { profiles: { ...DEBIAN_HOST.profiles, desktopPrograms: 4 } }),
      },
    ],
  },
  'selinux-booleans-looser': {
    fires: [
      {
        why: 'a boolean at its looser value: the command sets the safer one',
        facts: selinuxHost(
          {},
          {
            profiles: {
              ...DEBIAN_HOST.profiles,
              selinuxBooleans: [
                { name: 'selinuxuser_execmod', active: true, pending: true, saferValue: false, description: '' },
              ],
            },
          },
        ),
        says: says({ detail: has('selinuxuser_execmod is on'), command: 'sudo setsebool -P selinuxuser_execmod off' }),
      },
    ],
    quiet: [
      {
        why: 'every boolean at its safer value',
        facts: selinuxHost(
          {},
          {
            profiles: {
              ...DEBIAN_HOST.profiles,
              selinuxBooleans: [
                { name: 'selinuxuser_execmod', active: false, pending: false, saferValue: false, description: '' },
              ],
            },
          },
        ),
      },
    ],
  },
  'selinux-user-unconfined': {
    fires: [
      {
        why: 'the targeted policy leaves the user unconfined_t',
        facts: selinuxHost({ processContext: 'unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023' }),
        says: says({ topic: 'profiles' }),
      },
    ],
    quiet: [{ why: 'a confined staff_u user', facts: selinuxHost({}) }],
  },
  'own-profiles-references': {
    fires: [
      {
        why: 'the reference collections the guide names',
        facts: DEBIAN_HOST,
        says: says({ links: ['apparmor-everything', 'krathalan-apparmor', 'hardhat-selinux', 'bwrap-scripts'] }),
      },
    ],
    quiet: { always: 'a pointer for anyone who wants finer confinement, whatever the machine' },
  },
  'docker-root-daemon': {
    fires: [
      {
        why: 'dockerd as root',
        facts: withContainers({ docker: ROOT_DOCKER }),
        says: says({ severity: 'warning', command: 'dockerd-rootless-setuptool.sh install' }),
      },
    ],
    quiet: [{ why: 'rootless Docker', facts: withContainers({ docker: ROOTLESS_DOCKER }) }],
  },
  'docker-group-root-equivalent': {
    fires: [
      {
        why: 'a user in the docker group of a root daemon',
        facts: withContainers({ docker: { ...ROOT_DOCKER, groupMembers: ['alice'] } }),
        says: says({ severity: 'warning', detail: has('alice is in the docker group'), command: has('alice') }),
      },
    ],
    quiet: [
      {
        why: 'the group of a rootless daemon',
        facts: withContainers({ docker: { ...ROOTLESS_DOCKER, groupMembers: ['alice'] } }),
      },
    ],
  },
  'podman-rootless': {
    fires: [
      {
        why: 'ID ranges given',
        facts: withContainers({ podman: { installed: true, rootlessReady: true } }),
        says: says({ severity: 'ok' }),
      },
    ],
    quiet: [{ why: 'no ID ranges', facts: withContainers({ podman: { installed: true, rootlessReady: false } }) }],
  },
  'podman-rootless-setup': {
    fires: [
      {
        why: 'no ID ranges for alice',
        facts: withContainers({ podman: { installed: true, rootlessReady: false } }),
        says: says({ command: has('--add-subuids 100000-165535 --add-subgids 100000-165535 alice') }),
      },
    ],
    quiet: [{ why: 'ID ranges given', facts: withContainers({ podman: { installed: true, rootlessReady: true } }) }],
  },
  'gvisor-registered': {
    fires: [
      {
        why: 'runsc registered with Podman',
        facts: withContainers({ podman: { installed: true }, gvisor: { installed: true, registeredWith: ['podman'] } }),
        says: says({ severity: 'ok', detail: has('registered with podman') }),
      },
    ],
    quiet: [{ why: 'installed only', facts: withContainers({ gvisor: { installed: true } }) }],
  },
  'gvisor-not-registered': {
    fires: [
      {
        why: 'installed only',
        facts: withContainers({ gvisor: { installed: true } }),
        says: says({ severity: 'info', links: ['gvisor'] }),
      },
    ],
    quiet: [{ why: 'not installed', facts: DEBIAN_HOST }],
  },
  'kata-registered': {
    fires: [
      {
        why: 'Kata registered with containerd',
        facts: withContainers({ kata: { installed: true, registeredWith: ['containerd'] } }),
        says: says({ severity: 'ok', detail: has('registered with containerd') }),
      },
    ],
    quiet: [{ why: 'installed only', facts: withContainers({ kata: { installed: true } }) }],
  },
  'kata-not-registered': {
    fires: [
      {
        why: 'installed only',
        facts: withContainers({ kata: { installed: true } }),
        says: says({ severity: 'info', links: ['kata'] }),
      },
    ],
    quiet: [{ why: 'not installed', facts: DEBIAN_HOST }],
  },
  'container-runtime-suggest': {
    fires: [
      {
        why: 'Docker without a stronger runtime',
        facts: withContainers({ docker: ROOTLESS_DOCKER }),
        says: says({ links: ['gvisor', 'kata'] }),
      },
    ],
    quiet: [
      { why: 'gVisor there', facts: withContainers({ docker: ROOTLESS_DOCKER, gvisor: { installed: true } }) },
      { why: 'no container engine', facts: DEBIAN_HOST },
    ],
  },
  'no-containers': {
    fires: [{ why: 'neither engine', facts: DEBIAN_HOST, says: says({ severity: 'ok' }) }],
    quiet: [{ why: 'Podman installed', facts: withContainers({ podman: { installed: true } }) }],
  },
  'flatpak-isolation-is-not-mac': {
    fires: [{ why: 'any machine', facts: DEBIAN_HOST, says: says({ topic: 'sandbox', severity: 'info' }) }],
    quiet: { always: 'what Flatpak is, next to MAC, holds on every machine' },
  },
};

const FactsSchema = SystemStatusSchema.omit({ verdict: true, advice: true });
const itemsOf = (id: string, f: Facts): Advice[] =>
  adviseSystem(FactsSchema.parse(f)).advice.filter((a) => a.id === id);
const allCases = Object.values(CASES).flatMap((c) => [...c.fires, ...('always' in c.quiet ? [] : c.quiet)]);

/** Whether a dotted path names a field of the schema, through unions, nullables, optionals and readonly. */
function isField(schema: z.ZodType, path: readonly string[]): boolean {
  const [head, ...rest] = path;
  if (head === undefined) return true;
  if (schema instanceof z.ZodObject) {
    const next = (schema.shape as Record<string, z.ZodType | undefined>)[head];
    return next !== undefined && isField(next, rest);
  }
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).some((o) => isField(o, path));
  if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional || schema instanceof z.ZodReadonly)
    return isField(schema.unwrap() as z.ZodType, path);
  return false;
}

describe('the table of advice rules', () => {
  it('has one rule per ID, and a case that fires and one that does not for each, with no case for a rule it lacks', () => {
    const ids = SYSTEM_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(CASES).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      expect(CASES[id]?.fires.length, id).toBeGreaterThan(0);
      const quiet = CASES[id]?.quiet;
      expect(quiet && ('always' in quiet ? quiet.always.length : quiet.length), id).toBeGreaterThan(0);
    }
  });

  it('cites as evidence only fields the model has', () => {
    for (const rule of SYSTEM_RULES)
      for (const path of rule.evidence) expect(isField(FactsSchema, path.split('.')), `${rule.id}: ${path}`).toBe(true);
    expect(isField(FactsSchema, ['selinux', 'nonsense'])).toBe(false);
  });

  it('names only links the window may open', () => {
    const links = allCases.flatMap((c) => adviseSystem(c.facts).advice.flatMap((a) => a.links ?? []));
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect(Object.keys(HELP_LINKS)).toContain(l);
  });
});

describe.each(SYSTEM_RULES.map((r) => [r.id, r] as const))('rule %s', (id, rule) => {
  const cases = CASES[id] ?? { fires: [], quiet: [] };
  it.each(cases.fires.map((c) => [c.why, c] as const))('fires: %s', (_, c) => {
    const items = itemsOf(id, c.facts);
    if (c.says) expect(items).toHaveLength(c.says.length);
    else expect(items.length).toBeGreaterThan(0);
    items.forEach((a, i) => {
      expect(a).toMatchObject({ topic: rule.topic, severity: rule.severity, ...c.says?.[i] });
    });
  });
  const quiet = 'always' in cases.quiet ? [] : cases.quiet;
  it.each(quiet.map((c) => [c.why, c] as const))('stays quiet: %s', (_, c) => {
    expect(itemsOf(id, c.facts)).toEqual([]);
  });
  if ('always' in cases.quiet)
    it('fires on every machine of the table', () => {
      for (const c of allCases) expect(itemsOf(id, c.facts), c.why).toHaveLength(1);
    });
});

describe('the interpreter', () => {
  const rule = (id: string, severity: Advice['severity'], when = true, command?: string): AdviceRule<null> => ({
    id,
    topic: 'machine',
    severity,
    evidence: [],
    when: () => when,
    advise: () => ({ title: id, detail: id, command }),
  });

  it('shows problems first, then what is well, then notes, in table order within each', () => {
    const table = [
      rule('note-1', 'info'),
      rule('warn-1', 'warning'),
      rule('fine', 'ok'),
      rule('off', 'critical', false),
      rule('worst', 'critical'),
      rule('warn-2', 'warning'),
      rule('note-2', 'info'),
    ];
    expect(runRules(table, null).map((a) => a.id)).toEqual(['worst', 'warn-1', 'warn-2', 'fine', 'note-1', 'note-2']);
  });

  it('gives one item per text a rule says, and leaves out a command it has none for', () => {
    const many: AdviceRule<readonly string[]> = {
      ...rule('each', 'info'),
      when: (xs) => xs.length > 0,
      advise: (xs) => xs.map((x) => ({ title: x, detail: x })),
    };
    const out = runRules([many], ['a', 'b']);
    expect(out.map((a) => a.title)).toEqual(['a', 'b']);
    expect(out.every((a) => !('command' in a))).toBe(true);
    expect(runRules([rule('cmd', 'info', true, 'true')], null)[0]).toMatchObject({ command: 'true' });
    expect(runRules([many], [])).toEqual([]);
  });
});
