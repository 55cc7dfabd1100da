// The reader of the machine's protection, over fixture trees of seven distributions and their
// edge cases. Every expected value here comes from the research notes (../shared/research/
// mac-status.md, §1.4, §2.5, §3 and the §6 table), which were checked against the real getenforce,
// sestatus, aa-status and aa-enabled, not from what the reader returns.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostFs, parseSelinuxConfig, distroFrom, readSystemStatus } from '../electron/services/system';
import { readdirSync } from 'node:fs';
import { SystemStatusSchema, type SystemStatus } from '../shared/system/model';
import { MAC_FIXTURES, deriveFixture as deriveInto, fixtureFs, type FixtureChange } from '../e2e/testbed/mac-fixtures';
import { confine, workspace } from './helpers/testbed';
import { tempDir } from './helpers/temp';

async function status(dir: string, variant?: string): Promise<SystemStatus> {
  return readSystemStatus(await fixtureFs(dir, variant), '1.14.10');
}

const fixture = (name: string) => join(MAC_FIXTURES, name);
/** A changed copy of a fixture, removed when the test ends. */
const deriveFixture = async (base: string, change: FixtureChange) =>
  deriveInto(base, change, await tempDir(`confine-mac-${base}-`));
const adviceIds = (s: SystemStatus) => s.advice.map((a) => a.id);

