// Overrides that are not files: a pipe, a link to /dev/zero, a file far too large, a link
// loop. Every command must come back, saying which file it could not read, instead of waiting
// on the pipe forever or reading gigabytes (each run below is bounded by the test's timeout).

import { execFile } from 'node:child_process';
import { symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readOverride } from '../electron/services/overrides';
import { DEFAULT_FLATPAK_VERSION } from '../shared/flatpak/version';
import { tempDir } from './helpers/temp';
import { confine, testbed, workspace } from './helpers/testbed';

const run = promisify(execFile);
const app = testbed().apps[2]?.id ?? '';

const CASES: readonly [string, (path: string) => Promise<void>, RegExp][] = [
  ['a pipe', (p) => run('mkfifo', [p]).then(() => undefined), /is a pipe; Confine reads only regular files/],
  ['a link to /dev/zero', (p) => symlink('/dev/zero', p), /is a device; Confine reads only regular files/],
  [
    'a file of 80 MB',
    async (p) => {
      await writeFile(p, '');
      await truncate(p, 80 * 1024 * 1024);
    },
    /more than the \d+ Confine reads/,
  ],
  [
    'a link loop',
    async (p) => {
      await symlink(`${p}.b`, p);
      await symlink(p, `${p}.b`);
    },
    /ELOOP|too many (levels of )?symbolic links/i,
  ],
];

describe('an override behind a symbolic link', () => {
  it('is read through it and marked as a link; a plain file is not; a dangling link is no file', async () => {
    const dir = await tempDir('confine-link-');
    const file = join(dir, 'org.example.File');
    await writeFile(file, '[Context]\nshared=network;\n');
    await symlink(file, join(dir, 'org.example.Link'));
    await symlink(join(dir, 'gone'), join(dir, 'org.example.Dangling'));
    const read = async (name: string) => {
      const r = await readOverride(join(dir, name), DEFAULT_FLATPAK_VERSION);
      return { state: r.state, symlink: 'symlink' in r ? r.symlink : undefined };
    };
    expect(await read('org.example.File')).toEqual({ state: 'ok', symlink: false });
    expect(await read('org.example.Link')).toEqual({ state: 'ok', symlink: true });
    expect(await read('org.example.Dangling')).toEqual({ state: 'missing', symlink: undefined });
  });
});

describe('overrides that are not regular files', () => {
  for (const [name, make, message] of CASES) {
    it(`${name}: every command comes back and names the file`, async () => {
      const env = await workspace();
      const file = join(env.FLATPAK_USER_DIR ?? '', 'overrides', app);
      await make(file);
      // The file is left out, with a warning that says why.
      const show = await confine(env, ['show', app]);
      expect(show.stderr).toMatch(message);
      expect(show.stderr).toContain(file);
      expect(show.stderr).toContain('Confine leaves it out');
      for (const args of [
        ['list', '--json'],
        ['audit', '--json'],
        ['harden', app, '--dry-run'],
      ]) {
        const r = await confine(env, args);
        expect({ args, mentions: (r.stdout + r.stderr).includes(app) }).toEqual({ args, mentions: true });
      }
      // An export keeps a link as a link, never what it leads to; anything else it cannot read
      // it names, and says by its exit status that the backup is not whole.
      const exported = await confine(env, ['export']);
      if (name.includes('link')) {
        expect(exported.code).toBe(0);
        const entry = (
          JSON.parse(exported.stdout) as { overrides: { app: string; link?: string; bytes?: string }[] }
        ).overrides.find((o) => o.app === app);
        expect(entry?.link).toMatch(/^\/dev\/zero$|\.b$/);
        expect(entry?.bytes).toBeUndefined();
      } else {
        expect(exported.code).toBe(1);
        expect(exported.stderr).toContain(`warning: left out ${file}: `);
      }
      const write = await confine(env, ['override', app, '--share=network']);
      expect(write.code).not.toBe(0);
      expect(write.stderr).toMatch(/error: /);
    }, 30_000);
  }

  it('a link to /etc/passwd is exported as a link, never copied; the system tree leaves it out', async () => {
    const env = await workspace();
    await symlink('/etc/passwd', join(env.FLATPAK_USER_DIR ?? '', 'overrides', app));
    const r = await confine(env, ['export']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('root:');
    expect(r.stdout).not.toContain(Buffer.from('root:').toString('base64').slice(0, 6));
    const entry = (JSON.parse(r.stdout) as { overrides: { app: string; link?: string }[] }).overrides.find(
      (o) => o.app === app,
    );
    expect(entry?.link).toBe('/etc/passwd');
    // Meant for every machine, as root: no link goes there.
    const tree = await confine(env, ['export', '--system-tree', join(env.HOME ?? '', 'fleet')]);
    expect(tree.code).toBe(1);
    expect(tree.stderr).toContain(`${app}: a symbolic link to /etc/passwd; Confine does not follow links into exports`);
  });
});
