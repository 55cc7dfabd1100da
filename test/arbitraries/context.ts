// fast-check generators of Flatpak permission layers.

import fc from 'fast-check';
import { FLAG_KINDS, knownFlags, type FlagKind } from '../../shared/flatpak/catalogue';
import type { BusPolicy, Context } from '../../shared/flatpak/context';
import type { FsMode } from '../../shared/flatpak/filesystem';
import type { Version } from '../../shared/flatpak/version';

export const VERSION: Version = [1, 14, 10];
const PATHS = ['home', 'host', 'host-os', 'host-etc', 'xdg-download', 'xdg-music', '~/Games', '/mnt', 'xdg-run/pipewire-0', 'xdg-config/autostart'];
const PERSIST = ['.foo', '.config/bar'];
const ENV = ['FOO', 'BAR', 'LD_PRELOAD'];
const BUS = ['org.freedesktop.secrets', 'org.example.Foo', 'org.gtk.vfs.*'];

const subMap = <K extends string, V>(keys: readonly K[], value: fc.Arbitrary<V>) =>
  fc.subarray([...keys]).chain((ks) => fc.tuple(...ks.map((k) => value.map((v) => [k, v] as const)))).map((pairs) => new Map<K, V>(pairs as [K, V][]));

export function layer(options: { reset?: boolean } = {}): fc.Arbitrary<Context> {
  const flags = fc.tuple(...FLAG_KINDS.map((k) => subMap(knownFlags(k, VERSION), fc.boolean()))).map(
    (maps) => Object.fromEntries(FLAG_KINDS.map((k, i) => [k, maps[i] as Map<string, boolean>])) as Record<FlagKind, Map<string, boolean>>,
  );
  const fs = fc.tuple(subMap(PATHS, fc.constantFrom<FsMode>('none', 'ro', 'rw', 'create')), options.reset ? fc.boolean() : fc.constant(false)).map(([m, reset]) => {
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
    env: subMap(ENV, fc.option(fc.constantFrom('1', 'a b', ''), { nil: null })),
    bus: fc.record({ session: subMap(BUS, fc.constantFrom<BusPolicy>('none', 'see', 'talk', 'own')), system: subMap(BUS, fc.constantFrom<BusPolicy>('none', 'talk')) }),
    policies: fc.constant(new Map<string, readonly string[]>()),
  });
}
