// Builds, offline, a real Flatpak installation of N small apps (and K of them also installed
// system-wide) inside one folder, with every Flatpak and XDG directory pointed into it. Nothing
// outside the folder is read or written. A second call with the same arguments reuses the build
// and only clears what tests change (override files, the permission store, ~/.var).

import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, chmod, copyFile, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { testbedApps, type TestbedApp } from './apps';
import { iconPng } from './png';

const run = promisify(execFile);
const FORMAT = 3;
const BUSYBOX = '/bin/busybox';
const REMOTE = 'testbed';
const RUNTIME = 'org.confine.TestPlatform';
const RUNTIME_BRANCH = '1';
const APP_BRANCH = 'stable';
// A fixed commit time makes the commits reproducible.
const TIMESTAMP = '2024-01-01T00:00:00Z';

export interface TestbedOptions {
  readonly dir: string;
  /** How many of the synthetic apps, or the apps themselves (the real-app corpus). */
  readonly apps: number | readonly TestbedApp[];
  /** Puts a static shell (Debian's busybox-static) into every runtime, so apps can be run. */
  readonly shell?: boolean;
  /** Apps 1..systemApps are also installed into the (hermetic) system installation. */
  readonly systemApps?: number;
  readonly force?: boolean;
  readonly log?: (line: string) => void;
}

export interface Testbed {
  readonly dir: string;
  readonly env: Readonly<Record<string, string>>;
  readonly apps: readonly TestbedApp[];
  readonly systemAppIds: readonly string[];
  readonly arch: string;
  readonly userDir: string;
  readonly systemDir: string;
}

/** The environment that keeps Flatpak, GLib and XDG inside `dir`. */
export function hermeticEnv(dir: string): Record<string, string> {
  const home = join(dir, 'home');
  return {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    LC_ALL: 'C.UTF-8',
    HOME: home,
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_STATE_HOME: join(home, '.local/state'),
    XDG_RUNTIME_DIR: join(dir, 'xdg-runtime'),
    FLATPAK_USER_DIR: join(home, '.local/share/flatpak'),
    FLATPAK_SYSTEM_DIR: join(dir, 'system'),
    FLATPAK_SYSTEM_CACHE_DIR: join(dir, 'system-cache'),
    FLATPAK_CONFIG_DIR: join(dir, 'etc-flatpak'),
    FLATPAK_RUN_DIR: join(dir, 'run-flatpak'),
    FLATPAK_FANCY_OUTPUT: '0',
  };
}

async function sourceHash(apps: readonly TestbedApp[], shell: boolean): Promise<string> {
  const h = createHash('sha256');
  for (const f of ['apps.ts', 'build.ts', 'png.ts'])
    h.update(await readFile(fileURLToPath(new URL(f, import.meta.url))));
  h.update(JSON.stringify(apps));
  if (shell || apps.some((a) => a.runtime?.shell)) h.update(await readFile(BUSYBOX));
  return h.digest('hex').slice(0, 16);
}

/** The runtime an app is built against: its own (as named in its manifest) or the test platform. */
function runtimeOf(app: TestbedApp): { id: string; branch: string; shell?: boolean } {
  return app.runtime ?? { id: RUNTIME, branch: RUNTIME_BRANCH };
}

function desktopEntry(app: TestbedApp, command: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${app.name}`,
    `Name[de]=${app.name} (de)`,
    `Comment=${app.summary}`,
    `Exec=${command}`,
    `Icon=${app.id}`,
    'Terminal=false',
    `Categories=${app.categories.join(';')};`,
    '',
  ].join('\n');
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function appstream(app: TestbedApp): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<components version="0.8" origin="${REMOTE}">
  <component type="desktop-application">
    <id>${app.id}</id>
    <name>${xml(app.name)}</name>
    <summary>${xml(app.summary)}</summary>
    <project_license>MIT</project_license>
    <developer_name>${xml(app.developer)}</developer_name>
    <icon type="cached" width="64" height="64">${app.id}.png</icon>
    <launchable type="desktop-id">${app.id}.desktop</launchable>
    <categories>${app.categories.map((c) => `<category>${c}</category>`).join('')}</categories>
    <releases><release version="${app.version}" timestamp="1704067200"/></releases>
    <content_rating type="oars-1.1"/>
  </component>
</components>
`;
}

