// The exposure audit's rules, as data: each finding has one rule with its stable ID (the JSON
// output, the window and the tests name findings by it), a predicate over the effective
// permissions that returns the entries it matched, and the words it produces from them.
// audit.ts runs the table; its order is the order findings of one severity are listed in.

import type { Context } from '../flatpak/context';
import { has, locationOf, reach, reachWithin, talksTo, type Reach } from './access';
import type { Finding, PortalGrant, Severity } from './audit';
import { BUS_ROUTES, MASKS, PATH_ROUTES, type BusClass, type RouteClass } from './routes';

/** What a rule is about; code that decides on findings reads this, never an ID's spelling. */
export type FindingKind = 'bus' | 'home' | 'route' | 'device' | 'agent' | 'display' | 'flag' | 'portal' | 'files';

/** What the audit looks at, worked out once per app. */
export interface AuditFacts {
  readonly ctx: Context;
  readonly home: Reach;
  /** Every route the app can use or write, in routes.ts order (paths, then bus names). */
  readonly routes: readonly RouteHit[];
  readonly grants: readonly PortalGrant[];
}

export interface RouteHit {
  readonly class: RouteClass | BusClass;
  /** Where it reaches, in words. */
  readonly where: string;
  /** The entry that reaches it, as Flatpak writes it. */
  readonly permission: string;
  /** Its place in routes.ts, paths first: findings through routes keep that order. */
  readonly index: number;
}

/** Why a rule fired. */
export interface Evidence {
  /** The permission entries it matched, as Flatpak writes them, each once. */
  readonly entries: readonly string[];
  /** The places or names they reach, for the words. */
  readonly where?: readonly string[];
  /** The place in routes.ts of the first route matched, where the finding came through one. */
  readonly route?: number;
}

export interface AuditRule {
  /** The finding's ID; portal grants each get `portal:` and the grant's key. */
  readonly id: string;
  readonly kind: FindingKind;
  readonly severity: Severity;
  /** The evidence, or undefined where the rule does not fire. */
  readonly match: (facts: AuditFacts) => Evidence | undefined;
  readonly produce: (evidence: Evidence, facts: AuditFacts) => readonly Finding[];
}

const one =
  (id: string, severity: Severity, title: string, detail: (e: Evidence, f: AuditFacts) => string) =>
  (e: Evidence, f: AuditFacts): readonly Finding[] => [
    { id, severity, title, detail: detail(e, f), permission: e.entries.join(' ') },
  ];

const fixed = (
  id: string,
  kind: FindingKind,
  severity: Severity,
  title: string,
  match: AuditRule['match'],
  detail: string | ((e: Evidence, f: AuditFacts) => string),
): AuditRule => ({
  id,
  kind,
  severity,
  match,
  produce: one(id, severity, title, typeof detail === 'string' ? () => detail : detail),
});

const flagged =
  (kind: keyof Context['flags'], name: string) =>
  ({ ctx }: AuditFacts): Evidence | undefined =>
    has(ctx, kind, name) ? { entries: [`${kind}=${name}`] } : undefined;

const unique = (values: readonly string[]): string[] => [...new Set(values)];

/** The routes an app reaches, in routes.ts order. */
export function routeHits(ctx: Context, homeWritable: boolean): RouteHit[] {
  const hits: RouteHit[] = [];
  PATH_ROUTES.forEach((r, index) => {
    const access = reachWithin(ctx, r.location);
    if (!access.via || !(r.kind === 'socket' ? access.read : access.write)) return;
    // A start-up file reached only through write access to all of home is part of that finding,
    // which says that such files can be created: no protection can cover one that is missing.
    const viaLoc = locationOf(access.via);
    if (r.kind === 'file' && homeWritable && (viaLoc === '~' || viaLoc === '/')) return;
    const where = access.around ? `${r.location} (by renaming ${access.around} away)` : r.location;
    hits.push({ class: r.class, where, permission: `filesystems=${access.via}`, index });
  });
  BUS_ROUTES.forEach((b, i) => {
    const via = talksTo(ctx, 'session', b.name);
    if (via)
      hits.push({ class: b.class, where: b.name, permission: `talk-name=${via}`, index: PATH_ROUTES.length + i });
  });
  return hits;
}

