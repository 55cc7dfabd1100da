// Confine inside its own Flatpak, for real: a runtime carrying the `node` that runs the tests
// (copied in with the libraries `ldd` names, as the test bed's runtimes carry busybox), an app
// dev.confine.Confine holding the built CLI bundle, finished with the manifest's finish-args and
// installed into a test bed beside ordinary apps.
//
// The finish-args name the real places: xdg-data/flatpak and /var/lib/flatpak, and host-etc for
// /etc/flatpak/installations.d. A test bed's system installation and configuration live in a
// temporary folder, which those arguments would not reach. Rather than rewrite an argument, every
// command (Confine outside, Confine inside, flatpak itself) runs in a private mount namespace in
// which the bed's system installation is mounted at /var/lib/flatpak and its configuration at
// /etc/flatpak, with FLATPAK_SYSTEM_DIR and FLATPAK_CONFIG_DIR unset: flatpak and Confine find
// them where they would on a user's machine, and the finish-args stay exactly the manifest's.
// The machine's own /var/lib/flatpak and /etc are neither read nor changed: a missing mount
// point is made in a throw-away overlay that only the namespace sees.

import { execFile } from 'node:child_process';
import { chmod, copyFile, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildTestbed, hermeticEnv, type Testbed } from '../../e2e/testbed/build';

const run = promisify(execFile);

export const CONFINE_ID = 'dev.confine.Confine';
export const MANIFEST = fileURLToPath(new URL('../../packaging/flatpak/dev.confine.Confine.yml', import.meta.url));
export const CLI_BUNDLE = fileURLToPath(new URL('../../out/cli/confine.cjs', import.meta.url));
export const NATIVE_ADDON = fileURLToPath(
  new URL('../../electron/native/build/Release/confine_fs.node', import.meta.url),
);
const NODE_RUNTIME = 'org.confine.NodePlatform';
const NODE_BRANCH = '1';
const REMOTE = 'confine-test';
/** Where the bundle and the native module sit in /app, in the layout native.ts looks in. */
const APP_BUNDLE = '/app/lib/confine/out/cli/confine.cjs';
const APP_ADDON = '/app/lib/confine/electron/native/build/Release/confine_fs.node';

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The manifest as flatpak-builder reads it (its JSON on stdout), not a copy of its lines. */
export async function manifestFinishArgs(dir: string): Promise<{ id: string; finishArgs: string[] }> {
  // flatpak-builder keeps its state in .flatpak-builder of the folder it runs in.
  const { stdout } = await run('flatpak-builder', ['--show-manifest', MANIFEST], {
    cwd: dir,
    env: hermeticEnv(dir),
    maxBuffer: 16 * 1024 * 1024,
  });
  const json = JSON.parse(stdout) as { id?: unknown; 'app-id'?: unknown; 'finish-args'?: unknown };
  const id = json.id ?? json['app-id'];
  const args = json['finish-args'];
  if (typeof id !== 'string' || !Array.isArray(args) || !args.every((a): a is string => typeof a === 'string')) {
    throw new Error(`flatpak-builder --show-manifest ${MANIFEST} gave no app ID or finish-args`);
  }
  return { id, finishArgs: args };
}

/** The files `ldd` says a program loads, as absolute paths (the vDSO has none). */
async function librariesOf(binary: string): Promise<string[]> {
  const { stdout } = await run('ldd', [binary]);
  const paths: string[] = [];
  for (const line of stdout.split('\n')) {
    const m = /(?:=>\s*)?(\/\S+)\s+\(0x[0-9a-f]+\)/.exec(line);
    if (m?.[1]) paths.push(m[1]);
  }
  return paths;
}

/** A library's place in the runtime: Flatpak mounts the runtime at /usr and links /lib, /lib64 to it. */
const inRuntime = (usr: string, path: string) => join(usr, path.startsWith('/usr/') ? path.slice(5) : path);

async function copyLibraries(binary: string, usr: string): Promise<void> {
  for (const lib of await librariesOf(binary)) {
    const target = inRuntime(usr, lib);
    await mkdir(dirname(target), { recursive: true });
    // copyFile follows links, so each name ldd gave holds the library itself.
    await copyFile(lib, target);
  }
}