function metainfo(app: TestbedApp): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<component type="desktop-application">
  <id>${app.id}</id>
  <metadata_license>CC0-1.0</metadata_license>
  <project_license>MIT</project_license>
  <name>${xml(app.name)}</name>
  <summary>${xml(app.summary)}</summary>
  <description><p>A tiny app of Confine's test bed (profile: ${app.profile}).</p></description>
  <launchable type="desktop-id">${app.id}.desktop</launchable>
  <developer_name>${xml(app.developer)}</developer_name>
  <releases><release version="${app.version}" date="2024-01-01"/></releases>
  <content_rating type="oars-1.1"/>
</component>
`;
}

class Builder {
  constructor(
    readonly dir: string,
    readonly env: Record<string, string>,
    readonly logFile: string,
  ) {}

  async flatpak(args: readonly string[], extraEnv: Record<string, string> = {}): Promise<string> {
    return this.tool('flatpak', args, extraEnv);
  }

  async tool(cmd: string, args: readonly string[], extraEnv: Record<string, string> = {}): Promise<string> {
    try {
      const { stdout, stderr } = await run(cmd, [...args], {
        env: { ...this.env, ...extraEnv },
        maxBuffer: 64 * 1024 * 1024,
      });
      await appendFile(this.logFile, `$ ${cmd} ${args.join(' ')}\n${stdout}${stderr}`);
      return stdout;
    } catch (e) {
      const err = e as { stderr?: string; message: string };
      await appendFile(this.logFile, `$ ${cmd} ${args.join(' ')}\nFAILED: ${err.message}\n`);
      throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} … failed: ${err.stderr?.trim() || err.message}`, {
        cause: e,
      });
    }
  }
}

async function buildApp(
  b: Builder,
  app: TestbedApp,
  buildRoot: string,
  repo: string,
  timestamp = TIMESTAMP,
): Promise<void> {
  const d = join(buildRoot, app.id);
  const command = `testbed-app-${app.index}`;
  const share = join(d, 'files/share');
  await mkdir(join(d, 'files/bin'), { recursive: true });
  for (const sub of [
    'applications',
    'icons/hicolor/64x64/apps',
    'metainfo',
    'app-info/xmls',
    'app-info/icons/flatpak/64x64',
  ]) {
    await mkdir(join(share, sub), { recursive: true });
  }
  // Identical to what `flatpak build-init` writes; build-init itself wants the SDK installed.
  const rt = runtimeOf(app);
  const runtimeRef = `${rt.id}/${b.env.ARCH}/${rt.branch}`;
  await writeFile(join(d, 'metadata'), `[Application]\nname=${app.id}\nruntime=${runtimeRef}\nsdk=${runtimeRef}\n`);
  await writeFile(join(d, 'files/bin', command), `#!/bin/sh\necho "Hello from ${app.id} ($FLATPAK_ID)"\n`, {
    mode: 0o755,
  });
  await writeFile(join(share, 'applications', `${app.id}.desktop`), desktopEntry(app, command));
  const png = iconPng(app.color);
  await writeFile(join(share, 'icons/hicolor/64x64/apps', `${app.id}.png`), png);
  await writeFile(join(share, 'app-info/icons/flatpak/64x64', `${app.id}.png`), png);
  await writeFile(join(share, 'metainfo', `${app.id}.metainfo.xml`), metainfo(app));
  // Deploying reads the name, summary and version shown by `flatpak list` from this file.
  await writeFile(join(share, 'app-info/xmls', `${app.id}.xml.gz`), gzipSync(appstream(app)));
  await b.flatpak(['build-finish', `--command=${command}`, ...app.finishArgs, d]);
  if (app.appendMetadata) await appendFile(join(d, 'metadata'), app.appendMetadata);
  await b.flatpak([
    'build-export',
    '--no-update-summary',
    '--disable-sandbox',
    '--disable-fsync',
    `--timestamp=${timestamp}`,
    `--subject=Test bed app ${app.id}`,
    repo,
    d,
    APP_BRANCH,
  ]);
  await rm(d, { recursive: true, force: true });
}

