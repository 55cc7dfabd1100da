// Every permission Flatpak knows, with a label, one line in plain words, and the first Flatpak
// release that understands it (found in Flatpak's git history). Older Flatpak versions ignore a
// token they do not know, so the merge reads only the tokens the installed version knows.
// Labels and lines are messages, put into words when read (getters), in the language chosen
// after the tables are built.

import { defineMessages, t, type Message } from '../i18n';
import type { BusPolicy } from './context';
import type { FsMode } from './filesystem';
import { atLeast, type Version } from './version';

/** `base` with a string property for each message, formatted in the current language when read. */
export function worded<T extends object, K extends string>(
  base: T,
  messages: Readonly<Record<K, Message>>,
): T & Readonly<Record<K, string>> {
  const out = { ...base };
  for (const [key, message] of Object.entries<Message>(messages))
    Object.defineProperty(out, key, { get: () => t(message), enumerable: true });
  return out as T & Readonly<Record<K, string>>;
}

export type FlagKind = 'shared' | 'sockets' | 'devices' | 'features';

export interface FlagOption {
  readonly kind: FlagKind;
  readonly name: string;
  /** Flatpak's bit position: the order in which Flatpak prints and writes the list. */
  readonly bit: number;
  readonly label: string;
  readonly description: string;
  readonly since: Version;
}

