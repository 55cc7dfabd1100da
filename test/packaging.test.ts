// The packaging configuration, checked offline. electron-builder validates it against its own
// schema, then runs every Linux target of `npm run dist` (AppImage, deb, rpm) around a stand-in
// Electron binary (the real one cannot be downloaded here) up to the point where it would fetch
// a packaging tool: what it has laid out by then (the app with its fuses and app.asar, each
// desktop file, what each package installs where) is checked with the freedesktop validators.
// Then the packaged app's own entry point runs the CLI as `confine list` in a package does.

import { execFile, spawn } from 'node:child_process';
import { closeSync, constants, existsSync, openSync, readSync } from 'node:fs';
import { chmod, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { Socket } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { extractAll, extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { build } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';
import { testbed, workspace } from './helpers/testbed';
import { tempDir } from './helpers/temp';

const run = promisify(execFile);
// The fuse wire stores each fuse as the character '0' (off) or '1' (on).
const FuseState = { DISABLE: '0'.charCodeAt(0), ENABLE: '1'.charCodeAt(0) };
const ROOT = new URL('..', import.meta.url).pathname;
const ICON_SIZES = [16, 24, 32, 48, 64, 96, 128, 256, 512];

/** What electron-builder hands fpm for a deb or rpm: its arguments and the desktop file it wrote. */
interface FpmPackage {
  readonly args: readonly string[];
  readonly desktop: string;
}

interface LinuxBuild {
  readonly app: string;
  readonly fpm: ReadonlyMap<string, FpmPackage>;
  readonly appImage: { readonly desktop: string; readonly desktopFileName: string } | undefined;
}

/**
 * `electron-builder --linux` with the project's configuration. effectiveOptionComputed is
 * electron-builder's own hook, called by the AppImage and fpm targets with what they computed
 * just before they run their downloaded tools; answering true ends each target there.
 */
async function buildLinux(): Promise<LinuxBuild> {
  const dir = await tempDir('confine-pack-');
  const stub = join(dir, 'electron-dist');
  await mkdir(stub);
  // A stand-in binary carrying Electron's fuse wire in its default state.
  await writeFile(join(stub, 'electron'), '#!/bin/sh\n# dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX\x01\x09101100011\n');
  await chmod(join(stub, 'electron'), 0o755);
  await writeFile(join(stub, 'LICENSE'), 'stand-in');
  await writeFile(join(stub, 'version'), 'v45.5.0');
  const out = join(dir, 'dist');
  const fpm = new Map<string, FpmPackage>();
  let appImage: LinuxBuild['appImage'];
  await build({
    projectDir: ROOT,
    linux: [],
    publish: 'never',
    config: { electronDist: stub, directories: { output: out } },
    effectiveOptionComputed: async (computed: unknown) => {
      if (Array.isArray(computed)) {
        const [args, desktopFile] = computed as [string[], string];
        const pkg = args[args.indexOf('--package') + 1] ?? '';
        // The desktop file is in a temporary folder that electron-builder removes afterwards.
        fpm.set(pkg.slice(pkg.lastIndexOf('.') + 1), { args, desktop: await readFile(desktopFile, 'utf8') });
      } else {
        appImage = computed as { desktop: string; desktopFileName: string };
      }
      return true;
    },
  });
  return { app: join(out, 'linux-unpacked'), fpm, appImage };
}

/** fpm's `source=destination` arguments: what the package installs, by installed path. */
function installs(pkg: FpmPackage): Map<string, string> {
  const mapped = pkg.args.filter((a) => !a.startsWith('-') && a.includes('=/'));
  return new Map(mapped.map((a) => [a.slice(a.indexOf('=') + 1), resolve(ROOT, a.slice(0, a.indexOf('=')))]));
}

function desktopKeys(text: string): Record<string, string> {
  const [head, ...rest] = text.split('\n').filter((l) => l !== '');
  expect(head).toBe('[Desktop Entry]');
  return Object.fromEntries(rest.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

async function tool(file: string, args: readonly string[]): Promise<{ code: number; output: string }> {
  try {
    const r = await run(file, [...args]);
    return { code: 0, output: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code?: unknown; stdout?: string; stderr?: string };
    // A missing validator is a failure, not a pass: it is in scripts/debian-packages.txt.
    if (typeof err.code !== 'number') throw e;
    return { code: err.code, output: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

describe('electron-builder configuration', () => {
  const logger = new DebugLogger(false);

  it('matches electron-builder’s schema, and a misspelt key does not', async () => {
    const real = await getConfig(ROOT, null, null);
    expect(real.appId).toBe('dev.confine.Confine');
    await expect(validateConfiguration(real, logger)).resolves.toBeUndefined();

    const text = await readFile(join(ROOT, 'electron-builder.yml'), 'utf8');
    const dir = await tempDir('confine-builder-config-');
    for (const [from, to, message] of [
      // electron-builder's message names the section, not the key, when the section may also be null.
      ['  executableName: confine', '  executablName: confine', 'configuration.linux should be one of these'],
      // A misspelt electronFuses would otherwise quietly ship Electron's default, unhardened fuses.
      ['electronFuses:', 'electronFuse:', "configuration has an unknown property 'electronFuse'"],
    ] as const) {
      expect(text).toContain(from);
      const broken = join(dir, `${to.trim().replace(/\W/g, '')}.yml`);
      await writeFile(broken, text.replace(from, to));
      await expect(validateConfiguration(await getConfig(ROOT, broken, null), logger)).rejects.toThrow(message);
    }
  });
});

describe('packaging', () => {
  let built: LinuxBuild;
  beforeAll(async () => {
    built = await buildLinux();
  }, 120_000);

  it('builds the app layout with hardened fuses and only the built files', async () => {
    const wire = await getCurrentFuseWire(join(built.app, 'confine'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    const files = listPackage(join(built.app, 'resources/app.asar'), { isPack: false }).map((f) =>
      f.replace(/\\/g, '/'),
    );
    expect(files.filter((f) => !f.startsWith('/out'))).toEqual(['/package.json']);
    expect(files).toContain('/out/main/index.js');
    expect(files).toContain('/out/preload/index.cjs');
    expect(files).toContain('/out/renderer/index.html');
    expect(files.some((f) => f.startsWith('/node_modules') || f.startsWith('/out/cli') || f.endsWith('.map'))).toBe(
      false,
    );
    expect(existsSync(join(built.app, 'resources/native/confine_fs.node'))).toBe(true);
  });

  it('writes desktop files that pass desktop-file-validate and name the binary, icon, window class and categories the package has', async () => {
    expect([...built.fpm.keys()].sort()).toEqual(['deb', 'rpm']);
    const asarPackage = JSON.parse(
      extractFile(join(built.app, 'resources/app.asar'), 'package.json').toString('utf8'),
    ) as { desktopName?: string };
    // Electron names its windows (X11 WM_CLASS, Wayland app_id) after package.json's desktopName.
    const desktopName = asarPackage.desktopName ?? '';
    expect(desktopName).toMatch(/\.desktop$/);
    const windowClass = desktopName.replace(/\.desktop$/, '');
    const metainfo = await readFile(join(ROOT, 'assets/dev.confine.Confine.metainfo.xml'), 'utf8');
    const categories = [...metainfo.matchAll(/<category>([^<]+)<\/category>/g)].map((m) => `${m[1]};`).join('');
    expect(categories).not.toBe('');

    expect(existsSync(join(built.app, 'confine'))).toBe(true);
    const dir = await tempDir('confine-desktop-');
    for (const [kind, pkg] of built.fpm) {
      const files = installs(pkg);
      expect(files.get(`/usr/share/applications/${desktopName}`), kind).toBeDefined();
      const installDir = [...files].find(([, from]) => from === built.app)?.[0];
      expect(installDir, kind).toBeDefined();
      const file = join(dir, kind, desktopName);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, pkg.desktop);
      expect(await tool('desktop-file-validate', [file])).toEqual({ code: 0, output: '' });
      const keys = desktopKeys(pkg.desktop);
      expect({ kind, exec: keys.Exec }).toEqual({ kind, exec: `${installDir}/confine %U` });
      expect({ kind, startupWMClass: keys.StartupWMClass, categories: keys.Categories }).toEqual({
        kind,
        startupWMClass: windowClass,
        categories,
      });
      const icons = [...files.keys()].filter(
        (p) => p.startsWith('/usr/share/icons/hicolor/') && p.endsWith(`/apps/${keys.Icon}.png`),
      );
      expect(icons.map((p) => p.split('/')[5]).sort()).toEqual(ICON_SIZES.map((s) => `${s}x${s}`).sort());
    }

    const appImage = built.appImage;
    expect(appImage?.desktopFileName).toBe(desktopName);
    const file = join(dir, 'AppImage', desktopName);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, appImage?.desktop ?? '');
    expect(await tool('desktop-file-validate', [file])).toEqual({ code: 0, output: '' });
    const keys = desktopKeys(appImage?.desktop ?? '');
    // AppRun adds --no-sandbox by itself only where Chromium's sandbox cannot run.
    expect(keys.Exec).toBe('AppRun %U');
    expect({ icon: keys.Icon, startupWMClass: keys.StartupWMClass, categories: keys.Categories }).toEqual({
      icon: 'confine',
      startupWMClass: windowClass,
      categories,
    });
  });

  it('ships metainfo that appstreamcli accepts, with the desktop file and icons the deb and rpm install beside it', async () => {
    for (const [kind, pkg] of built.fpm) {
      const tree = await tempDir(`confine-${kind}-tree-`);
      const files = installs(pkg);
      for (const [to, from] of files) {
        if (!to.startsWith('/usr/share/')) continue;
        await mkdir(dirname(join(tree, to)), { recursive: true });
        if (to.endsWith('.desktop')) await writeFile(join(tree, to), pkg.desktop);
        else await copyFile(from, join(tree, to));
      }
      const metainfo = join(tree, '/usr/share/metainfo/dev.confine.Confine.metainfo.xml');
      expect(existsSync(metainfo), kind).toBe(true);
      const alone = await tool('appstreamcli', ['validate', '--no-net', metainfo]);
      expect({ kind, ...alone }).toMatchObject({ kind, code: 0 });
      // The tree check also finds the desktop file the metainfo launches.
      const together = await tool('appstreamcli', ['validate-tree', '--no-net', tree]);
      expect({ kind, ...together }).toMatchObject({ kind, code: 0 });
      expect(together.output).not.toContain('desktop-file-not-found');
    }
  });

  it('runs the CLI through the packaged entry point: the same output and exit codes as the confine command', async () => {
    const unpacked = await tempDir('confine-asar-');
    extractAll(join(built.app, 'resources/app.asar'), unpacked);
    const pkg = JSON.parse(await readFile(join(unpacked, 'package.json'), 'utf8')) as { main?: string };
    expect(pkg.main).toBe('out/main/index.js');
    const entry = join(unpacked, pkg.main ?? '');
    const register = join(ROOT, 'test/helpers/packaged-electron/register.mjs');
    const packaged = (env: Record<string, string>, args: readonly string[], slowReader = false) =>
      command(
        process.execPath,
        ['--import', register, entry, ...args],
        { ...env, CONFINE_TEST_RESOURCES: join(built.app, 'resources') },
        slowReader,
      );
    const cli = (env: Record<string, string>, args: readonly string[]) =>
      command(process.execPath, [join(ROOT, 'out/cli/confine.cjs'), ...args], env);

    const app = testbed().apps[0]?.id ?? '';
    const [env, mine, theirs] = await Promise.all([workspace(), workspace(), workspace()]);
    const [listed, listedCli, bad, badCli, wrote, wroteCli] = await Promise.all([
      // app.exit ends the process at once: the output must all be out before it is called.
      packaged(env, ['list', '--json'], true),
      cli(env, ['list', '--json']),
      packaged(env, ['list', '--jsno']),
      cli(env, ['list', '--jsno']),
      // A write needs the native module, which a package keeps beside app.asar.
      packaged(mine, ['override', app, '--nosocket=x11']),
      cli(theirs, ['override', app, '--nosocket=x11']),
    ]);
    expect(listedCli.stdout.length).toBeGreaterThan(64 * 1024);
    expect(listed.stdout.length).toBe(listedCli.stdout.length);
    expect(listed).toEqual(listedCli);
    expect(listed.code).toBe(0);
    const apps = (JSON.parse(listed.stdout) as { apps: { id: string }[] }).apps.map((a) => a.id);
    expect(apps).toEqual(expect.arrayContaining(testbed().apps.map((a) => a.id)));
    expect(bad).toEqual(badCli);
    expect(bad.code).toBe(2);
    expect(wrote).toEqual(wroteCli);
    expect(wrote.code).toBe(0);
    const written = await readFile(join(mine.FLATPAK_USER_DIR ?? '', 'overrides', app), 'utf8');
    expect(written).toBe(await readFile(join(theirs.FLATPAK_USER_DIR ?? '', 'overrides', app), 'utf8'));
    expect(written).toContain('sockets=!x11;');
  });

  it('has an icon in every hicolor size, drawn from the one SVG', async () => {
    for (const size of ICON_SIZES) {
      const png = await readFile(join(ROOT, `assets/icons/${size}x${size}.png`));
      expect({ size, width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({
        size,
        width: size,
        height: size,
      });
    }
    expect(await readFile(join(ROOT, 'assets/icon.svg'), 'utf8')).toContain('<svg');
  });

  it('records the same version in exports as in package.json', async () => {
    const { CONFINE_VERSION } = await import('../shared/version');
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(CONFINE_VERSION).toBe(pkg.version);
  });

  it('describes the app for software centres', async () => {
    const metainfo = await readFile(join(ROOT, 'assets/dev.confine.Confine.metainfo.xml'), 'utf8');
    expect(metainfo).toContain('<id>dev.confine.Confine</id>');
    expect(metainfo).toContain('<launchable type="desktop-id">dev.confine.Confine.desktop</launchable>');
  });
});

/**
 * Runs a command to its end. With `slowReader` its output goes into a real pipe (a FIFO: Node's
 * own pipes to a child are socket pairs, which hold far more) that is read only once the command
 * has written to it and then ended or had a second more, so whatever does not fit in the pipe's
 * 64 KiB waits in the command's own process meanwhile.
 */
async function command(
  file: string,
  args: readonly string[],
  env: Record<string, string>,
  slowReader = false,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let fifo: { read: number; write: number } | undefined;
  if (slowReader) {
    const path = join(await tempDir('confine-fifo-'), 'out');
    await run('mkfifo', [path]);
    // Opened for reading first and without blocking, so that opening it for writing does not wait.
    const read = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    fifo = { read, write: openSync(path, constants.O_WRONLY) };
  }
  const child = spawn(file, [...args], { env, stdio: ['ignore', fifo?.write ?? 'pipe', 'pipe'] });
  if (fifo) closeSync(fifo.write);
  const exited = new Promise<number>((done, fail) => {
    child.on('error', fail);
    child.on('exit', (code) => done(code ?? -1));
  });
  const stderr: Buffer[] = [];
  const stderrEnded = new Promise((done) => child.stderr?.on('data', (b: Buffer) => stderr.push(b)).on('end', done));
  const stdout: Buffer[] = [];
  let out = child.stdout;
  if (fifo) {
    const first = Buffer.alloc(1);
    for (;;) {
      try {
        if (readSync(fifo.read, first) === 1) stdout.push(first);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 1000))]);
    out = new Socket({ fd: fifo.read, readable: true, writable: false });
  }
  await new Promise((done) => out?.on('data', (b: Buffer) => stdout.push(b)).on('end', done));
  const [code] = await Promise.all([exited, stderrEnded]);
  return { code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') };
}