/** The evidence of the routes of one class, or undefined where the app reaches none. */
function routesOf(facts: AuditFacts, cls: RouteClass | BusClass): Evidence | undefined {
  const hits = facts.routes.filter((h) => h.class === cls);
  const first = hits[0];
  if (!first) return undefined;
  return {
    entries: unique(hits.map((h) => h.permission)),
    where: unique(hits.map((h) => h.where)),
    route: first.index,
  };
}

interface RouteWords {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  readonly detail: (where: string) => string;
}

/** How a finding about each class of route reads. */
const ROUTE_WORDS: readonly (RouteWords & { readonly class: RouteClass | BusClass })[] = [
  {
    class: 'flatpak-portal',
    id: 'escape:flatpak-portal',
    severity: 'escape',
    title: 'Runs commands outside the sandbox',
    detail: () =>
      'It can talk to org.freedesktop.Flatpak, which runs any command on your computer, outside the sandbox.',
  },
  {
    class: 'systemd',
    id: 'escape:systemd',
    severity: 'escape',
    title: 'Starts services outside the sandbox',
    detail: () => 'It can talk to your session’s systemd, which starts programs outside the sandbox.',
  },
  {
    class: 'startup',
    id: 'escape:write-startup',
    severity: 'escape',
    title: 'Changes what runs at login',
    detail: (w) =>
      `It can change ${w}, from where commands run outside the sandbox (at login, at startup or as your own apps).`,
  },
  {
    class: 'overrides',
    id: 'escape:flatpak-overrides',
    severity: 'escape',
    title: 'Widens its own sandbox',
    detail: (w) =>
      `It can write ${w}, Flatpak’s overrides or installation, and so give itself or any app any permission. A permission manager (Flatseal, or Confine as a Flatpak) can do this by its nature.`,
  },
  {
    class: 'dconf',
    id: 'escape:dconf',
    severity: 'escape',
    title: 'Changes any desktop setting',
    detail: (w) =>
      `It can write your desktop’s settings (${w}), such as a keyboard shortcut that runs a command outside the sandbox.`,
  },
  {
    class: 'gnupg',
    id: 'escape:gnupg',
    severity: 'escape',
    title: 'Changes your GnuPG settings',
    detail: (w) => `It can change ${w}, where gpg-agent reads which program to run outside the sandbox.`,
  },
  {
    class: 'ssh',
    id: 'escape:ssh',
    severity: 'escape',
    title: 'Changes your SSH settings',
    detail: (w) => `It can change ${w}: let itself log in as you, or run commands when you connect somewhere.`,
  },
  {
    class: 'native-messaging',
    id: 'escape:native-messaging',
    severity: 'escape',
    title: 'Registers browser helpers',
    detail: (w) =>
      `It can write ${w}, and your browser starts the helpers registered there outside this app’s sandbox.`,
  },
  {
    class: 'containers',
    id: 'escape:containers',
    severity: 'escape',
    title: 'Controls a container engine',
    detail: (w) =>
      `It can use ${w}: containers or machines it starts can mount your files. Read-only does not stop a socket.`,
  },
  {
    class: 'host-tmp',
    id: 'escape:host-tmp',
    severity: 'escape',
    title: 'Reaches your /tmp',
    detail: () =>
      'It shares your computer’s /tmp, where tmux and SSH agents keep sockets that run commands or log in as you.',
  },
  {
    class: 'other-apps',
    id: 'other-apps',
    severity: 'high',
    title: 'Changes other apps’ files',
    detail: (w) => `It can change ${w}: settings and helpers that other apps, with their own permissions, then use.`,
  },
  {
    class: 'keyring',
    id: 'secrets',
    severity: 'high',
    title: 'Your keyring',
    detail: (w) => `It can ask your keyring (${w}) for saved passwords and keys.`,
  },
  {
    class: 'permission-store',
    id: 'permission-store',
    severity: 'high',
    title: 'Grants itself portal permissions',
    detail: () => 'It can talk to the permission store and allow itself the camera, microphone or location.',
  },
  {
    class: 'pipewire',
    id: 'pipewire',
    severity: 'medium',
    title: 'Microphones, cameras and screen captures',
    detail: (w) =>
      `It can reach every microphone and camera PipeWire manages, and screen captures, without asking (${w}). Read-only does not stop a socket.`,
  },
];

