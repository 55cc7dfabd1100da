// Every option belongs to its command: anything else is refused with exit 2 before anything is
// read or written, and each command has its own help. The walk over every command and every
// option of the others is made from the tables, so an option added there is walked too; the
// table itself is held to the options the README documents.

import { spawn, spawnSync } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  COMMAND_SPECS,
  OPTION_SPECS,
  type CommandName,
  type CommandSpec,
  type OptionName,
  type OptionSpec,
} from '../electron/cli/options';
import { Output } from '../electron/cli/stdio';
import { CHANGE_OPTIONS } from '../shared/flatpak/override-args';
import { tempDir } from './helpers/temp';
import { confine, flatpak, showReading, workspace } from './helpers/testbed';

// Written out here, from the help the README documents, not taken from the parser's table.
const OWN: Record<CommandName, readonly string[]> = {
  list: ['--json', '--can=network'],
  show: ['--json', '--installation=user'],
  override: ['--user', '--system', '--reset', '--show', '--socket=x11'],
  audit: ['--json'],
  harden: ['--all', '--preset=strict', '--dry-run', '--json', '--only=network', '--skip=network', '--lock'],
  export: ['--system-tree=/tmp/x'],
  import: ['--dry-run'],
  portals: ['--json', '--set=camera=deny'],
  mac: ['--json', '--root=/'],
  verify: ['--json', '--installation=user'],
  review: ['--json', '--all', '--accept', '--deny', '--share=network'],
  lock: ['--all'],
  unlock: ['--all'],
  watch: ['--install'],
  completion: [],
};
const APP = 'org.confine.Test001';
const COMMANDS = Object.keys(COMMAND_SPECS) as CommandName[];
const nameOf = (option: string): string => option.split('=')[0] ?? option;

/** The command line of COMMAND with OPTIONS, with the operand the command needs to get to them. */
function line(command: CommandName, options: readonly string[]): string[] {
  if (command === 'show' || command === 'portals') return [command, APP, ...options];
  if (command === 'import') return [command, '/nonexistent.json', ...options];
  return [command, ...options];
}

