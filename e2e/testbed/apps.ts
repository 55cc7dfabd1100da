// The apps of the test bed: a few of known shapes that tests name by profile, then a seeded
// random mix. Everything here is deterministic, so the same N always gives the same apps.

export interface TestbedApp {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly summary: string;
  readonly version: string;
  readonly developer: string;
  readonly categories: readonly string[];
  readonly profile: string;
  /** Arguments for `flatpak build-finish`, which writes the metadata as Flatpak itself would. */
  readonly finishArgs: readonly string[];
  /** Text appended to the metadata by hand, for shapes build-finish cannot make. */
  readonly appendMetadata?: string;
  /** Icon colour as RGB. */
  readonly color: readonly [number, number, number];
  /** The runtime the app names in its metadata; the test platform when absent. With `shell`,
   *  the runtime carries a static busybox as its /bin/sh, so the app's sandbox can be run. */
  readonly runtime?: { readonly id: string; readonly branch: string; readonly shell?: boolean };
}

export const ID_PREFIX = 'org.confine.Test';

const ADJECTIVES = [
  'Amber',
  'Brisk',
  'Cobalt',
  'Dusty',
  'Eager',
  'Fuzzy',
  'Golden',
  'Hollow',
  'Ivory',
  'Jolly',
  'Keen',
  'Lunar',
  'Misty',
  'Noble',
  'Olive',
  'Plucky',
  'Quiet',
  'Rusty',
  'Silver',
  'Tidy',
  'Umber',
  'Vivid',
  'Woolly',
  'Zesty',
];
const NOUNS = [
  'Notes',
  'Player',
  'Editor',
  'Browser',
  'Viewer',
  'Chat',
  'Mail',
  'Maps',
  'Camera',
  'Clock',
  'Paint',
  'Terminal',
  'Tracker',
  'Reader',
  'Studio',
  'Radio',
  'Weather',
  'Backup',
  'Games',
  'Scanner',
  'Wallet',
  'Office',
];
const RANDOM_CATEGORIES = [
  'Utility',
  'Development',
  'Graphics',
  'AudioVideo',
  'Network',
  'Office',
  'Game',
  'Education',
  'System',
  'Science',
];
const PALETTE: readonly (readonly [number, number, number])[] = [
  [0xe0, 0x1b, 0x24],
  [0xff, 0x78, 0x00],
  [0xf6, 0xd3, 0x2d],
  [0x33, 0xd1, 0x7a],
  [0x26, 0xa2, 0x69],
  [0x35, 0x84, 0xe4],
  [0x62, 0xa0, 0xea],
  [0x91, 0x41, 0xac],
  [0xdc, 0x8a, 0xdd],
  [0x98, 0x6a, 0x44],
  [0x77, 0x76, 0x7b],
  [0x2e, 0xc2, 0x7e],
];
const TALK_POOL = [
  'org.freedesktop.secrets',
  'org.freedesktop.Notifications',
  'org.kde.StatusNotifierWatcher',
  'org.freedesktop.FileManager1',
  'org.freedesktop.ScreenSaver',
  'org.gnome.SettingsDaemon.MediaKeys',
  'org.freedesktop.PackageKit',
  'org.gtk.vfs.*',
  'org.mpris.MediaPlayer2.*',
];
const SYSTEM_TALK_POOL = [
  'org.freedesktop.NetworkManager',
  'org.freedesktop.login1',
  'org.freedesktop.UPower',
  'org.freedesktop.Avahi',
  'org.bluez',
  'org.freedesktop.timedate1',
];
const FS_POOL = [
  'home',
  'host',
  'host-os',
  'host-etc',
  'xdg-download',
  'xdg-documents:ro',
  'xdg-music:ro',
  'xdg-pictures',
  'xdg-videos:ro',
  'xdg-desktop',
  'xdg-config/gtk-3.0:ro',
  'xdg-run/pipewire-0',
  '~/Games:ro',
  '/mnt',
  '/media:ro',
  'xdg-download/Testbed:create',
  '~/.local/share/fonts:ro',
  'xdg-cache/testbed',
  'xdg-public-share',
  '!home',
];

interface Shape {
  readonly profile: string;
  readonly categories: readonly string[];
  readonly args: (id: string) => string[];
  readonly append?: string;
}

