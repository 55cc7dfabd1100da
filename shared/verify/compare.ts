// The probe's findings beside Confine's reading of the permissions. Each row has three values:
// what the permissions say at face value (the most specific entry decides, as the app page shows
// it), what Flatpak really does with them (its quirks, measured in the sandbox), and what the
// probe saw. A row where the sandbox differs from the face value is explained when Flatpak's
// behaviour accounts for it, and left unexplained otherwise.

import type { Context } from '../flatpak/context';
import { FS_MODE_RANK, type FsMode } from '../flatpak/filesystem';
import { contains, depth, FLATPAK_HIDES, hidesBelow, locationOf } from '../hardening/access';
import { defineMessages, formatList, t, type Message } from '../i18n';
import { DEVICE_PREFIXES, folderItems, type ProbeGroup, type ProbeItem, type ProbeOutput, type Seen } from './probe';

/** What the host has at a target: whether it is there, what it is, and its identity. */
export interface HostSeen {
  readonly exists: boolean;
  readonly type?: Seen['type'];
  readonly identity?: string;
}

export interface HostFacts {
  /** The user folders the user's user-dirs.dirs names, by Flatpak's name (`xdg-music` → `~/Music`). */
  readonly userDirs: ReadonlyMap<string, string>;
  /** By item, in the order of the items. */
  readonly places: readonly HostSeen[];
  readonly interfaces: readonly string[];
  readonly devices: readonly string[];
}

/**
 * none: not reachable; hidden: an empty stand-in is there, not the user's own; read, write:
 * the user's own file or folder; usable: a socket the app can connect to; filtered, direct: a
 * bus through Flatpak's filtering proxy, or the bus itself; present: a device node; shared,
 * loopback: the network.
 */
export type Access =
  'none' | 'hidden' | 'read' | 'write' | 'usable' | 'filtered' | 'direct' | 'present' | 'shared' | 'loopback';

export type Verdict = 'same' | 'explained' | 'unexplained' | 'not-on-host';

export interface VerifyRow {
  readonly id: string;
  readonly group: ProbeGroup | 'network';
  readonly label: string;
  /** The place as a user reads it (`~/.ssh`, `$XDG_RUNTIME_DIR/pipewire-0`, `/dev/dri`). */
  readonly target: string;
  /** What the permissions say at face value. */
  readonly expected: Access;
  /** What the permissions said at face value before a change, when asked with the earlier ones. */
  readonly before?: Access;
  readonly observed: Access;
  readonly verdict: Verdict;
  /** The permission entry that decides, as written (`host`, `!~/.ssh`, `sockets=wayland`). */
  readonly via?: string;
  /** Why the sandbox differs, or what else there is to know. */
  readonly note?: string;
  /** Interface names or device nodes, for the network and device rows. */
  readonly detail?: readonly string[];
}

export interface VerifySummary {
  readonly same: number;
  readonly explained: number;
  readonly unexplained: number;
  readonly notOnHost: number;
}

const ACCESS = defineMessages({
  none: { id: 'verify.access.none', defaultMessage: 'no access' },
  hidden: {
    id: 'verify.access.hidden',
    defaultMessage: 'hidden (empty stand-in)',
    description: 'The app sees an empty folder in place of the user’s own',
  },
  read: { id: 'verify.access.read', defaultMessage: 'read-only' },
  write: { id: 'verify.access.write', defaultMessage: 'read and write' },
  usable: { id: 'verify.access.usable', defaultMessage: 'usable', description: 'A socket the app can connect to' },
  filtered: {
    id: 'verify.access.filtered',
    defaultMessage: 'filtered',
    description: 'A bus reached through Flatpak’s filtering proxy',
  },
  direct: { id: 'verify.access.direct', defaultMessage: 'unfiltered', description: 'The bus itself, not filtered' },
  present: { id: 'verify.access.present', defaultMessage: 'present', description: 'A device node is there' },
  shared: { id: 'verify.access.shared', defaultMessage: 'shared', description: 'The network is shared' },
  loopback: { id: 'verify.access.loopback', defaultMessage: 'loopback only', description: 'Network: only loopback' },
});

const VERDICTS = defineMessages({
  same: { id: 'verify.verdict.same', defaultMessage: 'as the permissions say' },
  explained: { id: 'verify.verdict.explained', defaultMessage: 'differs, explained' },
  unexplained: { id: 'verify.verdict.unexplained', defaultMessage: 'differs, unexplained' },
  'not-on-host': { id: 'verify.verdict.not-on-host', defaultMessage: 'not on this computer' },
});

