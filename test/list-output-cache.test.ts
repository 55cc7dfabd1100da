// `confine list --json` prints its last output again when nothing it is made from changed
// (electron/services/list-output.ts). Each test first proves the kept output is used (a planted
// text is printed in its place), then changes one input the way users and Flatpak change it and
// checks that the next run prints exactly what a run without any cache prints: never the planted
// text, so never a stale list.

import {
  chmod,
  chown,
  cp,
  mkdir,
  readFile,
  readdir,
  readlink,
  realpath,
  rename,
  rm,
  stat,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FlatpakCore } from '../electron/services/core';
import { sourceStamp } from '../scripts/source-stamp';
import { confine, flatpak, testbed, workspace } from './helpers/testbed';
import { tempDir } from './helpers/temp';
import type { Testbed } from '../e2e/testbed/build';

/** A user ID that is not the one running the tests. */
const OTHER_UID = (process.getuid?.() ?? 0) + 4242;

const PLANTED = '"planted by the test"\n';

const keptFile = (env: Record<string, string>) => join(env.XDG_CACHE_HOME ?? '', 'confine', 'list-output');

/** The kept file's header (the lengths of the inputs' text and of the output), the text and the output. */
async function keptParts(env: Record<string, string>): Promise<{ head: string; text: Buffer; output: Buffer }> {
  const bytes = await readFile(keptFile(env));
  const end = bytes.indexOf(10);
  const m = /^(.* )(\d+) (\d+)$/.exec(bytes.toString('latin1', 0, end));
  const length = Number(m?.[2]);
  expect(Number.isSafeInteger(length)).toBe(true);
  expect(Number(m?.[3])).toBe(bytes.length - end - 1 - length);
  return {
    head: `${m?.[1]}${length}`,
    text: bytes.subarray(end + 1, end + 1 + length),
    output: bytes.subarray(end + 1 + length),
  };
}

/** Replaces the kept output (not the inputs it is kept by) with PLANTED. */
async function plant(env: Record<string, string>): Promise<void> {
  const { head, text } = await keptParts(env);
  const planted = Buffer.from(PLANTED);
  await writeFile(keptFile(env), Buffer.concat([Buffer.from(`${head} ${planted.length}\n`), text, planted]));
}

async function listJson(env: Record<string, string>): Promise<string> {
  const r = await confine(env, ['list', '--json']);
  expect(r.code).toBe(0);
  return r.stdout;
}

/** What a run with an empty cache prints. */
async function uncached(env: Record<string, string>): Promise<string> {
  return listJson({ ...env, XDG_CACHE_HOME: await tempDir('confine-nocache-') });
}

/** Plants, checks that the kept output is in use, changes something, and compares. */
async function afterChange(env: Record<string, string>, change: () => Promise<void>): Promise<string> {
  await listJson(env);
  await plant(env);
  expect(await listJson(env)).toBe(PLANTED);
  await change();
  const out = await listJson(env);
  expect(out).not.toBe(PLANTED);
  expect(out).toBe(await uncached(env));
  return out;
}

const overridesOf = (env: Record<string, string>, scope: 'user' | 'system') =>
  join((scope === 'user' ? env.FLATPAK_USER_DIR : env.FLATPAK_SYSTEM_DIR) ?? '', 'overrides');

/** The workspace's own user app folder, each app a link into the shared test bed but `except`,
 *  so that apps can come and go here without touching the bed the other tests read. */
async function ownAppFolder(env: Record<string, string>, bed: Testbed, except: readonly string[]): Promise<string> {
  const apps = join(env.FLATPAK_USER_DIR ?? '', 'app');
  await rm(apps);
  await mkdir(apps);
  for (const id of await readdir(join(bed.userDir, 'app')))
    if (!except.includes(id)) await symlink(join(bed.userDir, 'app', id), join(apps, id));
  return apps;
}