export interface SelfSandbox {
  readonly bed: Testbed;
  readonly dir: string;
  /** The environment of every command: the bed's, without FLATPAK_USER_DIR, FLATPAK_SYSTEM_DIR
   *  and FLATPAK_CONFIG_DIR, so each installation is found where a desktop has it. */
  readonly env: Record<string, string>;
  readonly finishArgs: readonly string[];
  /** Runs a program in the namespace where the bed is at /var/lib/flatpak and /etc/flatpak. */
  exec(program: string, args: readonly string[], env?: Record<string, string>): Promise<CommandResult>;
  /** `confine ARGS` inside Confine's Flatpak. */
  inside(args: readonly string[], env?: Record<string, string>): Promise<CommandResult>;
  /** `confine ARGS` outside: plain node on the same bundle. */
  outside(args: readonly string[], env?: Record<string, string>): Promise<CommandResult>;
  flatpak(args: readonly string[], env?: Record<string, string>): Promise<CommandResult>;
}

// Mounts SOURCE on TARGET; a TARGET that does not exist is made in an overlay of its parent,
// on a tmpfs of the test's own, so nothing is created on the machine.
const NAMESPACE_SETUP = String.raw`
set -e
place() {
  if [ ! -d "$2" ]; then
    parent=$(dirname "$2")
    mkdir -p "$3" && mount -t tmpfs tmpfs "$3" && mkdir "$3/upper" "$3/work"
    mount -t overlay overlay -o "lowerdir=$parent,upperdir=$3/upper,workdir=$3/work" "$parent"
    mkdir "$2"
  fi
  mount --bind "$1" "$2"
}
place "$BED_SYSTEM" /var/lib/flatpak "$BED_SCRATCH/var-lib"
place "$BED_CONFIG" /etc/flatpak "$BED_SCRATCH/etc"
unset BED_SYSTEM BED_CONFIG BED_SCRATCH
exec "$@"
`;