/** A table of words whose entries are formatted when read, in the language of that moment. */
function wordsOf<K extends string>(messages: Readonly<Record<K, Message>>): Readonly<Record<K, string>> {
  const words = {} as Record<K, string>;
  for (const k of Object.keys(messages) as K[])
    Object.defineProperty(words, k, { enumerable: true, get: () => t(messages[k]) });
  return words;
}

export const ACCESS_LABELS: Readonly<Record<Access, string>> = wordsOf(ACCESS);

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = wordsOf(VERDICTS);

const R = defineMessages({
  negatedFile: {
    id: 'verify.reason.negated-file',
    defaultMessage: 'A negation cannot hide a single file: {entry} leaves it reachable through {via}.',
    description: 'entry is a negated filesystem permission (!~/.ssh), via the entry that grants it (home)',
  },
  negatedBroad: {
    id: 'verify.reason.negated-broad',
    defaultMessage: 'Revoking {entry} takes back nothing another entry gives: it stays reachable through {via}.',
    description: 'entry is a negated filesystem permission (!home), via the entry that grants it (host)',
  },
  negatedFolder: {
    id: 'verify.reason.negated-folder',
    defaultMessage:
      '{entry} under a granted folder makes Flatpak put an empty folder in its place: the app sees the name but none of what is in it, and what it writes there is lost.',
    description: 'entry is a negated filesystem permission (!~/.ssh)',
  },
  flatpakHides: {
    id: 'verify.reason.flatpak-hides',
    defaultMessage:
      'Flatpak hides its own folders ({folders}) from an app given a folder above them, such as {home} or {host}, with an empty folder in their place.',
    description:
      'folders is a list of ~/.local/share/flatpak and ~/.var/app; home and host are the options that grant them (--filesystem=home)',
  },
  roSocket: {
    id: 'verify.reason.ro-socket',
    defaultMessage: '{via}: read-only does not stop a socket being used; the app connects to it all the same.',
    description: 'via is the permission that grants the socket read-only (xdg-run/pipewire-0:ro)',
  },
  fallbackX11: {
    id: 'verify.reason.fallback-x11',
    defaultMessage:
      '{fallback} gives X11 only where no Wayland display is shared, and this session shares one; Wayland is what the app gets.',
    description: 'fallback is the permission fallback-x11',
  },
  xdgUnknown: {
    id: 'verify.reason.xdg-unknown',
    defaultMessage:
      'Flatpak leaves {entry} out: the {file} of this home names no such folder, so it cannot tell where it is.',
    description: 'entry is a permission such as xdg-music, file is user-dirs.dirs',
  },
  homeOutsideHost: {
    id: 'verify.reason.home-outside-host',
    defaultMessage:
      '{host} shares folders such as {shared}, but not {notShared}; this home ({home}) lies outside what it shares.',
    description:
      'host is the permission; shared is a list “/home, /media and /mnt”, notShared “/var, /tmp or /run”, home a path',
  },
  unexplained: {
    id: 'verify.reason.unexplained',
    defaultMessage: 'The permissions say {expected}; the sandbox shows {observed}.',
    description: 'expected and observed are verify.access.* words',
  },
  systemBusNames: {
    id: 'verify.via.system-bus-names',
    defaultMessage: 'system bus names: {names}',
    description: 'The permissions that decide about the system bus: the bus names the app may talk to',
  },
  devices: {
    id: 'verify.row.devices',
    defaultMessage: '{name} devices',
    description: 'A row of device nodes; name is video or hidraw',
  },
  network: { id: 'verify.row.network', defaultMessage: 'Network' },
  networkTarget: {
    id: 'verify.row.network-target',
    defaultMessage: 'network interfaces',
    description: 'Where the network row looks, in the place of a path',
  },
});

const REASONS = {
  negatedFile: (entry: string, via: string) => t(R.negatedFile, { entry, via }),
  negatedBroad: (entry: string, via: string) => t(R.negatedBroad, { entry, via }),
  negatedFolder: (entry: string) => t(R.negatedFolder, { entry }),
  flatpakHides: () =>
    t(R.flatpakHides, { folders: formatList(FLATPAK_HIDES), home: '--filesystem=home', host: '--filesystem=host' }),
  roSocket: (via: string) => t(R.roSocket, { via }),
  fallbackX11: () => t(R.fallbackX11, { fallback: 'fallback-x11' }),
  xdgUnknown: (entry: string) => t(R.xdgUnknown, { entry, file: 'user-dirs.dirs' }),
  homeOutsideHost: (home: string) =>
    t(R.homeOutsideHost, {
      host: 'host',
      shared: formatList(['/home', '/media', '/mnt']),
      notShared: formatList(['/var', '/tmp', '/run'], 'disjunction'),
      home,
    }),
} as const;

