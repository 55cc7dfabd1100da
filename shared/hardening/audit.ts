// The exposure audit: what an app's effective permissions let it do, as findings in plain words,
// each naming the permission behind it, sandbox escapes first. Apps are ranked escapes first:
// an app with a way out ranks above every app without one, whatever the rest adds up to.

import type { Context } from '../flatpak/context';
import { has, locationOf, reach, reachWithin, talksTo } from './access';
import { BUS_ROUTES, MASKS, PATH_ROUTES, type BusClass, type RouteClass } from './routes';

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

/** What an app may do through a portal without asking (camera, microphone, location). */
export interface PortalGrant {
  readonly key: string;
  readonly title: string;
  readonly detail: string;
  readonly permission: string;
}

interface ClassWords {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  readonly detail: (where: string) => string;
}

/** One row a class of route: how a finding about it reads. */
const ROUTE_WORDS: Readonly<Record<RouteClass | BusClass, ClassWords>> = {
  'flatpak-portal': {
    id: 'escape:flatpak-portal',
    severity: 'escape',
    title: 'Runs commands outside the sandbox',
    detail: () =>
      'It can talk to org.freedesktop.Flatpak, which runs any command on your computer, outside the sandbox.',
  },
  systemd: {
    id: 'escape:systemd',
    severity: 'escape',
    title: 'Starts services outside the sandbox',
    detail: () => 'It can talk to your session’s systemd, which starts programs outside the sandbox.',
  },
  startup: {
    id: 'escape:write-startup',
    severity: 'escape',
    title: 'Changes what runs at login',
    detail: (w) =>
      `It can change ${w}, from where commands run outside the sandbox (at login, at startup or as your own apps).`,
  },
  overrides: {
    id: 'escape:flatpak-overrides',
    severity: 'escape',
    title: 'Widens its own sandbox',
    detail: (w) =>
      `It can write ${w}, Flatpak’s overrides or installation, and so give itself or any app any permission. A permission manager (Flatseal, or Confine as a Flatpak) can do this by its nature.`,
  },
  dconf: {
    id: 'escape:dconf',
    severity: 'escape',
    title: 'Changes any desktop setting',
    detail: (w) =>
      `It can write your desktop’s settings (${w}), such as a keyboard shortcut that runs a command outside the sandbox.`,
  },
  gnupg: {
    id: 'escape:gnupg',
    severity: 'escape',
    title: 'Changes your GnuPG settings',
    detail: (w) => `It can change ${w}, where gpg-agent reads which program to run outside the sandbox.`,
  },
  ssh: {
    id: 'escape:ssh',
    severity: 'escape',
    title: 'Changes your SSH settings',
    detail: (w) => `It can change ${w}: let itself log in as you, or run commands when you connect somewhere.`,
  },
  'native-messaging': {
    id: 'escape:native-messaging',
    severity: 'escape',
    title: 'Registers browser helpers',
    detail: (w) =>
      `It can write ${w}, and your browser starts the helpers registered there outside this app’s sandbox.`,
  },
  containers: {
    id: 'escape:containers',
    severity: 'escape',
    title: 'Controls a container engine',
    detail: (w) =>
      `It can use ${w}: containers or machines it starts can mount your files. Read-only does not stop a socket.`,
  },
  'host-tmp': {
    id: 'escape:host-tmp',
    severity: 'escape',
    title: 'Reaches your /tmp',
    detail: () =>
      'It shares your computer’s /tmp, where tmux and SSH agents keep sockets that run commands or log in as you.',
  },
  'other-apps': {
    id: 'other-apps',
    severity: 'high',
    title: 'Changes other apps’ files',
    detail: (w) => `It can change ${w}: settings and helpers that other apps, with their own permissions, then use.`,
  },
  keyring: {
    id: 'secrets',
    severity: 'high',
    title: 'Your keyring',
    detail: (w) => `It can ask your keyring (${w}) for saved passwords and keys.`,
  },
  'permission-store': {
    id: 'permission-store',
    severity: 'high',
    title: 'Grants itself portal permissions',
    detail: () => 'It can talk to the permission store and allow itself the camera, microphone or location.',
  },
  'gpg-agent': {
    id: 'gpg-agent',
    severity: 'high',
    title: 'Your GPG keys',
    detail: (w) => `It can sign and decrypt as you, with the keys in your GnuPG agent (${w}).`,
  },
  pipewire: {
    id: 'pipewire',
    severity: 'medium',
    title: 'Microphones, cameras and screen captures',
    detail: (w) =>
      `It can reach every microphone and camera PipeWire manages, and screen captures, without asking (${w}). Read-only does not stop a socket.`,
  },
};