export async function buildSelfSandbox(options: {
  dir: string;
  finishArgs: readonly string[];
  apps: number;
  systemApps: number;
  log?: (line: string) => void;
}): Promise<SelfSandbox> {
  const { dir, finishArgs } = options;
  const bed = await buildTestbed({
    dir: join(dir, 'bed'),
    apps: options.apps,
    systemApps: options.systemApps,
    ...(options.log ? { log: options.log } : {}),
  });
  const buildEnv = { ...bed.env };
  const tool = async (cmd: string, args: readonly string[], extra: Record<string, string> = {}) => {
    try {
      return (await run(cmd, [...args], { env: { ...buildEnv, ...extra }, maxBuffer: 64 * 1024 * 1024 })).stdout;
    } catch (e) {
      throw new Error(
        `${cmd} ${args.slice(0, 3).join(' ')} … failed: ${(e as { stderr?: string }).stderr ?? (e as Error).message}`,
        { cause: e },
      );
    }
  };
  // A repository of its own, uncompressed: node is 100 MB, which an archive repository (the
  // test bed's) spends ten seconds compressing for an install that unpacks it at once.
  const repo = join(dir, 'confine-repo');
  await tool('ostree', ['init', `--repo=${repo}`, '--mode=bare-user-only']);
  const exportArgs = ['--no-update-summary', '--disable-sandbox', '--disable-fsync'];

  const runtimeDir = join(dir, 'build/runtime');
  const usr = join(runtimeDir, 'usr');
  await mkdir(join(usr, 'bin'), { recursive: true });
  // build-export checks that the folder was set up as build-init would, `files` included.
  await mkdir(join(runtimeDir, 'files'), { recursive: true });
  await copyFile(process.execPath, join(usr, 'bin/node'));
  await chmod(join(usr, 'bin/node'), 0o755);
  // The native module is loaded by that node, so its libraries must be there too.
  for (const program of [process.execPath, NATIVE_ADDON]) await copyLibraries(program, usr);
  const runtimeRef = `${NODE_RUNTIME}/${bed.arch}/${NODE_BRANCH}`;
  await writeFile(
    join(runtimeDir, 'metadata'),
    `[Runtime]\nname=${NODE_RUNTIME}\nruntime=${runtimeRef}\nsdk=${runtimeRef}\n`,
  );
  await tool('flatpak', [
    'build-export',
    '--runtime',
    ...exportArgs,
    '--subject=Node for Confine',
    repo,
    runtimeDir,
    NODE_BRANCH,
  ]);

  const appDir = join(dir, 'build/app');
  const files = join(appDir, 'files');
  await mkdir(join(files, 'bin'), { recursive: true });
  await writeFile(
    join(appDir, 'metadata'),
    `[Application]\nname=${CONFINE_ID}\nruntime=${runtimeRef}\nsdk=${runtimeRef}\n`,
  );
  // A launcher that needs no shell: the runtime has only node.
  await writeFile(join(files, 'bin/confine'), `#!/usr/bin/node\nimport(${JSON.stringify(APP_BUNDLE)});\n`, {
    mode: 0o755,
  });
  const inApp = (path: string) => join(files, path.slice('/app/'.length));
  // The bundle's whole folder: confine.cjs loads the modules of each command from beside it.
  await cp(dirname(CLI_BUNDLE), dirname(inApp(APP_BUNDLE)), { recursive: true });
  await mkdir(dirname(inApp(APP_ADDON)), { recursive: true });
  await copyFile(NATIVE_ADDON, inApp(APP_ADDON));
  await tool('flatpak', ['build-finish', '--command=confine', ...finishArgs, appDir]);
  await tool('flatpak', ['build-export', ...exportArgs, '--subject=Confine', repo, appDir, 'stable']);
  await tool('flatpak', ['build-update-repo', '--no-update-appstream', repo]);
  const inUser = { FLATPAK_USER_DIR: bed.userDir, FLATPAK_TRIGGERSDIR: join(bed.dir, 'no-triggers') };
  await tool('flatpak', ['remote-add', '--user', '--no-gpg-verify', REMOTE, `file://${repo}`], inUser);
  await tool(
    'flatpak',
    [
      'install',
      '--user',
      '-y',
      '--noninteractive',
      REMOTE,
      `runtime/${runtimeRef}`,
      `app/${CONFINE_ID}/${bed.arch}/stable`,
    ],
    inUser,
  );

  const env = Object.fromEntries(
    Object.entries(bed.env).filter(
      ([k]) => !['FLATPAK_USER_DIR', 'FLATPAK_SYSTEM_DIR', 'FLATPAK_CONFIG_DIR'].includes(k),
    ),
  );
  const unshare = process.getuid?.() === 0 ? ['-m'] : ['-U', '--map-current-user', '-m'];
  const exec = (
    program: string,
    args: readonly string[],
    extra: Record<string, string> = env,
  ): Promise<CommandResult> =>
    new Promise((resolve) => {
      const nsEnv = {
        ...extra,
        BED_SYSTEM: bed.systemDir,
        BED_CONFIG: bed.env.FLATPAK_CONFIG_DIR ?? '',
        BED_SCRATCH: join(dir, 'scratch'),
      };
      execFile(
        'unshare',
        [...unshare, '--propagation', 'private', 'sh', '-c', NAMESPACE_SETUP, 'sh', program, ...args],
        { env: nsEnv, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 },
        (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
        },
      );
    });
  return {
    bed,
    dir,
    env,
    finishArgs,
    exec,
    // No FUSE here, so the document portal cannot mount; and no accessibility bus, which would
    // start at-spi on the test's bus. Confine's command line uses neither.
    inside: (args, extra = env) =>
      exec(
        'flatpak',
        ['run', '--no-documents-portal', '--no-a11y-bus', '--command=confine', CONFINE_ID, ...args],
        extra,
      ),
    outside: (args, extra = env) => exec(process.execPath, [CLI_BUNDLE, ...args], extra),
    flatpak: (args, extra = env) => exec('flatpak', args, extra),
  };
}

export async function readText(path: string): Promise<string | null> {
  return readFile(path, 'utf8').catch(() => null);
}
