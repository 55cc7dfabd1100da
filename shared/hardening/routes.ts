// The ways out of the sandbox and the sensitive places an app can reach, as data: which files
// and folders run programs outside the sandbox when written, which sockets hand out power
// whether mounted read-only or not (`:ro` does not stop a socket being used), and which bus names
// act for the app outside its sandbox. The audit and the presets both read these tables.

export type RouteClass =
  | 'startup'
  | 'overrides'
  | 'dconf'
  | 'gnupg'
  | 'ssh'
  | 'native-messaging'
  | 'containers'
  | 'host-tmp'
  | 'other-apps'
  | 'keyring'
  | 'gpg-agent'
  | 'pipewire';

export interface PathRoute {
  readonly class: RouteClass;
  readonly location: string;
  /** `socket`: reachable at all means usable; `file`/`dir`: what counts is writing. */
  readonly kind: 'file' | 'dir' | 'socket';
}

/** Files a shell or the session reads at every login, in the home folder. */
const STARTUP_FILES: readonly string[] = [
  '~/.bashrc',
  '~/.bash_profile',
  '~/.bash_login',
  '~/.profile',
  '~/.zshrc',
  '~/.zshenv',
  '~/.zprofile',
  '~/.zlogin',
  '~/.xprofile',
  '~/.xsessionrc',
  '~/.xinitrc',
  '~/.pam_environment',
  '~/.gitconfig',
];

const route = (cls: RouteClass, kind: PathRoute['kind'], ...locations: string[]): PathRoute[] =>
  locations.map((location) => ({ class: cls, location, kind }));

export const PATH_ROUTES: readonly PathRoute[] = [
  // Read by a shell or the session at every login.
  ...route('startup', 'file', ...STARTUP_FILES),
  ...route(
    'startup',
    'dir',
    '~/.config/autostart',
    '~/.config/systemd',
    '~/.config/environment.d',
    '~/.config/plasma-workspace/env',
    '~/.config/fish',
    '~/.local/share/applications',
    '~/.local/share/systemd',
    '~/.local/bin',
    '~/bin',
  ),
  // A permission manager's own files: whoever writes them sets any app's permissions, its own too.
  ...route('overrides', 'dir', '~/.local/share/flatpak', '/var/lib/flatpak'),
  ...route('dconf', 'dir', '~/.config/dconf'),
  ...route('gnupg', 'dir', '~/.gnupg', '~/.config/gnupg'),
  ...route('ssh', 'dir', '~/.ssh'),
  ...route(
    'native-messaging',
    'dir',
    '~/.mozilla/native-messaging-hosts',
    '~/.librewolf/native-messaging-hosts',
    '~/.config/google-chrome/NativeMessagingHosts',
    '~/.config/chromium/NativeMessagingHosts',
    '~/.config/BraveSoftware/Brave-Browser/NativeMessagingHosts',
    '~/.config/microsoft-edge/NativeMessagingHosts',
    '~/.config/vivaldi/NativeMessagingHosts',
    '~/.var/app/org.mozilla.firefox/.mozilla/native-messaging-hosts',
    '~/.var/app/org.chromium.Chromium/config/chromium/NativeMessagingHosts',
    '~/.var/app/com.google.Chrome/config/google-chrome/NativeMessagingHosts',
    '~/.var/app/com.brave.Browser/config/BraveSoftware/Brave-Browser/NativeMessagingHosts',
    '~/.var/app/com.microsoft.Edge/config/microsoft-edge/NativeMessagingHosts',
  ),
  ...route('other-apps', 'dir', '~/.var/app'),
  // Sockets: whoever reaches them uses them.
  ...route(
    'containers',
    'socket',
    'xdg-run/podman',
    'xdg-run/docker',
    'xdg-run/docker.sock',
    '/run/docker.sock',
    '/var/run/docker.sock',
    '/run/podman',
    '/var/run/podman',
    'xdg-run/libvirt',
    '/run/libvirt',
  ),
  ...route('host-tmp', 'socket', '/tmp'),
  ...route('keyring', 'socket', 'xdg-run/keyring'),
  ...route('gpg-agent', 'socket', 'xdg-run/gnupg'),
  ...route('pipewire', 'socket', 'xdg-run/pipewire-0'),
];

export type BusClass = 'flatpak-portal' | 'systemd' | 'dconf' | 'keyring' | 'permission-store';

export const BUS_ROUTES: readonly { readonly class: BusClass; readonly name: string }[] = [
  { class: 'flatpak-portal', name: 'org.freedesktop.Flatpak' },
  { class: 'systemd', name: 'org.freedesktop.systemd1' },
  { class: 'dconf', name: 'ca.desrt.dconf' },
  { class: 'keyring', name: 'org.freedesktop.secrets' },
  { class: 'keyring', name: 'org.kde.kwalletd6' },
  { class: 'keyring', name: 'org.kde.kwalletd5' },
  { class: 'keyring', name: 'org.kde.kwalletd' },
  { class: 'permission-store', name: 'org.freedesktop.impl.portal.PermissionStore' },
];

export const routesOf = (cls: RouteClass): readonly PathRoute[] => PATH_ROUTES.filter((r) => r.class === cls);
export const busNamesOf = (cls: BusClass): readonly string[] =>
  BUS_ROUTES.filter((r) => r.class === cls).map((r) => r.name);

/**
 * Protections for apps that keep write access to home: read-only entries directly in the home
 * folder, the only depth at which Flatpak's mounts cannot be renamed away (see access.ts).
 * Folders are created first when missing, since Flatpak protects only what exists at start;
 * a missing file cannot be protected, and creating one would change how the shell starts.
 */
export interface Mask {
  readonly id: string;
  readonly locations: readonly string[];
  readonly kind: 'file' | 'dir';
  /** Folders Confine creates when missing so the protection holds from the next start. */
  readonly create: boolean;
}

export const MASKS: readonly Mask[] = [
  {
    id: 'mask:startup',
    kind: 'file',
    create: false,
    locations: STARTUP_FILES,
  },
  { id: 'mask:config', kind: 'dir', create: true, locations: ['~/.config'] },
  { id: 'mask:local', kind: 'dir', create: true, locations: ['~/.local'] },
  { id: 'mask:var', kind: 'dir', create: true, locations: ['~/.var'] },
  { id: 'mask:keys', kind: 'dir', create: true, locations: ['~/.ssh', '~/.gnupg'] },
  { id: 'mask:programs', kind: 'dir', create: false, locations: ['~/.mozilla', '~/.librewolf', '~/bin'] },
];

/** Every home entry whose existence decides a mask, for the service to look up. */
export const MASK_LOCATIONS: readonly string[] = MASKS.flatMap((m) => m.locations);
