// Every option belongs to its command: anything else is refused with exit 2 before anything is
// read or written, and each command has its own help.

import { spawnSync } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_SPECS, type CommandName } from '../electron/cli/options';
import { confine, workspace } from './helpers/testbed';

// Written out here, from the help the README documents, not taken from the parser's table.
const OWN: Record<CommandName, readonly string[]> = {
  list: ['--json'],
  show: ['--json', '--installation=user'],
  override: ['--user', '--reset', '--show', '--socket=x11'],
  audit: ['--json'],
  harden: ['--all', '--preset=strict', '--dry-run', '--json', '--only=network', '--skip=network'],
  export: ['--system-tree=/tmp/x'],
  import: ['--dry-run'],
  portals: ['--json', '--set=camera=deny'],
  mac: ['--json', '--root=/'],
  completion: [],
};
const EVERY = [...new Set(Object.values(OWN).flat())];
const APP = 'org.confine.Test001';

describe('command-line options', () => {
  it('refuses, with exit 2 and a word on whose option it is, every option of another command', async () => {
    const env = await workspace();
    const overrides = join(env.FLATPAK_USER_DIR ?? '', 'overrides');
    expect(Object.keys(OWN).sort()).toEqual(Object.keys(COMMAND_SPECS).sort());
    let tried = 0;
    for (const command of Object.keys(OWN) as CommandName[]) {
      for (const option of EVERY.filter((o) => !OWN[command].some((x) => x.split('=')[0] === o.split('=')[0]))) {
        const args =
          command === 'show' || command === 'portals'
            ? [command, APP, option]
            : command === 'import'
              ? [command, '/nonexistent.json', option]
              : [command, option];
        const r = await confine(env, args);
        expect({ args, code: r.code }).toEqual({ args, code: 2 });
        expect(r.stderr).toMatch(new RegExp(`${command} does not take ${option.split('=')[0]}`));
        expect(r.stdout).toBe('');
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(80);
    expect(await readdir(overrides)).toEqual([]);
  });

  it('refuses a flag with a value, a value option without one, an option given twice and an unknown one', async () => {
    const env = await workspace();
    for (const [args, message] of [
      [['list', '--json=yes'], '--json takes no value'],
      [['export', '--system-tree'], '--system-tree needs a value'],
      [['export', '--system-tree='], '--system-tree needs a value'],
      [['mac', '--json', '--json'], '--json is given twice'],
      [['list', '--jsno'], 'Unknown option --jsno'],
      [
        ['override', APP, '--filesystem=home:r0'],
        'Unexpected filesystem suffix r0: the suffixes are :ro, :rw and :create',
      ],
    ] as const) {
      const r = await confine(env, [...args]);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toContain(message);
    }
  });

  it('gives each command its own help, and the version', async () => {
    const env = await workspace();
    for (const command of Object.keys(OWN) as CommandName[]) {
      const r = await confine(env, [command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: confine ${command}\\b`));
      for (const option of OWN[command])
        if (command !== 'override' || !option.startsWith('--socket')) expect(r.stdout).toContain(option.split('=')[0]);
      expect((await confine(env, ['help', command])).stdout).toBe(r.stdout);
    }
    const v = await confine(env, ['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^confine \d+\.\d+\.\d+/);
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
    const cli = new URL('../out/cli/confine.mjs', import.meta.url).pathname;
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
});
