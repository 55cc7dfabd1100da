// Presets turn an app's effective permissions into proposed changes, each with its reason. They
// follow the advice Confine is built on: revoke the network, PulseAudio, all devices and the
// keyring from apps that do not need them; revoke X11 and IPC from apps that run on Wayland;
// replace home and host with the folders the app needs. What the app is (its AppStream
// categories) decides what it keeps, and every proposal can be unticked. A preset never grants
// anything the app could not already reach.

import type { FlagKind } from '../flatpak/catalogue';
import type { BusKind, Context } from '../flatpak/context';
import type { Change } from '../flatpak/edit';
import { FS_MODE_RANK, type FsMode } from '../flatpak/filesystem';
import { accessTo, has, policyFor, STARTUP_FILES, writes } from './access';

export const PRESETS = ['recommended', 'strict', 'offline'] as const;
export type PresetName = (typeof PRESETS)[number];

export const PRESET_LABELS: Readonly<Record<PresetName, { label: string; description: string }>> = {
  recommended: { label: 'Recommended', description: 'Revoke what the app does not need, keeping what apps of its kind use.' },
  strict: { label: 'Strict', description: 'Revoke everything risky, including what apps of its kind usually use.' },
  offline: { label: 'Offline', description: 'Cut the app off from the network, and nothing else.' },
};

export interface Proposal {
  readonly id: string;
  readonly title: string;
  readonly reason: string;
  /** Changes to the effective permissions (the override stores only the difference). */
  readonly changes: readonly Change[];
  /** Ticked in the preview unless the app is of a kind that needs the permission. */
  readonly selected: boolean;
  readonly keep?: string;
}

export interface AppFacts {
  readonly categories: readonly string[];
}

const KINDS = {
  network: ['Network', 'WebBrowser', 'Email', 'Chat', 'InstantMessaging', 'IRCClient', 'FileTransfer', 'P2P', 'RemoteAccess', 'News', 'Feed', 'VideoConference', 'Telephony'],
  sound: ['AudioVideo', 'Audio', 'Video', 'Player', 'Recorder', 'Music', 'Midi', 'Mixer', 'Sequencer', 'Tuner', 'TV', 'Telephony', 'VideoConference', 'Game', 'Chat', 'InstantMessaging', 'WebBrowser'],
  devices: ['Game', 'VideoConference', 'Telephony', 'Photography', 'Scanning', 'Emulator', 'HamRadio'],
  keyring: ['Email', 'WebBrowser', 'Chat', 'InstantMessaging', 'Security', 'Network'],
  wholeHome: ['Development', 'IDE', 'FileManager', 'TerminalEmulator'],
  hostCommands: ['Development', 'IDE', 'TerminalEmulator'],
} as const;

/** XDG folders by kind of app, offered instead of the whole home folder. */
const FOLDERS: readonly [readonly string[], string][] = [
  [['Graphics', 'Photography', '2DGraphics', 'RasterGraphics', 'VectorGraphics', 'Scanning'], 'xdg-pictures'],
  [['Audio', 'Music', 'Player', 'Recorder', 'Midi', 'Mixer', 'Sequencer'], 'xdg-music'],
  [['Video', 'TV'], 'xdg-videos'],
  [['Office', 'TextEditor', 'WordProcessor', 'Spreadsheet', 'Presentation', 'Publishing', 'Viewer'], 'xdg-documents'],
  [['WebBrowser', 'Network', 'FileTransfer', 'P2P', 'Email'], 'xdg-download'],
];

const CATEGORY_WORDS: Readonly<Record<string, string>> = {
  WebBrowser: 'a web browser',
  Email: 'an email app',
  Chat: 'a chat app',
  InstantMessaging: 'a messenger',
  Network: 'a network app',
  Game: 'a game',
  AudioVideo: 'a sound or video app',
  Audio: 'a sound app',
  Video: 'a video app',
  Player: 'a media player',
  Music: 'a music app',
  VideoConference: 'a video call app',
  Telephony: 'a phone app',
  Photography: 'a photo app',
  Development: 'a development tool',
  IDE: 'a development environment',
  FileManager: 'a file manager',
  TerminalEmulator: 'a terminal',
  Security: 'a security tool',
};

function kindOf(app: AppFacts, list: readonly string[]): string | undefined {
  // Additional categories come after the main one and say more (Network, then WebBrowser).
  const hit = [...app.categories].reverse().find((c) => list.includes(c));
  return hit === undefined ? undefined : (CATEGORY_WORDS[hit] ?? `in the ${hit} category`);
}

