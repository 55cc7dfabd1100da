// The Flatpak of Confine (packaging/flatpak), checked offline with the tools Flathub's checks
// run: desktop-file-validate on the desktop file, appstreamcli on the metainfo, flatpak-builder
// on the manifest (as it reads it, sources included). And the npm sources of the offline build
// against package-lock.json, so a dependency change without `scripts/flatpak-sources.ts` fails.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { packageName, registryTarball, withResolved, type Lockfile } from '../packaging/flatpak/lockfile-resolved.mjs';
import { CONFINE_FINISH_ARGS } from './helpers/finish-args';
import { tempDir, tempDirSync } from './helpers/temp';

const ROOT = resolve(import.meta.dirname, '..');
const FLATPAK = join(ROOT, 'packaging/flatpak');
const APP_ID = 'dev.confine.Confine';
const MANIFEST = join(FLATPAK, `${APP_ID}.yml`);
const DESKTOP = join(FLATPAK, `${APP_ID}.desktop`);
const SERVICE = join(FLATPAK, `${APP_ID}.service`);
const METAINFO = join(ROOT, `assets/${APP_ID}.metainfo.xml`);
const SOURCES = join(FLATPAK, 'generated-sources.json');

/** Runs a tool in an empty folder (flatpak-builder leaves its state folder in the current one). */
function tool(command: string, args: readonly string[], cwd = scratch()) {
  const r = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C.UTF-8', LANGUAGE: 'C' },
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let scratchDir: string | undefined;
function scratch(): string {
  scratchDir ??= tempDirSync('confine-flatpak-', { until: 'file' });
  return scratchDir;
}

/** The keys of one group of a desktop-entry-style file (no localised keys in these files). */
function keyfileGroup(path: string, group: string): Record<string, string> {
  const entries: Record<string, string> = {};
  let current = '';
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const header = /^\[(.+)\]$/.exec(line);
    if (header) current = header[1] ?? '';
    else if (current === group && line.includes('=') && !line.startsWith('#'))
      entries[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return entries;
}

interface Module {
  name: string;
  'build-commands': string[];
  'build-options'?: { env?: Record<string, string>; 'append-path'?: string };
  sources: ({ type: string } & Record<string, unknown>)[];
}
interface Manifest {
  id: string;
  runtime: string;
  'runtime-version': string;
  sdk: string;
  base: string;
  'base-version': string;
  'sdk-extensions': string[];
  command: string;
  'finish-args': string[];
  modules: Module[];
}

let shown: Manifest | undefined;
function shownManifest(): Manifest {
  if (shown) return shown;
  const r = tool('flatpak-builder', ['--show-manifest', MANIFEST]);
  expect(r.code, r.err).toBe(0);
  // flatpak-builder names what it does not know ("Unknown property …") but still exits 0.
  expect(r.err).toBe('');
  shown = JSON.parse(r.out) as Manifest;
  return shown;
}

/** `install [-D] [-m MODE] SRC DEST` lines of the build: what the Flatpak gets from the tree. */
function installs(module: Module): { mode: string; src: string; dest: string }[] {
  return module['build-commands'].flatMap((c) => {
    const m = /^install -D(?:m(\d+))? (\S+) (\S+)$/.exec(c);
    return m ? [{ mode: m[1] ?? '755', src: m[2] ?? '', dest: m[3] ?? '' }] : [];
  });
}

describe('Flatpak: desktop file and D-Bus service', () => {
  it('passes desktop-file-validate without a warning or hint, and is started by D-Bus activation', () => {
    const r = tool('desktop-file-validate', [DESKTOP]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out + r.err).toBe('');
    const entry = keyfileGroup(DESKTOP, 'Desktop Entry');
    expect(entry).toMatchObject({
      Type: 'Application',
      Name: 'Confine',
      Exec: 'confine',
      Icon: APP_ID,
      DBusActivatable: 'true',
    });
    expect(basename(DESKTOP)).toBe(`${APP_ID}.desktop`);
  });

  it('fails desktop-file-validate when the desktop file is broken (the check can fail)', async () => {
    const broken = join(scratch(), `${APP_ID}.desktop`);
    await writeFile(broken, readFileSync(DESKTOP, 'utf8').replace(/^Type=Application\n/m, ''));
    const r = tool('desktop-file-validate', [broken]);
    expect(r.code).not.toBe(0);
    expect(r.out + r.err).toMatch(/Type/);
  });

  it("has a session service file that starts the wrapper as the app's bus name", () => {
    expect(basename(SERVICE)).toBe(`${APP_ID}.service`);
    expect(keyfileGroup(SERVICE, 'D-BUS Service')).toEqual({
      Name: APP_ID,
      Exec: '/app/bin/confine --gapplication-service',
    });
  });

  it('the wrapper runs the packaged binary through zypak with every argument as given', async () => {
    const bin = await tempDir('confine-zypak-');
    const seen = join(bin, 'seen');
    // A stand-in zypak-wrapper that records its arguments, one a line.
    await writeFile(join(bin, 'zypak-wrapper'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${seen}'\n`);
    await chmod(join(bin, 'zypak-wrapper'), 0o755);
    const r = spawnSync('sh', [join(FLATPAK, 'confine.sh'), 'list', '--json', 'two words'], {
      env: { PATH: `${bin}:/usr/bin:/bin` },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(seen, 'utf8')).toBe('/app/confine/confine\nlist\n--json\ntwo words\n');
    // electron-builder names the binary after executableName.
    expect(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')).toMatch(/^\s*executableName: confine$/m);
  });
});

describe('Flatpak: AppStream metainfo', () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    isArray: (name) => ['screenshot', 'image', 'release', 'url', 'color', 'dbus', 'binary'].includes(name),
  });

  /** appstreamcli's findings above pedantic: "I|W|E tag hint". */
  function findings(path: string): string[] {
    const r = tool('appstreamcli', ['validate', '--no-net', path]);
    return r.out.split('\n').flatMap((line) => {
      const m = /^([EWI]): [^:]+:(?:[\d~]+:)? ([\w-]+)(?: (.*))?$/.exec(line);
      return m ? [`${m[1]} ${m[2]} ${m[3] ?? ''}`.trim()] : [];
    });
  }

  it('passes appstreamcli validate --no-net', () => {
    const r = tool('appstreamcli', ['validate', '--no-net', METAINFO]);
    const explained = r.code === 0 ? '' : tool('appstreamcli', ['validate', '--no-net', '--explain', METAINFO]).out;
    expect(r.code, explained).toBe(0);
    // AppStream before 1.0 (Debian 12 has 0.16) does not know <developer>, which Flathub asks
    // for; anything else it reports, even as information, is a finding.
    expect(findings(METAINFO).filter((f) => f !== 'I unknown-tag developer')).toEqual([]);
  });

  it('fails appstreamcli validate when the metainfo is broken (the check can fail)', async () => {
    const broken = join(scratch(), `${APP_ID}.metainfo.xml`);
    await writeFile(broken, readFileSync(METAINFO, 'utf8').replace(/<summary>.*<\/summary>/, ''));
    const r = tool('appstreamcli', ['validate', '--no-net', broken]);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/summary-missing/);
    expect(findings(broken)).toContain('E component-summary-missing');
  });

  it("names this repository's screenshot at its size, the desktop file, the D-Bus name, and describes every release", () => {
    const doc = parser.parse(readFileSync(METAINFO, 'utf8')) as { component: Record<string, unknown> };
    const c = doc.component as {
      launchable: { '#text': string };
      screenshots: {
        screenshot: { caption: string; image: { '#text': string; '@width': string; '@height': string }[] }[];
      };
      provides: { binary: string[]; dbus: { '#text': string; '@type': string }[] };
      releases: { release: { '@version': string; description?: unknown }[] };
      url: { '@type': string }[];
      branding: { color: { '@scheme_preference': string }[] };
      content_rating: { '@type': string };
    };
    expect(c.launchable['#text']).toBe(basename(DESKTOP));
    expect(c.provides.dbus).toEqual([{ '#text': keyfileGroup(SERVICE, 'D-BUS Service').Name, '@type': 'user' }]);
    expect(c.provides.binary).toEqual(['confine']);
    for (const shot of c.screenshots.screenshot) {
      expect(shot.caption.length).toBeGreaterThan(0);
      for (const image of shot.image) {
        // https://confine.invalid/raw/main/docs/screenshot.png serves docs/screenshot.png.
        const inRepo = new URL(image['#text']).pathname.replace(/^\/raw\/main\//, '');
        const png = readFileSync(join(ROOT, inRepo));
        expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({
          width: Number(image['@width']),
          height: Number(image['@height']),
        });
      }
    }
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(c.releases.release[0]?.['@version']).toBe(version);
    expect(c.releases.release.filter((r) => r.description === undefined)).toEqual([]);
    expect(c.url.map((u) => u['@type']).sort()).toEqual(['bugtracker', 'homepage', 'vcs-browser']);
    expect(c.branding.color.map((b) => b['@scheme_preference']).sort()).toEqual(['dark', 'light']);
    expect(c.content_rating['@type']).toBe('oars-1.1');
  });
});

describe('Flatpak: the manifest as flatpak-builder reads it', () => {
  it('builds dev.confine.Confine on the Electron base app, runs `confine`, with exactly the decided finish-args', () => {
    const m = shownManifest();
    expect(m.id).toBe(APP_ID);
    expect(m.base).toBe('org.electronjs.Electron2.BaseApp');
    expect({ runtime: m.runtime, sdk: m.sdk }).toEqual({
      runtime: 'org.freedesktop.Platform',
      sdk: 'org.freedesktop.Sdk',
    });
    // The base app is built against one runtime branch and needs that one.
    expect(m['base-version']).toBe(m['runtime-version']);
    expect(m['sdk-extensions']).toEqual([expect.stringMatching(/^org\.freedesktop\.Sdk\.Extension\.node\d+$/)]);
    expect(m.command).toBe('confine');
    expect(m['finish-args']).toEqual(CONFINE_FINISH_ARGS);
  });

  it('installs the command, desktop file, metainfo, D-Bus service and every icon, all from files in this repository', () => {
    const [module] = shownManifest().modules;
    if (!module) throw new Error('no module');
    const [tree] = module.sources;
    // The build's tree is this repository: install paths are relative to it.
    expect(tree).toMatchObject({ type: 'dir' });
    expect(resolve(dirname(MANIFEST), String(tree?.path))).toBe(ROOT);
    const lines = installs(module);
    for (const { src } of lines)
      expect(existsSync(join(ROOT, src)) && statSync(join(ROOT, src)).isFile(), src).toBe(true);
    const dest = new Map(lines.map((l) => [l.dest, l]));
    expect(dest.get('/app/bin/confine')).toMatchObject({ mode: '755', src: 'packaging/flatpak/confine.sh' });
    expect(dest.get(`/app/share/applications/${APP_ID}.desktop`)?.src).toBe(
      'packaging/flatpak/dev.confine.Confine.desktop',
    );
    expect(dest.get(`/app/share/metainfo/${APP_ID}.metainfo.xml`)?.src).toBe(`assets/${APP_ID}.metainfo.xml`);
    expect(dest.get(`/app/share/dbus-1/services/${APP_ID}.service`)?.src).toBe(
      'packaging/flatpak/dev.confine.Confine.service',
    );
    expect(dest.get(`/app/share/icons/hicolor/scalable/apps/${APP_ID}.svg`)?.src).toBe('assets/icon.svg');
    const sizes = readdirSync(join(ROOT, 'assets/icons')).filter((f) => /^\d+x\d+\.png$/.test(f));
    expect(sizes.length).toBeGreaterThan(0);
    for (const png of sizes)
      expect(dest.get(`/app/share/icons/hicolor/${png.replace('.png', '')}/apps/${APP_ID}.png`)?.src, png).toBe(
        `assets/icons/${png}`,
      );
    expect(lines).toHaveLength(5 + sizes.length);
  });

  it('installs a tree from which AppStream composes what Flathub lists: the app, its launchable, a 128×128 icon', () => {
    const [module] = shownManifest().modules;
    if (!module) throw new Error('no module');
    // The manifest's own install lines, into a folder standing for /app.
    const app = tempDirSync('confine-flatpak-app-');
    for (const { mode, src, dest } of installs(module)) {
      const r = tool('install', ['-D', '-m', mode, join(ROOT, src), join(app, dest.replace(/^\/app\//, ''))]);
      expect(r.code, r.err).toBe(0);
    }
    const out = tempDirSync('confine-flatpak-compose-');
    // As flatpak-builder does at the end of a build (its appstreamcli compose call).
    const r = tool('appstreamcli', [
      'compose',
      '--origin=flatpak',
      `--result-root=${out}`,
      `--data-dir=${out}/xmls`,
      `--icons-dir=${out}/icons`,
      '--prefix=/',
      app,
    ]);
    expect(r.code, r.out + r.err).toBe(0);
    const catalogue = gunzipSync(readFileSync(join(out, 'xmls/flatpak.xml.gz'))).toString('utf8');
    expect(catalogue).toContain(`<id>${APP_ID}</id>`);
    expect(catalogue).toContain(`<launchable type="desktop-id">${APP_ID}.desktop</launchable>`);
    expect(catalogue).toMatch(
      new RegExp(`<icon type="cached" width="128" height="128">${APP_ID.replaceAll('.', '\\.')}\\.png</icon>`),
    );
    expect(existsSync(join(out, `icons/128x128/${APP_ID}.png`))).toBe(true);
  });

  it('builds offline: npm from the generated cache, Electron from the zip in the sources', () => {
    const [module] = shownManifest().modules;
    if (!module) throw new Error('no module');
    const cache = `/run/build/${module.name}/flatpak-node`;
    expect(module['build-options']?.env).toMatchObject({
      npm_config_cache: `${cache}/npm-cache`,
      XDG_CACHE_HOME: `${cache}/cache`,
      npm_config_offline: 'true',
    });
    const commands = module['build-commands'].join('\n');
    expect(commands).toContain('npm ci --offline');
    expect(commands).toMatch(/-c\.electronDist="\$FLATPAK_BUILDER_BUILDDIR\/flatpak-node\/cache\/electron"/);
    const electronZips = module.sources.filter(
      (s) => s.type === 'file' && /^electron-v[\d.]+-linux-\w+\.zip$/.test(String(s['dest-filename'])),
    );
    expect(electronZips.map((s) => s.dest)).toEqual(['flatpak-node/cache/electron', 'flatpak-node/cache/electron']);
    // Nothing in the build fetches from the network: only sources that flatpak-builder checks.
    expect(
      module.sources.filter(
        (s) => (s.type === 'file' || s.type === 'archive') && 'url' in s && !('sha256' in s || 'sha512' in s),
      ),
    ).toEqual([]);
  });
});

describe('Flatpak: npm sources (generated-sources.json)', () => {
  type Source = {
    type: string;
    url?: string;
    sha512?: string;
    sha256?: string;
    dest?: string;
    'dest-filename'?: string;
    'only-arches'?: string[];
    contents?: string;
  };
  const sources = JSON.parse(readFileSync(SOURCES, 'utf8')) as Source[];
  const lock = withResolved(JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as Lockfile);

  it("hold every tarball of package-lock.json, with its integrity, in npm's offline cache", () => {
    const files = new Map(sources.filter((s) => s.type === 'file' && s.url).map((s) => [s.url, s]));
    // npm's cache index: one entry per URL, naming the content's integrity.
    const index = new Map(
      sources
        .filter((s) => s.type === 'inline' && s.dest?.startsWith('flatpak-node/npm-cache/_cacache/index-v5'))
        .map(
          (s) =>
            JSON.parse(s.contents?.slice(s.contents.indexOf('\t') + 1) ?? '{}') as { key: string; integrity: string },
        )
        .map((e) => [e.key.replace('make-fetch-happen:request-cache:', ''), e.integrity]),
    );
    const missing: string[] = [];
    let packages = 0;
    for (const [path, entry] of Object.entries(lock.packages ?? {})) {
      if (packageName(path, entry) === undefined) continue;
      packages++;
      const url = entry.resolved ?? '';
      const integrity = entry.integrity ?? '';
      const hex = Buffer.from(integrity.slice('sha512-'.length), 'base64').toString('hex');
      const file = files.get(url);
      const inCache =
        file?.sha512 === hex &&
        file.dest === `flatpak-node/npm-cache/_cacache/content-v2/sha512/${hex.slice(0, 2)}/${hex.slice(2, 4)}` &&
        file['dest-filename'] === hex.slice(4);
      if (!integrity.startsWith('sha512-') || !inCache || index.get(url) !== integrity)
        missing.push(`${path} (${url})`);
    }
    expect(packages).toBeGreaterThan(100);
    expect(missing, 'package-lock.json changed: run scripts/flatpak-sources.ts (packaging/flatpak/README.md)').toEqual(
      [],
    );
  });

  it('hold Electron for x86_64 and aarch64 with the checksums the electron package ships', () => {
    const version = lock.packages?.['node_modules/electron']?.version;
    const sums = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/checksums.json'), 'utf8')) as Record<
      string,
      string
    >;
    for (const [arch, flatpakArch] of [
      ['x64', 'x86_64'],
      ['arm64', 'aarch64'],
    ] as const) {
      const zip = `electron-v${version}-linux-${arch}.zip`;
      const source = sources.find((s) => s['dest-filename'] === zip);
      expect(source, zip).toMatchObject({
        type: 'file',
        sha256: sums[zip],
        dest: 'flatpak-node/cache/electron',
        'only-arches': [flatpakArch],
      });
      expect(sums[zip]).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('use the tarball URLs npm uses for registry packages', () => {
    // As `npm view @types/node@20.19.43 dist.tarball` prints, and likewise for an unscoped name.
    expect(registryTarball('@types/node', '20.19.43')).toBe(
      'https://registry.npmjs.org/@types/node/-/node-20.19.43.tgz',
    );
    expect(registryTarball('zod', '4.6.7')).toBe('https://registry.npmjs.org/zod/-/zod-4.6.7.tgz');
    expect(packageName('node_modules/a/node_modules/@s/b', { version: '1.0.0' })).toBe('@s/b');
    expect(packageName('', { version: '1.0.0' })).toBeUndefined();
  });
});
