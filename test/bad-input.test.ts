// Bad input, tried for real: malformed and non-UTF-8 override files, invalid bus names, an
// override that is a symbolic link, an overrides folder that is a link or read-only, and a
// file changed by someone else while Confine writes. Every case gets a clear error, Flatpak
// agrees where it has a say, and no file is lost or left half-written.

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { chmod, lstat, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyChange } from '../shared/flatpak/edit';
import { updateOverride } from '../electron/services/override-write';
import { confine, flatpak, workspace, type CommandResult } from './helpers/testbed';
import { tempDir } from './helpers/temp';

const APP = 'org.confine.Test003';
const OTHER = 'org.confine.Test004';
const VERSION = [1, 14, 10] as const;

const overrides = (env: Record<string, string>) => join(env.FLATPAK_USER_DIR ?? '', 'overrides');

/** The overrides folder as a map of file name to bytes, to prove nothing changed. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort())
    out[name] = (await readFile(join(dir, name)).catch(() => Buffer.from('<dir>'))).toString('base64');
  return out;
}

async function expectBothRefuse(env: Record<string, string>, app: string, message: string): Promise<void> {
  const ours = await confine(env, ['show', app]);
  const theirs = await flatpak(env, ['info', '--user', '--show-permissions', app]);
  expect(theirs.code).not.toBe(0);
  expect(ours.code).toBe(1);
  expect(ours.stderr).toContain(message);
  expect(ours.stdout).toBe('');
}

describe('malformed override files', () => {
  const cases: [string, string | Buffer, string][] = [
    [
      'a line that is not a key',
      '[Context]\ngarbage line\n',
      'Key file contains line “garbage line” which is not a key-value pair, group, or comment',
    ],
    [
      'invalid UTF-8',
      Buffer.from('[Context]\nshared=\xff;\n', 'latin1'),
      'Key file contains key “shared” with value “\ufffd;” which is not UTF-8',
    ],
    [
      'a byte order mark',
      Buffer.from('\ufeff[Context]\nshared=network;\n'),
      'Key file contains line “\ufeff[Context]” which is not a key-value pair, group, or comment',
    ],
    [
      'a NUL inside a key',
      Buffer.from('[Context]\nsha\0red=network;\n'),
      'Key file contains line “sha\ufffdred=network;” which is not a key-value pair, group, or comment',
    ],
    ['an invalid bus name', '[Session Bus Policy]\nnot a bus name=talk\n', 'Invalid dbus name not a bus name'],
    [
      'an invalid escape in a list',
      '[Context]\nfilesystems=/a\\xb;\n',
      'Key file contains key “filesystems” which has a value that cannot be interpreted.',
    ],
    ['a control character in a path', '[Context]\nfilesystems=/a\\tb;\n', 'Non-graphical character \\x09 in path'],
  ];

  for (const [what, content, message] of cases) {
    it(`reports ${what} for that app only, like Flatpak, and never rewrites it`, async () => {
      const env = await workspace();
      const file = join(overrides(env), APP);
      await writeFile(file, content);
      const before = await snapshot(overrides(env));

      await expectBothRefuse(env, APP, message);
      const other = await confine(env, ['show', OTHER]);
      expect(other.code).toBe(0);

      const list = await confine(env, ['list', '--json']);
      expect(list.code).toBe(0);
      const apps = (JSON.parse(list.stdout) as { apps: { id: string; error?: string; permissions: unknown }[] }).apps;
      expect(apps.find((a) => a.id === APP)?.error).toContain(message);
      expect(apps.filter((a) => a.error).map((a) => a.id)).toEqual([APP]);

      const edit = await confine(env, ['override', '--socket=x11', APP]);
      expect(edit.code).toBe(1);
      expect(edit.stderr).toContain('reset it');
      expect(await snapshot(overrides(env))).toEqual(before);

      expect((await confine(env, ['override', '--reset', APP])).code).toBe(0);
      expect(await readdir(overrides(env))).toEqual([]);
      expect((await confine(env, ['show', APP])).code).toBe(0);
    });
  }

  it('stops every app when the global override is malformed, as Flatpak does', async () => {
    const env = await workspace();
    await writeFile(join(overrides(env), 'global'), 'garbage line\n');
    await expectBothRefuse(env, APP, 'garbage line');
    await expectBothRefuse(env, OTHER, 'garbage line');
    const edit = await confine(env, ['override', '--socket=x11', APP]);
    expect(edit.code).toBe(1);
    expect(edit.stderr).toContain('global');
    expect(await readdir(overrides(env))).toEqual(['global']);
  });
});

describe('unsafe places', () => {
  it('reads an override through a symbolic link, as Flatpak does, but never writes through it', async () => {
    const env = await workspace();
    const target = join(env.HOME ?? '', 'elsewhere');
    await writeFile(target, '[Context]\nsockets=!x11;\n');
    await symlink(target, join(overrides(env), APP));
    const ours = await confine(env, ['show', APP]);
    const theirs = await flatpak(env, ['info', '--user', '--show-permissions', APP]);
    expect(ours.stdout).toBe(theirs.stdout);
    const edit = await confine(env, ['override', '--socket=wayland', APP]);
    expect(edit.code).toBe(1);
    expect(edit.stderr).toContain('symbolic link');
    expect(await readFile(target, 'utf8')).toBe('[Context]\nsockets=!x11;\n');
    expect((await readdir(overrides(env))).length).toBe(1);
  });

  it('writes through an overrides folder that is a symbolic link, as flatpak does', async () => {
    const env = await workspace();
    const real = join(env.HOME ?? '', 'real-overrides');
    await mkdir(real);
    await rm(overrides(env), { recursive: true });
    await symlink(real, overrides(env));
    const theirs = await flatpak(env, ['override', '--user', '--nosocket=x11', OTHER]);
    expect(theirs.code).toBe(0);
    const edit = await confine(env, ['override', '--socket=wayland', APP]);
    expect(edit.code).toBe(0);
    // Both wrote into the linked folder, which is still a link.
    expect((await lstat(overrides(env))).isSymbolicLink()).toBe(true);
    expect((await readdir(real)).sort()).toEqual([APP, OTHER].sort());
    const shown = await flatpak(env, ['info', '--show-permissions', APP]);
    expect(shown.stdout).toMatch(/sockets=.*wayland/);
  });

  it('says so plainly when the overrides folder is read-only, and leaves it as it was', async () => {
    // Run the real command as an unprivileged user, so file permissions apply even under root.
    const dir = await tempDir('confine-ro-');
    const userDir = join(dir, 'flatpak');
    const ovr = join(userDir, 'overrides');
    await mkdir(ovr, { recursive: true });
    await writeFile(join(ovr, 'global'), '[Context]\nsockets=!x11;\n');
    await chmod(ovr, 0o555);
    await chmod(dir, 0o755);
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
      FLATPAK_USER_DIR: userDir,
      FLATPAK_SYSTEM_DIR: join(dir, 'system'),
      FLATPAK_CONFIG_DIR: join(dir, 'etc'),
    };
    const r = await runBuiltCli(['override', '--socket=wayland'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('permission denied');
    expect(await readdir(ovr)).toEqual(['global']);
    expect(await readFile(join(ovr, 'global'), 'utf8')).toBe('[Context]\nsockets=!x11;\n');
  });
});

function runBuiltCli(args: readonly string[], env: Record<string, string>): Promise<CommandResult> {
  const cli = new URL('../out/cli/confine.cjs', import.meta.url).pathname;
  const asRoot = process.getuid?.() === 0;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env, ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

describe('a file changed by someone else', () => {
  it('is read again and the edit re-applied, never overwritten blind', async () => {
    const dir = await tempDir('confine-race-');
    const path = join(dir, 'overrides', 'global');
    await mkdir(join(dir, 'overrides'));
    await writeFile(path, '[Context]\nshared=!network;\n');
    let attempts = 0;
    const change = await updateOverride(path, VERSION, (layer) => {
      attempts++;
      // The first time, another program changes the file between Confine's read and its write.
      if (attempts === 1) writeFileSync(path, '[Context]\nshared=!network;\n# added by hand\ndevices=!all;\n');
      return applyChange(layer, { kind: 'features', name: 'devel', value: false });
    });
    expect(attempts).toBe(2);
    expect(change.changed).toBe(true);
    expect(await readFile(path, 'utf8')).toBe(
      '[Context]\nshared=!network;\n# added by hand\ndevices=!all;\nfeatures=!devel;\n',
    );
    expect(await readdir(join(dir, 'overrides'))).toEqual(['global']);
  });
});
