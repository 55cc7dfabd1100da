// The packaging configuration, checked offline: electron-builder validates it and lays out the
// app around a stand-in Electron binary (the real one cannot be downloaded here), flips the
// fuses, and packs only the built app into app.asar. The icons match their sizes.

import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
// The fuse wire stores each fuse as the character '0' (off) or '1' (on).
const FuseState = { DISABLE: '0'.charCodeAt(0), ENABLE: '1'.charCodeAt(0) };
const ROOT = new URL('..', import.meta.url).pathname;

describe('packaging', () => {
  it('builds the app layout with hardened fuses and only the built files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'confine-pack-'));
    const stub = join(dir, 'electron-dist');
    await mkdir(stub);
    // A stand-in binary carrying Electron's fuse wire in its default state.
    await writeFile(join(stub, 'electron'), '#!/bin/sh\n# dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX\x01\x09101100011\n');
    await chmod(join(stub, 'electron'), 0o755);
    await writeFile(join(stub, 'LICENSE'), 'stand-in');
    await writeFile(join(stub, 'version'), 'v45.5.0');
    const out = join(dir, 'dist');
    await run('npx', ['electron-builder', '--linux', '--dir', `-c.electronDist=${stub}`, `-c.directories.output=${out}`], { cwd: ROOT, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
    const app = join(out, 'linux-unpacked');
    const wire = await getCurrentFuseWire(join(app, 'confine'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    const files = listPackage(join(app, 'resources/app.asar'), { isPack: false }).map((f) => f.replace(/\\/g, '/'));
    expect(files.filter((f) => !f.startsWith('/out'))).toEqual(['/package.json']);
    expect(files).toContain('/out/main/index.js');
    expect(files).toContain('/out/preload/index.cjs');
    expect(files).toContain('/out/renderer/index.html');
    expect(files.some((f) => f.startsWith('/node_modules') || f.startsWith('/out/cli') || f.endsWith('.map'))).toBe(false);
  }, 120_000);

  it('has an icon in every hicolor size, drawn from the one SVG', async () => {
    for (const size of [16, 24, 32, 48, 64, 96, 128, 256, 512]) {
      const png = await readFile(join(ROOT, `assets/icons/${size}x${size}.png`));
      expect({ size, width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({ size, width: size, height: size });
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
    const config = await readFile(join(ROOT, 'electron-builder.yml'), 'utf8');
    expect(metainfo).toContain('<id>dev.confine.Confine</id>');
    expect(metainfo).toContain('<launchable type="desktop-id">dev.confine.Confine.desktop</launchable>');
    expect(config).toMatch(/Categories: System;Security;/);
    expect(config).toMatch(/executableName: confine/);
  });
});
