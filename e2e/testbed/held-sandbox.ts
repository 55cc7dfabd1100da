// For the tests of Stop: a probe held in its real sandbox, and the processes a sandbox leaves.
//
// Flatpak starts the bwrap that FLATPAK_BWRAP names in place of its own. The script here runs
// the real bwrap with flatpak's arguments, only the shell's script (the one after `-c`) begins
// with a long sleep: flatpak, bwrap, the runtime's shell and its child all run while a test
// presses Stop. Everything else is as in a real probe.

import { chmod, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SeenProcess {
  readonly pid: number;
  readonly ppid: number;
  readonly cmdline: string;
}

/** Writes the held bwrap into `dir` and gives the environment that makes flatpak use it. */
export async function heldBwrap(dir: string, bwrap = '/usr/bin/bwrap'): Promise<{ FLATPAK_BWRAP: string }> {
  const path = join(dir, 'held-bwrap');
  const script = [
    '#!/bin/sh',
    'prev=',
    'for a do',
    '  shift',
    '  if [ "$prev" = -c ]; then set -- "$@" "sleep 60; $a"; else set -- "$@" "$a"; fi',
    '  prev=$a',
    'done',
    `exec ${bwrap} "$@"`,
    '',
  ].join('\n');
  await writeFile(path, script);
  await chmod(path, 0o755);
  return { FLATPAK_BWRAP: path };
}

/** Every process now, but zombies (a dead process whose parent has not collected it yet). */
function processes(): SeenProcess[] {
  const out: SeenProcess[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The name between parentheses may hold spaces; state and parent follow the last ')'.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z' || state === 'X') continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim();
      out.push({ pid: Number(name), ppid: Number(ppid), cmdline });
    } catch {
      // Ended while being read.
    }
  }
  return out;
}

/**
 * The live processes of probes in the test's workspace, and all they started: a probe's command
 * line holds its shell's name (`confine-probe`) and its targets, among them `marker` (a path of
 * the workspace); the D-Bus proxy flatpak starts is a child of flatpak's process.
 */
export function sandboxProcesses(marker: string): SeenProcess[] {
  const all = processes();
  const found = new Set(
    all.filter((p) => p.cmdline.includes('confine-probe') && p.cmdline.includes(marker)).map((p) => p.pid),
  );
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all)
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.add(p.pid);
        grew = true;
      }
  }
  return all.filter((p) => found.has(p.pid));
}

/** A process's program, without its folder: bwrap, sh, sleep. */
export function program(p: SeenProcess): string {
  return (p.cmdline.split(' ')[0] ?? '').replace(/^.*\//, '');
}

/** Waits until the held sandbox runs: bwrap, the shell, and the shell's sleep. */
export async function heldSandbox(marker: string, timeoutMs = 15_000): Promise<SeenProcess[]> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const seen = sandboxProcesses(marker);
    const programs = seen.map(program);
    if (programs.includes('sleep') && programs.includes('bwrap')) return seen;
    if (Date.now() > end) throw new Error(`the held sandbox did not start; seen: ${programs.join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Those of `seen` still running, the same command at the same process ID. */
export function stillRunning(seen: readonly SeenProcess[]): SeenProcess[] {
  const now = new Map(processes().map((p) => [p.pid, p.cmdline]));
  return seen.filter((p) => now.get(p.pid) === p.cmdline);
}
