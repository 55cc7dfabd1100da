// The documented needs of the corpus apps (test/corpus/documented-needs.json, written from each
// app's own documentation) as checks on what Flatpak itself reports (`flatpak info -M`) and on
// what a probe inside the app's sandbox reaches. Nothing here asks Confine: a need is met when
// Flatpak and the sandbox say so.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KeyFile } from '../../shared/keyfile/keyfile';
import { result, RUN, type Check, type ProbeResult } from './sandbox';

export interface DocumentedNeed {
  readonly need: string;
  readonly why: string;
  readonly source: string;
}

export function documentedNeeds(): Readonly<Record<string, readonly DocumentedNeed[]>> {
  const file = fileURLToPath(new URL('../corpus/documented-needs.json', import.meta.url));
  return (JSON.parse(readFileSync(file, 'utf8')) as { needs: Record<string, DocumentedNeed[]> }).needs;
}

/** `flatpak info --show-permissions` read as sets. */
export interface Shown {
  readonly lists: ReadonlyMap<string, ReadonlySet<string>>;
  readonly session: ReadonlyMap<string, string>;
}

export function parseShown(text: string): Shown {
  const parsed = KeyFile.parse(text);
  if (!parsed.ok) throw new Error(`flatpak printed what GLib cannot read: ${text}`);
  const f = parsed.file;
  const lists = new Map<string, Set<string>>();
  for (const key of f.groupNames().includes('Context') ? f.keys('Context') : [])
    lists.set(key, new Set((f.getRaw('Context', key) ?? '').split(';').filter(Boolean)));
  const session = new Map<string, string>();
  for (const key of f.groupNames().includes('Session Bus Policy') ? f.keys('Session Bus Policy') : [])
    session.set(key, f.getRaw('Session Bus Policy', key) ?? '');
  return { lists, session };
}

const on = (s: Shown, key: string, name: string) => s.lists.get(key)?.has(name) ?? false;
const fsHas = (s: Shown, prefix: string) =>
  [...(s.lists.get('filesystems') ?? [])].some(
    (p) => p === prefix || p.startsWith(`${prefix}:`) || p.startsWith(`${prefix}/`),
  );
const talks = (s: Shown, name: string) => ['talk', 'own'].includes(s.session.get(name) ?? '');

export interface State {
  readonly shown: Shown;
  /** Probe in a Wayland session and in an X11 session. */
  readonly wayland: ProbeResult;
  readonly x11: ProbeResult;
}

export interface NeedCheck {
  /** Checks the probe must run for this need. */
  readonly probes: readonly Check[];
  readonly met: (s: State) => boolean;
}

/** How each documented need shows in Flatpak's report and in the sandbox. */
export function needCheck(need: string): NeedCheck {
  const none: readonly Check[] = [];
  const bus = need.startsWith('bus:') ? need.slice(4) : undefined;
  if (bus) return { probes: none, met: (s) => talks(s.shown, bus) };
  if (need.startsWith('folder:')) {
    const c: Check = { op: 'w', path: need.slice(7) };
    return { probes: [c], met: (s) => result(s.wayland, c) };
  }
  const socket = (name: string): Check => ({ op: 's', path: `${RUN}${name}` });
  switch (need) {
    case 'network':
      return { probes: none, met: (s) => on(s.shown, 'shared', 'network') && s.wayland.interfaces > 0 };
    case 'sound':
      return { probes: [socket('pipewire-0')], met: (s) => s.wayland.pulse || result(s.wayland, socket('pipewire-0')) };
    case 'pipewire':
      return { probes: [socket('pipewire-0')], met: (s) => result(s.wayland, socket('pipewire-0')) };
    case 'camera':
    case 'game-controllers':
    case 'security-keys':
    case 'usb-devices':
      return { probes: none, met: (s) => s.wayland.allDevices };
    case 'gpu':
      // This machine has no /dev/dri to see; Flatpak's report says whether it would be given.
      return { probes: none, met: (s) => on(s.shown, 'devices', 'dri') || on(s.shown, 'devices', 'all') };
    case 'kvm':
      return { probes: none, met: (s) => on(s.shown, 'devices', 'kvm') || on(s.shown, 'devices', 'all') };
    case 'x11-only':
      return { probes: none, met: (s) => s.wayland.x11 && s.x11.x11 };
    case 'files-anywhere': {
      const c: Check = { op: 'w', path: '~/Projects' };
      return { probes: [c], met: (s) => result(s.wayland, c) };
    }
    case 'host-commands':
      return { probes: none, met: (s) => talks(s.shown, 'org.freedesktop.Flatpak') };
    case 'session-bus':
      return { probes: none, met: (s) => on(s.shown, 'sockets', 'session-bus') };
    case 'keyring':
      return {
        probes: none,
        met: (s) =>
          ['org.freedesktop.secrets', 'org.kde.kwalletd5', 'org.kde.kwalletd6'].some((n) => talks(s.shown, n)),
      };
    case 'flatpak-overrides-write': {
      const c: Check = { op: 'w', path: '~/.local/share/flatpak/overrides' };
      return { probes: [c], met: (s) => result(s.wayland, c) };
    }
    case 'flatpak-installation-read': {
      const c: Check = { op: 'r', path: '~/.local/share/flatpak/app' };
      return { probes: [c], met: (s) => result(s.wayland, c) };
    }
    case 'flatpak-installation-write': {
      const c: Check = { op: 'w', path: '~/.local/share/flatpak' };
      return { probes: [c], met: (s) => result(s.wayland, c) };
    }
    case 'podman-socket':
      return { probes: [socket('podman/podman.sock')], met: (s) => result(s.wayland, socket('podman/podman.sock')) };
    case 'docker-socket':
      return { probes: none, met: (s) => fsHas(s.shown, '/run/docker.sock') || fsHas(s.shown, 'xdg-run/docker') };
    case 'dconf-write':
      return { probes: none, met: (s) => talks(s.shown, 'ca.desrt.dconf') };
    case 'multiarch':
    case 'devel':
    case 'bluetooth':
      return { probes: none, met: (s) => on(s.shown, 'features', need) };
    case 'printing':
      return { probes: none, met: (s) => on(s.shown, 'sockets', 'cups') };
    default:
      throw new Error(`no check for the documented need ${need}`);
  }
}

/** Every app needs a window: on Wayland through Wayland or X11, on an X11 session through X11. */
export const DISPLAY: NeedCheck = { probes: [], met: (s) => (s.wayland.wayland || s.wayland.x11) && s.x11.x11 };

/** Every app keeps its own data folder, which Flatpak mounts for it in ~/.var/app. */
export function ownData(appId: string): NeedCheck {
  const c: Check = { op: 'w', path: `~/.var/app/${appId}` };
  return { probes: [c], met: (s) => result(s.wayland, c) };
}