/** `~/…`, `@run/…` and absolute targets as Confine's access rules name locations. */
function locationOfTarget(target: string): string {
  return target.startsWith('@run/') ? `xdg-run/${target.slice(5)}` : target;
}

export function targetWords(target: string): string {
  if (target.startsWith('@run/')) return `$XDG_RUNTIME_DIR/${target.slice(5)}`;
  const named: Record<string, string> = {
    '@wayland': '$XDG_RUNTIME_DIR/$WAYLAND_DISPLAY',
    '@x11': '/tmp/.X11-unix/X$DISPLAY',
    '@pulse': '$XDG_RUNTIME_DIR/pulse/native',
    '@ssh': '$SSH_AUTH_SOCK',
    '@session-bus': '$DBUS_SESSION_BUS_ADDRESS',
    '@system-bus': '/run/dbus/system_bus_socket',
  };
  return named[target] ?? target;
}

interface Covering {
  readonly path: string;
  readonly location: string;
  readonly mode: FsMode;
}

/** The filesystem entries that cover a location, the most specific first. */
function covering(ctx: Context, location: string, locate: (path: string) => string | undefined): Covering[] {
  const out: Covering[] = [];
  for (const [path, mode] of ctx.filesystems) {
    if (path === 'host-reset') continue;
    const loc = locate(path);
    if (loc !== undefined && contains(loc, location)) out.push({ path, location: loc, mode });
  }
  return out.sort((a, b) => depth(b.location) - depth(a.location) || FS_MODE_RANK[b.mode] - FS_MODE_RANK[a.mode]);
}

const entryWords = (c: Covering) => (c.mode === 'none' ? `!${c.path}` : c.mode === 'ro' ? `${c.path}:ro` : c.path);

const modeAccess = (mode: FsMode, socket: boolean): Access =>
  mode === 'none' ? 'none' : mode === 'ro' ? 'read' : socket ? 'usable' : 'write';

interface Judged {
  readonly expected: Access;
  readonly model: Access;
  readonly via?: string;
  readonly reason?: string;
}

const NOT_SHARED_BY_HOST = ['/var/', '/tmp/', '/run/'];

/**
 * Where Flatpak puts an entry on this computer: an `xdg-…` user folder where the user's
 * user-dirs.dirs says, and nowhere when it names none (GLib then knows only the Desktop).
 */
function locator(userDirs: ReadonlyMap<string, string>): (path: string) => string | undefined {
  return (path) => {
    const slash = path.indexOf('/');
    const prefix = slash < 0 ? path : path.slice(0, slash);
    if (!USER_FOLDERS.has(prefix)) return locationOf(path);
    const base = userDirs.get(prefix) ?? (prefix === 'xdg-desktop' ? '~/Desktop' : undefined);
    return base === undefined ? undefined : slash < 0 ? base : `${base}${path.slice(slash)}`;
  };
}

const USER_FOLDERS = new Set(folderItems().flatMap((i) => (i.id === 'home' ? [] : [i.id])));