interface Builder {
  add(p: { id: string; title: string; reason: string; changes: Change[]; keepKind?: readonly string[]; keepWhy?: (kind: string) => string }): void;
}

function revokeBus(ctx: Context, bus: BusKind, name: string): Change[] {
  const granted = policyFor(ctx.bus[bus], name);
  // A `.*` prefix grants the name too; the prefix itself has to go.
  return granted.via ? [{ kind: 'bus', bus, name: granted.via, value: 'none' }] : [];
}

function weaker(a: FsMode, b: FsMode): FsMode {
  return FS_MODE_RANK[a] <= FS_MODE_RANK[b] ? a : b;
}

export function propose(preset: PresetName, ctx: Context, app: AppFacts): Proposal[] {
  const proposals: Proposal[] = [];
  const honourKeeps = preset === 'recommended';
  const b: Builder = {
    add({ id, title, reason, changes, keepKind, keepWhy }) {
      if (changes.length === 0) return;
      const kind = keepKind && honourKeeps ? kindOf(app, keepKind) : undefined;
      proposals.push(kind ? { id, title, reason, changes, selected: false, keep: keepWhy ? keepWhy(kind) : `Kept: it is ${kind}.` } : { id, title, reason, changes, selected: true });
    },
  };

  if (preset === 'offline') {
    if (has(ctx, 'shared', 'network')) b.add({ id: 'network', title: 'Revoke network access', reason: 'Offline: the app cannot reach the internet or your local network.', changes: [{ kind: 'shared', name: 'network', value: false }] });
    return proposals;
  }

  // Sandbox escapes.
  b.add({
    id: 'flatpak-portal',
    title: 'Stop it running commands outside the sandbox',
    reason: 'Talking to org.freedesktop.Flatpak lets an app run any command on your computer: a way out of the sandbox.',
    changes: revokeBus(ctx, 'session', 'org.freedesktop.Flatpak').concat(revokeBus(ctx, 'session', 'org.freedesktop.systemd1')),
    keepKind: KINDS.hostCommands,
    keepWhy: (k) => `Kept: it is ${k}, which often runs tools of the computer on purpose. Untick only if you do not need that.`,
  });
  if (has(ctx, 'sockets', 'session-bus')) b.add({ id: 'session-bus', title: 'Filter the session bus', reason: 'Unfiltered access to the session bus reaches the service that runs commands outside the sandbox.', changes: [{ kind: 'sockets', name: 'session-bus', value: false }] });
  if (has(ctx, 'sockets', 'system-bus')) b.add({ id: 'system-bus', title: 'Filter the system bus', reason: 'Unfiltered access to the system bus reaches every system service.', changes: [{ kind: 'sockets', name: 'system-bus', value: false }] });

  const home = accessTo(ctx, '~');
  if (home.mode !== 'none') {
    const replaced: Change[] = [];
    for (const p of ['host', 'home']) if ((ctx.filesystems.get(p) ?? 'none') !== 'none') replaced.push({ kind: 'filesystems', path: p, value: 'none' });
    for (const p of ['/home', '/var/home']) if ((ctx.filesystems.get(p) ?? 'none') !== 'none') replaced.push({ kind: 'filesystems', path: p, value: 'none' });
    const folders = FOLDERS.filter(([cats]) => app.categories.some((c) => cats.includes(c))).map(([, f]) => f);
    const added: string[] = [];
    for (const folder of folders) {
      const mode = weaker(home.mode, 'rw');
      const now = ctx.filesystems.get(folder) ?? 'none';
      if (FS_MODE_RANK[now] >= FS_MODE_RANK[mode]) continue;
      replaced.push({ kind: 'filesystems', path: folder, value: mode });
      added.push(mode === 'ro' ? `${folder}:ro` : folder);
    }
    b.add({
      id: 'home',
      title: added.length ? `Replace ${home.via === 'host' ? 'all files' : 'the home folder'} with ${added.join(', ')}` : `Revoke access to ${home.via === 'host' ? 'all files' : 'the home folder'}`,
      reason: `${writes(home.mode) ? 'Write access to your home folder is a way out of the sandbox (~/.bashrc runs at login).' : 'Reading your whole home folder exposes SSH keys, browser profiles and documents.'} ${added.length ? 'The app keeps the folders apps of its kind use.' : 'Files you open through the file chooser still work.'}`,
      changes: replaced,
      keepKind: KINDS.wholeHome,
      keepWhy: (k) => `Kept: it is ${k}, which usually works across your whole home folder.`,
    });
  }
  // Files that start programs can be writable through a narrower entry too.
  for (const [path, mode] of ctx.filesystems) {
    if (!writes(mode) || ['host-reset', 'host', 'home', '/home', '/var/home'].includes(path)) continue;
    const single: Context = { ...ctx, filesystems: new Map([[path, mode]]) };
    if (STARTUP_FILES.some((t) => accessTo(single, t).mode !== 'none')) {
      b.add({ id: `startup:${path}`, title: `Revoke write access to ${path}`, reason: 'Files there start programs outside the sandbox, at login or as your own apps.', changes: [{ kind: 'filesystems', path, value: 'none' }] });
    }
  }

  // Broad access the seed advises revoking where not needed.
  if (has(ctx, 'shared', 'network')) b.add({ id: 'network', title: 'Revoke network access', reason: 'Without the network the app cannot send your data anywhere.', changes: [{ kind: 'shared', name: 'network', value: false }], keepKind: KINDS.network, keepWhy: (k) => `Kept: it is ${k}, which needs the network.` });
  if (has(ctx, 'sockets', 'pulseaudio')) b.add({ id: 'pulseaudio', title: 'Revoke sound and microphones', reason: 'PulseAudio access plays sound and records from every microphone without asking.', changes: [{ kind: 'sockets', name: 'pulseaudio', value: false }], keepKind: KINDS.sound, keepWhy: (k) => `Kept: it is ${k}, which plays or records sound.` });
  if (has(ctx, 'devices', 'all')) b.add({ id: 'device-all', title: 'Revoke access to all devices', reason: 'All devices include webcams, microphones and USB sticks; GPU access stays where the app has it.', changes: [{ kind: 'devices', name: 'all', value: false }], keepKind: KINDS.devices, keepWhy: (k) => `Kept: it is ${k}, which often uses cameras, game pads or scanners.` });
  b.add({ id: 'secrets', title: 'Revoke access to your keyring', reason: 'The keyring holds your saved passwords and keys.', changes: revokeBus(ctx, 'session', 'org.freedesktop.secrets'), keepKind: KINDS.keyring, keepWhy: (k) => `Kept: it is ${k}, which stores passwords in the keyring.` });

  const wayland = has(ctx, 'sockets', 'wayland');
  if (wayland && has(ctx, 'sockets', 'x11')) {
    b.add({ id: 'x11', title: 'Revoke X11', reason: 'The app runs natively on Wayland, so it does not need X11, through which it could read other apps’ keystrokes and screens.', changes: [{ kind: 'sockets', name: 'x11', value: false }] });
  }
  if (wayland && has(ctx, 'shared', 'ipc')) {
    b.add({ id: 'ipc', title: 'Revoke IPC', reason: 'The app runs natively on Wayland; shared IPC is needed only by X11 apps.', changes: [{ kind: 'shared', name: 'ipc', value: false }] });
  }

  if (preset === 'strict') {
    const extra: [FlagKind, string, string][] = [
      ['sockets', 'ssh-auth', 'Revoke your SSH agent'],
      ['sockets', 'gpg-agent', 'Revoke your GPG agent'],
      ['sockets', 'pcsc', 'Revoke smart cards'],
      ['sockets', 'cups', 'Revoke direct printing'],
      ['features', 'devel', 'Revoke debugging system calls'],
      ['features', 'bluetooth', 'Revoke Bluetooth'],
      ['features', 'canbus', 'Revoke CAN bus'],
      ['devices', 'kvm', 'Revoke virtualization'],
      ['devices', 'shm', 'Revoke the shared memory device'],
    ];
    for (const [kind, name, title] of extra) {
      if (has(ctx, kind, name)) b.add({ id: name, title, reason: 'Strict: risky, and not needed by most apps.', changes: [{ kind, name, value: false }] });
    }
    b.add({ id: 'permission-store', title: 'Revoke the permission store', reason: 'Strict: talking to the permission store lets the app allow itself the camera or microphone.', changes: revokeBus(ctx, 'session', 'org.freedesktop.impl.portal.PermissionStore') });
    const systemNames = [...ctx.bus.system].filter(([, p]) => p === 'talk' || p === 'own').map(([name]): Change => ({ kind: 'bus', bus: 'system', name, value: 'none' }));
    b.add({ id: 'system-bus-names', title: 'Revoke system services', reason: 'Strict: system services manage your network, disks, power and users.', changes: systemNames });
  }
  return proposals;
}

/** The changes of the proposals the user kept ticked. */
export function selectedChanges(proposals: readonly Proposal[], selected?: ReadonlySet<string>): Change[] {
  return proposals.filter((p) => (selected ? selected.has(p.id) : p.selected)).flatMap((p) => p.changes);
}
