// The exposure audit: what an app's effective permissions let it do, as findings in plain words,
// sandbox escapes first, with a score that orders apps from most to least exposed.

import type { Context } from '../flatpak/context';
import { accessTo, has, policyFor, STARTUP_FILES, writes } from './access';

export const SEVERITIES = ['escape', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  escape: 'Sandbox escape',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

const WEIGHT: Readonly<Record<Severity, number>> = { escape: 50, high: 15, medium: 5, low: 1 };

export interface Finding {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  /** One sentence in plain words: what the app can do because of it. */
  readonly detail: string;
  /** The permission behind it, as Flatpak writes it. */
  readonly permission: string;
}

export interface AppAudit {
  readonly score: number;
  readonly findings: readonly Finding[];
}

function folderWord(via: string | undefined): string {
  return via === 'host' ? 'every file on the computer' : via === 'home' || via === '/home' || via === '/var/home' ? 'every file in your home folder' : `files in ${via ?? 'a folder'}`;
}

/** What an app may do through a portal without asking (camera, microphone, location). */
export interface PortalGrant {
  readonly key: string;
  readonly title: string;
  readonly detail: string;
  readonly permission: string;
}

export function auditApp(ctx: Context, portalGrants: readonly PortalGrant[] = []): AppAudit {
  const findings: Finding[] = [];
  const add = (f: Finding) => findings.push(f);
  const session = ctx.bus.session;

  // Sandbox escapes.
  const flatpak = policyFor(session, 'org.freedesktop.Flatpak');
  if (flatpak.policy === 'talk' || flatpak.policy === 'own') {
    add({ id: 'escape:flatpak-portal', severity: 'escape', title: 'Runs commands outside the sandbox', detail: 'It can talk to org.freedesktop.Flatpak, which runs any command on your computer, outside the sandbox.', permission: `talk-name=${flatpak.via ?? 'org.freedesktop.Flatpak'}` });
  }
  const systemd = policyFor(session, 'org.freedesktop.systemd1');
  if (systemd.policy === 'talk' || systemd.policy === 'own') {
    add({ id: 'escape:systemd', severity: 'escape', title: 'Starts services outside the sandbox', detail: 'It can talk to your session’s systemd, which starts programs outside the sandbox.', permission: `talk-name=${systemd.via ?? 'org.freedesktop.systemd1'}` });
  }
  if (has(ctx, 'sockets', 'session-bus')) {
    add({ id: 'escape:session-bus', severity: 'escape', title: 'Unfiltered session bus', detail: 'It can talk to every service of your desktop session unfiltered, including the one that runs commands outside the sandbox.', permission: 'socket=session-bus' });
  }
  if (has(ctx, 'sockets', 'system-bus')) {
    add({ id: 'escape:system-bus', severity: 'escape', title: 'Unfiltered system bus', detail: 'It can talk to every system service unfiltered, such as the ones that manage disks, users and software.', permission: 'socket=system-bus' });
  }
  const home = accessTo(ctx, '~');
  if (writes(home.mode)) {
    add({ id: 'escape:write-home', severity: 'escape', title: 'Changes your whole home folder', detail: `It can change ${folderWord(home.via)}, such as ~/.bashrc, which runs commands outside the sandbox the next time you log in.`, permission: `filesystems=${home.via ?? 'home'}` });
  } else {
    for (const file of STARTUP_FILES) {
      const a = accessTo(ctx, file);
      if (!writes(a.mode)) continue;
      add({ id: 'escape:write-startup', severity: 'escape', title: 'Changes files that start programs', detail: `It can change ${file}, from where commands run outside the sandbox (at login, at startup or as your own apps).`, permission: `filesystems=${a.via ?? file}` });
      break;
    }
  }

  // Broad access.
  if (home.mode === 'ro') {
    add({ id: 'read-home', severity: 'high', title: 'Reads your whole home folder', detail: `It can read ${folderWord(home.via)}, including SSH keys, browser profiles and documents.`, permission: `filesystems=${home.via ?? 'home'}:ro` });
  }
  const store = policyFor(session, 'org.freedesktop.impl.portal.PermissionStore');
  if (store.policy === 'talk' || store.policy === 'own') {
    add({ id: 'permission-store', severity: 'high', title: 'Grants itself portal permissions', detail: 'It can talk to the permission store and allow itself the camera, microphone or location.', permission: `talk-name=${store.via ?? ''}` });
  }
  if (has(ctx, 'devices', 'all')) add({ id: 'device-all', severity: 'high', title: 'All devices', detail: 'It can use every device: webcams, microphones, USB sticks and other hardware.', permission: 'devices=all' });
  const secrets = policyFor(session, 'org.freedesktop.secrets');
  if (secrets.policy === 'talk' || secrets.policy === 'own') {
    add({ id: 'secrets', severity: 'high', title: 'Your keyring', detail: 'It can ask your keyring for saved passwords and keys.', permission: `talk-name=${secrets.via ?? 'org.freedesktop.secrets'}` });
  }
  if (has(ctx, 'sockets', 'ssh-auth')) add({ id: 'ssh-auth', severity: 'high', title: 'Your SSH keys', detail: 'It can log in to other machines as you, with the keys in your SSH agent.', permission: 'sockets=ssh-auth' });
  if (has(ctx, 'sockets', 'gpg-agent')) add({ id: 'gpg-agent', severity: 'high', title: 'Your GPG keys', detail: 'It can sign and decrypt as you, with the keys in your GnuPG agent.', permission: 'sockets=gpg-agent' });
  if (has(ctx, 'sockets', 'x11')) {
    const onlyWithoutWayland = has(ctx, 'sockets', 'fallback-x11') && has(ctx, 'sockets', 'wayland');
    add(
      onlyWithoutWayland
        ? { id: 'x11-fallback', severity: 'low', title: 'X11 without Wayland', detail: 'It uses X11 only when no Wayland session runs; there it can read the keystrokes and screens of other X11 apps.', permission: 'sockets=fallback-x11' }
        : { id: 'x11', severity: 'medium', title: 'X11', detail: has(ctx, 'sockets', 'wayland') ? 'It uses X11 although it runs on Wayland; through X11 it can read the keystrokes and screens of other X11 apps.' : 'It shows its windows through X11, which lets it read the keystrokes and screens of other X11 apps.', permission: 'sockets=x11' },
    );
  }
  if (has(ctx, 'shared', 'network')) add({ id: 'network', severity: 'medium', title: 'Network', detail: 'It can reach the internet and every device on your local network.', permission: 'shared=network' });
  if (has(ctx, 'sockets', 'pulseaudio')) add({ id: 'pulseaudio', severity: 'medium', title: 'Sound and microphones', detail: 'It can play sound and record from every microphone, without asking.', permission: 'sockets=pulseaudio' });
  for (const g of portalGrants) add({ id: `portal:${g.key}`, severity: 'medium', title: g.title, detail: g.detail, permission: g.permission });
  if (has(ctx, 'features', 'devel')) add({ id: 'devel', severity: 'medium', title: 'Debugging system calls', detail: 'It can use system calls meant for debuggers, which makes the sandbox weaker.', permission: 'features=devel' });
  if (has(ctx, 'features', 'bluetooth')) add({ id: 'bluetooth', severity: 'medium', title: 'Bluetooth', detail: 'It can open Bluetooth connections directly.', permission: 'features=bluetooth' });
  if (has(ctx, 'sockets', 'pcsc')) add({ id: 'pcsc', severity: 'medium', title: 'Smart cards', detail: 'It can use your smart cards and security tokens.', permission: 'sockets=pcsc' });

  for (const [name, detail] of [
    ['cups', 'It can talk to the printing system directly.'],
    ['ipc', 'It shares memory with other programs of your session, which X11 apps use.'],
  ] as const) {
    if (has(ctx, name === 'ipc' ? 'shared' : 'sockets', name)) add({ id: name, severity: 'low', title: name === 'ipc' ? 'Shared memory with other programs' : 'Printing system', detail, permission: name === 'ipc' ? 'shared=ipc' : 'sockets=cups' });
  }
  for (const [name, title] of [
    ['kvm', 'Virtualization'],
    ['shm', 'Shared memory device'],
  ] as const) {
    if (has(ctx, 'devices', name)) add({ id: name, severity: 'low', title, detail: `It can use /dev/${name === 'kvm' ? 'kvm' : 'shm'} directly.`, permission: `devices=${name}` });
  }
  if (has(ctx, 'features', 'canbus')) add({ id: 'canbus', severity: 'low', title: 'CAN bus', detail: 'It can open CAN bus connections.', permission: 'features=canbus' });
  for (const path of ['host-os', 'host-etc'] as const) {
    const mode = ctx.filesystems.get(path);
    if (mode && mode !== 'none' && ctx.filesystems.get('host') === undefined) {
      add({ id: path, severity: 'low', title: path === 'host-os' ? 'System programs' : 'System configuration', detail: `It can read the host’s ${path === 'host-os' ? '/usr and its libraries' : '/etc'}.`, permission: `filesystems=${path}` });
    }
  }
  if (!findings.some((f) => f.id.includes('home') || f.id === 'escape:write-startup')) {
    const writable = [...ctx.filesystems].filter(([p, m]) => writes(m) && !['host', 'home', 'host-os', 'host-etc', 'host-reset'].includes(p) && !p.startsWith('xdg-run'));
    if (writable.length > 0) {
      add({ id: 'write-folders', severity: 'low', title: 'Changes some of your files', detail: `It can change files in ${writable.map(([p]) => p).join(', ')}.`, permission: `filesystems=${writable.map(([p]) => p).join(';')}` });
    }
  }
  const systemNames = [...ctx.bus.system].filter(([, p]) => p === 'talk' || p === 'own');
  if (systemNames.length > 0) {
    add({ id: 'system-bus-names', severity: 'low', title: 'System services', detail: `It can talk to ${systemNames.map(([n]) => n).join(', ')}.`, permission: systemNames.map(([n]) => `system-talk-name=${n}`).join(' ') });
  }

  findings.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  return { score: findings.reduce((s, f) => s + WEIGHT[f.severity], 0), findings };
}

export interface MachineOverview {
  readonly apps: number;
  readonly canEscape: number;
  readonly readHome: number;
  readonly network: number;
  readonly x11: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
}

export function machineOverview(audits: readonly { audit: AppAudit; context: Context }[]): MachineOverview {
  const bySeverity = { escape: 0, high: 0, medium: 0, low: 0 };
  let canEscape = 0;
  let readHome = 0;
  let network = 0;
  let x11 = 0;
  for (const { audit, context } of audits) {
    for (const f of audit.findings) bySeverity[f.severity]++;
    if (audit.findings.some((f) => f.severity === 'escape')) canEscape++;
    if (accessTo(context, '~').mode !== 'none') readHome++;
    if (has(context, 'shared', 'network')) network++;
    if (has(context, 'sockets', 'x11')) x11++;
  }
  return { apps: audits.length, canEscape, readHome, network, x11, bySeverity };
}

/** What Flatpak cannot restrict, said plainly wherever the audit is shown. */
export const LIMITS: readonly string[] = [
  'Flatpak cannot stop apps from reading much of /sys and /proc, which tell about your hardware and other programs.',
  'Flatpak’s seccomp filter is weak: it blocks only a short list of system calls, so the kernel stays a large target.',
  'Apps that use portals can still open any file you pick in a file chooser, whatever their file access says.',
  'Write access to your home folder, or talking to org.freedesktop.Flatpak, is a way out of the sandbox.',
];