/** A path: the face value of its most specific entry, and what Flatpak does with the entries. */
function judgePath(
  ctx: Context,
  target: string,
  host: HostSeen,
  home: string,
  userDirs: ReadonlyMap<string, string>,
): Judged {
  const location = locationOfTarget(target);
  const socket = host.type === 's';
  const first = covering(ctx, location, locationOf)[0];
  const list = covering(ctx, location, locator(userDirs));
  const expected = first ? modeAccess(first.mode, socket) : 'none';
  const via = first ? entryWords(first) : undefined;
  const judged = (model: Access, reason?: string): Judged => ({
    expected,
    model,
    ...(via ? { via } : {}),
    ...(reason ? { reason } : {}),
  });
  const inHome = location === '~' || location.startsWith('~/');
  let reason: string | undefined =
    first && !list.some((e) => e.path === first.path) ? REASONS.xdgUnknown(first.path) : undefined;
  for (const [i, e] of list.entries()) {
    const broad = e.location === '~' || e.location === '/';
    if (e.mode === 'none') {
      const granting = list.slice(i + 1).find((o) => o.mode !== 'none');
      if (broad || host.type !== 'd') {
        if (granting) reason ??= (broad ? REASONS.negatedBroad : REASONS.negatedFile)(entryWords(e), granting.path);
        continue;
      }
      if (!granting) return judged('none', reason);
      // The empty folder stands at the entry; anything below it is simply not there.
      const model = e.location === location && host.exists ? 'hidden' : 'none';
      return judged(model, REASONS.negatedFolder(entryWords(e)));
    }
    if (e.location === '/' && inHome && NOT_SHARED_BY_HOST.some((r) => home.startsWith(r)))
      return judged('none', REASONS.homeOutsideHost(home));
    // Flatpak lays an empty folder over its own folders whichever folder above them is shared
    // (home, host, ~/.local, xdg-data…); only an entry at or below them shows them.
    if (host.exists) {
      const hides = FLATPAK_HIDES.find((h) => contains(h, location) && hidesBelow(e.location, h));
      if (hides && !list.slice(0, i).some((o) => depth(o.location) >= depth(hides)))
        return judged(hides === location && host.exists ? 'hidden' : 'none', REASONS.flatpakHides());
    }
    const access = modeAccess(e.mode, socket);
    if (socket && e.mode === 'ro') return judged('usable', REASONS.roSocket(entryWords(e)));
    return judged(access, reason);
  }
  return judged('none', reason);
}

const flag = (ctx: Context, kind: keyof Context['flags'], name: string) => ctx.flags[kind].get(name) === true;

function judgeSocket(
  ctx: Context,
  item: ProbeItem,
  host: HostSeen,
  wayland: HostSeen,
  home: string,
  userDirs: ReadonlyMap<string, string>,
): Judged {
  const byFlag = (name: string, via = `sockets=${name}`): Judged => {
    const granted = flag(ctx, 'sockets', name);
    return granted ? { expected: 'usable', model: 'usable', via } : { expected: 'none', model: 'none' };
  };
  switch (item.id) {
    case 'wayland':
      return byFlag('wayland');
    case 'pulseaudio':
      return byFlag('pulseaudio');
    case 'ssh-agent':
      return byFlag('ssh-auth');
    case 'x11': {
      const x11 = flag(ctx, 'sockets', 'x11');
      const fallback = flag(ctx, 'sockets', 'fallback-x11');
      if (!x11 && !fallback) return { expected: 'none', model: 'none' };
      const via = fallback ? 'sockets=fallback-x11' : 'sockets=x11';
      const hasWayland = flag(ctx, 'sockets', 'wayland') && wayland.exists;
      return fallback && hasWayland
        ? { expected: 'usable', model: 'none', via, reason: REASONS.fallbackX11() }
        : { expected: 'usable', model: 'usable', via };
    }
    case 'gpg-agent':
      if (flag(ctx, 'sockets', 'gpg-agent')) return byFlag('gpg-agent');
      return judgePath(ctx, item.target, host, home, userDirs);
    default:
      return judgePath(ctx, item.target, host, home, userDirs);
  }
}

function judgeBus(ctx: Context, item: ProbeItem): Judged {
  if (item.id === 'session-bus')
    return flag(ctx, 'sockets', 'session-bus')
      ? { expected: 'direct', model: 'direct', via: 'sockets=session-bus' }
      : { expected: 'filtered', model: 'filtered' };
  if (flag(ctx, 'sockets', 'system-bus')) return { expected: 'direct', model: 'direct', via: 'sockets=system-bus' };
  const names = [...ctx.bus.system].filter(([, p]) => p !== 'none').map(([n]) => n);
  return names.length
    ? { expected: 'filtered', model: 'filtered', via: t(R.systemBusNames, { names: names.sort().join(', ') }) }
    : { expected: 'none', model: 'none' };
}

const DEVICE_FLAGS: Readonly<Record<string, string>> = { dri: 'dri', kvm: 'kvm', input: 'input' };

function judgeDevice(ctx: Context, name: string | undefined): Judged {
  if (flag(ctx, 'devices', 'all')) return { expected: 'present', model: 'present', via: 'devices=all' };
  if (name && flag(ctx, 'devices', name)) return { expected: 'present', model: 'present', via: `devices=${name}` };
  return { expected: 'none', model: 'none' };
}

