// What an app can actually reach, read from its effective permissions: which home folders it
// can read or change, and which bus names it can call, counting `.*` prefixes and folders that
// contain others (home contains ~/.bashrc; host contains everything).

import type { BusPolicy, Context } from '../flatpak/context';
import { FS_MODE_RANK, type FsMode } from '../flatpak/filesystem';

/** Where a filesystem entry lands, as a path below home (`~/…`) or an absolute one. */
export function locationOf(path: string): string | undefined {
  if (path === 'home') return '~';
  if (path.startsWith('~/')) return path;
  const xdg: Record<string, string> = {
    'xdg-config': '~/.config',
    'xdg-data': '~/.local/share',
    'xdg-cache': '~/.cache',
    'xdg-desktop': '~/Desktop',
    'xdg-documents': '~/Documents',
    'xdg-download': '~/Downloads',
    'xdg-music': '~/Music',
    'xdg-pictures': '~/Pictures',
    'xdg-public-share': '~/Public',
    'xdg-templates': '~/Templates',
    'xdg-videos': '~/Videos',
  };
  const slash = path.indexOf('/');
  const prefix = slash < 0 ? path : path.slice(0, slash);
  const base = xdg[prefix];
  if (base) return slash < 0 ? base : `${base}${path.slice(slash)}`;
  // Home folders seen from the root: /home on most systems, /var/home on Fedora's image-based ones.
  if (path === '/home' || path === '/var/home') return '~';
  if (path.startsWith('/')) return path;
  return undefined;
}

function contains(outer: string, inner: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith('/') ? outer : `${outer}/`);
}

/** The strongest mode the context gives on a location (`~/.bashrc`, `/etc`…), and through which entry. */
export function accessTo(ctx: Context, target: string): { mode: FsMode; via?: string } {
  let best: { mode: FsMode; via?: string } = { mode: 'none' };
  for (const [path, mode] of ctx.filesystems) {
    if (mode === 'none' || path === 'host-reset') continue;
    const covers =
      path === 'host' ||
      (path === 'host-etc' && contains('/etc', target)) ||
      (path === 'host-os' && ['/usr', '/bin', '/sbin', '/lib', '/lib64'].some((p) => contains(p, target))) ||
      (() => {
        const loc = locationOf(path);
        return loc !== undefined && contains(loc, target);
      })();
    if (covers && FS_MODE_RANK[mode] > FS_MODE_RANK[best.mode]) best = { mode, via: path };
  }
  return best;
}

/** Files that run commands outside the sandbox when written to. */
export const STARTUP_FILES = ['~/.bashrc', '~/.bash_profile', '~/.profile', '~/.zshrc', '~/.config/autostart', '~/.config/systemd/user', '~/.local/share/applications', '~/.local/share/flatpak', '~/.local/bin'];

export const writes = (mode: FsMode): boolean => mode === 'rw' || mode === 'create';

const matches = (pattern: string, name: string): boolean =>
  pattern === name || (pattern.endsWith('.*') && name.startsWith(pattern.slice(0, -1)));

/** The strongest policy the context gives on a bus name, counting `.*` prefixes. */
export function policyFor(policies: ReadonlyMap<string, BusPolicy>, name: string): { policy: BusPolicy; via?: string } {
  const rank: Record<BusPolicy, number> = { none: 0, see: 1, talk: 2, own: 3 };
  let best: { policy: BusPolicy; via?: string } = { policy: 'none' };
  for (const [pattern, policy] of policies) if (matches(pattern, name) && rank[policy] > rank[best.policy]) best = { policy, via: pattern };
  return best;
}

export const has = (ctx: Context, kind: keyof Context['flags'], name: string): boolean => ctx.flags[kind].get(name) === true;