describe('the kept output of list --json', () => {
  it('is what a run without a cache prints, and is used while nothing changes', async () => {
    const env = await workspace();
    const first = await listJson(env);
    expect(first).toBe(await uncached(env));
    expect((await stat(keptFile(env))).mode & 0o777).toBe(0o600);
    expect(await listJson(env)).toBe(first);
    await plant(env);
    expect(await listJson(env)).toBe(PLANTED);
  });

  it('is not used after an override changes in place to the same size and time', async () => {
    const env = await workspace();
    const app = testbed().apps[0]?.id ?? '';
    const file = join(overridesOf(env, 'user'), app);
    await writeFile(file, '[Context]\nshared=network;\n');
    const before = await afterChange(env, async () => {
      const { mtime } = await stat(file);
      // Same length, same modification time: only the bytes tell.
      await writeFile(file, '[Context]\nshared=!network\n');
      await utimes(file, mtime, mtime);
    });
    const row = (JSON.parse(before) as { apps: { id: string; permissions: unknown }[] }).apps.find((a) => a.id === app);
    expect(JSON.stringify(row?.permissions)).toContain('{"name":"network","allowed":false,"source":"user-app"}');
  });

  it('is not used after flatpak override writes, or an override is removed, or a global one appears', async () => {
    const env = await workspace();
    const app = testbed().apps[1]?.id ?? '';
    await afterChange(env, async () => {
      const r = await flatpak(env, ['override', '--user', '--nofilesystem=home', app]);
      expect(r.code).toBe(0);
    });
    await afterChange(env, () => rm(join(overridesOf(env, 'user'), app)));
    await afterChange(env, () => writeFile(join(overridesOf(env, 'user'), 'global'), '[Context]\nsockets=!x11;\n'));
    // Broken: the apps' permissions become errors, kept like any other output.
    await afterChange(env, () => writeFile(join(overridesOf(env, 'user'), 'global'), '[Context\n'));
  });

  it('is not used after a system-wide override changes what a system app may do', async () => {
    const bed = testbed();
    const env = await workspace(bed);
    const app = bed.systemAppIds[0] ?? '';
    expect(app).not.toBe('');
    // Not in the user installation here, which Flatpak would pick first (and then the system's
    // overrides do not apply, nor change the list).
    await ownAppFolder(env, bed, [app]);
    await afterChange(env, () => writeFile(join(overridesOf(env, 'system'), 'global'), '[Context]\nshared=!ipc;\n'));
    await afterChange(env, () => writeFile(join(overridesOf(env, 'system'), app), '[Context]\nfilesystems=home;\n'));
  });

  it('is not used after an app is installed, updated or removed, or an installation is added', async () => {
    const bed = testbed();
    const env = await workspace(bed);
    const ids = (await readdir(join(bed.userDir, 'app'))).sort();
    const [a, b, c] = ids;
    if (a === undefined || b === undefined || c === undefined) throw new Error('the test bed has too few apps');
    const apps = await ownAppFolder(env, bed, [a]);
    // Installed.
    await afterChange(env, () => symlink(join(bed.userDir, 'app', a), join(apps, a)));
    // Updated: `active` names another commit, whose files are another app's (other metadata).
    await afterChange(env, async () => {
      const [arch, branch] = (await readlink(join(bed.userDir, 'app', b, 'current'))).split('/');
      const theirs = join(bed.userDir, 'app', c, arch ?? '', branch ?? '');
      const own = join(apps, b);
      await rm(own);
      await mkdir(join(own, arch ?? '', branch ?? ''), { recursive: true });
      await symlink(`${arch}/${branch}`, join(own, 'current'));
      const commit = 'f'.repeat(64);
      await symlink(join(theirs, await readlink(join(theirs, 'active'))), join(own, arch ?? '', branch ?? '', commit));
      await symlink(commit, join(own, arch ?? '', branch ?? '', 'active'));
    });
    // Reinstalled (`flatpak install --reinstall`): the same commit deployed anew, in a new folder
    // (a new time: when the deployment was made).
    await afterChange(env, async () => {
      const branch = join(apps, b, await readlink(join(apps, b, 'current')));
      const deployed = join(branch, await readlink(join(branch, 'active')));
      const from = await realpath(deployed);
      await rm(deployed);
      await cp(from, deployed, { recursive: true });
      const later = new Date((await stat(from)).mtimeMs + 60_000);
      await utimes(deployed, later, later);
    });
    // Removed.
    await afterChange(env, () => rm(join(apps, c)));
    // A custom installation, configured the way administrators do it.
    await afterChange(env, async () => {
      const custom = join(env.HOME ?? '', 'custom');
      await mkdir(custom);
      await symlink(join(bed.systemDir, 'app'), join(custom, 'app'));
      await mkdir(join(env.FLATPAK_CONFIG_DIR ?? '', 'installations.d'), { recursive: true });
      await writeFile(
        join(env.FLATPAK_CONFIG_DIR ?? '', 'installations.d', 'extra.conf'),
        `[Installation "extra"]\nPath=${custom}\nDisplayName=Extra\n`,
      );
    });
  });

  it('is not kept when an app’s metadata cannot be read, nor used by another build of the file', async () => {
    const bed = testbed();
    const env = await workspace(bed);
    const id = (await readdir(join(bed.userDir, 'app'))).sort()[0] ?? '';
    const apps = await ownAppFolder(env, bed, [id]);
    // A deployment whose metadata is missing: its folder exists, under a commit's name.
    const broken = join(apps, id, bed.arch, 'stable');
    await mkdir(join(broken, 'a'.repeat(64)), { recursive: true });
    await symlink(`${bed.arch}/stable`, join(apps, id, 'current'));
    await symlink('a'.repeat(64), join(broken, 'active'));
    const out = await listJson(env);
    expect(out).toContain('No such file or directory');
    await expect(stat(keptFile(env))).rejects.toMatchObject({ code: 'ENOENT' });
    // Mended (the same commit's files put back): the list says so at once.
    await rm(join(apps, id), { recursive: true });
    await symlink(join(bed.userDir, 'app', id), join(apps, id));
    expect(await listJson(env)).toBe(await uncached(env));
    // The app's own commit, its folder gone (what was kept of the commit then answers for it, not
    // its files: not kept), and put back (`flatpak repair`): nothing read while it was gone is
    // used for the same commit afterwards, even on a first run.
    const branch = join(bed.userDir, 'app', id, bed.arch, 'stable');
    const commit = await readlink(join(branch, 'active'));
    await rm(join(apps, id));
    await mkdir(broken, { recursive: true });
    await symlink(`${bed.arch}/stable`, join(apps, id, 'current'));
    await symlink(commit, join(broken, 'active'));
    await rm(keptFile(env));
    await listJson(env);
    await expect(stat(keptFile(env))).rejects.toMatchObject({ code: 'ENOENT' });
    const first = { ...env, XDG_CACHE_HOME: await tempDir('confine-first-') };
    expect(await listJson(first)).toContain('No such file or directory');
    await symlink(join(branch, commit), join(broken, commit));
    expect(await listJson(env)).toBe(await uncached(env));
    expect(await listJson(first)).toBe(await uncached(env));
    // A file that is not one of these, or damaged, is not used and is replaced.
    for (const damaged of [
      '',
      'confine-list-output 1 99999999\n{}',
      'something else\n',
      'confine-list-output 1 -1\n',
    ]) {
      await writeFile(keptFile(env), damaged);
      expect(await listJson(env)).toBe(await uncached(env));
    }
    // Its inputs whole but its output cut short or grown (a write the system lost the end of, a
    // copy of the home that stopped midway): not used either.
    const { head, text, output } = await keptParts(env);
    for (const damaged of [output.subarray(0, output.length - 20), Buffer.concat([output, Buffer.from('\n')])]) {
      await writeFile(keptFile(env), Buffer.concat([Buffer.from(`${head} ${output.length}\n`), text, damaged]));
      expect(await listJson(env)).toBe(await uncached(env));
    }
  });

  it('is not used once PATH leads to another flatpak, though its file has the same size and time', async () => {
    // As a store's links do (Nix, Guix: every file's time is the same, and a wrapper script
    // names a path of the same length): `flatpak` on PATH is the same link, to another program.
    const env = await workspace();
    const bin = await tempDir('confine-bin-');
    const program = async (version: string) => {
      const file = join(bin, version, 'flatpak');
      await mkdir(join(bin, version));
      await writeFile(file, `#!/bin/sh\necho "Flatpak ${version}"\n`, { mode: 0o755 });
      await utimes(file, 1, 1);
      return file;
    };
    const [older, newer] = [await program('1.14.10'), await program('1.16.10')];
    await symlink(older, join(bin, 'flatpak'));
    const out = await afterChange({ ...env, PATH: `${bin}:${env.PATH ?? ''}` }, async () => {
      await rm(join(bin, 'flatpak'));
      await symlink(newer, join(bin, 'flatpak'));
    });
    expect(out).toContain('"flatpakVersion": "1.16.10"');
  });

  it('is kept by a build stamp that changes with the libraries the build bundles', async () => {
    // The stamp (in the inputs' text, and what the catalogue is kept by) of a tree of sources: the
    // XML parser that reads AppStream, say, comes from the lock file's versions, not from shared/.
    const root = await tempDir('confine-stamp-');
    for (const dir of ['shared', 'electron']) await mkdir(join(root, dir));
    await writeFile(join(root, 'shared', 'a.ts'), 'export const a = 1;\n');
    await writeFile(join(root, 'electron', 'b.ts'), 'export const b = 2;\n');
    const lock = (version: string) =>
      writeFile(join(root, 'package-lock.json'), JSON.stringify({ packages: { 'node_modules/saxes': { version } } }));
    await lock('6.0.0');
    const before = sourceStamp(root);
    expect(sourceStamp(root)).toBe(before);
    await lock('6.0.1');
    expect(sourceStamp(root)).not.toBe(before);
  });

  it('is not used from a file or folder someone else can write, nor through a link', async () => {
    const env = await workspace();
    const first = await listJson(env);
    const folder = join(env.XDG_CACHE_HOME ?? '', 'confine');
    const elsewhere = join(await tempDir('confine-elsewhere-'), 'list-output');
    const hostile: [string, () => Promise<void>][] = [
      ['a file others may write', () => chmod(keptFile(env), 0o666)],
      ['a folder others may write', () => chmod(folder, 0o777)],
      // Another user's (CI runs as root, which may give files away; anyone else gets EPERM here).
      ['a file of another user', () => chown(keptFile(env), OTHER_UID, OTHER_UID)],
      ['a folder of another user', () => chown(folder, OTHER_UID, OTHER_UID)],
      [
        'a link to a file elsewhere',
        async () => {
          await rename(keptFile(env), elsewhere);
          await symlink(elsewhere, keptFile(env));
        },
      ],
    ];
    for (const [what, make] of hostile) {
      await listJson(env);
      await plant(env);
      expect(await listJson(env), what).toBe(PLANTED);
      await make();
      expect(await listJson(env), what).toBe(first);
      // Back as Confine makes them, for the next case.
      await rm(keptFile(env));
      await chmod(folder, 0o700);
      await chown(folder, process.getuid?.() ?? 0, process.getgid?.() ?? 0);
    }
  });

  it('is not made from another commit than the one its inputs name, when an update lands during the run', async () => {
    const bed = testbed();
    const env = await workspace(bed);
    const [, b, c] = (await readdir(join(bed.userDir, 'app'))).sort();
    if (b === undefined || c === undefined) throw new Error('the test bed has too few apps');
    const apps = await ownAppFolder(env, bed, [b]);
    // b deployed with two commits at hand: its own, and one whose files are c's (other metadata,
    // other name), as after `flatpak update` and before the old deployment is removed.
    const [arch, branch] = (await readlink(join(bed.userDir, 'app', b, 'current'))).split('/');
    const at = (id: string) => join(bed.userDir, 'app', id, arch ?? '', branch ?? '');
    const own = join(apps, b, arch ?? '', branch ?? '');
    await mkdir(own, { recursive: true });
    await symlink(`${arch}/${branch}`, join(apps, b, 'current'));
    const old = await readlink(join(at(b), 'active'));
    const next = 'e'.repeat(64);
    await symlink(join(at(b), old), join(own, old));
    await symlink(join(at(c), await readlink(join(at(c), 'active'))), join(own, next));
    const activate = async (commit: string) => {
      await rm(join(own, 'active'), { force: true });
      await symlink(commit, join(own, 'active'));
    };
    await activate(old);
    // The update makes the new commit active after the run has found the old one, before it
    // reads the files.
    let raced = false;
    const racing = vi.spyOn(FlatpakCore.prototype, 'readInputs').mockImplementationOnce(async function (
      this: FlatpakCore,
    ) {
      // The method itself again, for this call's inputs.
      racing.mockRestore();
      const inputs = await this.readInputs();
      return {
        ...inputs,
        read: async () => {
          await activate(next);
          raced = true;
          return inputs.read();
        },
      };
    });
    try {
      await listJson(env);
    } finally {
      racing.mockRestore();
    }
    expect(raced).toBe(true);
    // Rolled back (`flatpak update --commit=` the old one): the list is the old commit's again.
    await activate(old);
    expect(await listJson(env)).toBe(await uncached(env));
  });
});
