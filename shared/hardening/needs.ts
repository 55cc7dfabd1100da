// What an app needs its permissions for, worked out from evidence that can be cited: its
// AppStream categories, its other permissions, what Flathub's reviewers accepted for it, the
// toolkit its runtime implies and the running session. A need is `core` when losing it breaks
// what the app is for, `feature` when it may cost one of its features. Presets never propose
// taking a core need in "recommended", and show what every change costs.

import type { Context } from '../flatpak/context';
import type { Version } from '../flatpak/version';
import { has, talksTo } from './access';
import { flathubExceptions } from './flathub';
import type { Session } from './session';

export const NEED_IDS = [
  'network',
  'sound',
  'camera',
  'game-controllers',
  'security-keys',
  'usb-devices',
  'kvm',
  'files-anywhere',
  'edits-settings',
  'x11-on-wayland',
  'host-commands',
  'session-bus',
  'system-bus',
  'keyring',
  'pipewire',
  'ssh-agent',
  'ssh-keys',
  'gpg-agent',
  'gpg-keys',
  'flatpak-overrides',
  'flatpak-installation',
  'other-apps-data',
  'containers',
  'dconf',
  'permission-store',
  'startup-entries',
  'browser-helpers',
  'host-tmp',
  'devel',
  'multiarch',
  'printing',
  'smart-cards',
  'bluetooth',
] as const;
export type NeedId = (typeof NEED_IDS)[number];
export type Strength = 'core' | 'feature';

/** What an app can no longer do when it loses the need, completing "It can no longer …". */
export const NEED_LOSS: Readonly<Record<NeedId, string>> = {
  network: 'reach the internet or your local network: sign-in, sync, streaming, downloads and updates stop',
  sound: 'play sound or record from a microphone',
  camera: 'use a webcam (Flatpak has no camera device of its own: all devices is the only way to one)',
  'game-controllers': 'use game pads, joysticks and steering wheels',
  'security-keys': 'use hardware security keys such as a YubiKey',
  'usb-devices': 'talk to USB devices such as cameras, scanners and boards',
  kvm: 'run virtual machines at full speed',
  'files-anywhere': 'open and save your files wherever they are through its own file dialog',
  'edits-settings': 'edit the settings files of your other programs',
  'x11-on-wayland': 'open its windows on a Wayland session, where it draws only through X11',
  'host-commands': 'run tools installed on your computer (its terminal, compilers, helpers)',
  'session-bus': 'talk to the desktop services it serves or uses beyond its listed names',
  'system-bus': 'talk to the system services it uses beyond its listed names',
  keyring: 'keep your sign-ins in your keyring, so you may have to sign in again each time',
  pipewire: 'record audio or capture the screen through PipeWire directly',
  'ssh-agent': 'log in to other machines with the keys in your SSH agent (git over SSH, SFTP)',
  'ssh-keys': 'change your SSH settings and known hosts',
  'gpg-agent': 'sign or decrypt with your GnuPG keys',
  'gpg-keys': 'change your GnuPG keys and settings',
  'flatpak-overrides': 'change the permissions of your Flatpak apps, which is its purpose',
  'flatpak-installation': 'manage or build against your installed Flatpak apps and runtimes',
  'other-apps-data': 'reach the files of the other apps it works with',
  containers: 'manage your containers through Podman or Docker',
  dconf: 'keep its settings in your desktop’s settings store (it starts from fresh settings)',
  'permission-store': 'show and change the portal permissions of other apps',
  'startup-entries': 'add itself or web apps to your app menu or to login',
  'browser-helpers': 'connect to its browser extension',
  'host-tmp': 'exchange files and sockets with your programs through /tmp',
  devel: 'debug programs or run the ones that need debugging system calls',
  multiarch: 'run 32-bit programs, which many games and Windows programs are',
  printing: 'print directly (printing through the portal still works)',
  'smart-cards': 'use smart cards and security tokens',
  bluetooth: 'talk to Bluetooth devices directly',
};

