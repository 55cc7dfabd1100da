// The exposure audit's rules, as data: each finding has one rule with its stable ID (the JSON
// output, the window and the tests name findings by it), a predicate over the effective
// permissions that returns the entries it matched, and the words it produces from them.
// audit.ts runs the table; its order is the order findings of one severity are listed in.

import type { Context } from '../flatpak/context';
import { has, locationOf, reachIn, reachWithin, talksTo, type Mounts, type Reach } from './access';
import type { Finding, PortalGrant, Severity } from './audit';
import { BUS_ROUTES, MASKS, PATH_ROUTES, type BusClass, type RouteClass } from './routes';
import { defineMessages, formatList, t, type Message, type Values } from '../i18n';

/** The words of every finding, keyed by its rule's ID: `finding.<id>.title` and `.detail`. */
const W = defineMessages({
  renamedAway: {
    id: 'finding.where.renamed-away',
    defaultMessage: '{location} (by renaming {around} away)',
    description:
      'A place a finding names, reached by renaming a protected folder out of the way; location and around are paths',
  },
  sessionBusTitle: { id: 'finding.escape:session-bus.title', defaultMessage: 'Unfiltered session bus' },
  sessionBusDetail: {
    id: 'finding.escape:session-bus.detail',
    defaultMessage:
      'It can talk to every service of your desktop session unfiltered, including the one that runs commands outside the sandbox.',
  },
  systemBusTitle: { id: 'finding.escape:system-bus.title', defaultMessage: 'Unfiltered system bus' },
  systemBusDetail: {
    id: 'finding.escape:system-bus.detail',
    defaultMessage:
      'It can talk to every system service unfiltered, such as the ones that manage disks, users and software.',
  },
  writeHomeTitle: { id: 'finding.escape:write-home.title', defaultMessage: 'Changes your whole home folder' },
  writeHomeDetail: {
    id: 'finding.escape:write-home.detail',
    defaultMessage:
      'It can change {scope, select, host {every file on the computer} other {every file in your home folder}}: other programs’ settings and start-up files such as {example}, which run commands outside the sandbox.',
    description: 'scope is host where the app has the whole computer; example is a file name, ~/.bashrc',
  },
  writeHomeDetailMasked: {
    id: 'finding.escape:write-home.detail-masked',
    defaultMessage:
      'It can change {scope, select, host {every file on the computer} other {every file in your home folder}}. Read-only for it: {kept}. It can still create start-up files that do not exist yet and change other programs’ files, so this stays a way out.',
    description:
      'scope is host where the app has the whole computer; kept is a list of paths made read-only (~/.config, ~/.ssh)',
  },
  readHomeTitle: { id: 'finding.read-home.title', defaultMessage: 'Reads your whole home folder' },
  readHomeDetail: {
    id: 'finding.read-home.detail',
    defaultMessage:
      'It can read {scope, select, host {every file on the computer} other {every file in your home folder}}, including SSH keys, browser profiles and documents.',
    description: 'scope is host where the app has the whole computer',
  },
  flatpakPortalTitle: {
    id: 'finding.escape:flatpak-portal.title',
    defaultMessage: 'Runs commands outside the sandbox',
  },
  flatpakPortalDetail: {
    id: 'finding.escape:flatpak-portal.detail',
    defaultMessage: 'It can talk to {name}, which runs any command on your computer, outside the sandbox.',
    description: 'name is a D-Bus name, org.freedesktop.Flatpak',
  },
  systemdTitle: { id: 'finding.escape:systemd.title', defaultMessage: 'Starts services outside the sandbox' },
  systemdDetail: {
    id: 'finding.escape:systemd.detail',
    defaultMessage: 'It can talk to your session’s systemd, which starts programs outside the sandbox.',
  },
  startupTitle: { id: 'finding.escape:write-startup.title', defaultMessage: 'Changes what runs at login' },
  startupDetail: {
    id: 'finding.escape:write-startup.detail',
    defaultMessage:
      'It can change {where}, from where commands run outside the sandbox (at login, at startup or as your own apps).',
    description: 'where is a list of paths (~/.config/autostart, ~/.bashrc)',
  },
  overridesTitle: { id: 'finding.escape:flatpak-overrides.title', defaultMessage: 'Widens its own sandbox' },
  overridesDetail: {
    id: 'finding.escape:flatpak-overrides.detail',
    defaultMessage:
      'It can write {where}, Flatpak’s overrides or installation, and so give itself or any app any permission. A permission manager (Flatseal, or Confine as a Flatpak) can do this by its nature.',
    description: 'where is a list of paths (~/.local/share/flatpak)',
  },
  dconfTitle: { id: 'finding.escape:dconf.title', defaultMessage: 'Changes any desktop setting' },
  dconfDetail: {
    id: 'finding.escape:dconf.detail',
    defaultMessage:
      'It can write your desktop’s settings ({where}), such as a keyboard shortcut that runs a command outside the sandbox.',
    description: 'where is a list of paths or D-Bus names (~/.config/dconf, ca.desrt.dconf)',
  },
  gnupgTitle: { id: 'finding.escape:gnupg.title', defaultMessage: 'Changes your GnuPG settings' },
  gnupgDetail: {
    id: 'finding.escape:gnupg.detail',
    defaultMessage: 'It can change {where}, where gpg-agent reads which program to run outside the sandbox.',
    description: 'where is a list of paths (~/.gnupg)',
  },
  sshTitle: { id: 'finding.escape:ssh.title', defaultMessage: 'Changes your SSH settings' },
  sshDetail: {
    id: 'finding.escape:ssh.detail',
    defaultMessage: 'It can change {where}: let itself log in as you, or run commands when you connect somewhere.',
    description: 'where is a list of paths (~/.ssh)',
  },
  nativeMessagingTitle: { id: 'finding.escape:native-messaging.title', defaultMessage: 'Registers browser helpers' },
  nativeMessagingDetail: {
    id: 'finding.escape:native-messaging.detail',
    defaultMessage:
      'It can write {where}, and your browser starts the helpers registered there outside this app’s sandbox.',
    description: 'where is a list of paths (~/.mozilla/native-messaging-hosts)',
  },
  containersTitle: { id: 'finding.escape:containers.title', defaultMessage: 'Controls a container engine' },
  containersDetail: {
    id: 'finding.escape:containers.detail',
    defaultMessage:
      'It can use {where}: containers or machines it starts can mount your files. Read-only does not stop a socket.',
    description: 'where is a list of socket paths (xdg-run/podman, /run/docker.sock)',
  },
  hostTmpTitle: {
    id: 'finding.escape:host-tmp.title',
    defaultMessage: 'Reaches your {tmp}',
    description: 'tmp is /tmp',
  },
  hostTmpDetail: {
    id: 'finding.escape:host-tmp.detail',
    defaultMessage:
      'It shares your computer’s {tmp}, where tmux and SSH agents keep sockets that run commands or log in as you.',
    description: 'tmp is /tmp',
  },
  otherAppsTitle: { id: 'finding.other-apps.title', defaultMessage: 'Changes other apps’ files' },
  otherAppsDetail: {
    id: 'finding.other-apps.detail',
    defaultMessage:
      'It can change {where}: settings and helpers that other apps, with their own permissions, then use.',
    description: 'where is a list of paths (~/.var/app)',
  },
  secretsTitle: { id: 'finding.secrets.title', defaultMessage: 'Your keyring' },
  secretsDetail: {
    id: 'finding.secrets.detail',
    defaultMessage: 'It can ask your keyring ({where}) for saved passwords and keys.',
    description: 'where is a list of D-Bus names or sockets (org.freedesktop.secrets, xdg-run/keyring)',
  },
  permissionStoreTitle: { id: 'finding.permission-store.title', defaultMessage: 'Grants itself portal permissions' },
  permissionStoreDetail: {
    id: 'finding.permission-store.detail',
    defaultMessage: 'It can talk to the permission store and allow itself the camera, microphone or location.',
  },
  pipewireTitle: { id: 'finding.pipewire.title', defaultMessage: 'Microphones, cameras and screen captures' },
  pipewireDetail: {
    id: 'finding.pipewire.detail',
    defaultMessage:
      'It can reach every microphone and camera PipeWire manages, and screen captures, without asking ({where}). Read-only does not stop a socket.',
    description: 'where is a list of socket paths (xdg-run/pipewire-0)',
  },
  deviceAllTitle: { id: 'finding.device-all.title', defaultMessage: 'All devices' },
  deviceAllDetail: {
    id: 'finding.device-all.detail',
    defaultMessage: 'It can use every device: webcams, microphones, USB sticks and other hardware.',
  },
  sshAuthTitle: { id: 'finding.ssh-auth.title', defaultMessage: 'Your SSH keys' },
  gpgAgentTitle: { id: 'finding.gpg-agent.title', defaultMessage: 'Your GPG keys' },
  gpgAgentDetailWhere: {
    id: 'finding.gpg-agent.detail-where',
    defaultMessage: 'It can sign and decrypt as you, with the keys in your GnuPG agent ({where}).',
    description: 'where is a list of socket paths (xdg-run/gnupg)',
  },
  x11Title: { id: 'finding.x11.title', defaultMessage: 'X11', description: 'The X Window System, by its usual name' },
  x11Detail: {
    id: 'finding.x11.detail',
    defaultMessage:
      'It shows its windows through X11, which lets it read the keystrokes and screens of other X11 apps.',
  },
  x11DetailOnWayland: {
    id: 'finding.x11.detail-on-wayland',
    defaultMessage:
      'It uses X11 even on a Wayland session; through X11 it can read the keystrokes and screens of other X11 apps.',
  },
  x11FallbackTitle: { id: 'finding.x11-fallback.title', defaultMessage: 'X11 without Wayland' },
  x11FallbackDetail: {
    id: 'finding.x11-fallback.detail',
    defaultMessage:
      'It uses X11 only when no Wayland session runs; there it can read the keystrokes and screens of other X11 apps.',
  },
  networkTitle: { id: 'finding.network.title', defaultMessage: 'Network' },
  networkDetail: {
    id: 'finding.network.detail',
    defaultMessage: 'It can reach the internet and every device on your local network.',
  },
  pulseaudioTitle: { id: 'finding.pulseaudio.title', defaultMessage: 'Sound and microphones' },
  pulseaudioDetail: {
    id: 'finding.pulseaudio.detail',
    defaultMessage: 'It can play sound and record from every microphone, without asking.',
  },
  develTitle: { id: 'finding.devel.title', defaultMessage: 'Debugging system calls' },
  develDetail: {
    id: 'finding.devel.detail',
    defaultMessage: 'It can use system calls meant for debuggers, which makes the sandbox weaker.',
  },
  bluetoothTitle: { id: 'finding.bluetooth.title', defaultMessage: 'Bluetooth' },
  bluetoothDetail: { id: 'finding.bluetooth.detail', defaultMessage: 'It can open Bluetooth connections directly.' },
  pcscTitle: { id: 'finding.pcsc.title', defaultMessage: 'Smart cards' },
  pcscDetail: { id: 'finding.pcsc.detail', defaultMessage: 'It can use your smart cards and security tokens.' },
  cupsTitle: { id: 'finding.cups.title', defaultMessage: 'Printing system' },
  cupsDetail: { id: 'finding.cups.detail', defaultMessage: 'It can talk to the printing system directly.' },
  ipcTitle: { id: 'finding.ipc.title', defaultMessage: 'Shared memory with other programs' },
  ipcDetail: {
    id: 'finding.ipc.detail',
    defaultMessage: 'It shares memory with other programs of your session, which X11 apps use.',
  },
  kvmTitle: { id: 'finding.kvm.title', defaultMessage: 'Virtualization' },
  deviceFileDetail: {
    id: 'finding.device-file.detail',
    defaultMessage: 'It can use {device} directly.',
    description: 'device is a device file, /dev/kvm or /dev/shm',
  },
  shmTitle: { id: 'finding.shm.title', defaultMessage: 'Shared memory device' },
  canbusTitle: { id: 'finding.canbus.title', defaultMessage: 'CAN bus' },
  canbusDetail: { id: 'finding.canbus.detail', defaultMessage: 'It can open CAN bus connections.' },
  hostOsTitle: { id: 'finding.host-os.title', defaultMessage: 'System programs' },
  hostOsDetail: {
    id: 'finding.host-os.detail',
    defaultMessage: 'It can read the host’s {folder} and its libraries.',
    description: 'folder is /usr',
  },
  hostEtcTitle: { id: 'finding.host-etc.title', defaultMessage: 'System configuration' },
  hostEtcDetail: {
    id: 'finding.host-etc.detail',
    defaultMessage: 'It can read the host’s {folder}.',
    description: 'folder is /etc',
  },
  writeFoldersTitle: { id: 'finding.write-folders.title', defaultMessage: 'Changes some of your files' },
  writeFoldersDetail: {
    id: 'finding.write-folders.detail',
    defaultMessage: 'It can change files in {folders}.',
    description: 'folders is a list of Flatpak filesystem entries (xdg-download, ~/Games)',
  },
  systemNamesTitle: { id: 'finding.system-bus-names.title', defaultMessage: 'System services' },
  systemNamesDetail: {
    id: 'finding.system-bus-names.detail',
    defaultMessage: 'It can talk to {names}.',
    description: 'names is a list of D-Bus names of system services (org.freedesktop.NetworkManager)',
  },
});