const F = defineMessages({
  'shared.network.label': { id: 'permission.shared.network.label', defaultMessage: 'Network' },
  'shared.network.description': {
    id: 'permission.shared.network.description',
    defaultMessage: 'Reach the internet and the local network.',
  },
  'shared.ipc.label': { id: 'permission.shared.ipc.label', defaultMessage: 'Inter-process communication' },
  'shared.ipc.description': {
    id: 'permission.shared.ipc.description',
    defaultMessage: 'Share the host’s IPC namespace (shared memory with X11 and other programs).',
  },
  'sockets.x11.label': { id: 'permission.sockets.x11.label', defaultMessage: 'X11 windowing system' },
  'sockets.x11.description': {
    id: 'permission.sockets.x11.description',
    defaultMessage:
      'Show windows through X11, which lets the app read keystrokes and screen contents of other X11 apps.',
  },
  'sockets.wayland.label': { id: 'permission.sockets.wayland.label', defaultMessage: 'Wayland windowing system' },
  'sockets.wayland.description': {
    id: 'permission.sockets.wayland.description',
    defaultMessage: 'Show windows through Wayland, which keeps apps apart from each other.',
  },
  'sockets.pulseaudio.label': { id: 'permission.sockets.pulseaudio.label', defaultMessage: 'PulseAudio sound server' },
  'sockets.pulseaudio.description': {
    id: 'permission.sockets.pulseaudio.description',
    defaultMessage: 'Play sound and record from every microphone.',
  },
  'sockets.session-bus.label': {
    id: 'permission.sockets.session-bus.label',
    defaultMessage: 'Whole D-Bus session bus',
  },
  'sockets.session-bus.description': {
    id: 'permission.sockets.session-bus.description',
    defaultMessage: 'Talk to every service on the session bus without filtering; this allows escaping the sandbox.',
  },
  'sockets.system-bus.label': { id: 'permission.sockets.system-bus.label', defaultMessage: 'Whole D-Bus system bus' },
  'sockets.system-bus.description': {
    id: 'permission.sockets.system-bus.description',
    defaultMessage: 'Talk to every system service without filtering.',
  },
  'sockets.fallback-x11.label': {
    id: 'permission.sockets.fallback-x11.label',
    defaultMessage: 'X11 only without Wayland',
  },
  'sockets.fallback-x11.description': {
    id: 'permission.sockets.fallback-x11.description',
    defaultMessage: 'Use X11 only when no Wayland session is running.',
  },
  'sockets.ssh-auth.label': { id: 'permission.sockets.ssh-auth.label', defaultMessage: 'SSH agent' },
  'sockets.ssh-auth.description': {
    id: 'permission.sockets.ssh-auth.description',
    defaultMessage: 'Use the keys loaded in your SSH agent to log in to other machines as you.',
  },
  'sockets.pcsc.label': { id: 'permission.sockets.pcsc.label', defaultMessage: 'Smart cards' },
  'sockets.pcsc.description': {
    id: 'permission.sockets.pcsc.description',
    defaultMessage: 'Use smart cards and security tokens through the PC/SC daemon.',
  },
  'sockets.cups.label': { id: 'permission.sockets.cups.label', defaultMessage: 'Printing system' },
  'sockets.cups.description': {
    id: 'permission.sockets.cups.description',
    defaultMessage: 'Talk to the CUPS printing system directly.',
  },
  'sockets.gpg-agent.label': { id: 'permission.sockets.gpg-agent.label', defaultMessage: 'GPG agent' },
  'sockets.gpg-agent.description': {
    id: 'permission.sockets.gpg-agent.description',
    defaultMessage: 'Sign and decrypt with the keys held by your GnuPG agent.',
  },
  'sockets.inherit-wayland-socket.label': {
    id: 'permission.sockets.inherit-wayland-socket.label',
    defaultMessage: 'Inherited Wayland socket',
  },
  'sockets.inherit-wayland-socket.description': {
    id: 'permission.sockets.inherit-wayland-socket.description',
    defaultMessage: 'Use the Wayland socket Flatpak was started with instead of the session’s one.',
  },
  'devices.dri.label': { id: 'permission.devices.dri.label', defaultMessage: 'GPU acceleration' },
  'devices.dri.description': {
    id: 'permission.devices.dri.description',
    defaultMessage: 'Use the graphics card directly for 3D and video acceleration.',
  },
  'devices.all.label': { id: 'permission.devices.all.label', defaultMessage: 'All devices' },
  'devices.all.description': {
    id: 'permission.devices.all.description',
    defaultMessage: 'Use every device: webcams, microphones, USB and storage devices, game pads.',
  },
  'devices.kvm.label': { id: 'permission.devices.kvm.label', defaultMessage: 'Virtualization' },
  'devices.kvm.description': {
    id: 'permission.devices.kvm.description',
    defaultMessage: 'Run virtual machines with the kernel virtualization device.',
  },
  'devices.shm.label': { id: 'permission.devices.shm.label', defaultMessage: 'Shared memory' },
  'devices.shm.description': {
    id: 'permission.devices.shm.description',
    defaultMessage: 'Use the host’s {path}, shared with every other program.',
    description: 'path is /dev/shm',
  },
  'devices.input.label': { id: 'permission.devices.input.label', defaultMessage: 'Input devices' },
  'devices.input.description': {
    id: 'permission.devices.input.description',
    defaultMessage: 'Read input devices such as game pads directly.',
  },
  'devices.usb.label': { id: 'permission.devices.usb.label', defaultMessage: 'USB devices' },
  'devices.usb.description': {
    id: 'permission.devices.usb.description',
    defaultMessage: 'Use every USB device directly ({path}).',
    description: 'path is /dev/bus/usb',
  },
  'features.devel.label': { id: 'permission.features.devel.label', defaultMessage: 'Development syscalls' },
  'features.devel.description': {
    id: 'permission.features.devel.description',
    defaultMessage: 'Use system calls for debugging such as ptrace, which weakens the sandbox.',
  },
  'features.multiarch.label': { id: 'permission.features.multiarch.label', defaultMessage: 'Programs for other CPUs' },
  'features.multiarch.description': {
    id: 'permission.features.multiarch.description',
    defaultMessage: 'Run programs built for other CPU architectures, such as 32-bit ones.',
  },
  'features.bluetooth.label': { id: 'permission.features.bluetooth.label', defaultMessage: 'Bluetooth' },
  'features.bluetooth.description': {
    id: 'permission.features.bluetooth.description',
    defaultMessage: 'Open Bluetooth sockets directly.',
  },
  'features.canbus.label': { id: 'permission.features.canbus.label', defaultMessage: 'CAN bus' },
  'features.canbus.description': {
    id: 'permission.features.canbus.description',
    defaultMessage: 'Open CAN bus sockets, as used in cars and industrial machines.',
  },
  'features.per-app-dev-shm.label': {
    id: 'permission.features.per-app-dev-shm.label',
    defaultMessage: 'Per-app shared memory',
  },
  'features.per-app-dev-shm.description': {
    id: 'permission.features.per-app-dev-shm.description',
    defaultMessage: 'Share one {path} between all instances of the app.',
    description: 'path is /dev/shm',
  },
});

