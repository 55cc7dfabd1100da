// fast-check generators of Flatpak permission layers.

import fc from 'fast-check';
import { FLAG_KINDS, knownFlags, type FlagKind } from '../../shared/flatpak/catalogue';
import { loadContext, type BusPolicy, type Context } from '../../shared/flatpak/context';
import { KeyFile } from '../../shared/keyfile/keyfile';
import { keyfileText } from './keyfile';
import type { FsMode } from '../../shared/flatpak/filesystem';
import type { Version } from '../../shared/flatpak/version';

export const VERSION: Version = [1, 14, 10];
const PATHS = [
  'home',
  'host',
  'host-os',
  'host-etc',
  'xdg-download',
  'xdg-music',
  '~/Games',
  '/mnt',
  'xdg-run/pipewire-0',
  'xdg-config/autostart',
];
const PERSIST = ['.foo', '.config/bar'];
const ENV = ['FOO', 'BAR', 'LD_PRELOAD'];
const BUS = ['org.freedesktop.secrets', 'org.example.Foo', 'org.gtk.vfs.*'];
/** With `routes`, also the ways out and sensitive places the hardening rules know. */
const ROUTE_PATHS = [
  '~/.config',
  '~/.local',
  '~/.bashrc',
  '~/.ssh',
  '~/.gnupg',
  'xdg-data/flatpak/overrides',
  '~/.local/share/flatpak',
  '/var/lib/flatpak',
  'xdg-data',
  'xdg-config/dconf',
  '/tmp',
  'xdg-run/podman',
  '/run/docker.sock',
  'xdg-run/keyring',
  'xdg-run/gnupg',
  '~/.mozilla/native-messaging-hosts',
  '~/.var/app/org.mozilla.firefox',
  'xdg-documents',
  'xdg-pictures',
];
const ROUTE_BUS = [
  'org.freedesktop.Flatpak',
  'org.freedesktop.*',
  'ca.desrt.dconf',
  'org.kde.kwalletd5',
  'org.freedesktop.impl.portal.PermissionStore',
  'org.freedesktop.systemd1',
];
const ROUTE_ENV = ['QT_QPA_PLATFORM', 'GDK_BACKEND', 'ELECTRON_OZONE_PLATFORM_HINT'];

const subMap = <K extends string, V>(keys: readonly K[], value: fc.Arbitrary<V>) =>
  fc
    .subarray([...keys])
    .chain((ks) => fc.tuple(...ks.map((k) => value.map((v) => [k, v] as const))))
    .map((pairs) => new Map<K, V>(pairs as [K, V][]));

export function layer(options: { reset?: boolean; routes?: boolean } = {}): fc.Arbitrary<Context> {
  const paths = options.routes ? [...PATHS, ...ROUTE_PATHS] : PATHS;
  const busNames = options.routes ? [...BUS, ...ROUTE_BUS] : BUS;
  const envNames = options.routes ? [...ENV, ...ROUTE_ENV] : ENV;
  const envValues = options.routes
    ? fc.constantFrom('1', 'a b', '', 'xcb', 'wayland', 'x11', 'auto')
    : fc.constantFrom('1', 'a b', '');
  const flags = fc
    .tuple(...FLAG_KINDS.map((k) => subMap(knownFlags(k, VERSION), fc.boolean())))
    .map(
      (maps) =>
        Object.fromEntries(FLAG_KINDS.map((k, i) => [k, maps[i] as Map<string, boolean>])) as Record<
          FlagKind,
          Map<string, boolean>
        >,
    );
  const fs = fc
    .tuple(
      subMap(paths, fc.constantFrom<FsMode>('none', 'ro', 'rw', 'create')),
      options.reset ? fc.boolean() : fc.constant(false),
    )
    .map(([m, reset]) => {
      if (reset) {
        m.set('host-reset', 'none');
        if (!m.has('host')) m.set('host', 'none');
      }
      return m;
    });
  return fc.record({
    flags,
    filesystems: fs,
    persistent: fc.subarray(PERSIST).map((p) => new Set(p)),
    env: subMap(envNames, fc.option(envValues, { nil: null })),
    bus: fc.record({
      session: subMap(busNames, fc.constantFrom<BusPolicy>('none', 'see', 'talk', 'own')),
      system: subMap(BUS, fc.constantFrom<BusPolicy>('none', 'talk')),
    }),
    policies: fc.constant(new Map<string, readonly string[]>()),
  });
}

/**
 * Key files Flatpak reads as a layer: the valid files of keyfileText less the third or so that
 * loadContext refuses (a bus policy group with a key that is no bus name, a list GLib cannot
 * read), so a property about what a loaded file does is checked on every run, not some.
 */
export function loadableKeyfileText(): fc.Arbitrary<string> {
  return keyfileText({ validOnly: true }).filter((text) => {
    const parsed = KeyFile.parse(text);
    return parsed.ok && loadContext(parsed.file, VERSION).ok;
  });
}
