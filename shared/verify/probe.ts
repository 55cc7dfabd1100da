// What the sandbox probe looks at, the POSIX shell script that looks, and the reading of what it
// prints. The script runs in the runtime's own /bin/sh inside `flatpak run`: it never reads a
// file's contents (only /proc/net/dev, the sandbox's own list of network interfaces) and never
// writes; it asks `test` and `stat` about each path, nothing more.

import { XDG_FILESYSTEMS } from '../flatpak/catalogue';
import { defineMessages, t, type Message } from '../i18n';

export type ProbeGroup = 'folders' | 'sensitive' | 'sockets' | 'buses' | 'devices';

/**
 * A place the probe looks at. `target` is what both sides resolve: `~` or `~/…` below home,
 * `@run/…` below the runtime folder ($XDG_RUNTIME_DIR), an absolute path, or one of the named
 * places whose path each side reads from its own environment (`@wayland`, `@x11`, `@pulse`,
 * `@ssh`, `@session-bus`, `@system-bus`).
 */
export interface ProbeItem {
  readonly id: string;
  readonly group: ProbeGroup;
  readonly label: string;
  readonly target: string;
}

/** Device nodes named by a prefix, listed with whatever number follows (video0, hidraw3). */
export const DEVICE_PREFIXES = ['/dev/video', '/dev/hidraw'] as const;

const L = defineMessages({
  shell: { id: 'verify.place.shell-start-up', defaultMessage: 'Shell start-up file' },
  ssh: { id: 'verify.place.ssh', defaultMessage: 'SSH keys and configuration' },
  gnupg: { id: 'verify.place.gnupg', defaultMessage: 'GnuPG keys' },
  autostart: { id: 'verify.place.autostart', defaultMessage: 'Programs started at log-in' },
  systemdUser: { id: 'verify.place.systemd-user', defaultMessage: 'systemd user units' },
  applications: { id: 'verify.place.applications', defaultMessage: 'Launcher entries' },
  userOverrides: { id: 'verify.place.user-overrides', defaultMessage: 'Flatpak overrides (yours)' },
  systemOverrides: { id: 'verify.place.system-overrides', defaultMessage: 'Flatpak overrides (system-wide)' },
  otherAppsData: { id: 'verify.place.other-apps-data', defaultMessage: 'Other Flatpak apps’ data' },
  nativeMessaging: { id: 'verify.place.native-messaging', defaultMessage: 'Browser native-messaging hosts' },
  browserProfiles: { id: 'verify.place.browser-profiles', defaultMessage: 'Browser profiles' },
  wayland: { id: 'verify.place.wayland', defaultMessage: 'Wayland display' },
  x11: { id: 'verify.place.x11', defaultMessage: 'X11 display' },
  pulseaudio: { id: 'verify.place.pulseaudio', defaultMessage: 'PulseAudio sound' },
  pipewire: { id: 'verify.place.pipewire', defaultMessage: 'PipeWire (microphones, screen capture)' },
  dockerRootless: { id: 'verify.place.docker-rootless', defaultMessage: 'Docker (rootless)' },
  dconf: { id: 'verify.place.dconf', defaultMessage: 'dconf settings' },
  sessionBus: { id: 'verify.place.session-bus', defaultMessage: 'Session bus' },
  systemBus: { id: 'verify.place.system-bus', defaultMessage: 'System bus' },
  dri: { id: 'verify.place.dri', defaultMessage: 'GPU ({path})', description: 'path is /dev/dri' },
  kvm: { id: 'verify.place.kvm', defaultMessage: 'Virtualisation ({path})', description: 'path is /dev/kvm' },
  input: { id: 'verify.place.input', defaultMessage: 'Input devices ({path})', description: 'path is /dev/input' },
  home: { id: 'verify.place.home', defaultMessage: 'Home folder' },
});

/** A place's label: words to translate, or a program's name that stays as it is. */
type Label = Message | string;