const homeWords = (via: string | undefined): string =>
  via === 'host' ? 'every file on the computer' : 'every file in your home folder';
const fsPermission = (via: string, mode: 'ro' | 'rw'): string =>
  `filesystems=${via}${mode === 'ro' && !via.endsWith(':ro') ? ':ro' : ''}`;

/** Findings for the routes of each class the app can use (sockets) or write (files and folders). */
function routeFindings(ctx: Context, homeWritable: boolean): Finding[] {
  const out = new Map<string, { words: ClassWords; where: string[]; permissions: string[] }>();
  const note = (cls: RouteClass | BusClass, where: string, permission: string) => {
    const words = ROUTE_WORDS[cls];
    const f = out.get(words.id) ?? { words, where: [], permissions: [] };
    if (!f.where.includes(where)) f.where.push(where);
    if (!f.permissions.includes(permission)) f.permissions.push(permission);
    out.set(words.id, f);
  };
  for (const r of PATH_ROUTES) {
    const access = reachWithin(ctx, r.location);
    if (!access.via) continue;
    const usable = r.kind === 'socket' ? access.read : access.write;
    if (!usable) continue;
    // A start-up file reached only through write access to all of home is part of that finding,
    // which says that such files can be created: no protection can cover one that is missing.
    const viaLoc = locationOf(access.via);
    if (r.kind === 'file' && homeWritable && (viaLoc === '~' || viaLoc === '/')) continue;
    note(
      r.class,
      access.around ? `${r.location} (by renaming ${access.around} away)` : r.location,
      `filesystems=${access.via}`,
    );
  }
  for (const b of BUS_ROUTES) {
    const via = talksTo(ctx, 'session', b.name);
    if (via) note(b.class, b.name, `talk-name=${via}`);
  }
  return [...out.values()].map(({ words, where, permissions }) => ({
    id: words.id,
    severity: words.severity,
    title: words.title,
    detail: words.detail(where.join(', ')),
    permission: permissions.join(' '),
  }));
}

/** What masks protect under a writable home, and what they cannot, for the home finding. */
function homeDetail(ctx: Context, via: string | undefined): string {
  const kept = MASKS.flatMap((m) => m.locations).filter((loc) => ctx.filesystems.has(loc) && !reach(ctx, loc).write);
  const base = `It can change ${homeWords(via)}: other programs’ settings and start-up files such as ~/.bashrc, which run commands outside the sandbox.`;
  if (kept.length === 0) return base;
  return `It can change ${homeWords(via)}. Read-only for it: ${kept.join(', ')}. It can still create start-up files that do not exist yet and change other programs’ files, so this stays a way out.`;
}

