// A backup must bring back every override exactly: export, wipe, import, and both the files and
// what the real flatpak makes of them are as they were, hostile files included.

import { chmod, lstat, mkdir, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confine, flatpak, testbed, workspace } from './helpers/testbed';
import { tempDir } from './helpers/temp';

type Entry = { link: string } | { mode: number; bytes: string };

/** Every entry of a folder as it is: a link's target, or a file's mode and bytes. */
async function exactly(dir: string): Promise<Record<string, Entry>> {
  const out: Record<string, Entry> = {};
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    const st = await lstat(path);
    out[name] = st.isSymbolicLink()
      ? { link: await readlink(path) }
      : { mode: st.mode & 0o7777, bytes: (await readFile(path)).toString('base64') };
  }
  return out;
}

async function permissions(
  env: Record<string, string>,
  ids: readonly string[],
  scope: '--user' | '--system',
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const id of ids) {
    const r = await flatpak(env, ['info', scope, '--show-permissions', id]);
    out[id] = { code: r.code, stdout: r.stdout, stderr: r.stderr.replace(/\/tmp\/[^ ]+/g, 'PATH') };
  }
  return out;
}

describe('export and import', () => {
  it('bring back every override byte for byte, with its mode and links, and flatpak reads them as before', async () => {
    const env = await workspace();
    const bed = testbed();
    const userIds = bed.apps.map((a) => a.id).filter((id) => !bed.systemAppIds.includes(id));
    const [plain, bom, comment, nul, linked] = userIds;
    const systemApp = bed.systemAppIds[0];
    if (!plain || !bom || !comment || !nul || !linked || !systemApp) throw new Error('the test bed has too few apps');
    const user = join(env.FLATPAK_USER_DIR ?? '', 'overrides');
    const system = join(env.FLATPAK_SYSTEM_DIR ?? '', 'overrides');

    expect((await flatpak(env, ['override', '--user', '--unshare=network', plain])).code).toBe(0);
    expect((await flatpak(env, ['override', '--user', '--nosocket=x11'])).code).toBe(0);
    expect((await flatpak(env, ['override', '--system', '--nofilesystem=home', systemApp])).code).toBe(0);
    // Flatpak refuses a BOM and a NUL inside a key; it reads invalid UTF-8 in a comment.
    await writeFile(join(user, bom), Buffer.from('\ufeff[Context]\nshared=!network;\n'));
    await writeFile(join(user, nul), Buffer.from('[Context]\nsha\0red=!network;\n'));
    await writeFile(join(user, comment), Buffer.from('# r\xe9sum\xe9\n[Context]\nshared=!network;\n', 'latin1'), {
      mode: 0o600,
    });
    await chmod(join(user, comment), 0o600);
    const dotfiles = join(env.HOME ?? '', 'dotfiles');
    await mkdir(dotfiles);
    await writeFile(join(dotfiles, linked), '[Context]\nsockets=!wayland;\n');
    await symlink(join(dotfiles, linked), join(user, linked));

    const files = { user: await exactly(user), system: await exactly(system) };
    expect(Object.keys(files.user).sort()).toEqual([bom, comment, 'global', linked, nul, plain].sort());
    const seen = {
      user: await permissions(env, userIds, '--user'),
      system: await permissions(env, bed.systemAppIds, '--system'),
    };

    const out = await tempDir('confine-backup-');
    const exported = await confine(env, ['export', join(out, 'all.json')]);
    expect(exported.stderr).toContain(`${bom} is exported as it is, though Flatpak refuses it`);
    expect(exported.stderr).toContain(`${nul} is exported as it is, though Flatpak refuses it`);
    expect(exported.code).toBe(0);

    await rm(user, { recursive: true });
    await rm(system, { recursive: true });
    await mkdir(user);
    const imported = await confine(env, ['import', join(out, 'all.json')]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    for (const name of [plain, bom, comment, nul, linked, 'global'])
      expect(imported.stdout).toMatch(new RegExp(`^created\\t${name.replace(/\./g, '\\.')}\\b`, 'm'));
    expect(imported.stdout).toContain(`created\t${systemApp} (system)`);
    expect(imported.stdout).toContain(`a link to ${join(dotfiles, linked)}`);

    expect({ user: await exactly(user), system: await exactly(system) }).toEqual(files);
    expect({
      user: await permissions(env, userIds, '--user'),
      system: await permissions(env, bed.systemAppIds, '--system'),
    }).toEqual(seen);

    const again = await confine(env, ['import', join(out, 'all.json')]);
    expect(again.code).toBe(0);
    expect(
      again.stdout
        .split('\n')
        .filter(Boolean)
        .every((l) => l.startsWith('unchanged\t')),
    ).toBe(true);
  });

  it('says which files it could not write, and exits 1', async () => {
    const env = await workspace();
    const app = testbed().apps[0]?.id ?? '';
    expect((await flatpak(env, ['override', '--user', '--unshare=network', app])).code).toBe(0);
    const out = await tempDir('confine-backup-');
    expect((await confine(env, ['export', join(out, 'all.json')])).code).toBe(0);
    // Where the overrides folder should be there is a file: nothing can be written.
    const user = join(env.FLATPAK_USER_DIR ?? '', 'overrides');
    await rm(user, { recursive: true });
    await writeFile(user, 'not a folder');
    const imported = await confine(env, ['import', join(out, 'all.json')]);
    expect(imported.code).toBe(1);
    expect(imported.stdout).not.toContain('created');
    expect(imported.stderr).toContain(`error: ${app}:`);
  });
});
