// Every permission Flatpak knows, with a label, one line in plain words, and the first Flatpak
// release that understands it (found in Flatpak's git history). Older Flatpak versions ignore a
// token they do not know, so the merge reads only the tokens the installed version knows.

import type { BusPolicy } from './context';
import type { FsMode } from './filesystem';
import { atLeast, type Version } from './version';

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

const flag = (
  kind: FlagKind,
  name: string,
  bit: number,
  since: Version,
  label: string,
  description: string,
): FlagOption => ({
  kind,
  name,
  bit,
  since,
  label,
  description,
});

export const FLAG_OPTIONS: readonly FlagOption[] = [
  flag('shared', 'network', 0, [0, 3, 6], 'Network', 'Reach the internet and the local network.'),
  flag(
    'shared',
    'ipc',
    1,
    [0, 3, 6],
    'Inter-process communication',
    "Share the host's IPC namespace (shared memory with X11 and other programs).",
  ),

  flag(
    'sockets',
    'x11',
    0,
    [0, 3, 6],
    'X11 windowing system',
    'Show windows through X11, which lets the app read keystrokes and screen contents of other X11 apps.',
  ),
  flag(
    'sockets',
    'wayland',
    1,
    [0, 3, 6],
    'Wayland windowing system',
    'Show windows through Wayland, which keeps apps apart from each other.',
  ),
  flag(
    'sockets',
    'pulseaudio',
    2,
    [0, 3, 6],
    'PulseAudio sound server',
    'Play sound and record from every microphone.',
  ),
  flag(
    'sockets',
    'session-bus',
    3,
    [0, 3, 6],
    'Whole D-Bus session bus',
    'Talk to every service on the session bus without filtering; this allows escaping the sandbox.',
  ),
  flag(
    'sockets',
    'system-bus',
    4,
    [0, 3, 6],
    'Whole D-Bus system bus',
    'Talk to every system service without filtering.',
  ),
  flag(
    'sockets',
    'fallback-x11',
    5,
    [0, 11, 1],
    'X11 only without Wayland',
    'Use X11 only when no Wayland session is running.',
  ),
  flag(
    'sockets',
    'ssh-auth',
    6,
    [0, 99, 1],
    'SSH agent',
    'Use the keys loaded in your SSH agent to log in to other machines as you.',
  ),
  flag('sockets', 'pcsc', 7, [1, 3, 2], 'Smart cards', 'Use smart cards and security tokens through the PC/SC daemon.'),
  flag('sockets', 'cups', 8, [1, 6, 0], 'Printing system', 'Talk to the CUPS printing system directly.'),
  flag('sockets', 'gpg-agent', 9, [1, 14, 0], 'GPG agent', 'Sign and decrypt with the keys held by your GnuPG agent.'),
  flag(
    'sockets',
    'inherit-wayland-socket',
    10,
    [1, 15, 7],
    'Inherited Wayland socket',
    "Use the Wayland socket Flatpak was started with instead of the session's one.",
  ),

  flag(
    'devices',
    'dri',
    0,
    [0, 3, 6],
    'GPU acceleration',
    'Use the graphics card directly for 3D and video acceleration.',
  ),
  flag(
    'devices',
    'all',
    1,
    [0, 6, 6],
    'All devices',
    'Use every device: webcams, microphones, USB and storage devices, game pads.',
  ),
  flag(
    'devices',
    'kvm',
    2,
    [0, 6, 12],
    'Virtualization',
    'Run virtual machines with the kernel virtualization device.',
  ),
  flag('devices', 'shm', 3, [1, 6, 1], 'Shared memory', "Use the host's /dev/shm, shared with every other program."),
  flag('devices', 'input', 4, [1, 15, 6], 'Input devices', 'Read input devices such as game pads directly.'),
  flag('devices', 'usb', 5, [1, 15, 11], 'USB devices', 'Use every USB device directly (/dev/bus/usb).'),

  flag(
    'features',
    'devel',
    0,
    [0, 3, 6],
    'Development syscalls',
    'Use system calls for debugging such as ptrace, which weakens the sandbox.',
  ),
  flag(
    'features',
    'multiarch',
    1,
    [0, 6, 12],
    'Programs for other CPUs',
    'Run programs built for other CPU architectures, such as 32-bit ones.',
  ),
  flag('features', 'bluetooth', 2, [0, 11, 8], 'Bluetooth', 'Open Bluetooth sockets directly.'),
  flag('features', 'canbus', 3, [1, 0, 3], 'CAN bus', 'Open CAN bus sockets, as used in cars and industrial machines.'),
  flag(
    'features',
    'per-app-dev-shm',
    4,
    [1, 11, 1],
    'Per-app shared memory',
    'Share one /dev/shm between all instances of the app.',
  ),
];