export function auditApp(ctx: Context, portalGrants: readonly PortalGrant[] = []): AppAudit {
  const findings: Finding[] = [];
  const add = (f: Finding) => findings.push(f);
  const home = reach(ctx, '~');

  if (has(ctx, 'sockets', 'session-bus'))
    add({
      id: 'escape:session-bus',
      severity: 'escape',
      title: 'Unfiltered session bus',
      detail:
        'It can talk to every service of your desktop session unfiltered, including the one that runs commands outside the sandbox.',
      permission: 'sockets=session-bus',
    });
  if (has(ctx, 'sockets', 'system-bus'))
    add({
      id: 'escape:system-bus',
      severity: 'escape',
      title: 'Unfiltered system bus',
      detail: 'It can talk to every system service unfiltered, such as the ones that manage disks, users and software.',
      permission: 'sockets=system-bus',
    });
  if (home.write)
    add({
      id: 'escape:write-home',
      severity: 'escape',
      title: 'Changes your whole home folder',
      detail: homeDetail(ctx, home.via),
      permission: `filesystems=${home.via ?? 'home'}`,
    });
  else if (home.read)
    add({
      id: 'read-home',
      severity: 'high',
      title: 'Reads your whole home folder',
      detail: `It can read ${homeWords(home.via)}, including SSH keys, browser profiles and documents.`,
      permission: fsPermission(home.via ?? 'home', 'ro'),
    });
  findings.push(...routeFindings(ctx, home.write));

  if (has(ctx, 'devices', 'all'))
    add({
      id: 'device-all',
      severity: 'high',
      title: 'All devices',
      detail: 'It can use every device: webcams, microphones, USB sticks and other hardware.',
      permission: 'devices=all',
    });
  if (has(ctx, 'sockets', 'ssh-auth'))
    add({
      id: 'ssh-auth',
      severity: 'high',
      title: 'Your SSH keys',
      detail: 'It can log in to other machines as you, with the keys in your SSH agent.',
      permission: 'sockets=ssh-auth',
    });
  if (has(ctx, 'sockets', 'gpg-agent')) {
    const existing = findings.find((f) => f.id === 'gpg-agent');
    if (existing)
      findings.splice(findings.indexOf(existing), 1, {
        ...existing,
        permission: `sockets=gpg-agent ${existing.permission}`,
      });
    else
      add({
        id: 'gpg-agent',
        severity: 'high',
        title: 'Your GPG keys',
        detail: 'It can sign and decrypt as you, with the keys in your GnuPG agent.',
        permission: 'sockets=gpg-agent',
      });
  }
  if (has(ctx, 'sockets', 'x11') || (has(ctx, 'sockets', 'fallback-x11') && !has(ctx, 'sockets', 'wayland'))) {
    const onlyWithoutWayland = has(ctx, 'sockets', 'fallback-x11') && has(ctx, 'sockets', 'wayland');
    add(
      onlyWithoutWayland
        ? {
            id: 'x11-fallback',
            severity: 'low',
            title: 'X11 without Wayland',
            detail:
              'It uses X11 only when no Wayland session runs; there it can read the keystrokes and screens of other X11 apps.',
            permission: 'sockets=fallback-x11',
          }
        : {
            id: 'x11',
            severity: 'medium',
            title: 'X11',
            detail: has(ctx, 'sockets', 'wayland')
              ? 'It uses X11 even on a Wayland session; through X11 it can read the keystrokes and screens of other X11 apps.'
              : 'It shows its windows through X11, which lets it read the keystrokes and screens of other X11 apps.',
            permission: has(ctx, 'sockets', 'x11') ? 'sockets=x11' : 'sockets=fallback-x11',
          },
    );
  }
  if (has(ctx, 'shared', 'network'))
    add({
      id: 'network',
      severity: 'medium',
      title: 'Network',
      detail: 'It can reach the internet and every device on your local network.',
      permission: 'shared=network',
    });
  if (has(ctx, 'sockets', 'pulseaudio'))
    add({
      id: 'pulseaudio',
      severity: 'medium',
      title: 'Sound and microphones',
      detail: 'It can play sound and record from every microphone, without asking.',
      permission: 'sockets=pulseaudio',
    });
  for (const g of portalGrants)
    add({ id: `portal:${g.key}`, severity: 'medium', title: g.title, detail: g.detail, permission: g.permission });
  const simple: readonly (readonly [keyof Context['flags'], string, Severity, string, string])[] = [
    [
      'features',
      'devel',
      'medium',
      'Debugging system calls',
      'It can use system calls meant for debuggers, which makes the sandbox weaker.',
    ],
    ['features', 'bluetooth', 'medium', 'Bluetooth', 'It can open Bluetooth connections directly.'],
    ['sockets', 'pcsc', 'medium', 'Smart cards', 'It can use your smart cards and security tokens.'],
    ['sockets', 'cups', 'low', 'Printing system', 'It can talk to the printing system directly.'],
    [
      'shared',
      'ipc',
      'low',
      'Shared memory with other programs',
      'It shares memory with other programs of your session, which X11 apps use.',
    ],
    ['devices', 'kvm', 'low', 'Virtualization', 'It can use /dev/kvm directly.'],
    ['devices', 'shm', 'low', 'Shared memory device', 'It can use /dev/shm directly.'],
    ['features', 'canbus', 'low', 'CAN bus', 'It can open CAN bus connections.'],
  ];
  for (const [kind, name, severity, title, detail] of simple)
    if (has(ctx, kind, name)) add({ id: name, severity, title, detail, permission: `${kind}=${name}` });
  for (const path of ['host-os', 'host-etc'] as const) {
    const mode = ctx.filesystems.get(path);
    if (mode && mode !== 'none' && !home.read)
      add({
        id: path,
        severity: 'low',
        title: path === 'host-os' ? 'System programs' : 'System configuration',
        detail: `It can read the host’s ${path === 'host-os' ? '/usr and its libraries' : '/etc'}.`,
        permission: `filesystems=${path}`,
      });
  }
  if (!home.write && !findings.some((f) => f.id === 'escape:write-startup')) {
    const writable = [...ctx.filesystems].filter(
      ([p, m]) =>
        (m === 'rw' || m === 'create') &&
        !['host', 'home', 'host-os', 'host-etc', 'host-reset'].includes(p) &&
        !p.startsWith('xdg-run'),
    );
    if (writable.length > 0)
      add({
        id: 'write-folders',
        severity: 'low',
        title: 'Changes some of your files',
        detail: `It can change files in ${writable.map(([p]) => p).join(', ')}.`,
        permission: `filesystems=${writable.map(([p]) => p).join(';')}`,
      });
  }
  const systemNames = [...ctx.bus.system].filter(([, p]) => p === 'talk' || p === 'own');
  if (systemNames.length > 0)
    add({
      id: 'system-bus-names',
      severity: 'low',
      title: 'System services',
      detail: `It can talk to ${systemNames.map(([n]) => n).join(', ')}.`,
      permission: systemNames.map(([n]) => `system-talk-name=${n}`).join(' '),
    });

  findings.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  return { score: findings.reduce((s, f) => s + WEIGHT[f.severity], 0), findings };
}

