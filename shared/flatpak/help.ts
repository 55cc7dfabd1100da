// Help for every permission the window shows: what it lets an app do, and what the app loses
// without it, in plain words and offline. Keyed by the catalogue's stable names (helpId), so a
// permission added to a catalogue without help, or help left for one removed, fails a test.
// The facts are Flatpak 1.14's (common/flatpak-context.c, flatpak-run.c) unless a permission
// needs a later release, which its row says.

import { defineMessages, t } from '../i18n';
import { PORTAL_KINDS } from '../portals/catalogue';
import type { BusPolicy } from './context';
import {
  BUS_POLICIES,
  FILESYSTEM_RESET,
  FLAG_OPTIONS,
  OTHER_OPTIONS,
  SPECIAL_FILESYSTEMS,
  XDG_FILESYSTEMS,
  worded,
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

const H = defineMessages({
  'xdg-hidden': {
    id: 'help.filesystems:xdg-hidden.without',
    defaultMessage:
      'The folder stays hidden from the app. Files you choose in a portal file dialog still reach it one at a time.',
    description: 'What an app loses without one of the XDG folders (Desktop, Documents, Downloads, …)',
  },
  'shared:network.allows': {
    id: 'help.shared:network.allows',
    defaultMessage:
      'The app shares the computer’s network: it can reach the internet, machines on your local network, and servers listening on this computer.',
  },
  'shared:network.without': {
    id: 'help.shared:network.without',
    defaultMessage:
      'The app gets a network of its own with only a loopback device: no internet, no local network, and no servers of the computer (including local abstract sockets). Portals and allowed D-Bus services still work.',
  },
  'shared:ipc.allows': {
    id: 'help.shared:ipc.allows',
    defaultMessage:
      'The app shares the computer’s System V IPC namespace: shared memory segments, semaphores and message queues of other programs. X11 apps use it for fast drawing (MIT-SHM).',
  },
  'shared:ipc.without': {
    id: 'help.shared:ipc.without',
    defaultMessage:
      'The app has an IPC namespace of its own. X11 apps may draw more slowly or show errors about shared memory; Wayland apps do not notice.',
  },
  'sockets:x11.allows': {
    id: 'help.sockets:x11.allows',
    defaultMessage:
      'The app can open windows on the X11 display. X11 does not keep apps apart: any X11 client can read the keys you type and the contents of other X11 windows.',
  },
  'sockets:x11.without': {
    id: 'help.sockets:x11.without',
    defaultMessage:
      'On an Xorg session the app can show no windows at all; on Wayland an app that only speaks X11 (or one told to use X11) cannot start its window.',
  },
  'sockets:wayland.allows': {
    id: 'help.sockets:wayland.allows',
    defaultMessage:
      'The app can open windows through the Wayland compositor, which keeps apps from seeing each other’s input and screens.',
  },
  'sockets:wayland.without': {
    id: 'help.sockets:wayland.without',
    defaultMessage: 'The app cannot draw through Wayland; it falls back to X11 if that is allowed, or shows no window.',
  },
  'sockets:pulseaudio.allows': {
    id: 'help.sockets:pulseaudio.allows',
    defaultMessage:
      'The app can use the PulseAudio socket (PipeWire’s too, where it stands in for PulseAudio): play sound, and record from every microphone, without asking.',
  },
  'sockets:pulseaudio.without': {
    id: 'help.sockets:pulseaudio.without',
    defaultMessage: 'The app plays no sound and records nothing through PulseAudio.',
  },
  'sockets:session-bus.allows': {
    id: 'help.sockets:session-bus.allows',
    defaultMessage:
      'The app talks to every service on your desktop’s D-Bus session bus with no filter. That includes Flatpak’s own service, which can start commands outside the sandbox: this is a way out of it.',
  },
  'sockets:session-bus.without': {
    id: 'help.sockets:session-bus.without',
    defaultMessage:
      'The session bus is filtered: the app reaches only the portals and the names its session bus policy allows.',
  },
  'sockets:system-bus.allows': {
    id: 'help.sockets:system-bus.allows',
    defaultMessage:
      'The app talks to every service on the system D-Bus with no filter (network, disks, power, accounts).',
  },
  'sockets:system-bus.without': {
    id: 'help.sockets:system-bus.without',
    defaultMessage: 'The system bus is filtered: the app reaches only the names its system bus policy allows.',
  },
  'sockets:fallback-x11.allows': {
    id: 'help.sockets:fallback-x11.allows',
    defaultMessage:
      'The app gets X11 only when no Wayland session is running, so an app that draws on Wayland keeps working on Xorg without getting X11 on Wayland.',
  },
  'sockets:fallback-x11.without': {
    id: 'help.sockets:fallback-x11.without',
    defaultMessage:
      'Only the X11 permission decides. Flatpak also writes X11 when this is granted or taken away on the command line.',
  },
  'sockets:ssh-auth.allows': {
    id: 'help.sockets:ssh-auth.allows',
    defaultMessage: 'The app can use the keys loaded in your SSH agent to log in to other machines as you.',
  },
  'sockets:ssh-auth.without': {
    id: 'help.sockets:ssh-auth.without',
    defaultMessage: 'The app cannot use your agent; it needs its own key files or a password to log in elsewhere.',
  },
  'sockets:pcsc.allows': {
    id: 'help.sockets:pcsc.allows',
    defaultMessage: 'The app reaches the PC/SC daemon, and through it smart cards and security tokens in your readers.',
  },
  'sockets:pcsc.without': {
    id: 'help.sockets:pcsc.without',
    defaultMessage: 'The app cannot see smart cards or security tokens that need PC/SC.',
  },
  'sockets:cups.allows': {
    id: 'help.sockets:cups.allows',
    defaultMessage:
      'The app talks to the CUPS printing system directly: it can list printers and send jobs without a dialog.',
  },
  'sockets:cups.without': {
    id: 'help.sockets:cups.without',
    defaultMessage: 'The app prints only through the print portal, which shows you a print dialog.',
  },
  'sockets:gpg-agent.allows': {
    id: 'help.sockets:gpg-agent.allows',
    defaultMessage: 'The app can sign and decrypt with the keys your GnuPG agent holds.',
  },
  'sockets:gpg-agent.without': {
    id: 'help.sockets:gpg-agent.without',
    defaultMessage: 'The app cannot use your GnuPG agent; it can only use keys of its own.',
  },
  'sockets:inherit-wayland-socket.allows': {
    id: 'help.sockets:inherit-wayland-socket.allows',
    defaultMessage:
      'The app uses the Wayland connection Flatpak itself was handed when it was started, not the session’s socket.',
  },
  'sockets:inherit-wayland-socket.without': {
    id: 'help.sockets:inherit-wayland-socket.without',
    defaultMessage: 'The app connects to the session’s Wayland socket, as usual.',
  },
  'devices:dri.allows': {
    id: 'help.devices:dri.allows',
    defaultMessage:
      'The app uses the graphics card directly (/dev/dri and the NVIDIA devices) for 3D and video acceleration.',
  },
  'devices:dri.without': {
    id: 'help.devices:dri.without',
    defaultMessage:
      'The app draws and decodes video on the processor alone: games and 3D apps become slow or do not start.',
  },
  'devices:all.allows': {
    id: 'help.devices:all.allows',
    defaultMessage:
      'The app sees every device in /dev: webcams, microphones, game pads, USB and serial devices, storage devices and the graphics card.',
  },
  'devices:all.without': {
    id: 'help.devices:all.without',
    defaultMessage:
      'The app sees only the basic devices every program needs, plus those other device permissions give. Webcams are reached through the camera portal, where the app supports it.',
  },
  'devices:kvm.allows': {
    id: 'help.devices:kvm.allows',
    defaultMessage: 'The app can use /dev/kvm to run virtual machines at full speed.',
  },
  'devices:kvm.without': {
    id: 'help.devices:kvm.without',
    defaultMessage: 'Virtual machines run without hardware acceleration, very slowly, or not at all.',
  },
  'devices:shm.allows': {
    id: 'help.devices:shm.allows',
    defaultMessage: 'The app shares the computer’s /dev/shm with every other program that uses it.',
  },
  'devices:shm.without': {
    id: 'help.devices:shm.without',
    defaultMessage: 'The app gets a /dev/shm of its own, which other programs cannot see into.',
  },
  'devices:input.allows': {
    id: 'help.devices:input.allows',
    defaultMessage: 'The app reads input devices such as game pads and joysticks directly (/dev/input).',
  },
  'devices:input.without': {
    id: 'help.devices:input.without',
    defaultMessage: 'The app cannot read input devices directly unless all devices are allowed.',
  },
  'devices:usb.allows': {
    id: 'help.devices:usb.allows',
    defaultMessage: 'The app uses every USB device directly, through /dev/bus/usb.',
  },
  'devices:usb.without': {
    id: 'help.devices:usb.without',
    defaultMessage:
      'The app cannot reach USB devices directly unless all devices are allowed; the USB portal, where the desktop has one, can still hand it the devices its USB lists name.',
  },
  'features:devel.allows': {
    id: 'help.features:devel.allows',
    defaultMessage:
      'The app may use system calls for debugging and profiling, such as ptrace and perf. This weakens the sandbox’s system call filter.',
  },
  'features:devel.without': {
    id: 'help.features:devel.without',
    defaultMessage: 'Debuggers and profilers run inside the app do not work; everything else does.',
  },
  'features:multiarch.allows': {
    id: 'help.features:multiarch.allows',
    defaultMessage:
      'The app may run programs built for another processor architecture, such as 32-bit programs on a 64-bit computer.',
  },
  'features:multiarch.without': {
    id: 'help.features:multiarch.without',
    defaultMessage:
      'The app runs only programs of the computer’s own architecture; 32-bit games and tools fail to start.',
  },
  'features:bluetooth.allows': {
    id: 'help.features:bluetooth.allows',
    defaultMessage: 'The app may open Bluetooth sockets directly.',
  },
  'features:bluetooth.without': {
    id: 'help.features:bluetooth.without',
    defaultMessage:
      'The app cannot open Bluetooth sockets; it can still reach Bluetooth through BlueZ on the system bus if its policy allows.',
  },
  'features:canbus.allows': {
    id: 'help.features:canbus.allows',
    defaultMessage: 'The app may open CAN bus sockets, as used in cars and industrial machines.',
  },
  'features:canbus.without': {
    id: 'help.features:canbus.without',
    defaultMessage: 'The app cannot open CAN bus sockets.',
  },
  'features:per-app-dev-shm.allows': {
    id: 'help.features:per-app-dev-shm.allows',
    defaultMessage:
      'All running copies of the app share one /dev/shm of their own, so they can exchange shared memory.',
  },
  'features:per-app-dev-shm.without': {
    id: 'help.features:per-app-dev-shm.without',
    defaultMessage: 'Each running copy of the app gets its own /dev/shm.',
  },
  'filesystems:host.allows': {
    id: 'help.filesystems:host.allows',
    defaultMessage:
      'The app sees every folder of the computer except the system ones (/usr, /etc, /var, /tmp, /dev and the like), including your home folder, other users’ folders and mounted drives; it also sees /usr and /etc under /run/host. Read and write lets it change all of that.',
  },
  'filesystems:host.without': {
    id: 'help.filesystems:host.without',
    defaultMessage:
      'The app sees only its own folders and the other file permissions it has. Files you choose in a portal file dialog still reach it.',
  },
  'filesystems:host-os.allows': {
    id: 'help.filesystems:host-os.allows',
    defaultMessage:
      'The app reads the computer’s own system programs and libraries (/usr, /bin, /lib, /sbin), under /run/host.',
  },
  'filesystems:host-os.without': {
    id: 'help.filesystems:host-os.without',
    defaultMessage: 'The app sees only its runtime’s libraries, not the computer’s.',
  },
  'filesystems:host-etc.allows': {
    id: 'help.filesystems:host-etc.allows',
    defaultMessage: 'The app reads the computer’s /etc (system settings, under /run/host/etc).',
  },
  'filesystems:host-etc.without': {
    id: 'help.filesystems:host-etc.without',
    defaultMessage:
      'The app sees only the few files of /etc Flatpak always shares (such as time zone and name resolution).',
  },
  'filesystems:home.allows': {
    id: 'help.filesystems:home.allows',
    defaultMessage:
      'The app sees every file in your home folder, hidden ones included: other apps’ settings and data, your shell start files, keys. Read and write lets it change them.',
  },
  'filesystems:home.without': {
    id: 'help.filesystems:home.without',
    defaultMessage:
      'The app sees only its own data folder (~/.var/app/ID) and the other file permissions it has. Files you choose in a portal file dialog still reach it.',
  },
  'filesystems:host-reset.allows': {
    id: 'help.filesystems:host-reset.allows',
    defaultMessage:
      'Forgets every file permission the layers below grant (the app’s own, and the overrides below this one), so only the file permissions set from here on count.',
  },
  'filesystems:host-reset.without': {
    id: 'help.filesystems:host-reset.without',
    defaultMessage:
      'The file permissions of the layers below apply as they are, and this layer can only add to them or take single ones away.',
  },
  'filesystems:xdg-desktop.allows': {
    id: 'help.filesystems:xdg-desktop.allows',
    defaultMessage: 'The app sees your Desktop folder, and with write access can change and add files there.',
  },
  'filesystems:xdg-documents.allows': {
    id: 'help.filesystems:xdg-documents.allows',
    defaultMessage: 'The app sees your Documents folder, and with write access can change and add files there.',
  },
  'filesystems:xdg-download.allows': {
    id: 'help.filesystems:xdg-download.allows',
    defaultMessage: 'The app sees your Downloads folder, and with write access can save files there.',
  },
  'filesystems:xdg-music.allows': {
    id: 'help.filesystems:xdg-music.allows',
    defaultMessage: 'The app sees your Music folder, and with write access can change and add files there.',
  },
  'filesystems:xdg-pictures.allows': {
    id: 'help.filesystems:xdg-pictures.allows',
    defaultMessage: 'The app sees your Pictures folder, and with write access can change and add files there.',
  },
  'filesystems:xdg-public-share.allows': {
    id: 'help.filesystems:xdg-public-share.allows',
    defaultMessage: 'The app sees your Public folder, the one shared with others on the network.',
  },
  'filesystems:xdg-templates.allows': {
    id: 'help.filesystems:xdg-templates.allows',
    defaultMessage: 'The app sees your Templates folder, which file managers use for “New document”.',
  },
  'filesystems:xdg-videos.allows': {
    id: 'help.filesystems:xdg-videos.allows',
    defaultMessage: 'The app sees your Videos folder, and with write access can change and add files there.',
  },
  'filesystems:xdg-data.allows': {
    id: 'help.filesystems:xdg-data.allows',
    defaultMessage:
      'The app sees your ~/.local/share, where other apps keep their data; with write access it can add menu entries and change other apps’ data.',
  },
  'filesystems:xdg-data.without': {
    id: 'help.filesystems:xdg-data.without',
    defaultMessage: 'The app keeps its data in its own folder (~/.var/app/ID/data) and cannot see other apps’ data.',
  },
  'filesystems:xdg-cache.allows': {
    id: 'help.filesystems:xdg-cache.allows',
    defaultMessage: 'The app sees your ~/.cache, the caches of every app.',
  },
  'filesystems:xdg-cache.without': {
    id: 'help.filesystems:xdg-cache.without',
    defaultMessage: 'The app keeps its cache in its own folder (~/.var/app/ID/cache).',
  },
  'filesystems:xdg-config.allows': {
    id: 'help.filesystems:xdg-config.allows',
    defaultMessage:
      'The app sees your ~/.config, where other apps keep their settings; with write access it can add programs that start at login (autostart) and change other apps’ settings.',
  },
  'filesystems:xdg-config.without': {
    id: 'help.filesystems:xdg-config.without',
    defaultMessage:
      'The app keeps its settings in its own folder (~/.var/app/ID/config) and cannot see other apps’ settings.',
  },
  'filesystems:xdg-run.allows': {
    id: 'help.filesystems:xdg-run.allows',
    defaultMessage:
      'The app sees the named file or folder below your runtime folder ($XDG_RUNTIME_DIR), such as the socket of a sound server or another service.',
  },
  'filesystems:xdg-run.without': {
    id: 'help.filesystems:xdg-run.without',
    defaultMessage: 'The app sees only the sockets of the runtime folder that other permissions give it.',
  },
  'persistent.allows': {
    id: 'help.persistent.allows',
    defaultMessage:
      'A folder of your home (such as ~/.mozilla) is kept in the app’s own data folder (~/.var/app/ID) and shown to the app at its usual place, so what the app saves there lasts.',
  },
  'persistent.without': {
    id: 'help.persistent.without',
    defaultMessage:
      'If the app has no access to your home folder, what it writes to that folder is lost when it closes.',
  },
  'environment.allows': {
    id: 'help.environment.allows',
    defaultMessage:
      'Sets a variable in the app’s environment when it starts, or removes one Flatpak would otherwise pass on.',
  },
  'environment.without': {
    id: 'help.environment.without',
    defaultMessage: 'The app starts with the environment Flatpak and its runtime give it.',
  },
  'unset-environment.allows': {
    id: 'help.unset-environment.allows',
    defaultMessage: 'Removes a variable from the app’s environment when it starts.',
  },
  'unset-environment.without': {
    id: 'help.unset-environment.without',
    defaultMessage: 'The variable is passed to the app if Flatpak or its runtime sets it.',
  },
  'session-bus-policy.allows': {
    id: 'help.session-bus-policy.allows',
    defaultMessage:
      'Names on your desktop’s session bus the app may see, call or own, through Flatpak’s D-Bus filter. Some names (a keyring, a file manager, org.freedesktop.Flatpak) can reach your secrets or start programs outside the sandbox.',
  },
  'session-bus-policy.without': {
    id: 'help.session-bus-policy.without',
    defaultMessage: 'The app reaches only the portals and the names under its own ID on the session bus.',
  },
  'system-bus-policy.allows': {
    id: 'help.system-bus-policy.allows',
    defaultMessage: 'System services the app may see, call or own on the system bus, through Flatpak’s D-Bus filter.',
  },
  'system-bus-policy.without': {
    id: 'help.system-bus-policy.without',
    defaultMessage: 'The app cannot reach any system service unless the whole system bus is allowed.',
  },
  'usb-devices.allows': {
    id: 'help.usb-devices.allows',
    defaultMessage:
      'Names the USB devices the USB portal may let the app find and open, and those it must never offer (which win).',
  },
  'usb-devices.without': { id: 'help.usb-devices.without', defaultMessage: 'The USB portal offers the app no device.' },
  'bus-policy:none.allows': {
    id: 'help.bus-policy:none.allows',
    defaultMessage: 'The app cannot see or call this name, even where a layer below allows it.',
  },
  'bus-policy:none.without': {
    id: 'help.bus-policy:none.without',
    defaultMessage: 'Another level, or the layer below, decides.',
  },
  'bus-policy:see.allows': {
    id: 'help.bus-policy:see.allows',
    defaultMessage: 'The app can see that the name is on the bus, but cannot call it.',
  },
  'bus-policy:see.without': { id: 'help.bus-policy:see.without', defaultMessage: 'The name is hidden from the app.' },
  'bus-policy:talk.allows': {
    id: 'help.bus-policy:talk.allows',
    defaultMessage: 'The app can call the service that owns this name and receive its signals.',
  },
  'bus-policy:talk.without': { id: 'help.bus-policy:talk.without', defaultMessage: 'The app cannot call the service.' },
  'bus-policy:own.allows': {
    id: 'help.bus-policy:own.allows',
    defaultMessage: 'The app can take this name on the bus and offer a service under it, and can talk to it.',
  },
  'bus-policy:own.without': {
    id: 'help.bus-policy:own.without',
    defaultMessage: 'The app cannot offer a service under this name.',
  },
  'portal:background.allows': {
    id: 'help.portal:background.allows',
    defaultMessage:
      'The app keeps running after its windows close, and can ask to start when you log in, without asking you again.',
  },
  'portal:background.without': {
    id: 'help.portal:background.without',
    defaultMessage:
      'The portal asks you, or (when denied) the desktop may stop the app once its windows close and will not start it at login.',
  },
  'portal:notifications.allows': {
    id: 'help.portal:notifications.allows',
    defaultMessage: 'The app shows notifications through the notification portal.',
  },
  'portal:notifications.without': {
    id: 'help.portal:notifications.without',
    defaultMessage:
      'When denied, the app’s notifications are dropped. When not set, the portal allows the first request.',
  },
  'portal:microphone.allows': {
    id: 'help.portal:microphone.allows',
    defaultMessage: 'The app records from the microphone through the device portal without asking you again.',
  },
  'portal:microphone.without': {
    id: 'help.portal:microphone.without',
    defaultMessage:
      'The portal asks you, or refuses when denied. An app with the PulseAudio socket can still record without the portal.',
  },
  'portal:speakers.allows': {
    id: 'help.portal:speakers.allows',
    defaultMessage: 'The app plays sound through the device portal without asking you again.',
  },
  'portal:speakers.without': {
    id: 'help.portal:speakers.without',
    defaultMessage:
      'The portal asks you, or refuses when denied. An app with the PulseAudio socket can still play sound.',
  },
  'portal:camera.allows': {
    id: 'help.portal:camera.allows',
    defaultMessage: 'The app uses the camera through the camera portal without asking you again.',
  },
  'portal:camera.without': {
    id: 'help.portal:camera.without',
    defaultMessage:
      'The portal asks you, or refuses when denied. An app allowed all devices can still open a webcam directly.',
  },
  'portal:location.allows': {
    id: 'help.portal:location.allows',
    defaultMessage: 'The app learns where the computer is, to the exact position, without asking you again.',
  },
  'portal:location.without': {
    id: 'help.portal:location.without',
    defaultMessage: 'The portal asks you, or tells the app nothing when denied.',
  },
  'portal:screenshot.allows': {
    id: 'help.portal:screenshot.allows',
    defaultMessage: 'The app takes screenshots of the whole screen without showing you a dialog.',
  },
  'portal:screenshot.without': {
    id: 'help.portal:screenshot.without',
    defaultMessage: 'Each screenshot shows a dialog first, or is refused when denied.',
  },
  'portal:wallpaper.allows': {
    id: 'help.portal:wallpaper.allows',
    defaultMessage: 'The app sets your desktop background without asking.',
  },
  'portal:wallpaper.without': {
    id: 'help.portal:wallpaper.without',
    defaultMessage: 'The portal shows you a preview to confirm, or refuses when denied.',
  },
  'portal:gamemode.allows': {
    id: 'help.portal:gamemode.allows',
    defaultMessage: 'The app asks GameMode to tune the computer (processor, scheduler) while a game runs.',
  },
  'portal:gamemode.without': {
    id: 'help.portal:gamemode.without',
    defaultMessage: 'When denied, GameMode refuses the app’s requests; the game runs with the usual settings.',
  },
  'portal:realtime.allows': {
    id: 'help.portal:realtime.allows',
    defaultMessage: 'The app makes its threads realtime or high priority, as audio apps do to avoid dropouts.',
  },
  'portal:realtime.without': {
    id: 'help.portal:realtime.without',
    defaultMessage: 'When denied, the app’s threads keep normal priority; sound may crackle under load.',
  },
});

type HelpKey = keyof typeof H;

/** The help IDs H has messages for, each with what it allows and what goes without it. */
const HELP_IDS = (Object.keys(H) as HelpKey[]).flatMap((k) =>
  k.endsWith('.allows') ? [k.slice(0, -'.allows'.length)] : [],
);

export const PERMISSION_HELP: Readonly<Record<string, PermissionHelp>> = Object.fromEntries(
  HELP_IDS.map((id) => [
    id,
    worded({}, { allows: H[`${id}.allows` as HelpKey], without: H[`${id}.without` as HelpKey] ?? H['xdg-hidden'] }),
  ]),
);

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

const BUS_NAME = defineMessages({
  allows: {
    id: 'help.bus-name.allows',
    defaultMessage: '{bus} {level}: {levelHelp}',
    description:
      'A D-Bus name’s help: bus is help.session-bus-policy.allows (or the system bus’s), level the name’s access level (permission.bus-policy.*.label), levelHelp that level’s help.bus-policy.*.allows',
  },
}).allows;

/** A bus name's help: what the bus policy is, and what the level it has now means. */
export function busNameHelp(bus: 'session' | 'system', policy: BusPolicy): PermissionHelp | undefined {
  const group = helpFor(bus === 'session' ? OTHER_OPTIONS.sessionBus.name : OTHER_OPTIONS.systemBus.name);
  const level = helpFor(busPolicyHelpId(policy));
  const label = BUS_POLICIES.find((p) => p.name === policy)?.label ?? policy;
  if (!group || !level) return undefined;
  return { allows: t(BUS_NAME, { bus: group.allows, level: label, levelHelp: level.allows }), without: group.without };
}