const routeRule = (w: RouteWords & { readonly class: RouteClass | BusClass }): AuditRule =>
  fixed(
    w.id,
    'route',
    w.severity,
    w.title,
    (f) => routesOf(f, w.class),
    (e) => w.detail((e.where ?? []).join(', ')),
  );

const GPG_AGENT_WORDS = 'It can sign and decrypt as you, with the keys in your GnuPG agent';

/** The GnuPG agent, through its socket option or its socket folder: one finding for both. */
const gpgAgentRule: AuditRule = fixed(
  'gpg-agent',
  'agent',
  'high',
  'Your GPG keys',
  (f) => {
    const routes = routesOf(f, 'gpg-agent');
    const socket = has(f.ctx, 'sockets', 'gpg-agent') ? ['sockets=gpg-agent'] : [];
    if (!routes && socket.length === 0) return undefined;
    return routes ? { ...routes, entries: [...socket, ...routes.entries] } : { entries: socket };
  },
  (e) => (e.where ? `${GPG_AGENT_WORDS} (${e.where.join(', ')}).` : `${GPG_AGENT_WORDS}.`),
);

const homeWords = (via: string | undefined): string =>
  via === 'host' ? 'every file on the computer' : 'every file in your home folder';

/** What masks protect under a writable home, and what they cannot, for the home finding. */
function homeDetail({ ctx, home }: AuditFacts): string {
  const kept = MASKS.flatMap((m) => m.locations).filter((loc) => ctx.filesystems.has(loc) && !reach(ctx, loc).write);
  if (kept.length === 0)
    return `It can change ${homeWords(home.via)}: other programs’ settings and start-up files such as ~/.bashrc, which run commands outside the sandbox.`;
  return `It can change ${homeWords(home.via)}. Read-only for it: ${kept.join(', ')}. It can still create start-up files that do not exist yet and change other programs’ files, so this stays a way out.`;
}

const readOnly = (via: string): string => `filesystems=${via}${via.endsWith(':ro') ? '' : ':ro'}`;

const HOME_RULES: readonly AuditRule[] = [
  fixed(
    'escape:write-home',
    'home',
    'escape',
    'Changes your whole home folder',
    ({ home }) => (home.write ? { entries: [`filesystems=${home.via ?? 'home'}`] } : undefined),
    (_, f) => homeDetail(f),
  ),
  fixed(
    'read-home',
    'home',
    'high',
    'Reads your whole home folder',
    ({ home }) => (home.read && !home.write ? { entries: [readOnly(home.via ?? 'home')] } : undefined),
    (_, { home }) => `It can read ${homeWords(home.via)}, including SSH keys, browser profiles and documents.`,
  ),
];

/** X11 where the app can use it; with Wayland beside fallback-x11, only without a Wayland session. */
const x11Rules: readonly AuditRule[] = [
  fixed(
    'x11',
    'display',
    'medium',
    'X11',
    ({ ctx }) => {
      const fallbackOnly = has(ctx, 'sockets', 'fallback-x11') && has(ctx, 'sockets', 'wayland');
      if (has(ctx, 'sockets', 'x11') && !fallbackOnly) return { entries: ['sockets=x11'] };
      if (has(ctx, 'sockets', 'fallback-x11') && !has(ctx, 'sockets', 'wayland'))
        return { entries: ['sockets=fallback-x11'] };
      return undefined;
    },
    (_, { ctx }) =>
      has(ctx, 'sockets', 'wayland')
        ? 'It uses X11 even on a Wayland session; through X11 it can read the keystrokes and screens of other X11 apps.'
        : 'It shows its windows through X11, which lets it read the keystrokes and screens of other X11 apps.',
  ),
  fixed(
    'x11-fallback',
    'display',
    'low',
    'X11 without Wayland',
    ({ ctx }) =>
      has(ctx, 'sockets', 'x11') && has(ctx, 'sockets', 'fallback-x11') && has(ctx, 'sockets', 'wayland')
        ? { entries: ['sockets=fallback-x11'] }
        : undefined,
    'It uses X11 only when no Wayland session runs; there it can read the keystrokes and screens of other X11 apps.',
  ),
];