/** Shapes that tests rely on by profile name; app N gets shape N (1-based) while they last. */
const SHAPES: readonly Shape[] = [
  {
    profile: 'kitchen-sink',
    categories: ['Utility'],
    args: (id) => [
      '--share=network',
      '--share=ipc',
      '--socket=x11',
      '--socket=wayland',
      '--socket=pulseaudio',
      '--socket=fallback-x11',
      '--device=all',
      '--device=dri',
      '--filesystem=home',
      '--filesystem=host',
      '--filesystem=xdg-download',
      '--filesystem=~/Games:ro',
      '--talk-name=org.freedesktop.secrets',
      `--own-name=${id}.Service`,
      '--system-talk-name=org.freedesktop.NetworkManager',
      '--env=TESTBED_MODE=kitchen-sink',
      '--persist=.testbed',
    ],
  },
  { profile: 'none', categories: ['Utility'], args: () => [] },
  { profile: 'network-only', categories: ['Network'], args: () => ['--share=network'] },
  { profile: 'legacy-x11', categories: ['Office'], args: () => ['--share=network', '--share=ipc', '--socket=x11'] },
  {
    profile: 'wayland-native',
    categories: ['Graphics'],
    args: () => ['--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--socket=pulseaudio', '--device=dri'],
  },
  {
    profile: 'filesystem-heavy',
    categories: ['System'],
    args: () => [
      '--filesystem=host',
      '--filesystem=host-os',
      '--filesystem=host-etc',
      '--filesystem=xdg-documents:ro',
      '--filesystem=xdg-download/Testbed:create',
      '--filesystem=/mnt',
      '--filesystem=xdg-run/pipewire-0',
      '--filesystem=xdg-config/gtk-3.0:ro',
      '--persist=.testbed',
    ],
  },
  {
    profile: 'bus-names',
    categories: ['Utility'],
    args: (id) => [
      '--talk-name=org.freedesktop.Notifications',
      '--talk-name=org.kde.StatusNotifierWatcher',
      `--own-name=org.mpris.MediaPlayer2.${id.split('.').pop() ?? 'x'}`,
      '--system-talk-name=org.freedesktop.login1',
      '--system-talk-name=org.freedesktop.UPower',
      '--talk-name=org.gtk.vfs.*',
    ],
  },
  {
    profile: 'negations',
    categories: ['Utility'],
    args: () => [
      '--share=network',
      '--nosocket=x11',
      '--unshare=ipc',
      '--nodevice=all',
      '--nofilesystem=home',
      '--no-talk-name=org.freedesktop.secrets',
      '--system-no-talk-name=org.bluez',
      '--disallow=devel',
    ],
  },
  {
    profile: 'everything-else',
    categories: ['Development'],
    args: () => [
      '--allow=devel',
      '--allow=multiarch',
      '--allow=bluetooth',
      '--allow=canbus',
      '--allow=per-app-dev-shm',
      '--device=kvm',
      '--device=shm',
      '--socket=ssh-auth',
      '--socket=pcsc',
      '--socket=cups',
      '--socket=gpg-agent',
      '--socket=session-bus',
      '--socket=system-bus',
      '--env=GTK_THEME=Adwaita:dark',
      '--unset-env=LD_PRELOAD',
      '--filesystem=xdg-cache/testbed',
      '--persist=.config/testbed',
    ],
  },
  {
    // build-finish turns --socket=fallback-x11 into x11 as well, so this shape is written by hand.
    profile: 'handwritten',
    categories: ['Utility'],
    args: () => [],
    append:
      '\n[Context]\nshared=network;\nsockets=wayland;fallback-x11;\n\n[Session Bus Policy]\norg.freedesktop.portal.Desktop=see\n',
  },
  {
    profile: 'web-browser',
    categories: ['Network', 'WebBrowser'],
    args: () => [
      '--share=network',
      '--share=ipc',
      '--socket=wayland',
      '--socket=fallback-x11',
      '--socket=pulseaudio',
      '--device=dri',
      '--filesystem=xdg-download',
    ],
  },
  {
    profile: 'music-player',
    categories: ['AudioVideo', 'Audio', 'Player'],
    args: () => [
      '--share=network',
      '--share=ipc',
      '--socket=x11',
      '--socket=pulseaudio',
      '--filesystem=xdg-music:ro',
      '--talk-name=org.mpris.MediaPlayer2.*',
    ],
  },
  {
    profile: 'photo-tool',
    categories: ['Graphics', 'Photography'],
    args: () => ['--share=ipc', '--socket=x11', '--filesystem=home', '--device=dri'],
  },
  {
    profile: 'sandbox-escape',
    categories: ['Development'],
    args: () => [
      '--talk-name=org.freedesktop.Flatpak',
      '--filesystem=xdg-config/autostart',
      '--filesystem=~/.bashrc',
      '--socket=session-bus',
    ],
  },
  {
    profile: 'secrets-user',
    categories: ['Office'],
    args: () => [
      '--share=network',
      '--socket=wayland',
      '--talk-name=org.freedesktop.secrets',
      '--socket=ssh-auth',
      '--socket=gpg-agent',
    ],
  },
];