// Paths in a line are placeholders, so a translation cannot change them.
const PATH_VALUES: Readonly<Record<string, string>> = {
  'devices:shm': '/dev/shm',
  'devices:usb': '/dev/bus/usb',
  'features:per-app-dev-shm': '/dev/shm',
};

const flag = (kind: FlagKind, name: string, bit: number, since: Version): FlagOption => {
  const key = `${kind}.${name}` as const;
  const label = F[`${key}.label` as keyof typeof F];
  const description = F[`${key}.description` as keyof typeof F];
  const values = { path: PATH_VALUES[`${kind}:${name}`] };
  return {
    kind,
    name,
    bit,
    since,
    get label() {
      return t(label);
    },
    get description() {
      return t(description, values);
    },
  };
};

export const FLAG_OPTIONS: readonly FlagOption[] = [
  flag('shared', 'network', 0, [0, 3, 6]),
  flag('shared', 'ipc', 1, [0, 3, 6]),

  flag('sockets', 'x11', 0, [0, 3, 6]),
  flag('sockets', 'wayland', 1, [0, 3, 6]),
  flag('sockets', 'pulseaudio', 2, [0, 3, 6]),
  flag('sockets', 'session-bus', 3, [0, 3, 6]),
  flag('sockets', 'system-bus', 4, [0, 3, 6]),
  flag('sockets', 'fallback-x11', 5, [0, 11, 1]),
  flag('sockets', 'ssh-auth', 6, [0, 99, 1]),
  flag('sockets', 'pcsc', 7, [1, 3, 2]),
  flag('sockets', 'cups', 8, [1, 6, 0]),
  flag('sockets', 'gpg-agent', 9, [1, 14, 0]),
  flag('sockets', 'inherit-wayland-socket', 10, [1, 15, 7]),

  flag('devices', 'dri', 0, [0, 3, 6]),
  flag('devices', 'all', 1, [0, 6, 6]),
  flag('devices', 'kvm', 2, [0, 6, 12]),
  flag('devices', 'shm', 3, [1, 6, 1]),
  flag('devices', 'input', 4, [1, 15, 6]),
  flag('devices', 'usb', 5, [1, 15, 11]),

  flag('features', 'devel', 0, [0, 3, 6]),
  flag('features', 'multiarch', 1, [0, 6, 12]),
  flag('features', 'bluetooth', 2, [0, 11, 8]),
  flag('features', 'canbus', 3, [1, 0, 3]),
  flag('features', 'per-app-dev-shm', 4, [1, 11, 1]),
];

export const FLAG_KINDS: readonly FlagKind[] = ['shared', 'sockets', 'devices', 'features'];

/** A heading and its line in plain words, for a group of options shown together. */
export interface GroupLabel {
  readonly label: string;
  readonly description: string;
}

const G = defineMessages({
  sharedLabel: { id: 'permission.group.shared.label', defaultMessage: 'Share', description: 'A group heading' },
  sharedDescription: {
    id: 'permission.group.shared.description',
    defaultMessage: 'Resources shared with the rest of the computer.',
  },
  socketsLabel: { id: 'permission.group.sockets.label', defaultMessage: 'Sockets', description: 'A group heading' },
  socketsDescription: {
    id: 'permission.group.sockets.description',
    defaultMessage: 'Services on your desktop the app can connect to directly.',
  },
  devicesLabel: { id: 'permission.group.devices.label', defaultMessage: 'Devices', description: 'A group heading' },
  devicesDescription: { id: 'permission.group.devices.description', defaultMessage: 'Hardware the app can use.' },
  featuresLabel: { id: 'permission.group.features.label', defaultMessage: 'Features', description: 'A group heading' },
  featuresDescription: {
    id: 'permission.group.features.description',
    defaultMessage: 'Extra abilities inside the sandbox.',
  },
  filesystemLabel: {
    id: 'permission.group.filesystems.label',
    defaultMessage: 'Filesystem',
    description: 'A group heading',
  },
  filesystemDescription: {
    id: 'permission.group.filesystems.description',
    defaultMessage: 'Files and folders the app can see.',
  },
});