/**
 * A runtime named as the app's own (org.gnome.Platform, org.kde.Platform, …), so what Confine
 * reads from an app's metadata is what it would read on a real machine. With `shell`, it holds
 * a static busybox as /usr/bin/sh, enough for a probe inside `flatpak run`.
 */
async function buildRuntime(
  b: Builder,
  rt: { id: string; branch: string },
  runtimeDir: string,
  repo: string,
  arch: string,
  shell: boolean,
): Promise<void> {
  await mkdir(join(runtimeDir, 'usr/share/testbed'), { recursive: true });
  await mkdir(join(runtimeDir, 'files'), { recursive: true });
  await writeFile(
    join(runtimeDir, 'usr/share/testbed/README'),
    `Runtime of the Confine test bed${shell ? ', with busybox as its shell' : '; its apps are never run'}.\n`,
  );
  if (shell) {
    await mkdir(join(runtimeDir, 'usr/bin'), { recursive: true });
    await copyFile(BUSYBOX, join(runtimeDir, 'usr/bin/busybox'));
    await chmod(join(runtimeDir, 'usr/bin/busybox'), 0o755);
    await symlink('busybox', join(runtimeDir, 'usr/bin/sh'));
  }
  const runtimeRef = `${rt.id}/${arch}/${rt.branch}`;
  await writeFile(join(runtimeDir, 'metadata'), `[Runtime]\nname=${rt.id}\nruntime=${runtimeRef}\nsdk=${runtimeRef}\n`);
  await b.flatpak([
    'build-export',
    '--runtime',
    '--no-update-summary',
    '--disable-sandbox',
    '--disable-fsync',
    `--timestamp=${TIMESTAMP}`,
    '--subject=Test bed runtime',
    repo,
    runtimeDir,
    rt.branch,
  ]);
}

async function hasTool(name: string): Promise<boolean> {
  try {
    await run('sh', ['-c', 'command -v "$1"', 'sh', name]);
    return true;
  } catch {
    return false;
  }
}

/** Installing an app as non-root runs a parental-controls check that needs some system bus;
 *  a private bus without the accounts service makes Flatpak skip it. Root skips it anyway. */
async function withPrivateSystemBus<T>(fn: (env: Record<string, string>) => Promise<T>): Promise<T> {
  if (process.getuid?.() === 0 || !(await hasTool('dbus-daemon'))) return fn({});
  const daemon = spawn('dbus-daemon', ['--session', '--nofork', '--nopidfile', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  try {
    const address = await new Promise<string>((resolve, reject) => {
      daemon.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()));
      daemon.once('error', reject);
    });
    return await fn({ DBUS_SYSTEM_BUS_ADDRESS: address });
  } finally {
    daemon.kill();
  }
}

async function resetMutableState(env: Record<string, string>): Promise<void> {
  for (const p of [
    join(env.FLATPAK_USER_DIR ?? '', 'overrides'),
    join(env.FLATPAK_SYSTEM_DIR ?? '', 'overrides'),
    join(env.XDG_DATA_HOME ?? '', 'flatpak/db'),
    join(env.HOME ?? '', '.var'),
  ]) {
    await rm(p, { recursive: true, force: true });
  }
}

async function installedApps(b: Builder, where: '--user' | '--system'): Promise<string[]> {
  const out = await b.flatpak(['list', where, '--app', '--columns=application']);
  return out.split('\n').filter(Boolean).sort();
}

