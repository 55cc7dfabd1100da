// Help for every permission the window shows: what it lets an app do, and what the app loses
// without it, in plain words and offline. Keyed by the catalogue's stable names (helpId), so a
// permission added to a catalogue without help, or help left for one removed, fails a test.
// The facts are Flatpak 1.14's (common/flatpak-context.c, flatpak-run.c) unless a permission
// needs a later release, which its row says.

import { PORTAL_KINDS } from '../portals/catalogue';
import type { BusPolicy } from './context';
import {
  BUS_POLICIES,
  FILESYSTEM_RESET,
  FLAG_OPTIONS,
  OTHER_OPTIONS,
  SPECIAL_FILESYSTEMS,
  XDG_FILESYSTEMS,
  xdgOptionOf,
  type FlagKind,
} from './catalogue';

export const flagHelpId = (kind: FlagKind, name: string): string => `${kind}:${name}`;
/** A keyword or an XDG folder, with or without a sub-path; none for a plain path. */
export function filesystemHelpId(path: string): string | undefined {
  if (path === FILESYSTEM_RESET.name || SPECIAL_FILESYSTEMS.some((f) => f.name === path)) return `filesystems:${path}`;
  const xdg = xdgOptionOf(path);
  return xdg ? `filesystems:${xdg.name}` : undefined;
}
export const busPolicyHelpId = (policy: BusPolicy): string => `bus-policy:${policy}`;
export const portalHelpId = (key: string): string => `portal:${key}`;

export interface PermissionHelp {
  /** What the permission lets the app do. */
  readonly allows: string;
  /** What the app loses, or what changes for it, without the permission. */
  readonly without: string;
}

const XDG_HIDDEN =
  'The folder stays hidden from the app. Files you choose in a portal file dialog still reach it one at a time.';