export const FLAG_GROUPS: Readonly<Record<FlagKind, GroupLabel>> = {
  shared: worded({}, { label: G.sharedLabel, description: G.sharedDescription }),
  sockets: worded({}, { label: G.socketsLabel, description: G.socketsDescription }),
  devices: worded({}, { label: G.devicesLabel, description: G.devicesDescription }),
  features: worded({}, { label: G.featuresLabel, description: G.featuresDescription }),
};

export const FILESYSTEM_GROUP: GroupLabel = worded(
  {},
  { label: G.filesystemLabel, description: G.filesystemDescription },
);

/** The names of one kind the given Flatpak understands, in Flatpak's bit order. */
const knownCache = new Map<string, readonly string[]>();

export function knownFlags(kind: FlagKind, version: Version): readonly string[] {
  const key = `${kind}@${version.join('.')}`;
  let names = knownCache.get(key);
  if (!names) {
    names = FLAG_OPTIONS.filter((o) => o.kind === kind && atLeast(version, o.since))
      .sort((a, b) => a.bit - b.bit)
      .map((o) => o.name);
    knownCache.set(key, names);
  }
  return names;
}

export function flagOption(kind: FlagKind, name: string): FlagOption | undefined {
  return FLAG_OPTIONS.find((o) => o.kind === kind && o.name === name);
}

export interface NamedOption {
  readonly name: string;
  readonly label: string;
  readonly description: string;
  readonly since: Version;
}

const S = defineMessages({
  hostLabel: { id: 'permission.filesystems.host.label', defaultMessage: 'All system files' },
  hostDescription: {
    id: 'permission.filesystems.host.description',
    defaultMessage: 'Read (or change) every file on the computer except system folders.',
  },
  hostOsLabel: { id: 'permission.filesystems.host-os.label', defaultMessage: 'System libraries' },
  hostOsDescription: {
    id: 'permission.filesystems.host-os.description',
    defaultMessage: 'Read the host’s /usr, /bin, /lib and /sbin.',
  },
  hostEtcLabel: { id: 'permission.filesystems.host-etc.label', defaultMessage: 'System configuration' },
  hostEtcDescription: {
    id: 'permission.filesystems.host-etc.description',
    defaultMessage: 'Read the host’s {path}.',
    description: 'path is /etc',
  },
  homeLabel: { id: 'permission.filesystems.home.label', defaultMessage: 'Home folder' },
  homeDescription: {
    id: 'permission.filesystems.home.description',
    defaultMessage: 'Read (or change) every file in your home folder.',
  },
});

/** Filesystem keywords that stand alone. `host-reset` is only written as `!host:reset`. */
export const SPECIAL_FILESYSTEMS: readonly NamedOption[] = [
  worded({ name: 'host', since: [0, 3, 6] }, { label: S.hostLabel, description: S.hostDescription }),
  worded({ name: 'host-os', since: [1, 7, 1] }, { label: S.hostOsLabel, description: S.hostOsDescription }),
  {
    name: 'host-etc',
    since: [1, 7, 1],
    get label() {
      return t(S.hostEtcLabel);
    },
    get description() {
      return t(S.hostEtcDescription, { path: '/etc' });
    },
  },
  worded({ name: 'home', since: [0, 3, 6] }, { label: S.homeLabel, description: S.homeDescription }),
];

export interface XdgOption extends NamedOption {
  /**
   * The folder it stands for, with the XDG user-dirs defaults.
   * None for xdg-run, which lies below $XDG_RUNTIME_DIR and is accepted only with a sub-path.
   */
  readonly location?: string;
  /** One of the folders of the user's own files, which hardening offers instead of the whole home. */
  readonly personal?: true;
}

