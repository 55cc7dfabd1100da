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
import { defineMessages, formatList, t } from '../i18n';
import { formatted } from './words';

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
const LOSS = defineMessages({
  network: {
    id: 'proposal.loss.network',
    defaultMessage: 'reach the internet or your local network: sign-in, sync, streaming, downloads and updates stop',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  sound: {
    id: 'proposal.loss.sound',
    defaultMessage: 'play sound or record from a microphone',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  camera: {
    id: 'proposal.loss.camera',
    defaultMessage: 'use a webcam (Flatpak has no camera device of its own: all devices is the only way to one)',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  'game-controllers': {
    id: 'proposal.loss.game-controllers',
    defaultMessage: 'use game pads, joysticks and steering wheels',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  'security-keys': {
    id: 'proposal.loss.security-keys',
    defaultMessage: 'use hardware security keys such as a YubiKey',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  'usb-devices': {
    id: 'proposal.loss.usb-devices',
    defaultMessage: 'talk to USB devices such as cameras, scanners and boards',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  kvm: {
    id: 'proposal.loss.kvm',
    defaultMessage: 'run virtual machines at full speed',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  'files-anywhere': {
    id: 'proposal.loss.files-anywhere',
    defaultMessage: 'open and save your files wherever they are through its own file dialog',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  'edits-settings': {
    id: 'proposal.loss.edits-settings',
    defaultMessage: 'edit the settings files of your other programs',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  'x11-on-wayland': {
    id: 'proposal.loss.x11-on-wayland',
    defaultMessage: 'open its windows on a Wayland session, where it draws only through X11',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  'host-commands': {
    id: 'proposal.loss.host-commands',
    defaultMessage: 'run tools installed on your computer (its terminal, compilers, helpers)',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  'session-bus': {
    id: 'proposal.loss.session-bus',
    defaultMessage: 'talk to the desktop services it serves or uses beyond its listed names',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  'system-bus': {
    id: 'proposal.loss.system-bus',
    defaultMessage: 'talk to the system services it uses beyond its listed names',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  keyring: {
    id: 'proposal.loss.keyring',
    defaultMessage: 'keep your sign-ins in your keyring, so you may have to sign in again each time',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  pipewire: {
    id: 'proposal.loss.pipewire',
    defaultMessage: 'record audio or capture the screen through PipeWire directly',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  'ssh-agent': {
    id: 'proposal.loss.ssh-agent',
    defaultMessage: 'log in to other machines with the keys in your SSH agent (git over SSH, SFTP)',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  'ssh-keys': {
    id: 'proposal.loss.ssh-keys',
    defaultMessage: 'change your SSH settings and known hosts',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  'gpg-agent': {
    id: 'proposal.loss.gpg-agent',
    defaultMessage: 'sign or decrypt with your GnuPG keys',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  'gpg-keys': {
    id: 'proposal.loss.gpg-keys',
    defaultMessage: 'change your GnuPG keys and settings',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  'flatpak-overrides': {
    id: 'proposal.loss.flatpak-overrides',
    defaultMessage: 'change the permissions of your Flatpak apps, which is its purpose',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  'flatpak-installation': {
    id: 'proposal.loss.flatpak-installation',
    defaultMessage: 'manage or build against your installed Flatpak apps and runtimes',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  'other-apps-data': {
    id: 'proposal.loss.other-apps-data',
    defaultMessage: 'reach the files of the other apps it works with',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  containers: {
    id: 'proposal.loss.containers',
    defaultMessage: 'manage your containers through Podman or Docker',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  dconf: {
    id: 'proposal.loss.dconf',
    defaultMessage: 'keep its settings in your desktop’s settings store (it starts from fresh settings)',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  'permission-store': {
    id: 'proposal.loss.permission-store',
    defaultMessage: 'show and change the portal permissions of other apps',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  'startup-entries': {
    id: 'proposal.loss.startup-entries',
    defaultMessage: 'add itself or web apps to your app menu or to login',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  'browser-helpers': {
    id: 'proposal.loss.browser-helpers',
    defaultMessage: 'connect to its browser extension',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  'host-tmp': {
    id: 'proposal.loss.host-tmp',
    defaultMessage: 'exchange files and sockets with your programs through {tmp}',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence); tmp is /tmp',
  },
  devel: {
    id: 'proposal.loss.devel',
    defaultMessage: 'debug programs or run the ones that need debugging system calls',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  multiarch: {
    id: 'proposal.loss.multiarch',
    defaultMessage: 'run 32-bit programs, which many games and Windows programs are',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  printing: {
    id: 'proposal.loss.printing',
    defaultMessage: 'print directly (printing through the portal still works)',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  'smart-cards': {
    id: 'proposal.loss.smart-cards',
    defaultMessage: 'use smart cards and security tokens',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
  bluetooth: {
    id: 'proposal.loss.bluetooth',
    defaultMessage: 'talk to Bluetooth devices directly',
    description:
      'What the app can no longer do without it, completing the sentence "It can no longer …" (write it as the rest of that sentence)',
  },
});

export const NEED_LOSS: Readonly<Record<NeedId, string>> = formatted(LOSS, { 'host-tmp': { tmp: '/tmp' } });

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

/** Why Confine thinks an app needs something: evidence a user can check, listed after what a
 *  change costs ("May cost a feature: its AppStream category is Game"). */
const BECAUSE = defineMessages({
  categories: {
    id: 'cost.because.categories',
    defaultMessage: 'its AppStream {count, plural, one {category is} other {categories are}} {categories}',
    description:
      'Evidence of what an app needs, in a list after a cost; categories is a list of AppStream category names (WebBrowser, Game), untranslated',
  },
  flathub: {
    id: 'cost.because.flathub',
    defaultMessage: 'Flathub’s reviewers accepted it for this app ({check})',
    description: 'Evidence of what an app needs, in a list after a cost; check is the name of a Flathub lint check',
  },
  forcedX11: {
    id: 'cost.because.forced-x11',
    defaultMessage: 'it sets {variable}, which keeps it on X11',
    description:
      'Evidence of what an app needs, in a list after a cost; variable is an environment variable, GDK_BACKEND=x11',
  },
  setsVariable: {
    id: 'cost.because.sets-variable',
    defaultMessage: 'it sets {variable}',
    description: 'Why an app draws on Wayland; variable is an environment variable, GDK_BACKEND=wayland',
  },
  gnomeRuntime: {
    id: 'cost.because.gnome-runtime',
    defaultMessage: 'it is built on the GNOME runtime, whose GTK draws on Wayland',
    description: 'Why an app draws on Wayland',
  },
  qtOnKde: {
    id: 'cost.because.qt-on-kde',
    defaultMessage: 'it is a Qt app on KDE Plasma, where Qt draws on Wayland',
    description: 'Why an app draws on Wayland',
  },
  noWaylandToolkit: {
    id: 'cost.because.no-wayland-toolkit',
    defaultMessage: 'nothing shows that its toolkit draws on Wayland',
    description: 'Evidence that an app needs X11, in a list after a cost',
  },
  noWaylandSocket: {
    id: 'cost.because.no-wayland-socket',
    defaultMessage: 'it has no Wayland socket',
    description: 'Evidence that an app needs X11, in a list after a cost',
  },
  ownsKeyring: {
    id: 'cost.because.owns-keyring',
    defaultMessage: 'it provides the keyring service itself',
    description: 'Evidence that an app needs the keyring, in a list after a cost',
  },
  network: {
    id: 'cost.because.network',
    defaultMessage:
      'apps that ask for the network almost always stop working without it, and nothing shows what this one uses it for',
    description: 'Evidence that an app needs the network, in a list after a cost',
  },
  ideContainers: {
    id: 'cost.because.ide-containers',
    defaultMessage: 'it is a development environment, for which containers are one feature',
    description:
      'Why taking the container engines costs a development environment only a feature, in a list after a cost',
  },
});

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
    if (value.test(ctx.env.get(name) ?? ''))
      return t(BECAUSE.setsVariable, { variable: `${name}=${ctx.env.get(name) ?? ''}` });
  const runtime = runtimeName(app.runtime);
  if (runtime === 'org.gnome.Platform' || runtime === 'org.gnome.Sdk') return t(BECAUSE.gnomeRuntime);
  if ((runtime === 'org.kde.Platform' || runtime === 'org.kde.Sdk') && app.session.desktop === 'KDE')
    return t(BECAUSE.qtOnKde);
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
    if (hit.length > 0) add(id, strength, t(BECAUSE.categories, { count: hit.length, categories: formatList(hit) }));
  }
  for (const lint of flathubExceptions(app.id)) {
    for (const [id, pattern] of BY_FLATHUB)
      if (pattern.test(lint)) add(id, 'core', t(BECAUSE.flathub, { check: lint }));
  }
  // Other permissions that tell what the app does.
  for (const [name, value] of FORCED_X11) {
    const v = ctx.env.get(name);
    if (v !== undefined && v !== null && value.test(v))
      add('x11-on-wayland', 'core', t(BECAUSE.forcedX11, { variable: `${name}=${v}` }));
  }
  if (!drawsOnWayland(ctx, app) && (has(ctx, 'sockets', 'x11') || has(ctx, 'sockets', 'fallback-x11'))) {
    add(
      'x11-on-wayland',
      'core',
      t(has(ctx, 'sockets', 'wayland') ? BECAUSE.noWaylandToolkit : BECAUSE.noWaylandSocket),
    );
  }
  if (talksTo(ctx, 'session', 'org.freedesktop.secrets') && ctx.bus.session.get('org.freedesktop.secrets') === 'own')
    add('keyring', 'core', t(BECAUSE.ownsKeyring));
  if (has(ctx, 'shared', 'network') && !needs.get('network')) {
    // Which feature uses the network cannot be read from permissions; taking it is Offline's job.
    add('network', 'core', t(BECAUSE.network));
  }
  const containers = needs.get('containers');
  if (containers && app.categories.includes('IDE')) {
    // A development environment's container support is one of its features, not its purpose.
    containers.strength = 'feature';
    containers.because.push(t(BECAUSE.ideContainers));
  }
  return needs;
}

/** Explicitly named entries are evidence that the app uses what they reach. */
export function asksFor(ctx: Context, location: string): boolean {
  const mode = ctx.filesystems.get(location);
  return mode !== undefined && mode !== 'none';
}