const SENSITIVE: readonly (readonly [string, Label, string])[] = [
  ['bashrc', L.shell, '~/.bashrc'],
  ['bash-profile', L.shell, '~/.bash_profile'],
  ['profile', L.shell, '~/.profile'],
  ['zshrc', L.shell, '~/.zshrc'],
  ['zshenv', L.shell, '~/.zshenv'],
  ['zprofile', L.shell, '~/.zprofile'],
  ['ssh', L.ssh, '~/.ssh'],
  ['gnupg', L.gnupg, '~/.gnupg'],
  ['gnupg-config', L.gnupg, '~/.config/gnupg'],
  ['autostart', L.autostart, '~/.config/autostart'],
  ['systemd-user', L.systemdUser, '~/.config/systemd/user'],
  ['applications', L.applications, '~/.local/share/applications'],
  ['user-overrides', L.userOverrides, '~/.local/share/flatpak/overrides'],
  ['system-overrides', L.systemOverrides, '/var/lib/flatpak/overrides'],
  ['other-apps-data', L.otherAppsData, '~/.var/app'],
  ['firefox-native-messaging', L.nativeMessaging, '~/.mozilla/native-messaging-hosts'],
  [
    'firefox-flatpak-native-messaging',
    L.nativeMessaging,
    '~/.var/app/org.mozilla.firefox/.mozilla/native-messaging-hosts',
  ],
  ['chrome-native-messaging', L.nativeMessaging, '~/.config/google-chrome/NativeMessagingHosts'],
  ['chromium-native-messaging', L.nativeMessaging, '~/.config/chromium/NativeMessagingHosts'],
  ['firefox-profiles', L.browserProfiles, '~/.mozilla/firefox'],
  ['chrome-profiles', L.browserProfiles, '~/.config/google-chrome'],
  ['chromium-profiles', L.browserProfiles, '~/.config/chromium'],
];

const SOCKETS: readonly (readonly [string, Label, string])[] = [
  ['wayland', L.wayland, '@wayland'],
  ['x11', L.x11, '@x11'],
  ['pulseaudio', L.pulseaudio, '@pulse'],
  ['pipewire', L.pipewire, '@run/pipewire-0'],
  ['ssh-agent', 'ssh-agent', '@ssh'],
  ['gpg-agent', 'gpg-agent', '@run/gnupg/S.gpg-agent'],
  ['podman', 'Podman', '@run/podman/podman.sock'],
  ['docker', 'Docker', '/run/docker.sock'],
  ['docker-rootless', L.dockerRootless, '@run/docker.sock'],
  ['dconf', L.dconf, '@run/dconf'],
];

const BUSES: readonly (readonly [string, Label, string])[] = [
  ['session-bus', L.sessionBus, '@session-bus'],
  ['system-bus', L.systemBus, '@system-bus'],
];

const DEVICES: readonly (readonly [string, Label, string])[] = [
  ['dri', L.dri, '/dev/dri'],
  ['kvm', L.kvm, '/dev/kvm'],
  ['input', L.input, '/dev/input'],
];

/** The user's folders: home, then the XDG user folders where the user's user-dirs put them. */
export function folderItems(userDirs: ReadonlyMap<string, string> = new Map()): ProbeItem[] {
  const out: ProbeItem[] = [{ id: 'home', group: 'folders', label: t(L.home), target: '~' }];
  for (const f of XDG_FILESYSTEMS) {
    if (!f.location?.startsWith('~/') || f.location.startsWith('~/.')) continue;
    const target = userDirs.get(f.name) ?? f.location;
    // A user-dirs entry of $HOME itself switches the folder off.
    if (target !== '~') out.push({ id: f.name, group: 'folders', label: f.label, target });
  }
  return out;
}

export function probeItems(userDirs?: ReadonlyMap<string, string>): ProbeItem[] {
  const of = (group: ProbeGroup, list: readonly (readonly [string, Label, string])[]) =>
    list.map(([id, label, target]) => ({
      id,
      group,
      label: typeof label === 'string' ? label : t(label, { path: target }),
      target,
    }));
  return [
    ...folderItems(userDirs),
    ...of('sensitive', SENSITIVE),
    ...of('sockets', SOCKETS),
    ...of('buses', BUSES),
    ...of('devices', DEVICES),
  ];
}