const X = defineMessages({
  desktopLabel: { id: 'permission.filesystems.xdg-desktop.label', defaultMessage: 'Desktop folder' },
  desktopDescription: { id: 'permission.filesystems.xdg-desktop.description', defaultMessage: 'Your Desktop folder.' },
  documentsLabel: { id: 'permission.filesystems.xdg-documents.label', defaultMessage: 'Documents folder' },
  documentsDescription: {
    id: 'permission.filesystems.xdg-documents.description',
    defaultMessage: 'Your Documents folder.',
  },
  downloadLabel: { id: 'permission.filesystems.xdg-download.label', defaultMessage: 'Downloads folder' },
  downloadDescription: {
    id: 'permission.filesystems.xdg-download.description',
    defaultMessage: 'Your Downloads folder.',
  },
  musicLabel: { id: 'permission.filesystems.xdg-music.label', defaultMessage: 'Music folder' },
  musicDescription: { id: 'permission.filesystems.xdg-music.description', defaultMessage: 'Your Music folder.' },
  picturesLabel: { id: 'permission.filesystems.xdg-pictures.label', defaultMessage: 'Pictures folder' },
  picturesDescription: {
    id: 'permission.filesystems.xdg-pictures.description',
    defaultMessage: 'Your Pictures folder.',
  },
  publicLabel: { id: 'permission.filesystems.xdg-public-share.label', defaultMessage: 'Public folder' },
  publicDescription: {
    id: 'permission.filesystems.xdg-public-share.description',
    defaultMessage: 'Your Public folder.',
  },
  templatesLabel: { id: 'permission.filesystems.xdg-templates.label', defaultMessage: 'Templates folder' },
  templatesDescription: {
    id: 'permission.filesystems.xdg-templates.description',
    defaultMessage: 'Your Templates folder.',
  },
  videosLabel: { id: 'permission.filesystems.xdg-videos.label', defaultMessage: 'Videos folder' },
  videosDescription: { id: 'permission.filesystems.xdg-videos.description', defaultMessage: 'Your Videos folder.' },
  dataLabel: { id: 'permission.filesystems.xdg-data.label', defaultMessage: 'Application data' },
  dataDescription: {
    id: 'permission.filesystems.xdg-data.description',
    defaultMessage: 'Your {path}, where other apps keep their data.',
    description: 'path is ~/.local/share',
  },
  cacheLabel: { id: 'permission.filesystems.xdg-cache.label', defaultMessage: 'Cache' },
  cacheDescription: {
    id: 'permission.filesystems.xdg-cache.description',
    defaultMessage: 'Your {path}.',
    description: 'path is ~/.cache',
  },
  configLabel: { id: 'permission.filesystems.xdg-config.label', defaultMessage: 'Configuration' },
  configDescription: {
    id: 'permission.filesystems.xdg-config.description',
    defaultMessage: 'Your {path}, where other apps keep their settings (including autostart).',
    description: 'path is ~/.config',
  },
  runLabel: { id: 'permission.filesystems.xdg-run.label', defaultMessage: 'Runtime folder' },
  runDescription: {
    id: 'permission.filesystems.xdg-run.description',
    defaultMessage: 'A path below {variable}, such as a sound or display socket; needs a sub-path.',
    description: 'variable is $XDG_RUNTIME_DIR',
  },
});

/** An XDG folder whose line names its location. */
function located(base: Omit<XdgOption, 'label' | 'description'>, label: Message, description: Message): XdgOption {
  return {
    ...base,
    get label() {
      return t(label);
    },
    get description() {
      return t(description, { path: base.location, variable: '$XDG_RUNTIME_DIR' });
    },
  };
}