/** What the sandbox shows at a target, told apart from a stand-in by its identity on the host. */
function observedAt(item: ProbeItem, seen: Seen, host: HostSeen): Access {
  if (!seen.exists) return 'none';
  const same = !seen.identity || !host.identity || seen.identity === host.identity;
  if (item.group === 'buses') return same && host.exists ? 'direct' : 'filtered';
  if (item.group === 'devices') return 'present';
  if (!same || !host.exists) return 'hidden';
  if (seen.type === 's') return 'usable';
  return seen.write ? 'write' : seen.read ? 'read' : 'none';
}

function verdictOf(judged: Judged, observed: Access, hostHas: boolean): { verdict: Verdict; note?: string } {
  if (!hostHas && (observed === 'none' || observed === 'hidden')) return { verdict: 'not-on-host' };
  if (observed === judged.expected)
    return judged.reason ? { verdict: 'same', note: judged.reason } : { verdict: 'same' };
  if (observed === judged.model && judged.reason) return { verdict: 'explained', note: judged.reason };
  // A stand-in where nothing grants access (the sandbox's own home) is no access either.
  if (observed === 'hidden' && judged.expected === 'none' && judged.model === 'none') return { verdict: 'same' };
  return {
    verdict: 'unexplained',
    note: t(R.unexplained, { expected: ACCESS_LABELS[judged.expected], observed: ACCESS_LABELS[observed] }),
  };
}

const row = (
  base: Pick<VerifyRow, 'id' | 'group' | 'label' | 'target'>,
  judged: Judged,
  observed: Access,
  hostHas: boolean,
  detail?: readonly string[],
): VerifyRow => {
  const { verdict, note } = verdictOf(judged, observed, hostHas);
  return {
    ...base,
    expected: judged.expected,
    observed,
    verdict,
    ...(judged.via ? { via: judged.via } : {}),
    ...(note ? { note } : {}),
    ...(detail ? { detail } : {}),
  };
};

/** Every probed place beside what Confine reads in the effective permissions `ctx`. */
export function compareProbe(
  ctx: Context,
  items: readonly ProbeItem[],
  probe: ProbeOutput,
  host: HostFacts,
): VerifyRow[] {
  const rows: VerifyRow[] = [];
  const none: HostSeen = { exists: false };
  const waylandAt = items.findIndex((i) => i.target === '@wayland');
  const wayland = host.places[waylandAt] ?? none;
  for (const [i, item] of items.entries()) {
    const seen = probe.seen[i] ?? { exists: false, read: false, write: false };
    const place = host.places[i] ?? none;
    const judged =
      item.group === 'sockets'
        ? judgeSocket(ctx, item, place, wayland, probe.home, host.userDirs)
        : item.group === 'buses'
          ? judgeBus(ctx, item)
          : item.group === 'devices'
            ? judgeDevice(ctx, DEVICE_FLAGS[item.id])
            : judgePath(ctx, item.target, place, probe.home, host.userDirs);
    const base = { id: item.id, group: item.group, label: item.label, target: targetWords(item.target) };
    rows.push(row(base, judged, observedAt(item, seen, place), place.exists));
  }
  for (const prefix of DEVICE_PREFIXES) {
    const name = prefix.slice('/dev/'.length);
    const onHost = host.devices.filter((d) => d.startsWith(prefix));
    const inside = probe.devices.filter((d) => d.startsWith(prefix));
    const judged = judgeDevice(ctx, undefined);
    const base = { id: name, group: 'devices' as const, label: t(R.devices, { name }), target: `${prefix}*` };
    rows.push(
      row(base, judged, inside.length ? 'present' : 'none', onHost.length > 0, inside.length ? inside : onHost),
    );
  }
  const network = flag(ctx, 'shared', 'network');
  rows.push(
    row(
      { id: 'network', group: 'network', label: t(R.network), target: t(R.networkTarget) },
      network
        ? { expected: 'shared', model: 'shared', via: 'shared=network' }
        : { expected: 'loopback', model: 'loopback' },
      probe.interfaces.length ? 'shared' : 'loopback',
      !network || host.interfaces.length > 0,
      probe.interfaces,
    ),
  );
  return rows;
}

export function summarise(rows: readonly VerifyRow[]): VerifySummary {
  const n = (v: Verdict) => rows.filter((r) => r.verdict === v).length;
  return { same: n('same'), explained: n('explained'), unexplained: n('unexplained'), notOnHost: n('not-on-host') };
}
