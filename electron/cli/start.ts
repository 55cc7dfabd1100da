// The start of the `confine` command (bin/confine.js): loads the CLI's bundle (out/cli/*.cjs)
// with V8's code cache. Compiling the 190 kB start file and the functions a run calls cost
// ~10 ms of every run (issue 19); V8 can hand back what it compiled (bytecode) and take it again
// next time, so a run after the first compiles almost nothing. Node 20 keeps no such cache of its
// own (module.enableCompileCache came with Node 22), so the bundle's files are compiled here with
// vm.Script, the cache kept in $XDG_CACHE_HOME/confine/code-BUNDLE-TAG/COMMAND.FILE.
//
// Cached code is code: it is read only from a folder (and its parent) that is this user's and
// that no one else can write, from a regular file of this user's that no one else can write,
// without following links; it is written as a new 0600 file renamed into place, in a 0700
// folder. It is kept by the bundle (a digest of its files as built, vite.cli-start.config.ts: V8
// compares a source's length, not its contents, and would take code compiled from another file
// of the same length) and by what V8's own tag is made of: its version, the flags the process was
// given and the processor (V8 checks its tag again and rejects a cache that does not fit, which is
// then written anew). One cache per command: which of the start file's functions a run compiles
// depends on its command.

import Module, { createRequire } from 'node:module';
import {
  closeSync,
  constants,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { cacheDir } from '../services/cache-dir';
import { ownFolder, readOwn } from '../services/own-files';
import type { Environment } from '../services/locations';

// Replaced by the build of start.cjs (vite.cli-start.config.ts); absent when the sources run as
// they are (the tests), and then nothing is cached.
declare const __CONFINE_BUNDLE__: string | undefined;
const BUNDLE = typeof __CONFINE_BUNDLE__ === 'string' ? __CONFINE_BUNDLE__ : undefined;

type Loader = (module: Module, filename: string) => void;
type Wrapper = (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;

/** Node's loaders by file ending: not in its types, but the hook it has kept since its start. */
const loaders = (Module as unknown as { _extensions: Record<string, Loader | undefined> })._extensions;

/** Far above what V8 makes of the bundle's largest file (~0.4 MB). */
const MAX_CACHE = 16 * 1024 * 1024;

/**
 * A tag for the V8 that runs: its version, the processor and the flags given to Node (V8 flags
 * change what it compiles). Not node:v8's cachedDataVersionTag(): loading node:v8 loads Node's
 * streams with it, ~3 ms of a run that needs none (issue 19). V8 still checks its own tag.
 */
function engineTag(env: Environment): string {
  const text = [process.versions.v8, process.arch, ...process.execArgv, env.NODE_OPTIONS ?? ''].join('\0');
  // FNV-1a, 32 bits: a name for the folder, not a guard (node:crypto costs more to load).
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Whether the cache folder and the one it is in are this user's alone (links not followed). */
const trusted = (folder: string) => ownFolder(folder) && ownFolder(dirname(folder));

interface Pending {
  readonly script: Script;
  readonly file: string;
}

/** Writes the code V8 compiled during the run (what ran, not only the top level) for next time. */
function save(bundle: string, folder: string, pending: readonly Pending[]): void {
  if (pending.length === 0) return;
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    if (!trusted(folder)) return;
    for (const { script, file } of pending) {
      const tmp = `${file}.${process.pid}.tmp`;
      const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
      try {
        writeSync(fd, script.createCachedData());
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, file);
    }
    // Another build's code is of no more use. Another V8's is kept: runs that alternate between
    // two Nodes (or V8 flags) would otherwise each delete the other's and compile every time.
    const kept = `code-${bundle}-`;
    for (const name of readdirSync(dirname(folder)))
      if (name.startsWith('code-') && !name.startsWith(kept))
        rmSync(join(dirname(folder), name), { recursive: true, force: true });
  } catch {
    // A cache that cannot be written is not an error: the next run compiles again.
  }
}

/**
 * Runs the CLI in `dir` (out/cli) on `argv` (after `confine`). Its files are compiled with the
 * code cache when the build has stamped them; else they are loaded as usual.
 */
export function startCli(dir: string, argv: readonly string[], env: Environment): void {
  // Node 20 loads .cjs files with its .js loader; later ones have a .cjs loader of their own.
  const ending = loaders['.cjs'] ? '.cjs' : '.js';
  const plain = loaders[ending];
  if (plain && BUNDLE !== undefined) {
    const folder = join(cacheDir(env), `code-${BUNDLE}-${engineTag(env)}`);
    const first = argv[0] ?? '';
    const command = /^-{0,2}[a-z][a-z-]{0,15}$/.test(first) ? first : 'other';
    const pending: Pending[] = [];
    let readable: boolean | undefined;
    loaders[ending] = (module, filename) => {
      if (dirname(filename) !== dir || !filename.endsWith('.cjs')) return plain(module, filename);
      const source = readFileSync(filename, 'utf8');
      // A script's import() needs a loader that Node 20 gives vm only as an experiment (with a
      // warning on stderr): a file that may hold one is loaded as usual. The bundle has none
      // (Node's own modules are required), only the XML parser's comments say "import(".
      if (source.includes('import(')) return plain(module, filename);
      const file = join(folder, `${command}.${basename(filename)}`);
      readable ??= trusted(folder);
      const cachedData = readable ? readOwn(file, MAX_CACHE) : undefined;
      const script = new Script(Module.wrap(source), { filename, cachedData });
      if (cachedData === undefined || script.cachedDataRejected === true) pending.push({ script, file });
      const wrapper = script.runInThisContext() as Wrapper;
      wrapper.call(module.exports, module.exports, createRequire(filename), module, filename, dir);
    };
    process.once('exit', () => save(BUNDLE, folder, pending));
  }
  const start = join(dir, 'confine.cjs');
  createRequire(start)(start);
}