/** The xdg-* prefixes; each may be followed by `/subdir`. */
export const XDG_FILESYSTEMS: readonly XdgOption[] = [
  located(
    { name: 'xdg-desktop', personal: true, location: '~/Desktop', since: [0, 3, 6] },
    X.desktopLabel,
    X.desktopDescription,
  ),
  located(
    { name: 'xdg-documents', personal: true, location: '~/Documents', since: [0, 3, 6] },
    X.documentsLabel,
    X.documentsDescription,
  ),
  located(
    { name: 'xdg-download', personal: true, location: '~/Downloads', since: [0, 3, 6] },
    X.downloadLabel,
    X.downloadDescription,
  ),
  located(
    { name: 'xdg-music', personal: true, location: '~/Music', since: [0, 3, 6] },
    X.musicLabel,
    X.musicDescription,
  ),
  located(
    { name: 'xdg-pictures', personal: true, location: '~/Pictures', since: [0, 3, 6] },
    X.picturesLabel,
    X.picturesDescription,
  ),
  located({ name: 'xdg-public-share', location: '~/Public', since: [0, 3, 6] }, X.publicLabel, X.publicDescription),
  located(
    { name: 'xdg-templates', location: '~/Templates', since: [0, 3, 6] },
    X.templatesLabel,
    X.templatesDescription,
  ),
  located(
    { name: 'xdg-videos', personal: true, location: '~/Videos', since: [0, 3, 6] },
    X.videosLabel,
    X.videosDescription,
  ),
  located({ name: 'xdg-data', location: '~/.local/share', since: [0, 3, 6] }, X.dataLabel, X.dataDescription),
  located({ name: 'xdg-cache', location: '~/.cache', since: [0, 3, 6] }, X.cacheLabel, X.cacheDescription),
  located({ name: 'xdg-config', location: '~/.config', since: [0, 3, 6] }, X.configLabel, X.configDescription),
  located({ name: 'xdg-run', since: [0, 4, 13] }, X.runLabel, X.runDescription),
];

export interface ModeOption extends NamedOption {
  readonly name: FsMode;
  /** The word on a choice button where the label is too long for one. */
  readonly short?: string;
}

const MODE = defineMessages({
  noneLabel: { id: 'permission.mode.none.label', defaultMessage: 'No access' },
  noneDescription: {
    id: 'permission.mode.none.description',
    defaultMessage: 'Takes away the access a layer below gives (written with a leading {bang}).',
    description: 'bang is the character !',
  },
  roLabel: { id: 'permission.mode.ro.label', defaultMessage: 'Read only' },
  roDescription: {
    id: 'permission.mode.ro.description',
    defaultMessage: 'The app can read files but not change them.',
  },
  rwLabel: { id: 'permission.mode.rw.label', defaultMessage: 'Read and write' },
  rwDescription: { id: 'permission.mode.rw.description', defaultMessage: 'The app can read and change files.' },
  createShort: {
    id: 'permission.mode.create.short',
    defaultMessage: 'Create',
    description: 'A short choice button for “Read, write and create”',
  },
  createLabel: { id: 'permission.mode.create.label', defaultMessage: 'Read, write and create' },
  createDescription: {
    id: 'permission.mode.create.description',
    defaultMessage: 'As read and write, and Flatpak creates the folder if it is missing.',
  },
});

/** In Flatpak's order of access, the order a row offers them in. `none` is written as `!path`. */
export const FILESYSTEM_MODE: Readonly<Record<FsMode, ModeOption>> = {
  none: {
    name: 'none',
    since: [0, 3, 6],
    get label() {
      return t(MODE.noneLabel);
    },
    get description() {
      return t(MODE.noneDescription, { bang: '!' });
    },
  },
  ro: worded({ name: 'ro', since: [0, 3, 6] } as const, { label: MODE.roLabel, description: MODE.roDescription }),
  rw: worded({ name: 'rw', since: [0, 3, 6] } as const, { label: MODE.rwLabel, description: MODE.rwDescription }),
  create: worded({ name: 'create', since: [0, 11, 4] } as const, {
    short: MODE.createShort,
    label: MODE.createLabel,
    description: MODE.createDescription,
  }),
};

export const FILESYSTEM_MODES: readonly ModeOption[] = Object.values(FILESYSTEM_MODE);

const RESET = defineMessages({
  label: { id: 'permission.filesystems.host-reset.label', defaultMessage: 'Forget inherited file access' },
  description: {
    id: 'permission.filesystems.host-reset.description',
    defaultMessage: 'Removes every file permission granted below this layer (written as {token}).',
    description: 'token is !host:reset',
  },
});

/** `!host:reset`: drops every filesystem permission granted by the layers below. */
export const FILESYSTEM_RESET: NamedOption = {
  name: 'host-reset',
  since: [1, 13, 1],
  get label() {
    return t(RESET.label);
  },
  get description() {
    return t(RESET.description, { token: '!host:reset' });
  },
};

export interface PolicyOption extends NamedOption {
  readonly name: BusPolicy;
}