describe('the seven distribution trees', () => {
  it('Fedora, enforcing', async () => {
    const s = await status(fixture('fedora-enforcing'));
    expect(s.selinux).toMatchObject({
      state: 'enforcing',
      policy: 'targeted',
      configMode: 'enforcing',
      mls: true,
      policyVersion: 35,
      denyUnknown: false,
      runtimeDiffersFromConfig: false,
      toolsReportDisabled: false,
    });
    expect(s.selinux).toMatchObject({ processContext: 'unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023' });
    expect(s.apparmor).toEqual({ state: 'absent', reason: 'not-in-kernel' });
    expect(s.active).toBe('selinux');
    expect(s.lsm).toEqual(['lockdown', 'capability', 'yama', 'selinux', 'bpf', 'landlock', 'ipe', 'ima', 'evm']);
    expect(s.distro).toMatchObject({ id: 'fedora', variantId: 'workstation', family: 'fedora', defaultMac: 'selinux' });
    // Fedora sets Yama to 0 through elfutils-default-yama-scope.
    expect(s.yamaPtraceScope).toBe(0);
    expect(s.bwrap).toEqual([{ path: '/usr/bin/bwrap', setuid: false }]);
    expect(s.container).toBeNull();
    expect(s.verdict.level).toBe('ok');
    expect(s.verdict.text).toMatch(/SELinux is enforcing/);
    expect(adviceIds(s)).toContain('selinux-keep-enforcing');
    expect(adviceIds(s)).not.toContain('selinux-set-enforcing');
  });

  it('Fedora, permissive at runtime while the config says enforcing', async () => {
    const s = await status(fixture('fedora-permissive'));
    expect(s.selinux).toMatchObject({
      state: 'permissive',
      policy: 'targeted',
      configMode: 'enforcing',
      mls: true,
      policyVersion: 35,
      runtimeDiffersFromConfig: true,
    });
    expect(s.verdict.level).toBe('warning');
    expect(adviceIds(s)).toEqual(
      expect.arrayContaining(['selinux-set-enforcing', 'selinux-runtime-differs-from-config']),
    );
    expect(adviceIds(s)).not.toContain('selinux-config-permissive');
    expect(s.advice.find((a) => a.id === 'selinux-set-enforcing')?.command).toBe('sudo setenforce 1');
  });

  it('Ubuntu with 100 AppArmor profiles, read as root', async () => {
    const s = await status(fixture('ubuntu-apparmor-100'));
    expect(s.apparmor).toMatchObject({
      state: 'enabled',
      profiles: { total: 100, enforce: 36, complain: 2, kill: 0, unconfined: 62, prompt: 0 },
      processLabel: 'unconfined',
      restrictUnprivilegedUserns: true,
    });
    expect(s.selinux).toMatchObject({ state: 'absent' });
    expect(s.active).toBe('apparmor');
    expect(s.distro).toMatchObject({ id: 'ubuntu', family: 'ubuntu', defaultMac: 'apparmor' });
    expect(s.userns.usable).toBe('restricted');
    expect(s.readAsRoot).toBe(true);
    expect(s.verdict.level).toBe('ok');
    expect(adviceIds(s)).toContain('apparmor-keep');
  });

  it('Ubuntu with AppArmor, read as a normal user: counts need administrator rights', async () => {
    const s = await status(fixture('ubuntu-apparmor-100'), 'unprivileged');
    expect(s.apparmor).toMatchObject({ state: 'enabled', profiles: null, profilesUnavailable: 'needs-root' });
    expect(s.readAsRoot).toBe(false);
    expect(s.verdict.level).toBe('ok');
    expect(s.advice.find((a) => a.id === 'apparmor-details-need-root')).toMatchObject({
      severity: 'info',
      command: 'sudo aa-status',
    });
  });

  it('openSUSE Tumbleweed with AppArmor, as a user and as root', async () => {
    const user = await status(fixture('tumbleweed-apparmor'));
    expect(user.apparmor).toMatchObject({ state: 'enabled', profiles: null, profilesUnavailable: 'needs-root' });
    expect(user.selinux).toMatchObject({ state: 'absent' });
    // New installs use SELinux since snapshot 20250211, older ones AppArmor: neither is wrong.
    expect(user.distro).toMatchObject({ family: 'opensuse-tumbleweed', defaultMac: 'either' });
    expect(adviceIds(user)).toContain('tumbleweed-either-is-fine');
    expect(adviceIds(user)).not.toContain('stick-to-distro-default');
    const root = await status(fixture('tumbleweed-apparmor'), 'root');
    expect(root.apparmor).toMatchObject({ state: 'enabled', profiles: { total: 25, enforce: 22, complain: 3 } });
  });

  it('MicroOS with SELinux; its kernel also has AppArmor, not selected', async () => {
    const s = await status(fixture('microos-selinux'));
    expect(s.selinux).toMatchObject({
      state: 'enforcing',
      policy: 'targeted',
      configMode: 'enforcing',
      mls: true,
      policyVersion: 33,
    });
    expect(s.apparmor).toEqual({ state: 'disabled', reason: 'not-selected-at-boot' });
    expect(s.distro).toMatchObject({ id: 'opensuse-microos', family: 'opensuse-microos', defaultMac: 'selinux' });
    expect(s.verdict.level).toBe('ok');
    expect(adviceIds(s)).not.toContain('apparmor-enable');
  });

  it('Arch with none: both built in, neither selected', async () => {
    const s = await status(fixture('arch-none'));
    expect(s.selinux).toEqual({ state: 'absent', reason: 'not-in-lsm-list', configFilePresent: false });
    expect(s.apparmor).toEqual({ state: 'disabled', reason: 'not-selected-at-boot' });
    expect(s.active).toBe('none');
    expect(s.lsm).toEqual(['capability', 'landlock', 'lockdown', 'yama', 'bpf']);
    expect(s.distro).toMatchObject({ id: 'arch', defaultMac: 'none' });
    expect(adviceIds(s)).toContain('arch-manual-mac-setup');
    expect(s.advice.find((a) => a.id === 'arch-manual-mac-setup')?.command).toMatch(/apparmor/);
    // A choice, not an error.
    expect(s.verdict.level).toBe('info');
  });

  it('a container without securityfs', async () => {
    const s = await status(fixture('container-no-securityfs'));
    expect(s.selinux).toMatchObject({ state: 'absent' });
    expect(s.apparmor).toEqual({ state: 'absent', reason: 'not-in-kernel' });
    expect(s.lsm).toBeNull();
    expect(s.lsmUnavailable).toBe('securityfs-not-mounted');
    expect(s.container).toBe('docker');
    expect(adviceIds(s)).toContain('in-container');
  });
});

describe('the IPC contract', () => {
  it.each(readdirSync(MAC_FIXTURES))('%s crosses it whole', async (name) => {
    const s = await status(fixture(name));
    expect(SystemStatusSchema.parse(s)).toEqual(s);
  });
});

