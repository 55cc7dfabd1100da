// What a run of the built `confine` loads: each command only its own code and libraries
// (issue 19). The built CLI runs in a child process with a preload that writes down every file
// it loads (the bundle is CommonJS: what `require` loaded); each loaded chunk names the source
// modules it holds (the build is not minified), and the process's own list says which of Node's
// built-in modules it loaded.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { cacheDir } from '../electron/services/cache-dir';
import { testbed, workspace } from './helpers/testbed';
import { tempDir } from './helpers/temp';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'out/cli/confine.cjs');
const RECORDER = join(ROOT, 'test/helpers/record-loads.mjs');

interface Loads {
  /** Source modules in the chunks the run loaded, as the bundle names them. */
  readonly sources: readonly string[];
  /** The chunk files, by name. */
  readonly files: readonly string[];
  /** Node's built-in modules the run loaded (`child_process`, `zlib`, …). */
  readonly builtins: readonly string[];
  /** formatjs.cjs, the CLI's formatjs, when it was loaded: when a message needs it. */
  readonly required: readonly string[];
}

/** What a run of the CLI loads; `status` is the exit status it must end with. */
async function loads(env: Record<string, string>, args: readonly string[], status = 0): Promise<Loads> {
  const dir = await tempDir('confine-loads-');
  const record = join(dir, 'record.json');
  try {
    const code = await run(process.execPath, ['--import', pathToFileURL(RECORDER).href, CLI, ...args], {
      env: { ...env, CONFINE_RECORD_LOADS: record },
      maxBuffer: 64 * 1024 * 1024,
    }).then(
      () => 0,
      (e: { code?: unknown }) => e.code,
    );
    expect(code).toBe(status);
    const lines = (await readFile(record, 'utf8')).split('\n');
    const field = (kind: string) => lines.filter((l) => l.startsWith(`${kind} `)).map((l) => l.slice(kind.length + 1));
    const [files, builtins, required] = [field('file'), field('builtin'), field('cjs')];
    const bundle = join(ROOT, 'out/cli');
    // The main file may show both ways: the module hook sees it, and it is in require's cache.
    const chunks = [
      ...new Set([
        ...files.filter((f) => f.startsWith(pathToFileURL(bundle).href)),
        ...required
          .filter((f) => f.startsWith(bundle + '/') && !f.endsWith(FORMATJS))
          .map((f) => pathToFileURL(f).href),
      ]),
    ];
    const sources = new Set<string>();
    for (const url of chunks)
      for (const m of (await readFile(fileURLToPath(url), 'utf8')).matchAll(/^\/\/ (\S+\.(?:[cm]?js|tsx?|json))$/gm))
        if (m[1]) sources.add(m[1]);
    const name = (f: string) => f.slice(f.lastIndexOf('/') + 1);
    return {
      sources: [...sources],
      files: chunks.map(name),
      builtins,
      required: required.map(name).filter((n) => n === FORMATJS),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What only some commands need, by the text that names each in a bundle's module paths. */
const HEAVY = {
  dbus: '@particle/dbus-next/',
  zod: 'zod/',
  // The AppStream reader, with the XML parser bundled into its chunk.
  xml: 'shared/appstream/component.ts',
  ipcContract: 'shared/ipc/',
  transfer: 'electron/services/transfer.ts',
  system: 'electron/services/system.ts',
  // The hardening tables: the presets' rules (with Flathub's exceptions), the audit's rules, the
  // capabilities. Only their names are in the option table; the tables come with their commands.
  presets: 'shared/hardening/presets.ts',
  flathub: 'shared/hardening/flathub.ts',
  auditRules: 'shared/hardening/audit-rules.ts',
  capabilities: 'shared/hardening/capabilities.ts',
  // A translation catalog: JSON is English in every language.
  catalogs: 'shared/i18n/catalogs/',
  // The write path: reading a change option, the edit rules, the writer of overrides, the atomic
  // writes. A command that only reads (list, show) never compiles them.
  changeParser: 'shared/flatpak/override-args.ts',
  editRules: 'shared/flatpak/edit.ts',
  overrideWriter: 'electron/services/override-write.ts',
  fileWriters: 'electron/services/files.ts',
};
/** Writes a context into a keyfile: for a write, and for the keyfile `show` prints; not for list. */
const KEYFILE_WRITER = 'shared/flatpak/write.ts';
const WRITE_PATH = [HEAVY.changeParser, HEAVY.editRules, KEYFILE_WRITER, HEAVY.overrideWriter, HEAVY.fileWriters];
const named = (l: Loads, text: string) => l.sources.filter((s) => s.includes(text));
/** formatjs, built beside the CLI and loaded with require when a message first needs it. */
const FORMATJS = 'formatjs.cjs';

describe('the built CLI loads only what its command uses', () => {
  let env: Record<string, string>;
  const app = testbed().apps[0]?.id ?? '';

  beforeAll(async () => {
    if (!existsSync(CLI)) await run('npm', ['run', 'build:cli'], { cwd: ROOT });
    env = await workspace();
  }, 120_000);

  it('--version loads the one start file and none of the command modules', async () => {
    const l = await loads(env, ['--version']);
    // With the bundler's helpers, which the CommonJS build keeps in a file of their own.
    expect(l.files.filter((f) => !/^rolldown-runtime-[\w-]+\.cjs$/.test(f))).toEqual(['confine.cjs']);
    expect(l.files).toHaveLength(2);
    for (const text of Object.values(HEAVY)) expect(named(l, text)).toEqual([]);
    expect(l.required).toEqual([]);
  });

  it('list --json on a filled cache loads no D-Bus client, schemas, XML parser, zlib, child_process or crypto', async () => {
    // The first run fills the description cache, and so needs the XML parser: the hook sees it.
    const cold = await loads(env, ['list', '--json']);
    expect(named(cold, HEAVY.xml).length).toBeGreaterThan(0);
    expect(cold.builtins).toContain('zlib');
    const warm = await loads(env, ['list', '--json']);
    expect(named(warm, 'electron/cli/commands/list.ts')).toHaveLength(1);
    for (const text of Object.values(HEAVY)) expect(named(warm, text)).toEqual([]);
    expect(named(warm, KEYFILE_WRITER)).toEqual([]);
    expect(warm.builtins).not.toContain('zlib');
    expect(warm.builtins).not.toContain('child_process');
    // Writing nothing, it needs no random names for temporary files.
    expect(warm.builtins).not.toContain('crypto');
  });

  it("list --json as users start it, to a pipe, on a filled cache, loads neither node:v8, Node's streams nor fs/promises", async () => {
    // bin/confine.js with its code cache, as the other tests here do not: the start file's
    // engine tag and the output's direct writes (electron/cli/stdio.ts) keep these out, ~3 ms, and
    // the build's stand-in for fs/promises (electron/cli/fs-promises-lazy.ts) Node's, ~1 ms.
    const dir = await tempDir('confine-loads-');
    const record = join(dir, 'builtins.txt');
    try {
      // The cache filled first (a first run reads the AppStream files, and zlib loads streams).
      await run(process.execPath, [join(ROOT, 'bin/confine.js'), 'list', '--json'], { env, maxBuffer: 64 << 20 });
      const { stdout } = await run(
        process.execPath,
        ['--require', join(ROOT, 'test/helpers/record-builtins.cjs'), join(ROOT, 'bin/confine.js'), 'list', '--json'],
        { env: { ...env, CONFINE_RECORD_BUILTINS: record }, maxBuffer: 64 * 1024 * 1024 },
      );
      expect((JSON.parse(stdout) as { apps: unknown[] }).apps.length).toBeGreaterThan(0);
      const builtins = (await readFile(record, 'utf8')).split('\n').filter(Boolean);
      // What it does load, so that an empty record (a preload that saw nothing) cannot pass.
      expect(builtins).toContain('vm');
      for (const heavy of ['v8', 'stream', 'net', 'tty', 'fs/promises']) expect(builtins).not.toContain(heavy);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is built in ASCII alone: V8 would keep the sources at two bytes a character', async () => {
    const bundle = join(ROOT, 'out/cli');
    const files = (await readdir(bundle)).filter((f) => f.endsWith('.cjs'));
    expect(files).toContain('confine.cjs');
    for (const f of files) {
      const bytes = await readFile(join(bundle, f));
      expect({ f, at: bytes.findIndex((b) => b > 0x7f) }).toEqual({ f, at: -1 });
    }
  });

  it('show loads its own module and none of the others', async () => {
    const l = await loads(env, ['show', app]);
    expect(named(l, 'electron/cli/commands/')).toEqual(['electron/cli/commands/show.ts']);
    for (const text of Object.values(HEAVY)) expect(named(l, text)).toEqual([]);
    expect(l.builtins).not.toContain('crypto');
  });

  it('audit, which reads portal grants, does load the D-Bus client', async () => {
    const l = await loads(env, ['audit', '--json']);
    expect(named(l, HEAVY.dbus).length).toBeGreaterThan(0);
    expect(named(l, HEAVY.xml)).toEqual([]);
  });

  it('list --json in German loads no catalog (nor anything else above)', async () => {
    const json = await loads({ ...env, LC_ALL: 'de_DE.UTF-8' }, ['list', '--json']);
    for (const text of Object.values(HEAVY)) expect(named(json, text)).toEqual([]);
    // The same run as text reads the German catalog: the check above can see one. (After audit:
    // then the description cache holds German descriptions, and audit would parse XML again.)
    expect(named(await loads({ ...env, LC_ALL: 'de_DE.UTF-8' }, ['list']), HEAVY.catalogs)).toEqual([
      'shared/i18n/catalogs/de.json',
    ]);
  });

  it('loads formatjs only for a message that needs more than plain placeholders', async () => {
    // "show does not take --can (list does)": a plural, which only formatjs puts into words.
    const icu = await loads(env, ['show', '--can', 'network', app], 2);
    expect(icu.required).toEqual([FORMATJS]);
    // None of these puts such a message into words, and none loads it.
    for (const args of [['list', '--json'], ['list'], ['show', app]])
      expect({ args, required: (await loads(env, args)).required }).toEqual({ args, required: [] });
  });

  it('override, which writes, loads the write path that list and show leave out', async () => {
    // Last: it changes the app's override. The checks above could see each module it loads.
    const l = await loads(env, ['override', app, '--nosocket=x11']);
    for (const text of WRITE_PATH) expect({ text, named: named(l, text) }).toEqual({ text, named: [text] });
  });
});

/** The code cache's files of a run (electron/cli/start.ts): name, inode and mode of each. */
async function codeCache(env: Record<string, string>): Promise<{ folder: string; files: Map<string, Stats> }> {
  const folders = (await readdir(cacheDir(env))).filter((n) => n.startsWith('code-'));
  expect(folders).toHaveLength(1);
  const folder = join(cacheDir(env), folders[0] ?? '');
  const files = new Map<string, Stats>();
  for (const name of await readdir(folder)) files.set(name, await stat(join(folder, name)));
  return { folder, files };
}

describe('bin/confine.js, the command as users start it', () => {
  const BIN = join(ROOT, 'bin/confine.js');
  let env: Record<string, string>;

  beforeAll(async () => {
    if (!existsSync(CLI)) await run('npm', ['run', 'build:cli'], { cwd: ROOT });
    env = await workspace();
  }, 120_000);

  it('keeps the code V8 compiled, takes it back next run, and takes none that others could write', async () => {
    const list = async () =>
      (await run(process.execPath, [BIN, 'list', '--json'], { env, maxBuffer: 64 << 20 })).stdout;
    // The bundle run as it is, without the cache: what every run must print.
    const plain = (await run(process.execPath, [CLI, 'list', '--json'], { env, maxBuffer: 64 << 20 })).stdout;
    expect(await list()).toBe(plain);
    const first = await codeCache(env);
    expect((await stat(first.folder)).mode & 0o777).toBe(0o700);
    const main = join(first.folder, 'list.confine.cjs');
    const kept = first.files.get('list.confine.cjs');
    expect(kept?.mode && kept.mode & 0o777).toBe(0o600);
    for (const [name, s] of first.files) expect({ name, mode: s.mode & 0o777 }).toEqual({ name, mode: 0o600 });

    // Taken back: V8 accepts it, and a cache it accepts is not written again (the same file).
    expect(await list()).toBe(plain);
    expect((await stat(main)).ino).toBe(kept?.ino);

    // One V8 rejects (its first bytes changed in place) is replaced. The write clears away the
    // code of other builds, not that of another V8 (runs may alternate between two Nodes).
    const bytes = await readFile(main);
    bytes.writeUInt32LE(bytes.readUInt32LE(0) ^ 0xffffffff, 0);
    await writeFile(main, bytes);
    const bundle = basename(first.folder).split('-')[1] ?? '';
    const otherBuild = join(cacheDir(env), 'code-0000000000000000-1');
    const otherV8 = join(cacheDir(env), `code-${bundle}-1`);
    for (const f of [otherBuild, otherV8]) await mkdir(f, { mode: 0o700 });
    expect(await list()).toBe(plain);
    const replaced = await stat(main);
    expect(replaced.ino).not.toBe(kept?.ino);
    expect([existsSync(otherBuild), existsSync(otherV8)]).toEqual([false, true]);
    await rm(otherV8, { recursive: true });

    // One that others can write is not read (it is replaced by the run's own, 0600).
    await chmod(main, 0o666);
    expect(await list()).toBe(plain);
    const again = await stat(main);
    expect(again.ino).not.toBe(replaced.ino);
    expect(again.mode & 0o777).toBe(0o600);

    // Nothing in a folder others can write is used, nor written: a damaged cache there would
    // otherwise be read, rejected and replaced.
    await writeFile(main, bytes);
    await chmod(first.folder, 0o777);
    try {
      expect(await list()).toBe(plain);
      expect((await stat(main)).ino).toBe(again.ino);
    } finally {
      await chmod(first.folder, 0o700);
    }
  });
});