const POLICY = defineMessages({
  noneLabel: {
    id: 'permission.bus-policy.none.label',
    defaultMessage: 'None',
    description: 'A D-Bus name’s access level',
  },
  noneDescription: {
    id: 'permission.bus-policy.none.description',
    defaultMessage: 'The app cannot see or call this name.',
  },
  seeLabel: {
    id: 'permission.bus-policy.see.label',
    defaultMessage: 'See',
    description: 'A D-Bus name’s access level',
  },
  seeDescription: {
    id: 'permission.bus-policy.see.description',
    defaultMessage: 'The app can see that the name exists, but not call it.',
  },
  talkLabel: {
    id: 'permission.bus-policy.talk.label',
    defaultMessage: 'Talk',
    description: 'A D-Bus name’s access level',
  },
  talkDescription: {
    id: 'permission.bus-policy.talk.description',
    defaultMessage: 'The app can call the service that owns this name.',
  },
  ownLabel: {
    id: 'permission.bus-policy.own.label',
    defaultMessage: 'Own',
    description: 'A D-Bus name’s access level',
  },
  ownDescription: {
    id: 'permission.bus-policy.own.description',
    defaultMessage: 'The app can own (provide) this name, and talk to it.',
  },
});

export const BUS_POLICIES: readonly PolicyOption[] = [
  worded({ name: 'none', since: [0, 3, 6] } as const, { label: POLICY.noneLabel, description: POLICY.noneDescription }),
  worded({ name: 'see', since: [0, 3, 6] } as const, { label: POLICY.seeLabel, description: POLICY.seeDescription }),
  worded({ name: 'talk', since: [0, 3, 6] } as const, { label: POLICY.talkLabel, description: POLICY.talkDescription }),
  worded({ name: 'own', since: [0, 3, 6] } as const, { label: POLICY.ownLabel, description: POLICY.ownDescription }),
];

/** What an entry of the global override is: none (each app's own), or one that allows or denies. */
export type EntryState = 'default' | 'allow' | 'deny';

const STATE = defineMessages({
  default: { id: 'permission.entry-state.default', defaultMessage: 'Default', description: 'A choice button' },
  allow: { id: 'permission.entry-state.allow', defaultMessage: 'Allow', description: 'A choice button' },
  deny: { id: 'permission.entry-state.deny', defaultMessage: 'Deny', description: 'A choice button' },
  notSet: {
    id: 'permission.state.not-set',
    defaultMessage: 'Not set',
    description: 'Where no layer has an entry: a global entry, or a portal permission, left to the default',
  },
  notGranted: {
    id: 'permission.state.not-granted',
    defaultMessage: 'Not granted',
    description: 'Where no layer grants an app a permission',
  },
  deniedEvenIfAsked: {
    id: 'permission.state.denied-even-if-asked',
    defaultMessage: 'Denied by you, even if the app asks',
    description: 'The user’s own override denies what the app does not ask for now: it holds when an update asks',
  },
});

export const ENTRY_STATE: Readonly<Record<EntryState, { readonly name: EntryState; readonly label: string }>> = {
  default: worded({ name: 'default' } as const, { label: STATE.default }),
  allow: worded({ name: 'allow' } as const, { label: STATE.allow }),
  deny: worded({ name: 'deny' } as const, { label: STATE.deny }),
};

export const ENTRY_STATES = Object.values(ENTRY_STATE);

/** Words for where a row stands when no layer decides it. */
export const STATE_LABELS: {
  /** Where no layer has an entry: a global entry, or a portal permission, left to the default. */
  readonly notSet: string;
  /** Where no layer grants an app a permission. */
  readonly notGranted: string;
  /** Where the user's own override denies what no layer below grants: it holds when an update asks. */
  readonly deniedEvenIfAsked: string;
} = worded({}, { notSet: STATE.notSet, notGranted: STATE.notGranted, deniedEvenIfAsked: STATE.deniedEvenIfAsked });

