// Profiles that confine single programs: the loaded AppArmor profiles by mode, the profile files
// installed in /etc/apparmor.d, which desktop programs and Flatpak apps have one, and the SELinux
// booleans that decide how tightly a desktop session is confined.

import { posix } from 'node:path';
import { defineMessages, t } from '../../shared/i18n';
import type { OwnProfiles, SelinuxBoolean, Unreadable } from '../../shared/system/model';
import { clean, readText, textOrNull, type SystemFs } from './system-fs';

export interface LoadedProfile {
  readonly name: string;
  readonly mode: string;
}

/** `name (mode)` lines of securityfs; names may hold spaces and parentheses, so the mode is the last " (…)". */
export function parseProfileList(text: string): LoadedProfile[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const at = line.lastIndexOf(' (');
      return at >= 0 && line.endsWith(')')
        ? { name: line.slice(0, at), mode: line.slice(at + 2, -1) }
        : { name: line, mode: '' };
    });
}

/** securityfs's list of the loaded AppArmor profiles, relative to the root. */
export const PROFILE_LIST = 'sys/kernel/security/apparmor/profiles';

/**
 * The most profiles taken in. Machines with many snaps load a few thousand; a list of millions
 * of one-letter lines (a hostile tree, within the size cap) would cost gigabytes as objects,
 * in the report and in its JSON, so it is refused whole rather than cut at an arbitrary line.
 */
export const MAX_PROFILES = 65_536;

/** The loaded profiles (null: no list); or why not, with a note for the report when Confine refused them itself. */
export type LoadedProfiles =
  { ok: true; list: LoadedProfile[] | null } | { ok: false; reason: Unreadable; note?: string };

function lineCount(text: string): number {
  let n = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/** Read once, for both the AppArmor card and the own-profiles card. */
export async function readLoadedProfiles(fs: SystemFs): Promise<LoadedProfiles> {
  const read = await readText(fs, PROFILE_LIST);
  if (!read.ok) return read;
  if (read.text === null) return { ok: true, list: null };
  // Counted before it is split, so that nothing is built of a list that is refused.
  if (lineCount(read.text) > MAX_PROFILES + 1)
    return {
      ok: false,
      reason: 'refused',
      note: t(B.tooManyProfiles, { file: `/${PROFILE_LIST}`, max: String(MAX_PROFILES) }),
    };
  return { ok: true, list: parseProfileList(read.text) };
}

const B = defineMessages({
  deny_ptrace: {
    id: 'system.boolean.deny_ptrace',
    defaultMessage:
      'Stops programs, even your own, from inspecting and controlling each other ({ptrace}); debuggers then need root.',
    description: 'An SELinux boolean; ptrace is the system call’s name',
  },
  deny_execmem: {
    id: 'system.boolean.deny_execmem',
    defaultMessage: 'Refuses memory that is writable and runnable at once, a common way to run injected code.',
    description: 'An SELinux boolean',
  },
  selinuxuser_execmod: {
    id: 'system.boolean.selinuxuser_execmod',
    defaultMessage: 'Lets your programs change code they loaded (text relocations); some older programs need it.',
    description: 'An SELinux boolean',
  },
  selinuxuser_execstack: {
    id: 'system.boolean.selinuxuser_execstack',
    defaultMessage: 'Lets your programs run code on their stack.',
    description: 'An SELinux boolean',
  },
  selinuxuser_execheap: {
    id: 'system.boolean.selinuxuser_execheap',
    defaultMessage: 'Lets your programs run code on their heap.',
    description: 'An SELinux boolean',
  },
  xdm_write_home: {
    id: 'system.boolean.xdm_write_home',
    defaultMessage: 'Lets the login screen write in home folders.',
    description: 'An SELinux boolean',
  },
  secure_mode_insmod: {
    id: 'system.boolean.secure_mode_insmod',
    defaultMessage: 'Refuses to load kernel modules at all, even for root.',
    description: 'An SELinux boolean',
  },
  tooManyProfiles: {
    id: 'system.refused.too-many-profiles',
    defaultMessage: '{file} lists more than {max} profiles, too many to take in',
    description: 'A file Confine refused to read; file is its path, max a number',
  },
});

/** The booleans of the targeted policy that loosen or tighten a desktop session, with the stricter value. */
const DESKTOP_BOOLEANS: readonly (readonly [keyof typeof B, boolean])[] = [
  ['deny_ptrace', true],
  ['deny_execmem', true],
  ['selinuxuser_execmod', false],
  ['selinuxuser_execstack', false],
  ['selinuxuser_execheap', false],
  ['xdm_write_home', false],
  ['secure_mode_insmod', true],
];

async function selinuxBooleans(fs: SystemFs): Promise<SelinuxBoolean[]> {
  const present = new Set((await fs.list('sys/fs/selinux/booleans')) ?? []);
  const out: SelinuxBoolean[] = [];
  for (const [name, saferValue] of DESKTOP_BOOLEANS) {
    if (!present.has(name)) continue;
    const m = /^([01])\s+([01])$/.exec(clean((await textOrNull(fs, `sys/fs/selinux/booleans/${name}`)) ?? ''));
    const description = t(B[name], { ptrace: 'ptrace' });
    if (m) out.push({ name, saferValue, description, active: m[1] === '1', pending: m[2] === '1' });
  }
  return out;
}

/**
 * The program a desktop entry starts: the first word of Exec= after `env VAR=…`. Line by line
 * without splitting the whole text, and done once the first Name= and Exec= are known: a
 * desktop file of megabytes (a hostile tree) then costs no array of its lines.
 */
function execProgram(text: string): { name: string; exec: string } | null {
  let name = '';
  let exec = '';
  let inEntry = false;
  for (let start = 0; start <= text.length && !(name && exec);) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line.startsWith('[')) inEntry = line === '[Desktop Entry]';
    else if (inEntry && line.startsWith('Name=') && !name) name = line.slice(5);
    else if (inEntry && line.startsWith('Exec=') && !exec) exec = line.slice(5);
  }
  const words = exec.split(/\s+/).map((w) => w.replace(/^"|"$/g, ''));
  if (words[0] === 'env') while (words[1]?.includes('=')) words.splice(1, 1);
  const program = words[0] === 'env' ? words[1] : words[0];
  return program ? { name: name || program, exec: program } : null;
}