/** A home entry as `lstat` sees it: Flatpak protects a link's target only, so links do not count. */
export type HomeEntry = 'file' | 'dir' | 'link' | 'other';

export interface AppFacts {
  readonly id: string;
  readonly categories: readonly string[];
  /** The runtime ref from the app's metadata (`org.gnome.Platform/x86_64/47`). */
  readonly runtime?: string;
  readonly session: Session;
  readonly flatpak: Version;
  /** What the home entries that masks depend on are (`~/.bashrc`, `~/.ssh`, …); absent ones are missing. */
  readonly home?: ReadonlyMap<string, HomeEntry>;
}

export interface Need {
  readonly strength: Strength;
  /** Each piece of evidence, in words a user can check. */
  readonly because: readonly string[];
}

export type Needs = ReadonlyMap<NeedId, Need>;

/** Categories that say an app of that kind needs something; one table row a need. */
const BY_CATEGORY: readonly (readonly [NeedId, Strength, readonly string[]])[] = [
  [
    'network',
    'core',
    [
      'Network',
      'WebBrowser',
      'Email',
      'Chat',
      'InstantMessaging',
      'IRCClient',
      'FileTransfer',
      'P2P',
      'RemoteAccess',
      'News',
      'Feed',
      'VideoConference',
      'Telephony',
      'Game',
      'PackageManager',
      'Music',
      'Player',
      'Maps',
    ],
  ],
  [
    'sound',
    'core',
    [
      'AudioVideo',
      'Audio',
      'Video',
      'Player',
      'Recorder',
      'Music',
      'Midi',
      'Mixer',
      'Sequencer',
      'Tuner',
      'TV',
      'Telephony',
      'VideoConference',
      'Game',
      'Emulator',
      'Chat',
      'InstantMessaging',
      'WebBrowser',
      'AudioVideoEditing',
    ],
  ],
  ['camera', 'core', ['VideoConference', 'Telephony', 'Chat', 'InstantMessaging', 'WebBrowser', 'Recorder']],
  ['game-controllers', 'core', ['Game', 'Emulator']],
  ['kvm', 'core', ['Emulator']],
  ['security-keys', 'core', ['Security', 'WebBrowser']],
  ['usb-devices', 'core', ['Electronics', 'Engineering', 'HamRadio', 'Scanning', 'Photography']],
  [
    'files-anywhere',
    'core',
    [
      'Graphics',
      '2DGraphics',
      '3DGraphics',
      'RasterGraphics',
      'VectorGraphics',
      'Photography',
      'AudioVideoEditing',
      'Recorder',
      'Engineering',
      'Development',
      'IDE',
      'TextEditor',
      'FileManager',
      'TerminalEmulator',
      'Office',
      'WordProcessor',
      'Spreadsheet',
      'Presentation',
      'Publishing',
      'FileTransfer',
      'Viewer',
      'Emulator',
      'Science',
    ],
  ],
  ['edits-settings', 'feature', ['Development', 'IDE', 'TextEditor', 'FileManager', 'TerminalEmulator']],
  ['host-commands', 'core', ['Development', 'IDE', 'TerminalEmulator']],
  [
    'keyring',
    'feature',
    [
      'Email',
      'WebBrowser',
      'Chat',
      'InstantMessaging',
      'Network',
      'FileTransfer',
      'RemoteAccess',
      'Development',
      'IDE',
      'Office',
      'Game',
      'Music',
    ],
  ],
  ['keyring', 'core', ['Security']],
  [
    'pipewire',
    'core',
    ['Recorder', 'AudioVideo', 'Audio', 'VideoConference', 'Telephony', 'Chat', 'InstantMessaging', 'WebBrowser'],
  ],
  ['ssh-agent', 'core', ['Development', 'IDE', 'RemoteAccess', 'FileTransfer', 'TerminalEmulator']],
  ['ssh-keys', 'feature', ['Development', 'IDE', 'RemoteAccess', 'FileTransfer', 'TerminalEmulator', 'System']],
  ['gpg-agent', 'core', ['Email', 'Development', 'IDE', 'Security']],
  ['gpg-keys', 'feature', ['Email', 'Development', 'IDE', 'Security']],
  ['containers', 'core', ['Development', 'System']],
  ['startup-entries', 'feature', ['WebBrowser']],
  ['devel', 'core', ['Development', 'IDE', 'Debugger']],
  ['devel', 'feature', ['Game', 'Emulator']],
  ['multiarch', 'core', ['Game', 'Emulator']],
  [
    'printing',
    'feature',
    ['Office', 'WordProcessor', 'Graphics', 'Photography', 'WebBrowser', 'Email', 'Viewer', 'Publishing'],
  ],
  ['smart-cards', 'core', ['Security', 'Finance']],
  ['smart-cards', 'feature', ['WebBrowser', 'Email', 'Office', 'RemoteAccess']],
  ['bluetooth', 'feature', ['Game', 'Emulator', 'Audio', 'Music']],
];