const O = defineMessages({
  persistentLabel: { id: 'permission.persistent.label', defaultMessage: 'Persistent folders' },
  persistentDescription: {
    id: 'permission.persistent.description',
    defaultMessage: 'Folders of the home folder kept in the app’s own data instead ({path}).',
    description: 'path is ~/.var/app/ID/…',
  },
  environmentLabel: { id: 'permission.environment.label', defaultMessage: 'Environment variables' },
  environmentDescription: {
    id: 'permission.environment.description',
    defaultMessage: 'Variables set in the app’s environment.',
  },
  unsetEnvironmentLabel: { id: 'permission.unset-environment.label', defaultMessage: 'Removed environment variables' },
  unsetEnvironmentDescription: {
    id: 'permission.unset-environment.description',
    defaultMessage: 'Variables taken out of the app’s environment.',
  },
  sessionBusLabel: { id: 'permission.session-bus-policy.label', defaultMessage: 'Session bus' },
  sessionBusDescription: {
    id: 'permission.session-bus-policy.description',
    defaultMessage: 'Services on your desktop session the app may see, talk to or own.',
  },
  systemBusLabel: { id: 'permission.system-bus-policy.label', defaultMessage: 'System bus' },
  systemBusDescription: {
    id: 'permission.system-bus-policy.description',
    defaultMessage: 'System services the app may see, talk to or own.',
  },
  usbLabel: { id: 'permission.usb-devices.label', defaultMessage: 'USB device lists' },
  usbDescription: {
    id: 'permission.usb-devices.description',
    defaultMessage: 'USB devices the app may enumerate or must not see.',
  },
});

export const OTHER_OPTIONS = {
  persistent: {
    name: 'persistent',
    since: [0, 3, 6],
    get label() {
      return t(O.persistentLabel);
    },
    get description() {
      return t(O.persistentDescription, { path: '~/.var/app/ID/…' });
    },
  },
  environment: worded({ name: 'environment', since: [0, 3, 6] } as const, {
    label: O.environmentLabel,
    description: O.environmentDescription,
  }),
  unsetEnvironment: worded({ name: 'unset-environment', since: [1, 10, 0] } as const, {
    label: O.unsetEnvironmentLabel,
    description: O.unsetEnvironmentDescription,
  }),
  sessionBus: worded({ name: 'session-bus-policy', since: [0, 3, 6] } as const, {
    label: O.sessionBusLabel,
    description: O.sessionBusDescription,
  }),
  systemBus: worded({ name: 'system-bus-policy', since: [0, 3, 6] } as const, {
    label: O.systemBusLabel,
    description: O.systemBusDescription,
  }),
  usb: worded({ name: 'usb-devices', since: [1, 15, 11] } as const, {
    label: O.usbLabel,
    description: O.usbDescription,
  }),
} as const satisfies Record<string, NamedOption>;

/** The XDG folder a filesystem entry names (`xdg-download`, `xdg-download/sub`), if it names one. */
export function xdgOptionOf(path: string): XdgOption | undefined {
  const slash = path.indexOf('/');
  const prefix = slash < 0 ? path : path.slice(0, slash);
  return XDG_FILESYSTEMS.find((o) => o.name === prefix);
}

const W = defineMessages({
  subfolder: {
    id: 'permission.filesystems.subfolder',
    defaultMessage: '{folder} › {sub}',
    description: 'A folder below an XDG folder: “Downloads folder › Games”; sub is the path as written',
  },
  withToken: {
    id: 'permission.filesystems.with-token',
    defaultMessage: '{label} ({token})',
    description: 'A filesystem entry in a sentence: its name, then the Flatpak token: “Configuration (xdg-config)”',
  },
});

/**
 * A filesystem entry in words: the catalogue's label of a keyword or an XDG folder ("Downloads
 * folder", "Downloads folder › Games"), and anything else, a path, as written.
 */
export function filesystemLabel(path: string): string {
  const special = SPECIAL_FILESYSTEMS.find((f) => f.name === path);
  if (special) return special.label;
  const xdg = xdgOptionOf(path);
  if (!xdg) return path;
  const sub = path.slice(xdg.name.length).replace(/^\/+/, '');
  return sub ? t(W.subfolder, { folder: xdg.label, sub }) : xdg.label;
}

/** A filesystem entry in a sentence: its words with the token beside where they differ. */
export function filesystemWords(path: string): string {
  const label = filesystemLabel(path);
  return label === path ? path : t(W.withToken, { label, token: path });
}