/** A small, seeded generator (mulberry32), so random apps are the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomArgs(index: number, id: string): string[] {
  const r = random(index * 2654435761);
  const chance = (p: number) => r() < p;
  const pick = <T>(pool: readonly T[]): T => pool[Math.floor(r() * pool.length)] as T;
  const args: string[] = [];
  const flags: [number, string][] = [
    [0.7, '--share=network'],
    [0.5, '--share=ipc'],
    [0.35, '--socket=x11'],
    [0.45, '--socket=wayland'],
    [0.3, '--socket=fallback-x11'],
    [0.4, '--socket=pulseaudio'],
    [0.05, '--socket=ssh-auth'],
    [0.04, '--socket=cups'],
    [0.03, '--socket=pcsc'],
    [0.03, '--socket=gpg-agent'],
    [0.03, '--socket=session-bus'],
    [0.02, '--socket=system-bus'],
    [0.4, '--device=dri'],
    [0.1, '--device=all'],
    [0.02, '--device=kvm'],
    [0.03, '--device=shm'],
    [0.05, '--allow=devel'],
    [0.04, '--allow=multiarch'],
    [0.04, '--allow=bluetooth'],
    [0.03, '--nosocket=x11'],
  ];
  for (const [p, arg] of flags) if (chance(p)) args.push(arg);
  const fsCount = Math.floor(r() * 4);
  for (let k = 0; k < fsCount; k++) {
    const fs = pick(FS_POOL);
    args.push(fs.startsWith('!') ? `--nofilesystem=${fs.slice(1)}` : `--filesystem=${fs}`);
  }
  const talkCount = Math.floor(r() * 3);
  for (let k = 0; k < talkCount; k++) args.push(`--talk-name=${pick(TALK_POOL)}`);
  if (chance(0.15)) args.push(`--own-name=${id}.Daemon`);
  if (chance(0.15)) args.push(`--system-talk-name=${pick(SYSTEM_TALK_POOL)}`);
  if (chance(0.05)) args.push(`--system-no-talk-name=${pick(SYSTEM_TALK_POOL)}`);
  if (chance(0.2)) args.push(`--env=TESTBED_INDEX=${index}`);
  if (chance(0.05)) args.push('--unset-env=LD_PRELOAD');
  if (chance(0.1)) args.push('--persist=.testbed');
  return args;
}

export function testbedApps(count: number): TestbedApp[] {
  const width = Math.max(3, String(count).length);
  const apps: TestbedApp[] = [];
  for (let index = 1; index <= count; index++) {
    const num = String(index).padStart(width, '0');
    const id = `${ID_PREFIX}${num}`;
    const shape = SHAPES[index - 1];
    const a = (index - 1) % ADJECTIVES.length;
    const n = (index - 1 + Math.floor((index - 1) / ADJECTIVES.length)) % NOUNS.length;
    const name = `${ADJECTIVES[a]} ${NOUNS[n]}` + (index > ADJECTIVES.length * NOUNS.length ? ` ${index}` : '');
    const profile = shape?.profile ?? 'random';
    const app: TestbedApp = {
      index,
      id,
      name,
      summary: `Test bed app ${num} (${profile} permissions)`,
      version: `1.${index % 10}.${index % 7}`,
      developer: index % 3 === 0 ? 'Example Labs' : 'Confine Test Developers',
      categories: shape?.categories ?? [RANDOM_CATEGORIES[index % RANDOM_CATEGORIES.length] ?? 'Utility'],
      profile,
      finishArgs: shape ? shape.args(id) : randomArgs(index, id),
      color: PALETTE[(index - 1) % PALETTE.length] ?? [0, 0, 0],
    };
    apps.push(shape?.append ? { ...app, appendMetadata: shape.append } : app);
  }
  return apps;
}

/**
 * The e2e bed's apps: the synthetic ones, then one whose runtime carries a shell, so "Verify in
 * the sandbox" finds real things in its sandbox. What it is granted is what a probe should see:
 * no network, a folder read-only, and the home read-write, which the recommended preset narrows.
 */
export function e2eTestbedApps(count: number): TestbedApp[] {
  const index = count + 1;
  return [
    ...testbedApps(count),
    {
      index,
      id: `${ID_PREFIX}Probe`,
      name: 'Probe Bench',
      summary: 'Test bed app whose sandbox can be run (probe permissions)',
      version: '1.0.0',
      developer: 'Confine Test Developers',
      categories: ['Utility'],
      profile: 'probe',
      finishArgs: ['--filesystem=home', '--filesystem=~/Documents:ro'],
      color: PALETTE[(index - 1) % PALETTE.length] ?? [0, 0, 0],
      runtime: { id: 'org.confine.ShellPlatform', branch: '1', shell: true },
    },
  ];
}