export async function buildTestbed(options: TestbedOptions): Promise<Testbed> {
  const log = options.log ?? (() => undefined);
  const dir = options.dir;
  const apps = typeof options.apps === 'number' ? testbedApps(options.apps) : options.apps;
  const count = apps.length;
  const shell = options.shell ?? false;
  if ((shell || apps.some((a) => a.runtime?.shell)) && !existsSync(BUSYBOX))
    throw new Error(`a test bed with a shell needs ${BUSYBOX} (Debian's busybox-static)`);
  const systemCount = Math.min(options.systemApps ?? 0, count);
  if (count < 1) throw new Error('the test bed needs at least one app');
  await mkdir(dir, { recursive: true });
  const initial = await readdir(dir);
  if (initial.length > 0 && !initial.includes('.confine-testbed'))
    throw new Error(`refusing to use ${dir}: it is not empty and was not made by the test bed builder`);
  const stampFile = join(dir, '.confine-testbed');
  // Marked as the builder's before anything else lands in it, so a build that is stopped
  // half-way is rebuilt by the next run rather than refused as someone else's folder.
  if (initial.length === 0) await writeFile(stampFile, 'building');
  const env = hermeticEnv(dir);
  const systemAppIds = apps.slice(0, systemCount).map((a) => a.id);
  const logFile = join(dir, 'build.log');
  const b0 = new Builder(dir, env, logFile);
  const arch = (await b0.flatpak(['--default-arch'])).trim();
  const flatpakVersion = (await b0.flatpak(['--version'])).trim();
  const stamp = JSON.stringify({
    format: FORMAT,
    source: await sourceHash(apps, shell),
    count,
    systemCount,
    arch,
    flatpakVersion,
  });
  const result: Testbed = {
    dir,
    env,
    apps,
    systemAppIds,
    arch,
    userDir: env.FLATPAK_USER_DIR ?? '',
    systemDir: env.FLATPAK_SYSTEM_DIR ?? '',
  };

  if (!options.force && existsSync(stampFile) && (await readFile(stampFile, 'utf8')) === stamp) {
    await resetMutableState(env);
    const want = apps.map((a) => a.id).sort();
    if (
      JSON.stringify(await installedApps(b0, '--user')) === JSON.stringify(want) &&
      JSON.stringify(await installedApps(b0, '--system')) === JSON.stringify([...systemAppIds].sort())
    ) {
      log(`test bed in ${dir} is complete (${count} apps, ${systemCount} system-wide)`);
      return result;
    }
    log('test bed does not match its stamp; rebuilding');
  }

  await writeFile(stampFile, 'building');
  for (const e of await readdir(dir))
    if (e !== '.confine-testbed') await rm(join(dir, e), { recursive: true, force: true });

  const started = Date.now();
  for (const k of [
    'HOME',
    'XDG_DATA_HOME',
    'XDG_CONFIG_HOME',
    'XDG_CACHE_HOME',
    'XDG_STATE_HOME',
    'FLATPAK_SYSTEM_DIR',
    'FLATPAK_SYSTEM_CACHE_DIR',
    'FLATPAK_CONFIG_DIR',
    'FLATPAK_RUN_DIR',
  ]) {
    await mkdir(env[k] ?? '', { recursive: true });
  }
  await mkdir(env.XDG_RUNTIME_DIR ?? '', { recursive: true, mode: 0o700 });
  await chmod(env.XDG_RUNTIME_DIR ?? '', 0o700);
  await writeFile(logFile, '');
  const b = new Builder(dir, { ...env, ARCH: arch }, logFile);
  // Without a repo in the system installation, a non-root `flatpak list` fails.
  await b.flatpak(['--user', 'remote-list'], { FLATPAK_USER_DIR: result.systemDir });

  const repo = join(dir, 'repo');
  const buildRoot = join(dir, 'build');
  const runtimes = new Map(apps.map((a) => [`${runtimeOf(a).id}/${runtimeOf(a).branch}`, runtimeOf(a)]));
  for (const rt of runtimes.values())
    await buildRuntime(b, rt, join(buildRoot, `runtime-${rt.id}-${rt.branch}`), repo, arch, shell || rt.shell === true);

  const shards = (await hasTool('ostree')) ? Math.min(Math.max(cpus().length, 1), 8, count) : 1;
  const shardRepo = (w: number) => (shards === 1 ? repo : join(dir, `repo-shard${w}`));
  let built = 0;
  await Promise.all(
    Array.from({ length: shards }, async (_, w) => {
      for (let i = w; i < apps.length; i += shards) {
        await buildApp(b, apps[i] as TestbedApp, buildRoot, shardRepo(w));
        built++;
        if (built % 100 === 0) log(`built ${built}/${count} apps (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    }),
  );
  if (shards > 1) {
    for (let w = 0; w < shards; w++) {
      await b.tool('ostree', [`--repo=${repo}`, 'pull-local', shardRepo(w)]);
      await rm(shardRepo(w), { recursive: true, force: true });
    }
  }
  await b.flatpak(['build-update-repo', '--no-update-appstream', '--title=Confine test bed', repo]);
  await rm(buildRoot, { recursive: true, force: true });

  const noTriggers = join(dir, 'no-triggers');
  await mkdir(noTriggers, { recursive: true });
  const refs = (list: readonly TestbedApp[]) => list.map((a) => `app/${a.id}/${arch}/${APP_BRANCH}`);
  // The system installation is filled the same way as the user one, through its own directory,
  // so no root and no system helper is needed.
  const installations: [string, readonly TestbedApp[]][] = [
    [result.userDir, apps],
    [result.systemDir, apps.slice(0, systemCount)],
  ];
  await withPrivateSystemBus(async (busEnv) => {
    for (const [userDir, list] of installations) {
      if (list.length === 0) continue;
      const where = { FLATPAK_USER_DIR: userDir };
      await b.flatpak(['remote-add', '--user', '--no-gpg-verify', '--if-not-exists', REMOTE, `file://${repo}`], where);
      // Test data needs no durability; without fsync the install takes half the time.
      const configFile = join(userDir, 'repo/config');
      await writeFile(configFile, (await readFile(configFile, 'utf8')).replace(/^\[core\]$/m, '[core]\nfsync=false'));
      // Flatpak's install triggers run in bwrap and do nothing where namespaces are missing.
      await b.flatpak(['install', '--user', '-y', '--noninteractive', REMOTE, ...refs(list)], {
        ...where,
        ...busEnv,
        FLATPAK_TRIGGERSDIR: noTriggers,
      });
    }
  });

  const userApps = await installedApps(b, '--user');
  const sysApps = await installedApps(b, '--system');
  if (userApps.length !== count) throw new Error(`expected ${count} user apps, flatpak lists ${userApps.length}`);
  if (sysApps.length !== systemCount)
    throw new Error(`expected ${systemCount} system apps, flatpak lists ${sysApps.length}`);
  await resetMutableState(env);
  await writeFile(join(dir, 'apps.json'), JSON.stringify(apps, null, 1));
  await writeFile(stampFile, stamp);
  log(
    `built the test bed: ${count} apps (${systemCount} system-wide) in ${Math.round((Date.now() - started) / 100) / 10} s`,
  );
  return result;
}

/**
 * Publishes a new build of one of a test bed's apps (new permissions, say) in its repository, so
 * a real `flatpak update` finds it. The commit is dated a day after the bed's own, as Flatpak
 * refuses to update to an older commit. Only for a bed of its own: the shared one stays as built.
 */
export async function publishApp(bed: Testbed, app: TestbedApp): Promise<void> {
  const b = new Builder(bed.dir, { ...bed.env, ARCH: bed.arch }, join(bed.dir, 'build.log'));
  const buildRoot = join(bed.dir, 'build');
  await buildApp(b, app, buildRoot, join(bed.dir, 'repo'), '2024-01-02T00:00:00Z');
  await b.flatpak(['build-update-repo', '--no-update-appstream', join(bed.dir, 'repo')]);
  await rm(buildRoot, { recursive: true, force: true });
}

/**
 * A private view of a test bed for one test: its own HOME and override folders, with the
 * installed apps shared read-only through symlinks, so tests can write overrides in parallel.
 */
export async function makeWorkspace(testbed: Testbed, dir: string): Promise<Record<string, string>> {
  await rm(dir, { recursive: true, force: true });
  const env = hermeticEnv(dir);
  const userDir = env.FLATPAK_USER_DIR ?? '';
  const systemDir = env.FLATPAK_SYSTEM_DIR ?? '';
  for (const [own, shared] of [
    [userDir, testbed.userDir],
    [systemDir, testbed.systemDir],
  ] as const) {
    await mkdir(join(own, 'overrides'), { recursive: true });
    for (const part of ['app', 'runtime', 'repo', 'exports']) {
      if (existsSync(join(shared, part))) await symlink(join(shared, part), join(own, part));
    }
  }
  for (const k of [
    'XDG_CONFIG_HOME',
    'XDG_CACHE_HOME',
    'XDG_STATE_HOME',
    'FLATPAK_CONFIG_DIR',
    'FLATPAK_RUN_DIR',
    'FLATPAK_SYSTEM_CACHE_DIR',
  ]) {
    await mkdir(env[k] ?? '', { recursive: true });
  }
  await mkdir(env.XDG_RUNTIME_DIR ?? '', { recursive: true, mode: 0o700 });
  return env;
}
