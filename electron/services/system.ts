// Reads the machine's protection from files under a root (normally `/`): SELinux from selinuxfs
// and /etc/selinux/config, AppArmor from /sys/module and securityfs, plus the LSM list, Yama, user
// namespaces, bubblewrap, the distribution and whether Confine itself runs in a container. No
// root, no subprocess; a file that cannot be read is said to be so, never guessed.

import { opendir } from 'node:fs/promises';
import { adviseSystem } from '../../shared/system/advice';
import type {
  AppArmorStatus,
  DistroFamily,
  DistroInfo,
  SelinuxConfigMode,
  SelinuxStatus,
  SystemStatus,
  Unreadable,
} from '../../shared/system/model';
import { clean, readText, textOrNull, type Refusals, type SystemFs } from './system-fs';
import { readLoadedProfiles, readOwnProfiles, type LoadedProfile, type LoadedProfiles } from './own-profiles';
import { readContainers, readFirejail } from './sandbox-tools';

export { hostFs, type SystemFs } from './system-fs';

function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m?.[1]) continue;
    let v = m[2] ?? '';
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))
      v = v.slice(1, -1).replace(/\\(["\\$`])/g, '$1');
    out[m[1]] = v;
  }
  return out;
}

export function distroFrom(text: string): DistroInfo {
  const r = parseOsRelease(text);
  const id = (r.ID ?? 'linux').toLowerCase();
  const idLike = (r.ID_LIKE ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const is = (...names: string[]) => names.includes(id) || idLike.some((l) => names.includes(l));
  const major = Number.parseInt(r.VERSION_ID ?? '', 10);
  let family: DistroFamily = 'other';
  let defaultMac: DistroInfo['defaultMac'] = 'unknown';
  if (id === 'opensuse-microos' || id === 'opensuse-aeon' || id === 'opensuse-kalpa' || idLike.includes('microos')) {
    family = 'opensuse-microos';
    defaultMac = 'selinux';
  } else if (id === 'opensuse-tumbleweed' || id === 'opensuse-slowroll') {
    family = 'opensuse-tumbleweed';
    defaultMac = 'either';
  } else if (id === 'opensuse-leap') {
    family = 'opensuse-leap';
    defaultMac = major >= 16 ? 'selinux' : 'apparmor';
  } else if (id === 'fedora') {
    family = 'fedora';
    defaultMac = 'selinux';
  } else if (is('rhel', 'centos', 'rocky', 'almalinux')) {
    family = 'rhel';
    defaultMac = 'selinux';
  } else if (is('ubuntu')) {
    family = 'ubuntu';
    defaultMac = 'apparmor';
  } else if (is('debian')) {
    family = 'debian';
    defaultMac = 'apparmor';
  } else if (is('arch')) {
    family = 'arch';
    defaultMac = 'none';
  }
  return {
    id,
    idLike,
    family,
    defaultMac,
    ...(r.VERSION_ID ? { versionId: r.VERSION_ID } : {}),
    ...(r.VARIANT_ID ? { variantId: r.VARIANT_ID } : {}),
    ...(r.PRETTY_NAME ? { prettyName: r.PRETTY_NAME } : {}),
  };
}

/** libselinux's reading of /etc/selinux/config: SELINUX= (case-sensitive tag) and SELINUXTYPE= (default targeted). */
export function parseSelinuxConfig(text: string): { mode: SelinuxConfigMode | null; type: string } {
  let mode: SelinuxConfigMode | null = null;
  let type = 'targeted';
  for (const raw of text.split('\n')) {
    if (raw.startsWith('SELINUX=')) {
      const v = raw.slice(8).toLowerCase();
      mode = v.startsWith('enforcing')
        ? 'enforcing'
        : v.startsWith('permissive')
          ? 'permissive'
          : v.startsWith('disabled')
            ? 'disabled'
            : null;
    }
    const line = raw.trimStart();
    if (line.startsWith('#')) continue;
    const m = /^selinuxtype=(.*)$/is.exec(line);
    if (m) type = (m[1] ?? '').replace(/[\s\p{Cc}]+$/u, '') || type;
  }
  return { mode, type };
}

function cmdlineHas(cmdline: string, key: string): string | undefined {
  return cmdline
    .split(/\s+/)
    .find((w) => w.startsWith(`${key}=`))
    ?.slice(key.length + 1);
}

async function readSelinux(
  fs: SystemFs,
  lsm: readonly string[] | null,
  cmdline: string,
  mounts: string,
): Promise<SelinuxStatus> {
  const filesystems = await readText(fs, 'proc/filesystems');
  if (!filesystems.ok) return { state: 'unknown', reason: filesystems.reason };
  const configText = await textOrNull(fs, 'etc/selinux/config');
  const config = configText === null ? null : parseSelinuxConfig(configText);
  if (!(filesystems.text ?? '').split('\n').some((l) => l.endsWith('\tselinuxfs'))) {
    const lsmArg = cmdlineHas(cmdline, 'lsm') ?? cmdlineHas(cmdline, 'security');
    const reason =
      cmdlineHas(cmdline, 'selinux') === '0'
        ? 'disabled-on-cmdline'
        : (lsm && !lsm.includes('selinux')) || (lsmArg !== undefined && !lsmArg.split(',').includes('selinux'))
          ? 'not-in-lsm-list'
          : 'not-in-kernel';
    return { state: 'absent', reason, configFilePresent: configText !== null };
  }
  const enforce = await readText(fs, 'sys/fs/selinux/enforce');
  if (!enforce.ok) return { state: 'unknown', reason: enforce.reason };
  if (enforce.text === null) {
    return {
      state: 'disabled',
      reason: config?.mode === 'disabled' ? 'config-disabled' : 'selinuxfs-not-mounted',
      configMode: config?.mode ?? null,
      policy: config?.type ?? null,
    };
  }
  const state = clean(enforce.text) === '1' ? 'enforcing' : 'permissive';
  const value = async (name: string) => {
    const t = await textOrNull(fs, `sys/fs/selinux/${name}`);
    return t === null ? null : clean(t);
  };
  const policyvers = await value('policyvers');
  const context = await textOrNull(fs, 'proc/self/attr/current');
  const selinuxMount = mounts.split('\n').find((l) => l.split(' ')[2] === 'selinuxfs');
  const readOnly = !!selinuxMount && (selinuxMount.split(' ')[3] ?? '').split(',').includes('ro');
  return {
    state,
    policy: config?.type ?? 'targeted',
    configMode: config?.mode ?? null,
    mls: (await value('mls')) === '1',
    policyVersion: policyvers === null || !/^\d+$/.test(policyvers) ? null : Number(policyvers),
    denyUnknown: (await value('deny_unknown')) === '1',
    runtimeDiffersFromConfig: config?.mode !== null && config?.mode !== undefined && config.mode !== state,
    processContext: context === null ? null : clean(context) || null,
    toolsReportDisabled: configText === null || readOnly,
  };
}

function countProfiles(list: readonly LoadedProfile[]) {
  const counts = { total: 0, enforce: 0, complain: 0, kill: 0, unconfined: 0, prompt: 0 };
  for (const { mode } of list) {
    counts.total++;
    if (mode === 'enforce' || mode === 'complain' || mode === 'kill' || mode === 'unconfined') counts[mode]++;
    else if (mode === 'user' || mode === 'prompt') counts.prompt++;
  }
  return counts;
}

async function readAppArmor(
  fs: SystemFs,
  lsm: readonly string[] | null,
  cmdline: string,
  mounts: string,
  profiles: LoadedProfiles,
): Promise<AppArmorStatus> {
  const enabled = await readText(fs, 'sys/module/apparmor/parameters/enabled');
  if (!enabled.ok) return { state: 'unknown', reason: enabled.reason };
  if (enabled.text === null) return { state: 'absent', reason: 'not-in-kernel' };
  if (!clean(enabled.text).startsWith('Y'))
    return {
      state: 'disabled',
      reason: cmdlineHas(cmdline, 'apparmor') === '0' ? 'disabled-on-cmdline' : 'not-selected-at-boot',
    };
  if (lsm && !lsm.includes('apparmor')) return { state: 'disabled', reason: 'not-in-lsm-list' };
  const restrict = await textOrNull(fs, 'proc/sys/kernel/apparmor_restrict_unprivileged_userns');
  const label = (await textOrNull(fs, 'proc/self/attr/apparmor/current')) ?? null;
  const base = {
    state: 'enabled' as const,
    processLabel: label === null ? null : clean(label) || null,
    restrictUnprivilegedUserns: restrict === null ? null : clean(restrict) === '1',
  };
  const securityfs =
    mounts.split('\n').some((l) => l.split(' ')[2] === 'securityfs') &&
    (await fs.exists('sys/kernel/security/apparmor'));
  if (!securityfs) return { ...base, profiles: null, profilesUnavailable: 'securityfs-not-mounted' };
  if (!profiles.ok) return { ...base, profiles: null, profilesUnavailable: profiles.reason };
  if (profiles.list === null) return { ...base, profiles: null, profilesUnavailable: 'not-present' };
  const counts = countProfiles(profiles.list);
  return counts.total === 0 ? { ...base, profiles: counts, noPolicyLoaded: true } : { ...base, profiles: counts };
}

/** `flatpakApps` are the installed apps, to tell which of them have an AppArmor profile. */
export async function readSystemStatus(
  fs: SystemFs,
  flatpakVersion: string | null,
  flatpakApps: readonly { id: string; name: string }[] = [],
): Promise<SystemStatus> {
  const container = (await fs.exists('.flatpak-info'))
    ? 'flatpak'
    : (await fs.exists('run/.containerenv'))
      ? 'podman'
      : (await fs.exists('.dockerenv'))
        ? 'docker'
        : null;
  const mounts = (await textOrNull(fs, 'proc/self/mounts')) ?? (await textOrNull(fs, 'proc/mounts')) ?? '';
  const cmdline = clean((await textOrNull(fs, 'proc/cmdline')) ?? '');
  const lsmRead = await readText(fs, 'sys/kernel/security/lsm');
  const securityfsMounted = mounts.split('\n').some((l) => l.split(' ')[2] === 'securityfs');
  const lsm = lsmRead.ok && lsmRead.text !== null ? clean(lsmRead.text).split(',').filter(Boolean) : null;
  const lsmUnavailable: Unreadable | undefined = lsm
    ? undefined
    : container === 'flatpak'
      ? 'sandboxed'
      : !lsmRead.ok
        ? lsmRead.reason
        : securityfsMounted
          ? 'not-present'
          : 'securityfs-not-mounted';

  const sandboxed = container === 'flatpak';
  const loadedProfiles = await readLoadedProfiles(fs);
  const selinux: SelinuxStatus = sandboxed
    ? { state: 'unknown', reason: 'sandboxed' }
    : await readSelinux(fs, lsm, cmdline, mounts);
  const apparmor: AppArmorStatus = sandboxed
    ? { state: 'unknown', reason: 'sandboxed' }
    : await readAppArmor(fs, lsm, cmdline, mounts, loadedProfiles);

  const lockdownText = await textOrNull(fs, 'sys/kernel/security/lockdown');
  const lockdown = (/\[(none|integrity|confidentiality)\]/.exec(lockdownText ?? '')?.[1] ??
    null) as SystemStatus['lockdown'];
  const yamaText = await textOrNull(fs, 'proc/sys/kernel/yama/ptrace_scope');
  const yama = yamaText !== null && /^[0-3]$/.test(clean(yamaText)) ? (Number(clean(yamaText)) as 0 | 1 | 2 | 3) : null;
  const maxText = await textOrNull(fs, 'proc/sys/user/max_user_namespaces');
  const cloneText = await textOrNull(fs, 'proc/sys/kernel/unprivileged_userns_clone');
  const maxUserNamespaces = maxText !== null && /^\d+$/.test(clean(maxText)) ? Number(clean(maxText)) : null;
  const unprivilegedClone = cloneText === null ? null : clean(cloneText) !== '0';
  const restricted = apparmor.state === 'enabled' && apparmor.restrictUnprivilegedUserns === true;
  const usable: SystemStatus['userns']['usable'] =
    maxUserNamespaces === 0 || unprivilegedClone === false
      ? 'no'
      : restricted
        ? 'restricted'
        : maxUserNamespaces !== null
          ? 'yes'
          : 'unknown';

  const bwrap: { path: string; setuid: boolean }[] = [];
  for (const path of ['usr/bin/bwrap', 'usr/libexec/flatpak-bwrap']) {
    const st = await fs.stat(path);
    if (st !== null) bwrap.push({ path: `/${path}`, setuid: (st.mode & 0o4000) !== 0 });
  }
  const osRelease = (await textOrNull(fs, 'etc/os-release')) ?? (await textOrNull(fs, 'usr/lib/os-release'));
  const distro = osRelease === null ? null : distroFrom(osRelease);

  const active: SystemStatus['active'] =
    selinux.state === 'enforcing' || selinux.state === 'permissive'
      ? 'selinux'
      : apparmor.state === 'enabled'
        ? 'apparmor'
        : lsm?.some((l) => l === 'smack' || l === 'tomoyo')
          ? 'other'
          : selinux.state === 'unknown' || apparmor.state === 'unknown'
            ? 'unknown'
            : 'none';

  const facts = {
    selinux,
    apparmor,
    active,
    lsm,
    ...(lsmUnavailable ? { lsmUnavailable } : {}),
    lockdown,
    yamaPtraceScope: yama,
    userns: { maxUserNamespaces, unprivilegedClone, usable },
    bwrap,
    flatpakVersion,
    container: container as SystemStatus['container'],
    distro,
    readAsRoot: fs.euid === 0,
    firejail: await readFirejail(fs),
    profiles: await readOwnProfiles(fs, flatpakApps, loadedProfiles),
    containers: await readContainers(fs),
  };
  // Last, so that every refusal of the reads above is in it.
  const unread = unreadOf(fs.refusals?.(), loadedProfiles.ok ? undefined : loadedProfiles.note);
  const all = unread ? { ...facts, unread } : facts;
  return { ...all, ...adviseSystem(all) };
}

/** What the file layer refused, with what a reader refused of a file's content; undefined when nothing was. */
function unreadOf(refused: Refusals | undefined, note: string | undefined): Refusals | undefined {
  const notes = [...(refused?.notes ?? []), ...(note ? [note] : [])];
  const more = refused?.more ?? 0;
  return notes.length > 0 || more > 0 ? { notes, more } : undefined;
}

/** Whether `confine mac --root DIR` was given a folder it can read. Opened, not listed: it may be huge. */
export async function rootExists(root: string): Promise<boolean> {
  try {
    await (await opendir(root)).close();
    return true;
  } catch {
    return false;
  }
}