/** Flathub lint checks whose accepted exception declares a need. */
const BY_FLATHUB: readonly (readonly [NeedId, RegExp])[] = [
  ['host-commands', /^finish-args-flatpak-spawn-access$/],
  ['session-bus', /^finish-args-arbitrary-dbus-access$/],
  ['system-bus', /^finish-args-arbitrary-dbus-access$/],
  ['files-anywhere', /^finish-args-(home|host)(-ro)?-filesystem-access$/],
  ['x11-on-wayland', /^finish-args-contains-both-x11-and-wayland$/],
  ['ssh-agent', /^finish-args-has-socket-ssh-auth$/],
  ['gpg-agent', /^finish-args-has-socket-gpg-agent$/],
  ['ssh-keys', /^finish-args-ssh-filesystem-access$/],
  ['gpg-keys', /^finish-args-gnupg-filesystem-access$/],
  ['host-tmp', /^finish-args-host-tmp-access$/],
  // Read-only exceptions declare reading, which read-only protections keep; only writing counts.
  [
    'flatpak-overrides',
    /^finish-args-(flatpak-(user|system)-folder|unnecessary-xdg-data-flatpak)(-overrides)?-(rw|create)-access$/,
  ],
  [
    'flatpak-installation',
    /^finish-args-(flatpak-(user|system)-folder|unnecessary-xdg-data-flatpak).*-(rw|create)-access$/,
  ],
  ['other-apps-data', /^finish-args-flatpak-appdata-folder.*-(rw|create)-access$/],
  [
    'browser-helpers',
    /^finish-args-(flatpak-appdata-folder-.*NativeMessagingHosts|flatpak-appdata-folder-.*mozilla|unnecessary-xdg-config-(google-chrome|chromium|microsoft-edge|BraveSoftware|vivaldi))/,
  ],
  ['dconf', /^finish-args-(dconf-talk-name|direct-dconf-path|unnecessary-xdg-config-dconf)/],
  ['permission-store', /^finish-args-portal-impl-permissionstore-talk-name$/],
  [
    'startup-entries',
    /^finish-args-(desktopfile-filesystem-access|autostart-filesystem-access|systemd-filesystem-access|unnecessary-xdg-data-applications|unnecessary-xdg-config-(autostart|systemd))/,
  ],
];

/** Variables with which an app forces itself onto X11 (or onto Wayland). */
const FORCED_X11: readonly (readonly [string, RegExp])[] = [
  ['GDK_BACKEND', /^x11$/],
  ['QT_QPA_PLATFORM', /^xcb/],
  ['XDG_SESSION_TYPE', /^x11$/],
  ['ELECTRON_OZONE_PLATFORM_HINT', /^x11$/],
  ['SDL_VIDEODRIVER', /^x11$/],
];
const FORCED_WAYLAND: readonly (readonly [string, RegExp])[] = [
  ['GDK_BACKEND', /^wayland/],
  ['QT_QPA_PLATFORM', /^wayland/],
  ['ELECTRON_OZONE_PLATFORM_HINT', /^(auto|wayland)$/],
];