describe('edge cases', () => {
  it('a read-only selinuxfs: the kernel enforces, though SELinux tools say Disabled', async () => {
    const mounts =
      'sysfs /sys sysfs rw 0 0\nproc /proc proc rw 0 0\nselinuxfs /sys/fs/selinux selinuxfs ro,nosuid,noexec,relatime 0 0\n';
    const s = await status(await deriveFixture('fedora-enforcing', { write: { 'proc/self/mounts': mounts } }));
    expect(s.selinux).toMatchObject({ state: 'enforcing', toolsReportDisabled: true });
    expect(adviceIds(s)).toContain('selinux-tools-say-disabled');
  });

  it('no /etc/selinux/config: enforcing, policy name defaults to targeted, tools say Disabled', async () => {
    const s = await status(await deriveFixture('fedora-enforcing', { remove: ['etc/selinux/config'] }));
    expect(s.selinux).toMatchObject({
      state: 'enforcing',
      policy: 'targeted',
      configMode: null,
      toolsReportDisabled: true,
      runtimeDiffersFromConfig: false,
    });
  });

  it('SELINUX=disabled: selinuxfs registered but not mounted', async () => {
    const config = 'SELINUX=disabled\nSELINUXTYPE=targeted\n';
    const s = await status(
      await deriveFixture('fedora-enforcing', { remove: ['sys/fs/selinux'], write: { 'etc/selinux/config': config } }),
    );
    expect(s.selinux).toEqual({
      state: 'disabled',
      reason: 'config-disabled',
      configMode: 'disabled',
      policy: 'targeted',
    });
    expect(s.active).toBe('none');
    expect(s.verdict.level).toBe('critical');
    expect(adviceIds(s)).toEqual(expect.arrayContaining(['selinux-do-not-disable', 'selinux-reenable-needs-relabel']));
  });

  it('selinux=0 on the command line', async () => {
    const s = await status(
      await deriveFixture('fedora-enforcing', {
        remove: ['sys/fs/selinux'],
        write: {
          'proc/filesystems': 'nodev\tsysfs\nnodev\tproc\n',
          'proc/cmdline': 'BOOT_IMAGE=/vmlinuz root=/dev/sda1 selinux=0\n',
        },
      }),
    );
    expect(s.selinux).toEqual({ state: 'absent', reason: 'disabled-on-cmdline', configFilePresent: true });
    expect(adviceIds(s)).toContain('selinux-do-not-disable');
  });

  it('Debian with only policycoreutils installed: a config file, no SELinux', async () => {
    const s = await status(
      await deriveFixture('container-no-securityfs', {
        write: { 'etc/selinux/config': 'SELINUX=permissive\nSELINUXTYPE=default\nSETLOCALDEFS=0\n' },
      }),
    );
    expect(s.selinux).toEqual({ state: 'absent', reason: 'not-in-kernel', configFilePresent: true });
    expect(adviceIds(s)).not.toContain('selinux-set-enforcing');
  });

  it('AppArmor on with no policy loaded', async () => {
    const s = await status(
      await deriveFixture('ubuntu-apparmor-100', { write: { 'sys/kernel/security/apparmor/profiles': '' } }),
    );
    expect(s.apparmor).toMatchObject({ state: 'enabled', noPolicyLoaded: true, profiles: { total: 0 } });
    expect(s.verdict.level).toBe('warning');
    expect(s.advice.find((a) => a.id === 'apparmor-no-policy-loaded')).toMatchObject({
      severity: 'warning',
      command: 'sudo systemctl enable --now apparmor',
    });
  });

  it('AppArmor with complain-mode profiles only', async () => {
    const s = await status(
      await deriveFixture('ubuntu-apparmor-100', {
        write: { 'sys/kernel/security/apparmor/profiles': 'a (complain)\nb (complain)\n' },
      }),
    );
    expect(s.apparmor).toMatchObject({ state: 'enabled', profiles: { total: 2, enforce: 0, complain: 2 } });
  });

  it('AppArmor on Debian stopped at boot with apparmor=0', async () => {
    const s = await status(
      await deriveFixture('ubuntu-apparmor-100', {
        write: {
          'sys/module/apparmor/parameters/enabled': 'N\n',
          'proc/cmdline': 'root=/dev/sda1 ro apparmor=0\n',
          'etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n',
        },
      }),
    );
    expect(s.apparmor).toEqual({ state: 'disabled', reason: 'disabled-on-cmdline' });
    expect(s.advice.find((a) => a.id === 'apparmor-enable')).toMatchObject({ severity: 'warning' });
  });

  it('kernel values with and without a trailing newline read the same', async () => {
    const newlines = await status(
      await deriveFixture('fedora-enforcing', {
        write: {
          'sys/fs/selinux/enforce': '1\n',
          'sys/fs/selinux/mls': '1\n',
          'sys/fs/selinux/policyvers': '35\n',
          'sys/kernel/security/lsm': 'lockdown,capability,yama,selinux\n',
          'proc/self/attr/current': 'system_u:system_r:kernel_t:s0\n',
        },
      }),
    );
    expect(newlines.selinux).toMatchObject({
      state: 'enforcing',
      mls: true,
      policyVersion: 35,
      processContext: 'system_u:system_r:kernel_t:s0',
    });
    expect(newlines.lsm).toEqual(['lockdown', 'capability', 'yama', 'selinux']);
    const bare = await status(
      await deriveFixture('ubuntu-apparmor-100', {
        write: {
          'sys/module/apparmor/parameters/enabled': 'Y',
          'proc/sys/kernel/yama/ptrace_scope': '1',
          'sys/kernel/security/apparmor/profiles': 'a (enforce)\nb (complain)',
        },
      }),
    );
    expect(bare.apparmor).toMatchObject({ state: 'enabled', profiles: { total: 2, enforce: 1, complain: 1 } });
    expect(bare.yamaPtraceScope).toBe(1);
  });

  it('EACCES on selinuxfs reports SELinux as unknown, not as off', async () => {
    const s = await status(
      await deriveFixture('fedora-enforcing', { meta: { errors: { '/sys/fs/selinux/enforce': 'EACCES' } } }),
    );
    expect(s.selinux).toEqual({ state: 'unknown', reason: 'needs-root' });
    expect(s.active).not.toBe('none');
    expect(s.verdict.text).not.toMatch(/Not protected/);
  });

  it('EINVAL on the process context (BPF LSM ordered first) leaves the context unknown', async () => {
    const s = await status(
      await deriveFixture('fedora-enforcing', { meta: { errors: { '/proc/self/attr/current': 'EINVAL' } } }),
    );
    expect(s.selinux).toMatchObject({ state: 'enforcing', processContext: null });
  });

  it('EIO on the AppArmor switch is an error, and the rest is still read', async () => {
    const s = await status(
      await deriveFixture('ubuntu-apparmor-100', {
        meta: { errors: { '/sys/module/apparmor/parameters/enabled': 'EIO' } },
      }),
    );
    expect(s.apparmor).toEqual({ state: 'unknown', reason: 'io-error' });
    expect(s.lsm).toContain('apparmor');
    expect(s.distro?.id).toBe('ubuntu');
  });

  it('a Debian host whose kernel lacks AppArmor', async () => {
    const s = await status(await deriveFixture('container-no-securityfs', { remove: ['.dockerenv'] }));
    expect(s.container).toBeNull();
    expect(s.apparmor).toEqual({ state: 'absent', reason: 'not-in-kernel' });
    expect(s.advice.find((a) => a.id === 'apparmor-missing-from-kernel')).toMatchObject({ severity: 'warning' });
    expect(s.verdict.level).toBe('warning');
    expect(s.verdict.text).toMatch(/^Not protected: AppArmor is off/);
  });

  it('a setuid bubblewrap and user namespaces turned off', async () => {
    const dir = await deriveFixture('arch-none', {
      write: { 'proc/sys/user/max_user_namespaces': '0\n', 'usr/bin/bwrap': '' },
      meta: { modes: { '/usr/bin/bwrap': '4755' } },
    });
    const s = await status(dir);
    expect(s.bwrap).toEqual([{ path: '/usr/bin/bwrap', setuid: true }]);
    expect(s.userns.usable).toBe('no');
    expect(adviceIds(s)).toEqual(expect.arrayContaining(['bwrap-setuid', 'userns-disabled']));
  });

  it('inside a Flatpak sandbox: only /sys/{block,bus,class,dev,devices} are visible', async () => {
    const dir = await deriveFixture('container-no-securityfs', {
      remove: ['.dockerenv'],
      write: {
        '.flatpak-info': '[Application]\nname=dev.confine.Confine\n',
        'sys/block/.keep': '',
        'sys/bus/.keep': '',
        'sys/class/.keep': '',
        'sys/dev/.keep': '',
        'sys/devices/.keep': '',
      },
    });
    const s = await status(dir);
    expect(s.selinux).toEqual({ state: 'unknown', reason: 'sandboxed' });
    expect(s.apparmor).toEqual({ state: 'unknown', reason: 'sandboxed' });
    expect(s.container).toBe('flatpak');
    expect(s.lsmUnavailable).toBe('sandboxed');
    expect(adviceIds(s)).toContain('app-is-sandboxed');
    // What to do instead: a Confine outside Flatpak, or one command on the host; never flatpak-spawn.
    const note = s.advice.find((a) => a.id === 'app-is-sandboxed');
    expect(note?.command).toBe('cat /sys/kernel/security/lsm');
    expect(note?.detail).toMatch(/confine mac.*outside Flatpak/);
    expect(note?.detail).toMatch(/does not ask for flatpak-spawn --host/);
    expect(s.verdict.text).toMatch(/cannot see/);
  });
});