const USER_DIR_NAMES: Readonly<Record<string, string>> = {
  XDG_DESKTOP_DIR: 'xdg-desktop',
  XDG_DOCUMENTS_DIR: 'xdg-documents',
  XDG_DOWNLOAD_DIR: 'xdg-download',
  XDG_MUSIC_DIR: 'xdg-music',
  XDG_PICTURES_DIR: 'xdg-pictures',
  XDG_PUBLICSHARE_DIR: 'xdg-public-share',
  XDG_TEMPLATES_DIR: 'xdg-templates',
  XDG_VIDEOS_DIR: 'xdg-videos',
};

/**
 * The folders of a user-dirs.dirs file (`XDG_MUSIC_DIR="$HOME/Music"`), as `~/…` locations by
 * Flatpak's name for them. Only the `$HOME/…` form xdg-user-dirs writes is taken.
 */
export function parseUserDirs(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^\s*(XDG_[A-Z]+_DIR)\s*=\s*"\$HOME(\/[^"]*)?"\s*$/.exec(line);
    const name = m?.[1] ? USER_DIR_NAMES[m[1]] : undefined;
    if (!m || !name) continue;
    const rest = (m[2] ?? '').replace(/\/+$/, '');
    out.set(name, rest ? `~${rest}` : '~');
  }
  return out;
}

/**
 * The probe. Arguments are the targets, in order; each gives one `P` line:
 * `P <n> 0` when nothing is there, else `P <n> 1 <type> <readable> <writable> <dev:inode|->`.
 * Then `H <home>` (the sandbox's $HOME, the host's path of it), `G <node>` for each device node of the prefixes, `N <line>` for /proc/net/dev, `END`.
 * Runs in busybox as in a full runtime; `stat` may be missing (the identity is then `-`).
 */
export const PROBE_SCRIPT = String.raw`
look() {
  if [ -z "$2" ] || { [ ! -e "$2" ] && [ ! -L "$2" ]; }; then echo "P $1 0"; return; fi
  t=o; [ -d "$2" ] && t=d; [ -f "$2" ] && t=f; [ -S "$2" ] && t=s; [ -c "$2" ] && t=c
  r=0; [ -r "$2" ] && r=1; w=0; [ -w "$2" ] && w=1
  id=$(stat -L -c '%d:%i' "$2" 2>/dev/null) || id=-
  echo "P $1 1 $t $r $w \${id:--} $2"
}
bus() { case "$1" in unix:path=*) b="\${1#unix:path=}"; echo "\${b%%,*}" ;; esac; }
n=0
for item in "$@"; do
  n=$((n+1)); p=
  case "$item" in
    "~") p="$HOME" ;;
    "~/"*) p="$HOME/\${item#"~/"}" ;;
    @run/*) [ -n "$XDG_RUNTIME_DIR" ] && p="$XDG_RUNTIME_DIR/\${item#@run/}" ;;
    @wayland) case "$WAYLAND_DISPLAY" in /*) p="$WAYLAND_DISPLAY" ;; ?*) p="$XDG_RUNTIME_DIR/$WAYLAND_DISPLAY" ;; esac ;;
    @x11) d="\${DISPLAY#*:}"; d="\${d%%.*}"; [ -n "$DISPLAY" ] && p="/tmp/.X11-unix/X$d" ;;
    @pulse) case "$PULSE_SERVER" in unix:*) p="\${PULSE_SERVER#unix:}" ;; "") [ -n "$XDG_RUNTIME_DIR" ] && p="$XDG_RUNTIME_DIR/pulse/native" ;; esac ;;
    @ssh) p="$SSH_AUTH_SOCK" ;;
    @session-bus) p=$(bus "$DBUS_SESSION_BUS_ADDRESS") ;;
    @system-bus) p=$(bus "\${DBUS_SYSTEM_BUS_ADDRESS:-unix:path=/run/dbus/system_bus_socket}") ;;
    /*) p="$item" ;;
  esac
  look "$n" "$p"
done
echo "H $HOME"
for f in /dev/video* /dev/hidraw*; do [ -e "$f" ] && echo "G $f"; done
while IFS= read -r line; do echo "N $line"; done < /proc/net/dev
while IFS= read -r line; do echo "M $line"; done < /proc/self/mountinfo
echo END
`.replace(/\\\$/g, '$');