/** Each grant the permission store holds for the app, as the portal service words it. */
const portalRule: AuditRule = {
  id: 'portal',
  kind: 'portal',
  severity: 'medium',
  match: ({ grants }) => (grants.length > 0 ? { entries: grants.map((g) => g.permission) } : undefined),
  produce: (_, { grants }) =>
    grants.map((g) => ({
      id: `portal:${g.key}`,
      severity: 'medium',
      title: g.title,
      detail: g.detail,
      permission: g.permission,
    })),
};

const FLAG_RULES: readonly AuditRule[] = (
  [
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
  ] as const
).map(([kind, name, severity, title, detail]) => fixed(name, 'flag', severity, title, flagged(kind, name), detail));

/** The host's system files, where the app does not already read all of home or host. */
const systemFiles = (path: 'host-os' | 'host-etc', title: string, what: string): AuditRule =>
  fixed(
    path,
    'files',
    'low',
    title,
    ({ ctx, home }) => {
      const mode = ctx.filesystems.get(path);
      return mode && mode !== 'none' && !home.read ? { entries: [`filesystems=${path}`] } : undefined;
    },
    `It can read the host’s ${what}.`,
  );

const NOT_FOLDERS = ['host', 'home', 'host-os', 'host-etc', 'host-reset'];

/** Folders it can change, where no wider finding (home, start-up places) already says so. */
const writeFoldersRule: AuditRule = {
  id: 'write-folders',
  kind: 'files',
  severity: 'low',
  match: ({ ctx, home, routes }) => {
    if (home.write || routes.some((h) => h.class === 'startup')) return undefined;
    const paths = [...ctx.filesystems]
      .filter(([p, m]) => (m === 'rw' || m === 'create') && !NOT_FOLDERS.includes(p) && !p.startsWith('xdg-run'))
      .map(([p]) => p);
    return paths.length > 0 ? { entries: paths.map((p) => `filesystems=${p}`), where: paths } : undefined;
  },
  produce: (e) => {
    const paths = e.where ?? [];
    return [
      {
        id: 'write-folders',
        severity: 'low',
        title: 'Changes some of your files',
        detail: `It can change files in ${paths.join(', ')}.`,
        permission: `filesystems=${paths.join(';')}`,
      },
    ];
  },
};

const systemNamesRule = fixed(
  'system-bus-names',
  'bus',
  'low',
  'System services',
  ({ ctx }) => {
    const names = [...ctx.bus.system].filter(([, p]) => p === 'talk' || p === 'own').map(([n]) => n);
    return names.length > 0 ? { entries: names.map((n) => `system-talk-name=${n}`), where: names } : undefined;
  },
  (e) => `It can talk to ${(e.where ?? []).join(', ')}.`,
);

/** The table, in the order findings of one severity are listed. */
export const AUDIT_RULES: readonly AuditRule[] = [
  fixed(
    'escape:session-bus',
    'bus',
    'escape',
    'Unfiltered session bus',
    flagged('sockets', 'session-bus'),
    'It can talk to every service of your desktop session unfiltered, including the one that runs commands outside the sandbox.',
  ),
  fixed(
    'escape:system-bus',
    'bus',
    'escape',
    'Unfiltered system bus',
    flagged('sockets', 'system-bus'),
    'It can talk to every system service unfiltered, such as the ones that manage disks, users and software.',
  ),
  ...HOME_RULES,
  ...ROUTE_WORDS.map(routeRule),
  fixed(
    'device-all',
    'device',
    'high',
    'All devices',
    flagged('devices', 'all'),
    'It can use every device: webcams, microphones, USB sticks and other hardware.',
  ),
  fixed(
    'ssh-auth',
    'agent',
    'high',
    'Your SSH keys',
    flagged('sockets', 'ssh-auth'),
    'It can log in to other machines as you, with the keys in your SSH agent.',
  ),
  gpgAgentRule,
  ...x11Rules,
  fixed(
    'network',
    'flag',
    'medium',
    'Network',
    flagged('shared', 'network'),
    'It can reach the internet and every device on your local network.',
  ),
  fixed(
    'pulseaudio',
    'device',
    'medium',
    'Sound and microphones',
    flagged('sockets', 'pulseaudio'),
    'It can play sound and record from every microphone, without asking.',
  ),
  portalRule,
  ...FLAG_RULES,
  systemFiles('host-os', 'System programs', '/usr and its libraries'),
  systemFiles('host-etc', 'System configuration', '/etc'),
  writeFoldersRule,
  systemNamesRule,
];