describe('/etc/selinux/config as libselinux reads it', () => {
  it('SELINUX= only at the start of a line, case-sensitive tag, value by prefix', () => {
    expect(parseSelinuxConfig('SELINUX=Enforcing\n').mode).toBe('enforcing');
    expect(parseSelinuxConfig(' SELINUX=enforcing\n').mode).toBeNull();
    expect(parseSelinuxConfig('selinux=enforcing\n').mode).toBeNull();
    expect(parseSelinuxConfig('SELINUX=bogus\n').mode).toBeNull();
    expect(parseSelinuxConfig('SELINUX=permissive # debugging\n').mode).toBe('permissive');
  });
  it('SELINUXTYPE=: leading blanks and comments skipped, tag any case, trailing blanks cut, default targeted', () => {
    expect(parseSelinuxConfig('').type).toBe('targeted');
    expect(parseSelinuxConfig('  selinuxtype=mls  \r\n').type).toBe('mls');
    expect(parseSelinuxConfig('#SELINUXTYPE=mls\n').type).toBe('targeted');
    expect(parseSelinuxConfig('SELINUXTYPE=default\n').type).toBe('default');
  });
});

describe('distribution defaults (research §3.3)', () => {
  it.each([
    ['ID=fedora\nVARIANT_ID=silverblue\n', 'fedora', 'selinux'],
    ['ID="rocky"\nID_LIKE="rhel centos fedora"\n', 'rhel', 'selinux'],
    ['ID="opensuse-microos"\nID_LIKE="suse opensuse opensuse-tumbleweed"\n', 'opensuse-microos', 'selinux'],
    ['ID="opensuse-tumbleweed"\nID_LIKE="opensuse suse"\n', 'opensuse-tumbleweed', 'either'],
    ['ID="opensuse-leap"\nVERSION_ID="15.6"\n', 'opensuse-leap', 'apparmor'],
    ['ID="opensuse-leap"\nVERSION_ID="16.0"\n', 'opensuse-leap', 'selinux'],
    ['ID=pop\nID_LIKE="ubuntu debian"\n', 'ubuntu', 'apparmor'],
    ['ID=debian\nVERSION_ID="12"\n', 'debian', 'apparmor'],
    ['ID=endeavouros\nID_LIKE=arch\n', 'arch', 'none'],
    ['ID=nixos\n', 'other', 'unknown'],
  ])('%j', (text, family, defaultMac) => {
    expect(distroFrom(text)).toMatchObject({ family, defaultMac });
  });
});