export const escapesOf = (a: Pick<AppAudit, 'findings'>): number =>
  a.findings.filter((f) => f.severity === 'escape').length;

type Ranked = { readonly score: number } & ({ readonly escapes: number } | Pick<AppAudit, 'findings'>);
const escapeCount = (a: Ranked): number => ('escapes' in a ? a.escapes : escapesOf(a));

/** The ranking: more ways out first, then the higher score. */
export function compareExposure(a: Ranked, b: Ranked): number {
  return escapeCount(b) - escapeCount(a) || b.score - a.score;
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
    if (escapesOf(audit) > 0) canEscape++;
    if (reach(context, '~').read) readHome++;
    if (has(context, 'shared', 'network')) network++;
    // fallback-x11 with Wayland means X11 only where no Wayland session runs.
    if (
      has(context, 'sockets', 'x11') &&
      !(has(context, 'sockets', 'fallback-x11') && has(context, 'sockets', 'wayland'))
    )
      x11++;
  }
  return { apps: audits.length, canEscape, readHome, network, x11, bySeverity };
}

/** What Flatpak cannot restrict, said plainly wherever the audit is shown. */
export const LIMITS: readonly string[] = [
  'Flatpak cannot stop apps from reading much of /sys and /proc, which tell about your hardware and other programs.',
  'Flatpak’s seccomp filter is weak: it blocks only a short list of system calls, so the kernel stays a large target.',
  'Apps that use portals can still open any file you pick in a file chooser, whatever their file access says.',
  'Write access to your home folder is a way out of the sandbox even with Confine’s read-only protections: Flatpak cannot protect a start-up file that does not exist yet, and every program’s settings live there.',
  'Read-only access does not stop an app from using a socket it can see (container engines, PipeWire, the keyring).',
];