describe('command-line options', () => {
  it('gives each command the options its help documents, and only override and review the change options', () => {
    expect([...COMMANDS].sort()).toEqual(Object.keys(OWN).sort());
    for (const command of COMMANDS) {
      const spec: CommandSpec = COMMAND_SPECS[command];
      const documented = OWN[command].map(nameOf).filter((o) => !CHANGE_OPTIONS.includes(o.slice(2)));
      expect({ command, options: spec.options.map((o) => `--${o}`).sort() }).toEqual({
        command,
        options: documented.sort(),
      });
      expect({ command, changes: spec.changes === true }).toEqual({
        command,
        changes: command === 'override' || command === 'review',
      });
    }
  });

  it('refuses, with exit 2 naming the option, the command and whose it is, every option of another command', async () => {
    const env = await workspace();
    const overrides = join(env.FLATPAK_USER_DIR ?? '', 'overrides');
    let tried = 0;
    for (const command of COMMANDS) {
      const spec: CommandSpec = COMMAND_SPECS[command];
      const foreign = [
        ...(Object.keys(OPTION_SPECS) as OptionName[]).filter((o) => !(spec.options as readonly string[]).includes(o)),
        ...(spec.changes ? [] : CHANGE_OPTIONS),
      ];
      for (const name of foreign) {
        const owners = CHANGE_OPTIONS.includes(name)
          ? ['override', 'review']
          : COMMANDS.filter((c) => (COMMAND_SPECS[c].options as readonly string[]).includes(name));
        expect({ name, owners: owners.length > 0 }).toEqual({ name, owners: true });
        const takesValue =
          CHANGE_OPTIONS.includes(name) || (OPTION_SPECS[name as OptionName] as OptionSpec).value !== undefined;
        // Both spellings of a value, and a flag alone; the refusal comes before the value is looked at.
        const forms = takesValue ? [[`--${name}=x`], [`--${name}`, 'x'], [`--${name}`]] : [[`--${name}`]];
        for (const form of forms) {
          const args = line(command, form);
          const r = await confine(env, args);
          expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code: 2, stdout: '' });
          const whose = `${owners.join(', ')} ${owners.length === 1 ? 'does' : 'do'}`;
          expect({ args, stderr: r.stderr }).toEqual({
            args,
            stderr: `error: ${command} does not take --${name} (${whose})\n`,
          });
          tried++;
        }
      }
    }
    // 15 commands, 18 options and 27 change options: far more than any one list written by hand.
    expect(tried).toBeGreaterThan(400);
    expect(await readdir(overrides)).toEqual([]);
  });

  it('refuses a flag with a value, a value option without one, an option given twice and an unknown one', async () => {
    const env = await workspace();
    for (const [args, message] of [
      [['list', '--json=yes'], 'error: list: --json takes no value\n'],
      [['list', '--json='], 'error: list: --json takes no value\n'],
      [['export', '--system-tree'], 'error: export: --system-tree needs a value\n'],
      [['export', '--system-tree='], 'error: export: --system-tree needs a value\n'],
      // An option where its value should be is taken for a forgotten value, not as the value.
      [['export', '--system-tree', '--help=no'], 'error: export: --system-tree needs a value\n'],
      [['harden', '--all', '--preset'], 'error: harden: --preset needs a value\n'],
      [['override', APP, '--socket'], 'error: override: --socket needs a value\n'],
      [['override', APP, '--socket='], 'error: override: --socket needs a value\n'],
      [['mac', '--json', '--json'], 'error: mac: --json is given twice\n'],
      [['harden', '--all', '--preset=strict', '--preset', 'offline'], 'error: harden: --preset is given twice\n'],
      [['list', '--jsno'], 'error: Unknown option --jsno for list; see confine list --help\n'],
      [['list', '-j'], 'error: Unknown option -j for list; see confine list --help\n'],
      [['audit', '-xyz'], 'error: Unknown option -xyz for audit; see confine audit --help\n'],
      [
        ['override', APP, '--add-policy=a.b=c'],
        'error: Unknown option --add-policy=a.b=c for override; see confine override --help\n',
      ],
      [
        ['override', APP, '--filesystem=home:r0'],
        'error: Unexpected filesystem suffix r0: the suffixes are :ro, :rw and :create (and :reset, with --nofilesystem=host only)\n',
      ],
      [['harden', '--all', '--only=network,no-such-change'], 'Unknown change no-such-change; the changes are '],
      // After --, and a lone -, are operands, not options.
      [['list', '--', '--json'], 'error: list takes no arguments\n'],
      [['mac', '-'], 'error: mac takes no arguments\n'],
      [['harden', '--', '--all'], "error: '--all' is not a valid application name"],
    ] as const) {
      const r = await confine(env, [...args]);
      expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code: 2, stdout: '' });
      if (message.endsWith('\n')) expect(r.stderr).toBe(message);
      else expect(r.stderr).toContain(message);
    }
  });

  it('applies repeated change options in the order given, as flatpak override does', async () => {
    const effective: string[] = [];
    for (const order of [
      ['--socket=x11', '--nosocket=x11', '--nofilesystem=home', '--filesystem=home:ro'],
      ['--nosocket=x11', '--socket=x11', '--filesystem=home:ro', '--nofilesystem=home'],
    ]) {
      const theirs = await workspace();
      const ours = await workspace();
      expect((await flatpak(theirs, ['override', '--user', ...order, APP])).code).toBe(0);
      const r = await confine(ours, ['override', APP, ...order]);
      expect(r.code, r.stderr).toBe(0);
      const show = async (env: Record<string, string>): Promise<string> => {
        const s = await flatpak(env, ['info', '--user', '--show-permissions', APP]);
        expect(s.code, s.stderr).toBe(0);
        return s.stdout;
      };
      const expected = await show(theirs);
      expect({ order, permissions: showReading(await show(ours)) }).toEqual({
        order,
        permissions: showReading(expected),
      });
      effective.push(expected);
    }
    // The two orders end differently, so an order lost on the way would show above.
    expect(showReading(effective[0] ?? '')).not.toEqual(showReading(effective[1] ?? ''));
  });

  it('gives each command its own help, and the version', async () => {
    const env = await workspace();
    for (const command of COMMANDS) {
      const r = await confine(env, [command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: confine ${command}\\b`));
      for (const option of OWN[command])
        if (command !== 'override' || !option.startsWith('--socket')) expect(r.stdout).toContain(option.split('=')[0]);
      expect((await confine(env, ['help', command])).stdout).toBe(r.stdout);
      // Help wins over whatever else is on the line, even an option the command does not take.
      expect(await confine(env, [command, '--socket=x11', '--jsno', '-h'])).toEqual(r);
    }
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await confine(env, ['--version'])).toEqual({ code: 0, stdout: `confine ${pkg.version}\n`, stderr: '' });
    expect(await confine(env, ['--version', '--json'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: --version takes nothing more\n',
    });
  });

  it('never writes a system tree into a kernel file system or an empty name', async () => {
    const env = await workspace();
    for (const target of ['/proc/sys/confine-test', '/sys/confine-test', '/dev/confine-test']) {
      const r = await confine(env, ['export', '--system-tree', target]);
      expect({ target, code: r.code }).toEqual({ target, code: 2 });
      expect(r.stderr).toContain('kernel file system');
    }
  });

  it('says in one line, with no stack trace, that output cannot be written to a full disk', async () => {
    const env = await workspace();
    const cli = new URL('../out/cli/confine.cjs', import.meta.url).pathname;
    const full = openSync('/dev/full', 'w');
    try {
      for (const args of [
        ['list'],
        ['list', '--json'],
        ['audit'],
        ['mac'],
        ['export'],
        ['harden', '--all', '--dry-run'],
      ]) {
        const r = spawnSync(process.execPath, [cli, ...args], {
          env,
          stdio: ['ignore', full, 'pipe'],
          timeout: 60_000,
        });
        const errors = r.stderr
          .toString()
          .split('\n')
          .filter((l) => l && !l.startsWith('warning:'));
        expect({ args, status: r.status, errors }).toEqual({
          args,
          status: 1,
          errors: ['error: cannot write the output: ENOSPC: no space left on device, write'],
        });
      }
    } finally {
      closeSync(full);
    }
  });

  it('ends quietly, with its own status, when the reader goes away first (as in confine list | head)', async () => {
    const cli = new URL('../out/cli/confine.cjs', import.meta.url).pathname;
    // --version reads nothing: the one write is what is tested, as cheaply as it can be.
    const env = { PATH: process.env.PATH ?? '', HOME: await tempDir('confine-epipe-') };
    const child = spawn(process.execPath, [cli, '--version'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed long before Node has started in the child: its one write meets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const status = await new Promise((resolve) => child.on('close', resolve));
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('hands what a non-blocking pipe cannot take now to a stream, in order, and all of it', async () => {
    // cat's stdin: the end this process writes is non-blocking, and holds 64 KiB.
    const cat = spawn('cat', [], { stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    cat.stdout.on('data', (d: Buffer) => chunks.push(d));
    const closed = new Promise((resolve) => cat.on('close', resolve));
    const fd = (cat.stdin as unknown as { _handle: { fd: number } })._handle.fd;
    const failures: string[] = [];
    let opened = 0;
    const out = new Output(
      fd,
      () => {
        opened++;
        return cat.stdin as unknown as NodeJS.WriteStream;
      },
      (e) => failures.push(String(e.code)),
    );
    // Pieces of 40 KiB with a mark each: the second no longer fits whole, and so goes in part.
    const pieces = Array.from({ length: 40 }, (_, i) => `${String(i).padStart(4, '0')}é`.repeat(8 * 1024));
    for (const piece of pieces) out.write(piece);
    await new Promise<void>((resolve, reject) => out.flush((e) => (e ? reject(e) : resolve())));
    cat.stdin.end();
    await closed;
    expect({ opened, failures }).toEqual({ opened: 1, failures: [] });
    expect(Buffer.concat(chunks).toString('utf8') === pieces.join('')).toBe(true);
  });
});