describe('this machine', () => {
  it('reads without error: a container with no MAC active', async () => {
    const s = await readSystemStatus(hostFs('/'), null);
    // Debian 12 in a container; the kernel has neither SELinux (not in CONFIG_LSM) nor AppArmor (research §4).
    expect(s.container).not.toBeNull();
    expect(s.selinux.state).toBe('absent');
    expect(['absent', 'disabled']).toContain(s.apparmor.state);
    expect(s.active).toBe('none');
    expect(s.distro?.id).toBe('debian');
    // What a container lacks is the host kernel's doing: no advice to change the distribution.
    expect(s.verdict.text).toMatch(/container/);
    expect(s.verdict.level).toBe('info');
    expect(adviceIds(s)).toContain('in-container');
  });
});

describe('confine mac', () => {
  it('prints the verdict, the three cards and the commands, for a fixture root', async () => {
    const env = await workspace();
    const r = await confine(env, ['mac', '--root', fixture('fedora-permissive')]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^At risk: SELinux/);
    expect(r.stdout).toMatch(/^SELinux: Permissive/m);
    expect(r.stdout).toMatch(/^AppArmor: Not running/m);
    expect(r.stdout).toMatch(/^Sandbox footing: /m);
    expect(r.stdout).toContain('$ sudo setenforce 1');
  });

  it('--json gives the whole status', async () => {
    const r = await confine(await workspace(), ['mac', '--json', '--root', fixture('arch-none')]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as SystemStatus;
    expect(s.distro?.id).toBe('arch');
    expect(s.advice.map((a) => a.id)).toContain('arch-manual-mac-setup');
    expect(s.flatpakVersion).toMatch(/^1\.\d+\.\d+$/);
  });

  it('refuses a root that is not a folder, and arguments', async () => {
    const env = await workspace();
    const missing = await confine(env, ['mac', '--root', '/nonexistent/confine']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('not a readable folder');
    const extra = await confine(env, ['mac', 'extra']);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain('no arguments');
  });
});