export const FLAG_KINDS: readonly FlagKind[] = ['shared', 'sockets', 'devices', 'features'];

/** A heading and its line in plain words, for a group of options shown together. */
export interface GroupLabel {
  readonly label: string;
  readonly description: string;
}

export const FLAG_GROUPS: Readonly<Record<FlagKind, GroupLabel>> = {
  shared: { label: 'Share', description: 'Resources shared with the rest of the computer.' },
  sockets: { label: 'Sockets', description: 'Services on your desktop the app can connect to directly.' },
  devices: { label: 'Devices', description: 'Hardware the app can use.' },
  features: { label: 'Features', description: 'Extra abilities inside the sandbox.' },
};

export const FILESYSTEM_GROUP: GroupLabel = { label: 'Filesystem', description: 'Files and folders the app can see.' };

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

/** Filesystem keywords that stand alone. `host-reset` is only written as `!host:reset`. */
export const SPECIAL_FILESYSTEMS: readonly NamedOption[] = [
  {
    name: 'host',
    label: 'All system files',
    description: 'Read (or change) every file on the computer except system folders.',
    since: [0, 3, 6],
  },
  {
    name: 'host-os',
    label: 'System libraries',
    description: "Read the host's /usr, /bin, /lib and /sbin.",
    since: [1, 7, 1],
  },
  { name: 'host-etc', label: 'System configuration', description: "Read the host's /etc.", since: [1, 7, 1] },
  {
    name: 'home',
    label: 'Home folder',
    description: 'Read (or change) every file in your home folder.',
    since: [0, 3, 6],
  },
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

/** The xdg-* prefixes; each may be followed by `/subdir`. */
export const XDG_FILESYSTEMS: readonly XdgOption[] = [
  {
    name: 'xdg-desktop',
    personal: true,
    location: '~/Desktop',
    label: 'Desktop folder',
    description: 'Your Desktop folder.',
    since: [0, 3, 6],
  },
  {
    name: 'xdg-documents',
    personal: true,
    location: '~/Documents',
    label: 'Documents folder',
    description: 'Your Documents folder.',
    since: [0, 3, 6],
  },
  {
    name: 'xdg-download',
    personal: true,
    location: '~/Downloads',
    label: 'Downloads folder',
    description: 'Your Downloads folder.',
    since: [0, 3, 6],
  },
  {
    name: 'xdg-music',
    personal: true,
    location: '~/Music',
    label: 'Music folder',
    description: 'Your Music folder.',
    since: [0, 3, 6],
  },
  {
    name: 'xdg-pictures',
    personal: true,
    location: '~/Pictures',
    label: 'Pictures folder',
    description: 'Your Pictures folder.',
    since: [0, 3, 6],
  },
  {
    name: 'xdg-public-share',
    location: '~/Public',
    label: 'Public folder',
    description: 'Your Public folder.',
    since: [0, 3, 6],
  },
  {
    name: 'xdg-templates',
    location: '~/Templates',
    label: 'Templates folder',
    description: 'Your Templates folder.',
    since: [0, 3, 6],
  },
  {
    name: 'xdg-videos',
    personal: true,
    location: '~/Videos',
    label: 'Videos folder',
    description: 'Your Videos folder.',
    since: [0, 3, 6],
  },
  {
    name: 'xdg-data',
    location: '~/.local/share',
    label: 'Application data',
    description: 'Your ~/.local/share, where other apps keep their data.',
    since: [0, 3, 6],
  },
  { name: 'xdg-cache', location: '~/.cache', label: 'Cache', description: 'Your ~/.cache.', since: [0, 3, 6] },
  {
    name: 'xdg-config',
    location: '~/.config',
    label: 'Configuration',
    description: 'Your ~/.config, where other apps keep their settings (including autostart).',
    since: [0, 3, 6],
  },
  {
    name: 'xdg-run',
    label: 'Runtime folder',
    description: 'A path below $XDG_RUNTIME_DIR, such as a sound or display socket; needs a sub-path.',
    since: [0, 4, 13],
  },
];

export interface ModeOption extends NamedOption {
  readonly name: FsMode;
  /** The word on a choice button where the label is too long for one. */
  readonly short?: string;
}

/** In Flatpak's order of access, the order a row offers them in. `none` is written as `!path`. */
export const FILESYSTEM_MODE: Readonly<Record<FsMode, ModeOption>> = {
  none: {
    name: 'none',
    label: 'No access',
    description: 'Takes away the access a layer below gives (written with a leading !).',
    since: [0, 3, 6],
  },
  ro: { name: 'ro', label: 'Read only', description: 'The app can read files but not change them.', since: [0, 3, 6] },
  rw: { name: 'rw', label: 'Read and write', description: 'The app can read and change files.', since: [0, 3, 6] },
  create: {
    name: 'create',
    short: 'Create',
    label: 'Read, write and create',
    description: 'As read and write, and Flatpak creates the folder if it is missing.',
    since: [0, 11, 4],
  },
};

export const FILESYSTEM_MODES: readonly ModeOption[] = Object.values(FILESYSTEM_MODE);

/** `!host:reset`: drops every filesystem permission granted by the layers below. */
export const FILESYSTEM_RESET: NamedOption = {
  name: 'host-reset',
  label: 'Forget inherited file access',
  description: 'Removes every file permission granted below this layer (written as !host:reset).',
  since: [1, 13, 1],
};

export interface PolicyOption extends NamedOption {
  readonly name: BusPolicy;
}

export const BUS_POLICIES: readonly PolicyOption[] = [
  { name: 'none', label: 'None', description: 'The app cannot see or call this name.', since: [0, 3, 6] },
  {
    name: 'see',
    label: 'See',
    description: 'The app can see that the name exists, but not call it.',
    since: [0, 3, 6],
  },
  { name: 'talk', label: 'Talk', description: 'The app can call the service that owns this name.', since: [0, 3, 6] },
  { name: 'own', label: 'Own', description: 'The app can own (provide) this name, and talk to it.', since: [0, 3, 6] },
];

/** What an entry of the global override is: none (each app's own), or one that allows or denies. */
export type EntryState = 'default' | 'allow' | 'deny';

export const ENTRY_STATE: Readonly<Record<EntryState, { readonly name: EntryState; readonly label: string }>> = {
  default: { name: 'default', label: 'Default' },
  allow: { name: 'allow', label: 'Allow' },
  deny: { name: 'deny', label: 'Deny' },
};

export const ENTRY_STATES = Object.values(ENTRY_STATE);

/** Where no layer has an entry: a global entry, or a portal permission, left to the default. */
export const NOT_SET_LABEL = 'Not set';
/** Where no layer grants an app a permission. */
export const NOT_GRANTED_LABEL = 'Not granted';
/** Where the user's own override denies what no layer below grants: it holds when an update asks. */
export const DENIED_EVEN_IF_ASKED_LABEL = 'Denied by you, even if the app asks';

export const OTHER_OPTIONS = {
  persistent: {
    name: 'persistent',
    label: 'Persistent folders',
    description: 'Folders of the home folder kept in the app\u2019s own data instead (~/.var/app/ID/…).',
    since: [0, 3, 6],
  },
  environment: {
    name: 'environment',
    label: 'Environment variables',
    description: 'Variables set in the app\u2019s environment.',
    since: [0, 3, 6],
  },
  unsetEnvironment: {
    name: 'unset-environment',
    label: 'Removed environment variables',
    description: 'Variables taken out of the app\u2019s environment.',
    since: [1, 10, 0],
  },
  sessionBus: {
    name: 'session-bus-policy',
    label: 'Session bus',
    description: 'Services on your desktop session the app may see, talk to or own.',
    since: [0, 3, 6],
  },
  systemBus: {
    name: 'system-bus-policy',
    label: 'System bus',
    description: 'System services the app may see, talk to or own.',
    since: [0, 3, 6],
  },
  usb: {
    name: 'usb-devices',
    label: 'USB device lists',
    description: 'USB devices the app may enumerate or must not see.',
    since: [1, 15, 11],
  },
} as const satisfies Record<string, NamedOption>;

/** The XDG folder a filesystem entry names (`xdg-download`, `xdg-download/sub`), if it names one. */
export function xdgOptionOf(path: string): XdgOption | undefined {
  const slash = path.indexOf('/');
  const prefix = slash < 0 ? path : path.slice(0, slash);
  return XDG_FILESYSTEMS.find((o) => o.name === prefix);
}

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
  return sub ? `${xdg.label} › ${sub}` : xdg.label;
}

/** A filesystem entry in a sentence: its words with the token beside where they differ. */
export function filesystemWords(path: string): string {
  const label = filesystemLabel(path);
  return label === path ? path : `${label} (${path})`;
}