/** Words the presets say too, of the agents the app can use. */
export const AGENT_WORDS = defineMessages({
  ssh: {
    id: 'finding.ssh-auth.detail',
    defaultMessage: 'It can log in to other machines as you, with the keys in your SSH agent.',
    description: 'What an app with the SSH agent socket can do; also why the preset revokes it',
  },
  gpg: {
    id: 'finding.gpg-agent.detail',
    defaultMessage: 'It can sign and decrypt as you, with the keys in your GnuPG agent.',
    description: 'What an app with the GnuPG agent socket can do; also why the preset revokes it',
  },
});

/** What a rule is about; code that decides on findings reads this, never an ID's spelling. */
export type FindingKind = 'bus' | 'home' | 'route' | 'device' | 'agent' | 'display' | 'flag' | 'portal' | 'files';

/** What the audit looks at, worked out once per app. */
export interface AuditFacts {
  readonly ctx: Context;
  /** Its filesystem entries laid out once, for the places the rules ask about. */
  readonly mounts: Mounts;
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
  (id: string, severity: Severity, title: Message, detail: (e: Evidence, f: AuditFacts) => string) =>
  (e: Evidence, f: AuditFacts): readonly Finding[] => [
    { id, severity, title: t(title), detail: detail(e, f), permission: e.entries.join(' ') },
  ];

/** A rule with one finding; its words are formatted when it fires, in the process's language. */
const fixed = (
  id: string,
  kind: FindingKind,
  severity: Severity,
  title: Message,
  match: AuditRule['match'],
  detail: Message | ((e: Evidence, f: AuditFacts) => string),
): AuditRule => ({
  id,
  kind,
  severity,
  match,
  produce: one(id, severity, title, 'id' in detail ? () => t(detail) : detail),
});

/** A list of places, names or entries inside a sentence. */
const list = (items: readonly string[]): string => formatList(items);

const flagged =
  (kind: keyof Context['flags'], name: string) =>
  ({ ctx }: AuditFacts): Evidence | undefined =>
    has(ctx, kind, name) ? { entries: [`${kind}=${name}`] } : undefined;

const unique = (values: readonly string[]): string[] => [...new Set(values)];

/** The routes an app reaches, in routes.ts order. */
export function routeHits(ctx: Context, mounts: Mounts, homeWritable: boolean): RouteHit[] {
  const hits: RouteHit[] = [];
  PATH_ROUTES.forEach((r, index) => {
    const access = reachWithin(mounts, r.location);
    if (!access.via || !(r.kind === 'socket' ? access.read : access.write)) return;
    // A start-up file reached only through write access to all of home is part of that finding,
    // which says that such files can be created: no protection can cover one that is missing.
    const viaLoc = locationOf(access.via);
    if (r.kind === 'file' && homeWritable && (viaLoc === '~' || viaLoc === '/')) return;
    const where = access.around ? t(W.renamedAway, { location: r.location, around: access.around }) : r.location;
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
  readonly title: Message;
  /** The detail, given the places or names reached, as a list in words. */
  readonly detail: Message;
  /** Values the detail and title hold besides `where`. */
  readonly values?: Values;
}

/** How a finding about each class of route reads. */
const ROUTE_WORDS: readonly (RouteWords & { readonly class: RouteClass | BusClass })[] = [
  {
    class: 'flatpak-portal',
    id: 'escape:flatpak-portal',
    severity: 'escape',
    title: W.flatpakPortalTitle,
    detail: W.flatpakPortalDetail,
    values: { name: 'org.freedesktop.Flatpak' },
  },
  { class: 'systemd', id: 'escape:systemd', severity: 'escape', title: W.systemdTitle, detail: W.systemdDetail },
  { class: 'startup', id: 'escape:write-startup', severity: 'escape', title: W.startupTitle, detail: W.startupDetail },
  {
    class: 'overrides',
    id: 'escape:flatpak-overrides',
    severity: 'escape',
    title: W.overridesTitle,
    detail: W.overridesDetail,
  },
  { class: 'dconf', id: 'escape:dconf', severity: 'escape', title: W.dconfTitle, detail: W.dconfDetail },
  { class: 'gnupg', id: 'escape:gnupg', severity: 'escape', title: W.gnupgTitle, detail: W.gnupgDetail },
  { class: 'ssh', id: 'escape:ssh', severity: 'escape', title: W.sshTitle, detail: W.sshDetail },
  {
    class: 'native-messaging',
    id: 'escape:native-messaging',
    severity: 'escape',
    title: W.nativeMessagingTitle,
    detail: W.nativeMessagingDetail,
  },
  {
    class: 'containers',
    id: 'escape:containers',
    severity: 'escape',
    title: W.containersTitle,
    detail: W.containersDetail,
  },
  {
    class: 'host-tmp',
    id: 'escape:host-tmp',
    severity: 'escape',
    title: W.hostTmpTitle,
    detail: W.hostTmpDetail,
    values: { tmp: '/tmp' },
  },
  { class: 'other-apps', id: 'other-apps', severity: 'high', title: W.otherAppsTitle, detail: W.otherAppsDetail },
  { class: 'keyring', id: 'secrets', severity: 'high', title: W.secretsTitle, detail: W.secretsDetail },
  {
    class: 'permission-store',
    id: 'permission-store',
    severity: 'high',
    title: W.permissionStoreTitle,
    detail: W.permissionStoreDetail,
  },
  { class: 'pipewire', id: 'pipewire', severity: 'medium', title: W.pipewireTitle, detail: W.pipewireDetail },
];

const routeRule = (w: RouteWords & { readonly class: RouteClass | BusClass }): AuditRule => ({
  id: w.id,
  kind: 'route',
  severity: w.severity,
  match: (f) => routesOf(f, w.class),
  produce: (e) => [
    {
      id: w.id,
      severity: w.severity,
      title: t(w.title, w.values),
      detail: t(w.detail, { ...w.values, where: list(e.where ?? []) }),
      permission: e.entries.join(' '),
    },
  ],
});

/** The GnuPG agent, through its socket option or its socket folder: one finding for both. */
const gpgAgentRule: AuditRule = fixed(
  'gpg-agent',
  'agent',
  'high',
  W.gpgAgentTitle,
  (f) => {
    const routes = routesOf(f, 'gpg-agent');
    const socket = has(f.ctx, 'sockets', 'gpg-agent') ? ['sockets=gpg-agent'] : [];
    if (!routes && socket.length === 0) return undefined;
    return routes ? { ...routes, entries: [...socket, ...routes.entries] } : { entries: socket };
  },
  (e) => (e.where ? t(W.gpgAgentDetailWhere, { where: list(e.where) }) : t(AGENT_WORDS.gpg)),
);

/** Whether the home finding is about the whole computer or the home folder, for `select`. */
const homeScope = (via: string | undefined): string => (via === 'host' ? 'host' : 'home');

/** What masks protect under a writable home, and what they cannot, for the home finding. */
function homeDetail({ ctx, mounts, home }: AuditFacts): string {
  const kept = MASKS.flatMap((m) => m.locations).filter(
    (loc) => ctx.filesystems.has(loc) && !reachIn(mounts, loc).write,
  );
  if (kept.length === 0) return t(W.writeHomeDetail, { scope: homeScope(home.via), example: '~/.bashrc' });
  return t(W.writeHomeDetailMasked, { scope: homeScope(home.via), kept: list(kept) });
}

const readOnly = (via: string): string => `filesystems=${via}${via.endsWith(':ro') ? '' : ':ro'}`;

const HOME_RULES: readonly AuditRule[] = [
  fixed(
    'escape:write-home',
    'home',
    'escape',
    W.writeHomeTitle,
    ({ home }) => (home.write ? { entries: [`filesystems=${home.via ?? 'home'}`] } : undefined),
    (_, f) => homeDetail(f),
  ),
  fixed(
    'read-home',
    'home',
    'high',
    W.readHomeTitle,
    ({ home }) => (home.read && !home.write ? { entries: [readOnly(home.via ?? 'home')] } : undefined),
    (_, { home }) => t(W.readHomeDetail, { scope: homeScope(home.via) }),
  ),
];

/** X11 where the app can use it; with Wayland beside fallback-x11, only without a Wayland session. */
const x11Rules: readonly AuditRule[] = [
  fixed(
    'x11',
    'display',
    'medium',
    W.x11Title,
    ({ ctx }) => {
      const fallbackOnly = has(ctx, 'sockets', 'fallback-x11') && has(ctx, 'sockets', 'wayland');
      if (has(ctx, 'sockets', 'x11') && !fallbackOnly) return { entries: ['sockets=x11'] };
      if (has(ctx, 'sockets', 'fallback-x11') && !has(ctx, 'sockets', 'wayland'))
        return { entries: ['sockets=fallback-x11'] };
      return undefined;
    },
    (_, { ctx }) => t(has(ctx, 'sockets', 'wayland') ? W.x11DetailOnWayland : W.x11Detail),
  ),
  fixed(
    'x11-fallback',
    'display',
    'low',
    W.x11FallbackTitle,
    ({ ctx }) =>
      has(ctx, 'sockets', 'x11') && has(ctx, 'sockets', 'fallback-x11') && has(ctx, 'sockets', 'wayland')
        ? { entries: ['sockets=fallback-x11'] }
        : undefined,
    W.x11FallbackDetail,
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

const deviceFile = (device: string) => () => t(W.deviceFileDetail, { device });

const FLAG_RULES: readonly AuditRule[] = (
  [
    ['features', 'devel', 'medium', W.develTitle, W.develDetail],
    ['features', 'bluetooth', 'medium', W.bluetoothTitle, W.bluetoothDetail],
    ['sockets', 'pcsc', 'medium', W.pcscTitle, W.pcscDetail],
    ['sockets', 'cups', 'low', W.cupsTitle, W.cupsDetail],
    ['shared', 'ipc', 'low', W.ipcTitle, W.ipcDetail],
    ['devices', 'kvm', 'low', W.kvmTitle, deviceFile('/dev/kvm')],
    ['devices', 'shm', 'low', W.shmTitle, deviceFile('/dev/shm')],
    ['features', 'canbus', 'low', W.canbusTitle, W.canbusDetail],
  ] as const
).map(([kind, name, severity, title, detail]) => fixed(name, 'flag', severity, title, flagged(kind, name), detail));

/** The host's system files, where the app does not already read all of home or host. */
const systemFiles = (path: 'host-os' | 'host-etc', title: Message, detail: Message, folder: string): AuditRule =>
  fixed(
    path,
    'files',
    'low',
    title,
    ({ ctx, home }) => {
      const mode = ctx.filesystems.get(path);
      return mode && mode !== 'none' && !home.read ? { entries: [`filesystems=${path}`] } : undefined;
    },
    () => t(detail, { folder }),
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
        title: t(W.writeFoldersTitle),
        detail: t(W.writeFoldersDetail, { folders: list(paths) }),
        permission: `filesystems=${paths.join(';')}`,
      },
    ];
  },
};

const systemNamesRule = fixed(
  'system-bus-names',
  'bus',
  'low',
  W.systemNamesTitle,
  ({ ctx }) => {
    const names = [...ctx.bus.system].filter(([, p]) => p === 'talk' || p === 'own').map(([n]) => n);
    return names.length > 0 ? { entries: names.map((n) => `system-talk-name=${n}`), where: names } : undefined;
  },
  (e) => t(W.systemNamesDetail, { names: list(e.where ?? []) }),
);

/** The table, in the order findings of one severity are listed. */
export const AUDIT_RULES: readonly AuditRule[] = [
  fixed(
    'escape:session-bus',
    'bus',
    'escape',
    W.sessionBusTitle,
    flagged('sockets', 'session-bus'),
    W.sessionBusDetail,
  ),
  fixed('escape:system-bus', 'bus', 'escape', W.systemBusTitle, flagged('sockets', 'system-bus'), W.systemBusDetail),
  ...HOME_RULES,
  ...ROUTE_WORDS.map(routeRule),
  fixed('device-all', 'device', 'high', W.deviceAllTitle, flagged('devices', 'all'), W.deviceAllDetail),
  fixed('ssh-auth', 'agent', 'high', W.sshAuthTitle, flagged('sockets', 'ssh-auth'), AGENT_WORDS.ssh),
  gpgAgentRule,
  ...x11Rules,
  fixed('network', 'flag', 'medium', W.networkTitle, flagged('shared', 'network'), W.networkDetail),
  fixed('pulseaudio', 'device', 'medium', W.pulseaudioTitle, flagged('sockets', 'pulseaudio'), W.pulseaudioDetail),
  portalRule,
  ...FLAG_RULES,
  systemFiles('host-os', W.hostOsTitle, W.hostOsDetail, '/usr'),
  systemFiles('host-etc', W.hostEtcTitle, W.hostEtcDetail, '/etc'),
  writeFoldersRule,
  systemNamesRule,
];