/** What the sandbox shows at one target. */
export interface Seen {
  readonly exists: boolean;
  /** d folder, f file, s socket, c character device, o anything else. */
  readonly type?: 'd' | 'f' | 's' | 'c' | 'o';
  readonly read: boolean;
  readonly write: boolean;
  /** `device:inode`, to tell the user's own file from a stand-in; absent without `stat`. */
  readonly identity?: string;
}

export interface ProbeOutput {
  /** By target, in the order given. */
  readonly seen: readonly Seen[];
  /** Network interfaces besides loopback. */
  readonly interfaces: readonly string[];
  /** Device nodes of DEVICE_PREFIXES. */
  readonly devices: readonly string[];
  /** $HOME in the sandbox: Flatpak keeps the host's path. */
  readonly home: string;
}

const NOTHING: Seen = { exists: false, read: false, write: false };

/** Interface names of a /proc/net/dev text, loopback left out. */
export function interfacesOf(lines: readonly string[]): string[] {
  return lines
    .map((l) => /^\s*([^\s:]+):/.exec(l)?.[1])
    .filter((n): n is string => n !== undefined && n !== 'lo')
    .sort();
}

interface Mount {
  readonly point: string;
  readonly readOnly: boolean;
}

/** One line of /proc/self/mountinfo: the mount point and whether the mount is read-only. */
function mountOf(line: string): Mount | undefined {
  const [fields, after] = line.split(' - ');
  const parts = (fields ?? '').split(' ');
  const point = parts[4];
  if (point === undefined) return undefined;
  const options = (parts[5] ?? '').split(',');
  const superOptions = (after ?? '').split(' ')[2]?.split(',') ?? [];
  return {
    point: point.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))),
    readOnly: options.includes('ro') || superOptions.includes('ro'),
  };
}

/** Whether the mount that holds a path is read-only: the last mount on the deepest mount point above it. */
function readOnlyAt(mounts: readonly Mount[], path: string): boolean {
  let best: Mount | undefined;
  for (const m of mounts) {
    const holds = m.point === '/' || path === m.point || path.startsWith(`${m.point}/`);
    if (holds && (!best || m.point.length >= best.point.length)) best = m;
  }
  return best?.readOnly ?? false;
}

/** Reads the probe's output; null when it stopped before its end. */
export function parseProbe(stdout: string, count: number): ProbeOutput | null {
  const lines = stdout.split('\n');
  if (!lines.includes('END')) return null;
  const seen: Seen[] = Array.from({ length: count }, () => NOTHING);
  const devices: string[] = [];
  const net: string[] = [];
  // The mounts come after the paths, and every path needs all of them.
  const mounts = lines.flatMap((l) => (l.startsWith('M ') ? (mountOf(l.slice(2)) ?? []) : []));
  let home = '';
  for (const line of lines) {
    if (line.startsWith('H ')) home = line.slice(2);
    else if (line.startsWith('N ')) net.push(line.slice(2));
    else if (line.startsWith('G ')) devices.push(line.slice(2));
    else if (line.startsWith('P ')) {
      const [, n, exists, type, r, w, id, ...rest] = line.split(' ');
      const i = Number(n) - 1;
      if (!Number.isInteger(i) || i < 0 || i >= count || exists !== '1') continue;
      const kind = type === 'd' || type === 'f' || type === 's' || type === 'c' ? type : 'o';
      seen[i] = {
        exists: true,
        type: kind,
        read: r === '1',
        write: w === '1' && !readOnlyAt(mounts, rest.join(' ')),
        ...(id && id !== '-' ? { identity: id } : {}),
      };
    }
  }
  return { seen, interfaces: interfacesOf(net), devices: devices.sort(), home };
}
