// Profiles that confine single programs: the loaded AppArmor profiles by mode, the profile files
// installed in /etc/apparmor.d, which desktop programs and Flatpak apps have one, and the SELinux
// booleans that decide how tightly a desktop session is confined.

import { posix } from 'node:path';
import type { OwnProfiles, SelinuxBoolean, Unreadable } from '../../shared/system/model';
import { clean, readText, textOrNull, type SystemFs } from './system-fs';

/** `name (mode)` lines of securityfs; names may hold spaces and parentheses, so the mode is the last " (…)". */
export function parseProfileList(text: string): { name: string; mode: string }[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const at = line.lastIndexOf(' (');
      return at >= 0 && line.endsWith(')') ? { name: line.slice(0, at), mode: line.slice(at + 2, -1) } : { name: line, mode: '' };
    });
}

/** The booleans of the targeted policy that loosen or tighten a desktop session, with the stricter value. */
const DESKTOP_BOOLEANS: readonly Omit<SelinuxBoolean, 'active' | 'pending'>[] = [
  { name: 'deny_ptrace', saferValue: true, description: 'Stops programs, even your own, from inspecting and controlling each other (ptrace); debuggers then need root.' },
  { name: 'deny_execmem', saferValue: true, description: 'Refuses memory that is writable and runnable at once, a common way to run injected code.' },
  { name: 'selinuxuser_execmod', saferValue: false, description: 'Lets your programs change code they loaded (text relocations); some older programs need it.' },
  { name: 'selinuxuser_execstack', saferValue: false, description: 'Lets your programs run code on their stack.' },
  { name: 'selinuxuser_execheap', saferValue: false, description: 'Lets your programs run code on their heap.' },
  { name: 'xdm_write_home', saferValue: false, description: 'Lets the login screen write in home folders.' },
  { name: 'secure_mode_insmod', saferValue: true, description: 'Refuses to load kernel modules at all, even for root.' },
];

async function selinuxBooleans(fs: SystemFs): Promise<SelinuxBoolean[]> {
  const present = new Set((await fs.list('sys/fs/selinux/booleans')) ?? []);
  const out: SelinuxBoolean[] = [];
  for (const b of DESKTOP_BOOLEANS) {
    if (!present.has(b.name)) continue;
    const m = /^([01])\s+([01])$/.exec(clean((await textOrNull(fs, `sys/fs/selinux/booleans/${b.name}`)) ?? ''));
    if (m) out.push({ ...b, active: m[1] === '1', pending: m[2] === '1' });
  }
  return out;
}

/** The program a desktop entry starts: the first word of Exec= after `env VAR=…`. */
function execProgram(text: string): { name: string; exec: string } | null {
  let name = '';
  let exec = '';
  let inEntry = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
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
  for (const dir of ['usr/local/bin', 'usr/bin', 'bin', 'usr/games']) if (await fs.exists(`${dir}/${program}`)) return `/${dir}/${program}`;
  return program;
}

/** AppArmor's file name for a profile of a path: /usr/bin/evince is usr.bin.evince. */
const profileFileName = (path: string) => path.replace(/^\//, '').replace(/\//g, '.');

export async function readOwnProfiles(fs: SystemFs, flatpakApps: readonly { id: string; name: string }[]): Promise<OwnProfiles> {
  const list = await readText(fs, 'sys/kernel/security/apparmor/profiles');
  const loaded = list.ok && list.text !== null ? parseProfileList(list.text) : null;
  const loadedUnavailable: Unreadable | undefined = loaded ? undefined : !list.ok ? list.reason : 'not-present';
  const installed = ((await fs.list('etc/apparmor.d')) ?? []).filter((n) => !n.startsWith('.') && !n.endsWith('.dpkg-old') && !['abstractions', 'tunables', 'local', 'disable', 'force-complain', 'cache', 'abi'].includes(n));

  const find = (candidates: readonly string[]) => {
    const hit = loaded?.find((p) => candidates.includes(p.name));
    if (hit) return { profile: hit.name, loaded: true, mode: hit.mode };
    const file = installed.find((f) => candidates.includes(f));
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
