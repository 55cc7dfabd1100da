// `confine completion SHELL` run in the shells themselves: bash's completion function called as
// bash calls it, fish's own `complete -C`, zsh loading the script through compinit. The expected
// words are the ones README.md documents, not read from the option tables.

import { execFile } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { confine, testbed, workspace } from './helpers/testbed';
import { tempDir } from './helpers/temp';

const CLI = fileURLToPath(new URL('../bin/confine.js', import.meta.url));
const APPS = testbed().apps.map((a) => a.id);

let env: Record<string, string>;
const scripts: Record<string, string> = {};

function run(cmd: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, [...args], { env }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  env = await workspace();
  const dir = await tempDir('confine-completion-');
  // The built command under its own name on PATH, as an installed confine is.
  await mkdir(join(dir, 'bin'));
  await symlink(CLI, join(dir, 'bin', 'confine'));
  env = { ...env, PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}` };
  for (const shell of ['bash', 'zsh', 'fish']) {
    const r = await confine(env, ['completion', shell]);
    expect(r.code, r.stderr).toBe(0);
    scripts[shell] = join(dir, `confine.${shell}`);
    await writeFile(scripts[shell], r.stdout);
  }
});

/** What bash offers for the words typed so far; the last word is the one being completed. */
async function bashOffers(...words: string[]): Promise<string[]> {
  const quoted = ['confine', ...words].map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = await run('bash', [
    '-c',
    `source '${scripts.bash}' && COMP_WORDS=(${quoted}) && COMP_CWORD=${words.length} && _confine && printf '%s\\n' "\${COMPREPLY[@]}"`,
  ]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean).sort();
}

describe('bash', () => {
  it('completes commands, each command’s own options and the values the tables know', async () => {
    expect(await bashOffers('')).toEqual(
      expect.arrayContaining([
        'list',
        'show',
        'override',
        'audit',
        'harden',
        'export',
        'import',
        'portals',
        'mac',
        'help',
        'completion',
        '--version',
        '--help',
      ]),
    );
    expect(await bashOffers('ha')).toEqual(['harden']);
    expect(await bashOffers('mac', '--')).toEqual(['--help', '--json', '--root']);
    expect(await bashOffers('harden', '--pr')).toEqual(['--preset']);
    expect(await bashOffers('list', '--pr')).toEqual([]);
    expect(await bashOffers('harden', '--preset', '')).toEqual(['offline', 'recommended', 'strict']);
    expect(await bashOffers('harden', '--preset=st')).toEqual(['--preset=strict']);
    // bash splits --socket=way at the = (COMP_WORDBREAKS), and after it.
    expect(await bashOffers('override', APPS[0] ?? '', '--socket', '=', 'way')).toEqual(['wayland']);
    expect(await bashOffers('override', APPS[0] ?? '', '--nosocket', '=')).toEqual(
      expect.arrayContaining(['x11', 'wayland', 'pulseaudio']),
    );
    expect(await bashOffers('harden', '--only=network,dev')).toEqual([
      '--only=network,devel',
      '--only=network,device-all',
    ]);
    expect(await bashOffers('list', '--can=network,ca')).toEqual(['--can=network,camera']);
    expect(await bashOffers('list', '--can', 'session')).toEqual(['session-bus']);
    expect(await bashOffers('portals', 'org.x', '--set', 'cam')).toEqual([
      'camera=allow',
      'camera=deny',
      'camera=unset',
    ]);
    expect(await bashOffers('completion', '')).toEqual(['bash', 'fish', 'zsh']);
    expect(await bashOffers('help', 'ex')).toEqual(['export']);
  });

  it('completes app IDs from confine list, and files for import', async () => {
    expect(APPS.length).toBeGreaterThan(1);
    expect(await bashOffers('show', '')).toEqual([...APPS].sort());
    const prefix = APPS[0]?.slice(0, -1) ?? '';
    expect(await bashOffers('portals', prefix)).toEqual(APPS.filter((a) => a.startsWith(prefix)).sort());
    expect(await bashOffers('import', scripts.bash?.slice(0, -3) ?? '')).toEqual([scripts.bash]);
  });
});

describe('fish', () => {
  const offers = async (line: string) => {
    const r = await run('fish', ['--no-config', '-c', `source '${scripts.fish}'; complete -C '${line}'`]);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')[0])
      .sort();
  };

  it('completes commands, options, values and app IDs', async () => {
    expect(await offers('confine ')).toEqual(expect.arrayContaining(['list', 'harden', 'completion', 'help']));
    expect(await offers('confine mac --')).toEqual(['--help', '--json', '--root']);
    expect(await offers('confine harden --preset ')).toEqual(['offline', 'recommended', 'strict']);
    expect(await offers('confine override --socket=way')).toEqual(['--socket=wayland']);
    expect(await offers('confine completion ')).toEqual(['bash', 'fish', 'zsh']);
    expect(await offers('confine show ')).toEqual([...APPS].sort());
  });
});

describe('zsh', () => {
  it('is valid zsh, and compinit takes it as the completion of confine', async () => {
    expect((await run('zsh', ['-n', scripts.zsh ?? ''])).code).toBe(0);
    const r = await run('zsh', [
      '-f',
      '-c',
      `autoload -U compinit && compinit -u -D && source '${scripts.zsh}' && print -r -- "\${_comps[confine]}"`,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('_confine');
  });
});