const runtimeName = (runtime: string | undefined): string => runtime?.split('/')[0] ?? '';

/**
 * Whether the app draws its windows on Wayland by itself, with the evidence: GTK (the GNOME
 * runtime) does on every desktop, Qt on KDE's desktop, anything told to by a variable. Unknown
 * toolkits (Electron and SDL on the Freedesktop runtime, Qt 5 on GNOME) are taken to need X11.
 */
export function drawsOnWayland(ctx: Context, app: AppFacts): string | undefined {
  if (!has(ctx, 'sockets', 'wayland')) return undefined;
  for (const [name, value] of FORCED_X11) if (value.test(ctx.env.get(name) ?? '')) return undefined;
  for (const [name, value] of FORCED_WAYLAND)
    if (value.test(ctx.env.get(name) ?? '')) return `it sets ${name}=${ctx.env.get(name) ?? ''}`;
  const runtime = runtimeName(app.runtime);
  if (runtime === 'org.gnome.Platform' || runtime === 'org.gnome.Sdk')
    return 'it is built on the GNOME runtime, whose GTK draws on Wayland';
  if ((runtime === 'org.kde.Platform' || runtime === 'org.kde.Sdk') && app.session.desktop === 'KDE')
    return 'it is a Qt app on KDE Plasma, where Qt draws on Wayland';
  return undefined;
}

export function needsOf(ctx: Context, app: AppFacts): Needs {
  const needs = new Map<NeedId, { strength: Strength; because: string[] }>();
  const add = (id: NeedId, strength: Strength, because: string) => {
    const old = needs.get(id);
    if (!old) needs.set(id, { strength, because: [because] });
    else {
      if (strength === 'core') old.strength = 'core';
      if (!old.because.includes(because)) old.because.push(because);
    }
  };

  for (const [id, strength, categories] of BY_CATEGORY) {
    const hit = app.categories.filter((c) => categories.includes(c));
    if (hit.length > 0)
      add(id, strength, `its AppStream ${hit.length > 1 ? 'categories are' : 'category is'} ${hit.join(', ')}`);
  }
  for (const lint of flathubExceptions(app.id)) {
    for (const [id, pattern] of BY_FLATHUB)
      if (pattern.test(lint)) add(id, 'core', `Flathub’s reviewers accepted it for this app (${lint})`);
  }
  // Other permissions that tell what the app does.
  for (const [name, value] of FORCED_X11) {
    const v = ctx.env.get(name);
    if (v !== undefined && v !== null && value.test(v))
      add('x11-on-wayland', 'core', `it sets ${name}=${v}, which keeps it on X11`);
  }
  if (!drawsOnWayland(ctx, app) && (has(ctx, 'sockets', 'x11') || has(ctx, 'sockets', 'fallback-x11'))) {
    add(
      'x11-on-wayland',
      'core',
      has(ctx, 'sockets', 'wayland') ? 'nothing shows that its toolkit draws on Wayland' : 'it has no Wayland socket',
    );
  }
  if (talksTo(ctx, 'session', 'org.freedesktop.secrets') && ctx.bus.session.get('org.freedesktop.secrets') === 'own')
    add('keyring', 'core', 'it provides the keyring service itself');
  if (has(ctx, 'shared', 'network') && !needs.get('network')) {
    // Which feature uses the network cannot be read from permissions; taking it is Offline's job.
    add(
      'network',
      'core',
      'apps that ask for the network almost always stop working without it, and nothing shows what this one uses it for',
    );
  }
  const containers = needs.get('containers');
  if (containers && app.categories.includes('IDE')) {
    // A development environment's container support is one of its features, not its purpose.
    containers.strength = 'feature';
    containers.because.push('it is a development environment, for which containers are one feature');
  }
  return needs;
}

/** Explicitly named entries are evidence that the app uses what they reach. */
export function asksFor(ctx: Context, location: string): boolean {
  const mode = ctx.filesystems.get(location);
  return mode !== undefined && mode !== 'none';
}