/** Where a program name runs from, the way a shell would find it. */
async function resolveProgram(fs: SystemFs, program: string): Promise<string> {
  if (program.startsWith('/')) return program;
  for (const dir of ['usr/local/bin', 'usr/bin', 'bin', 'usr/games'])
    if (await fs.exists(`${dir}/${program}`)) return `/${dir}/${program}`;
  return program;
}

/** AppArmor's file name for a profile of a path: /usr/bin/evince is usr.bin.evince. */
const profileFileName = (path: string) => path.replace(/^\//, '').replace(/\//g, '.');

/** Where each name first occurs in a list. */
function firstIndex(names: readonly string[]): Map<string, number> {
  const at = new Map<string, number>();
  names.forEach((n, i) => {
    if (!at.has(n)) at.set(n, i);
  });
  return at;
}

/** The earliest place any of `candidates` occurs, or -1. */
function earliest(at: ReadonlyMap<string, number>, candidates: readonly string[]): number {
  const found = candidates.map((c) => at.get(c)).filter((i) => i !== undefined);
  return found.length ? Math.min(...found) : -1;
}

/** `profiles`: the list as readLoadedProfiles read it, when the caller already has it. */
export async function readOwnProfiles(
  fs: SystemFs,
  flatpakApps: readonly { id: string; name: string }[],
  profiles?: LoadedProfiles,
): Promise<OwnProfiles> {
  const list = profiles ?? (await readLoadedProfiles(fs));
  const loaded = list.ok ? list.list : null;
  const loadedUnavailable: Unreadable | undefined = loaded ? undefined : !list.ok ? list.reason : 'not-present';
  const installed = ((await fs.list('etc/apparmor.d')) ?? []).filter(
    (n) =>
      !n.startsWith('.') &&
      !n.endsWith('.dpkg-old') &&
      !['abstractions', 'tunables', 'local', 'disable', 'force-complain', 'cache', 'abi'].includes(n),
  );

  // Looked up by name, not scanned: a list of a million lines (a hostile tree) times many
  // programs would take minutes. The earliest entry in the list wins, as a scan would have it.
  const loadedAt = firstIndex((loaded ?? []).map((p) => p.name));
  const installedAt = firstIndex(installed);
  const find = (candidates: readonly string[]) => {
    const hit = loaded?.[earliest(loadedAt, candidates)];
    if (hit) return { profile: hit.name, loaded: true, mode: hit.mode };
    const file = installed[earliest(installedAt, candidates)];
    // Installed but not in the readable list means not loaded; with no list, it is not known.
    return file ? { profile: `/etc/apparmor.d/${file}`, loaded: loaded ? false : null, mode: null } : null;
  };

  const covered: OwnProfiles['covered'][number][] = [];
  const desktop = ((await fs.list('usr/share/applications')) ?? []).filter((n) => n.endsWith('.desktop'));
  const programs = new Map<string, string>();
  for (const file of desktop) {
    const entry = execProgram((await textOrNull(fs, `usr/share/applications/${file}`)) ?? '');
    if (entry) programs.set(await resolveProgram(fs, entry.exec), entry.name);
  }
  for (const [path, name] of programs) {
    const base = posix.basename(path);
    const hit = find([path, base, profileFileName(path)]);
    if (hit) covered.push({ program: path, name, kind: 'desktop', ...hit });
  }
  for (const app of flatpakApps) {
    const hit = find([app.id]);
    if (hit) covered.push({ program: app.id, name: app.name, kind: 'flatpak', ...hit });
  }
  covered.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  return {
    apparmorLoaded: loaded,
    ...(loadedUnavailable ? { apparmorLoadedUnavailable: loadedUnavailable } : {}),
    apparmorInstalled: installed,
    covered,
    desktopPrograms: programs.size,
    selinuxBooleans: await selinuxBooleans(fs),
  };
}