export const PERMISSION_HELP: Readonly<Record<string, PermissionHelp>> = {
  'shared:network': {
    allows:
      'The app shares the computer’s network: it can reach the internet, machines on your local network, and servers listening on this computer.',
    without:
      'The app gets a network of its own with only a loopback device: no internet, no local network, and no servers of the computer (including local abstract sockets). Portals and allowed D-Bus services still work.',
  },
  'shared:ipc': {
    allows:
      'The app shares the computer’s System V IPC namespace: shared memory segments, semaphores and message queues of other programs. X11 apps use it for fast drawing (MIT-SHM).',
    without:
      'The app has an IPC namespace of its own. X11 apps may draw more slowly or show errors about shared memory; Wayland apps do not notice.',
  },
  'sockets:x11': {
    allows:
      'The app can open windows on the X11 display. X11 does not keep apps apart: any X11 client can read the keys you type and the contents of other X11 windows.',
    without:
      'On an Xorg session the app can show no windows at all; on Wayland an app that only speaks X11 (or one told to use X11) cannot start its window.',
  },
  'sockets:wayland': {
    allows:
      'The app can open windows through the Wayland compositor, which keeps apps from seeing each other’s input and screens.',
    without: 'The app cannot draw through Wayland; it falls back to X11 if that is allowed, or shows no window.',
  },
  'sockets:pulseaudio': {
    allows:
      'The app can use the PulseAudio socket (PipeWire’s too, where it stands in for PulseAudio): play sound, and record from every microphone, without asking.',
    without: 'The app plays no sound and records nothing through PulseAudio.',
  },
  'sockets:session-bus': {
    allows:
      'The app talks to every service on your desktop’s D-Bus session bus with no filter. That includes Flatpak’s own service, which can start commands outside the sandbox: this is a way out of it.',
    without:
      'The session bus is filtered: the app reaches only the portals and the names its session bus policy allows.',
  },
  'sockets:system-bus': {
    allows: 'The app talks to every service on the system D-Bus with no filter (network, disks, power, accounts).',
    without: 'The system bus is filtered: the app reaches only the names its system bus policy allows.',
  },
  'sockets:fallback-x11': {
    allows:
      'The app gets X11 only when no Wayland session is running, so an app that draws on Wayland keeps working on Xorg without getting X11 on Wayland.',
    without:
      'Only the X11 permission decides. Flatpak also writes X11 when this is granted or taken away on the command line.',
  },
  'sockets:ssh-auth': {
    allows: 'The app can use the keys loaded in your SSH agent to log in to other machines as you.',
    without: 'The app cannot use your agent; it needs its own key files or a password to log in elsewhere.',
  },
  'sockets:pcsc': {
    allows: 'The app reaches the PC/SC daemon, and through it smart cards and security tokens in your readers.',
    without: 'The app cannot see smart cards or security tokens that need PC/SC.',
  },
  'sockets:cups': {
    allows: 'The app talks to the CUPS printing system directly: it can list printers and send jobs without a dialog.',
    without: 'The app prints only through the print portal, which shows you a print dialog.',
  },
  'sockets:gpg-agent': {
    allows: 'The app can sign and decrypt with the keys your GnuPG agent holds.',
    without: 'The app cannot use your GnuPG agent; it can only use keys of its own.',
  },
  'sockets:inherit-wayland-socket': {
    allows:
      'The app uses the Wayland connection Flatpak itself was handed when it was started, not the session’s socket.',
    without: 'The app connects to the session’s Wayland socket, as usual.',
  },
  'devices:dri': {
    allows: 'The app uses the graphics card directly (/dev/dri and the NVIDIA devices) for 3D and video acceleration.',
    without: 'The app draws and decodes video on the processor alone: games and 3D apps become slow or do not start.',
  },
  'devices:all': {
    allows:
      'The app sees every device in /dev: webcams, microphones, game pads, USB and serial devices, storage devices and the graphics card.',
    without:
      'The app sees only the basic devices every program needs, plus those other device permissions give. Webcams are reached through the camera portal, where the app supports it.',
  },
  'devices:kvm': {
    allows: 'The app can use /dev/kvm to run virtual machines at full speed.',
    without: 'Virtual machines run without hardware acceleration, very slowly, or not at all.',
  },
  'devices:shm': {
    allows: 'The app shares the computer’s /dev/shm with every other program that uses it.',
    without: 'The app gets a /dev/shm of its own, which other programs cannot see into.',
  },
  'devices:input': {
    allows: 'The app reads input devices such as game pads and joysticks directly (/dev/input).',
    without: 'The app cannot read input devices directly unless all devices are allowed.',
  },
  'devices:usb': {
    allows: 'The app uses every USB device directly, through /dev/bus/usb.',
    without:
      'The app cannot reach USB devices directly unless all devices are allowed; the USB portal, where the desktop has one, can still hand it the devices its USB lists name.',
  },
  'features:devel': {
    allows:
      'The app may use system calls for debugging and profiling, such as ptrace and perf. This weakens the sandbox’s system call filter.',
    without: 'Debuggers and profilers run inside the app do not work; everything else does.',
  },
  'features:multiarch': {
    allows:
      'The app may run programs built for another processor architecture, such as 32-bit programs on a 64-bit computer.',
    without: 'The app runs only programs of the computer’s own architecture; 32-bit games and tools fail to start.',
  },
  'features:bluetooth': {
    allows: 'The app may open Bluetooth sockets directly.',
    without:
      'The app cannot open Bluetooth sockets; it can still reach Bluetooth through BlueZ on the system bus if its policy allows.',
  },
  'features:canbus': {
    allows: 'The app may open CAN bus sockets, as used in cars and industrial machines.',
    without: 'The app cannot open CAN bus sockets.',
  },
  'features:per-app-dev-shm': {
    allows: 'All running copies of the app share one /dev/shm of their own, so they can exchange shared memory.',
    without: 'Each running copy of the app gets its own /dev/shm.',
  },

  'filesystems:host': {
    allows:
      'The app sees every folder of the computer except the system ones (/usr, /etc, /var, /tmp, /dev and the like), including your home folder, other users’ folders and mounted drives; it also sees /usr and /etc under /run/host. Read and write lets it change all of that.',
    without:
      'The app sees only its own folders and the other file permissions it has. Files you choose in a portal file dialog still reach it.',
  },
  'filesystems:host-os': {
    allows:
      'The app reads the computer’s own system programs and libraries (/usr, /bin, /lib, /sbin), under /run/host.',
    without: 'The app sees only its runtime’s libraries, not the computer’s.',
  },
  'filesystems:host-etc': {
    allows: 'The app reads the computer’s /etc (system settings, under /run/host/etc).',
    without: 'The app sees only the few files of /etc Flatpak always shares (such as time zone and name resolution).',
  },
  'filesystems:home': {
    allows:
      'The app sees every file in your home folder, hidden ones included: other apps’ settings and data, your shell start files, keys. Read and write lets it change them.',
    without:
      'The app sees only its own data folder (~/.var/app/ID) and the other file permissions it has. Files you choose in a portal file dialog still reach it.',
  },
  'filesystems:host-reset': {
    allows:
      'Forgets every file permission the layers below grant (the app’s own, and the overrides below this one), so only the file permissions set from here on count.',
    without:
      'The file permissions of the layers below apply as they are, and this layer can only add to them or take single ones away.',
  },
  'filesystems:xdg-desktop': {
    allows: 'The app sees your Desktop folder, and with write access can change and add files there.',
    without: XDG_HIDDEN,
  },
  'filesystems:xdg-documents': {
    allows: 'The app sees your Documents folder, and with write access can change and add files there.',
    without: XDG_HIDDEN,
  },
  'filesystems:xdg-download': {
    allows: 'The app sees your Downloads folder, and with write access can save files there.',
    without: XDG_HIDDEN,
  },
  'filesystems:xdg-music': {
    allows: 'The app sees your Music folder, and with write access can change and add files there.',
    without: XDG_HIDDEN,
  },
  'filesystems:xdg-pictures': {
    allows: 'The app sees your Pictures folder, and with write access can change and add files there.',
    without: XDG_HIDDEN,
  },
  'filesystems:xdg-public-share': {
    allows: 'The app sees your Public folder, the one shared with others on the network.',
    without: XDG_HIDDEN,
  },
  'filesystems:xdg-templates': {
    allows: 'The app sees your Templates folder, which file managers use for “New document”.',
    without: XDG_HIDDEN,
  },
  'filesystems:xdg-videos': {
    allows: 'The app sees your Videos folder, and with write access can change and add files there.',
    without: XDG_HIDDEN,
  },
  'filesystems:xdg-data': {
    allows:
      'The app sees your ~/.local/share, where other apps keep their data; with write access it can add menu entries and change other apps’ data.',
    without: 'The app keeps its data in its own folder (~/.var/app/ID/data) and cannot see other apps’ data.',
  },
  'filesystems:xdg-cache': {
    allows: 'The app sees your ~/.cache, the caches of every app.',
    without: 'The app keeps its cache in its own folder (~/.var/app/ID/cache).',
  },
  'filesystems:xdg-config': {
    allows:
      'The app sees your ~/.config, where other apps keep their settings; with write access it can add programs that start at login (autostart) and change other apps’ settings.',
    without: 'The app keeps its settings in its own folder (~/.var/app/ID/config) and cannot see other apps’ settings.',
  },
  'filesystems:xdg-run': {
    allows:
      'The app sees the named file or folder below your runtime folder ($XDG_RUNTIME_DIR), such as the socket of a sound server or another service.',
    without: 'The app sees only the sockets of the runtime folder that other permissions give it.',
  },

  persistent: {
    allows:
      'A folder of your home (such as ~/.mozilla) is kept in the app’s own data folder (~/.var/app/ID) and shown to the app at its usual place, so what the app saves there lasts.',
    without: 'If the app has no access to your home folder, what it writes to that folder is lost when it closes.',
  },
  environment: {
    allows: 'Sets a variable in the app’s environment when it starts, or removes one Flatpak would otherwise pass on.',
    without: 'The app starts with the environment Flatpak and its runtime give it.',
  },
  'unset-environment': {
    allows: 'Removes a variable from the app’s environment when it starts.',
    without: 'The variable is passed to the app if Flatpak or its runtime sets it.',
  },
  'session-bus-policy': {
    allows:
      'Names on your desktop’s session bus the app may see, call or own, through Flatpak’s D-Bus filter. Some names (a keyring, a file manager, org.freedesktop.Flatpak) can reach your secrets or start programs outside the sandbox.',
    without: 'The app reaches only the portals and the names under its own ID on the session bus.',
  },
  'system-bus-policy': {
    allows: 'System services the app may see, call or own on the system bus, through Flatpak’s D-Bus filter.',
    without: 'The app cannot reach any system service unless the whole system bus is allowed.',
  },
  'usb-devices': {
    allows:
      'Names the USB devices the USB portal may let the app find and open, and those it must never offer (which win).',
    without: 'The USB portal offers the app no device.',
  },

  'bus-policy:none': {
    allows: 'The app cannot see or call this name, even where a layer below allows it.',
    without: 'Another level, or the layer below, decides.',
  },
  'bus-policy:see': {
    allows: 'The app can see that the name is on the bus, but cannot call it.',
    without: 'The name is hidden from the app.',
  },
  'bus-policy:talk': {
    allows: 'The app can call the service that owns this name and receive its signals.',
    without: 'The app cannot call the service.',
  },
  'bus-policy:own': {
    allows: 'The app can take this name on the bus and offer a service under it, and can talk to it.',
    without: 'The app cannot offer a service under this name.',
  },

  'portal:background': {
    allows:
      'The app keeps running after its windows close, and can ask to start when you log in, without asking you again.',
    without:
      'The portal asks you, or (when denied) the desktop may stop the app once its windows close and will not start it at login.',
  },
  'portal:notifications': {
    allows: 'The app shows notifications through the notification portal.',
    without: 'When denied, the app’s notifications are dropped. When not set, the portal allows the first request.',
  },
  'portal:microphone': {
    allows: 'The app records from the microphone through the device portal without asking you again.',
    without:
      'The portal asks you, or refuses when denied. An app with the PulseAudio socket can still record without the portal.',
  },
  'portal:speakers': {
    allows: 'The app plays sound through the device portal without asking you again.',
    without: 'The portal asks you, or refuses when denied. An app with the PulseAudio socket can still play sound.',
  },
  'portal:camera': {
    allows: 'The app uses the camera through the camera portal without asking you again.',
    without:
      'The portal asks you, or refuses when denied. An app allowed all devices can still open a webcam directly.',
  },
  'portal:location': {
    allows: 'The app learns where the computer is, to the exact position, without asking you again.',
    without: 'The portal asks you, or tells the app nothing when denied.',
  },
  'portal:screenshot': {
    allows: 'The app takes screenshots of the whole screen without showing you a dialog.',
    without: 'Each screenshot shows a dialog first, or is refused when denied.',
  },
  'portal:wallpaper': {
    allows: 'The app sets your desktop background without asking.',
    without: 'The portal shows you a preview to confirm, or refuses when denied.',
  },
  'portal:gamemode': {
    allows: 'The app asks GameMode to tune the computer (processor, scheduler) while a game runs.',
    without: 'When denied, GameMode refuses the app’s requests; the game runs with the usual settings.',
  },
  'portal:realtime': {
    allows: 'The app makes its threads realtime or high priority, as audio apps do to avoid dropouts.',
    without: 'When denied, the app’s threads keep normal priority; sound may crackle under load.',
  },
};

/** Every name the catalogues give a permission the window can show, each with a help entry. */
export function helpCatalogueIds(): readonly string[] {
  return [
    ...FLAG_OPTIONS.map((o) => flagHelpId(o.kind, o.name)),
    ...SPECIAL_FILESYSTEMS.map((o) => `filesystems:${o.name}`),
    ...XDG_FILESYSTEMS.map((o) => `filesystems:${o.name}`),
    `filesystems:${FILESYSTEM_RESET.name}`,
    ...Object.values(OTHER_OPTIONS).map((o) => o.name),
    ...BUS_POLICIES.map((o) => busPolicyHelpId(o.name)),
    ...PORTAL_KINDS.map((k) => portalHelpId(k.key)),
  ];
}

export function helpFor(id: string | undefined): PermissionHelp | undefined {
  return id !== undefined && Object.prototype.hasOwnProperty.call(PERMISSION_HELP, id)
    ? PERMISSION_HELP[id]
    : undefined;
}

/** A bus name's help: what the bus policy is, and what the level it has now means. */
export function busNameHelp(bus: 'session' | 'system', policy: BusPolicy): PermissionHelp | undefined {
  const group = helpFor(bus === 'session' ? OTHER_OPTIONS.sessionBus.name : OTHER_OPTIONS.systemBus.name);
  const level = helpFor(busPolicyHelpId(policy));
  const label = BUS_POLICIES.find((p) => p.name === policy)?.label ?? policy;
  if (!group || !level) return undefined;
  return { allows: `${group.allows} ${label}: ${level.allows}`, without: group.without };
}
