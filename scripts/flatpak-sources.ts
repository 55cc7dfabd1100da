// Regenerates packaging/flatpak/generated-sources.json, the npm sources of the Flatpak build, from
// package-lock.json with flatpak-node-generator (flatpak/flatpak-builder-tools), the tool
// Flathub's Electron apps use. Run it after every change to package-lock.json:
//
//   npx tsx scripts/flatpak-sources.ts --generator PATH/TO/flatpak-builder-tools [--python PY]
//
// The generator downloads every tarball to learn its size, the registry's metadata of some
// packages and Electron's SHASUMS256.txt. Here it downloads nothing: each of those answers comes
// from this machine (scripts/flatpak-node-generator-offline.py serves them). Tarballs come from
// npm's own cache (`npm cache add` fetches the few it lacks, with npm), registry metadata is
// made from the lockfile, which holds the same tarball URL and integrity, and the checksums of
// Electron's zips from the checksums.json that the electron package itself carries. Two parts
// of the generator's output are left out, so nothing in the sources has a hash that was not
// checked here: SHASUMS256.txt (whose exact bytes only its download would give; the build
// never runs Electron's downloader, electron-builder unpacks the zip) and Playwright's browsers
// (tests only; none is downloaded).

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { NPM_REGISTRY, packageName, withResolved, type Lockfile } from '../packaging/flatpak/lockfile-resolved.mjs';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
const OUTPUT = join(root, 'packaging/flatpak/generated-sources.json');

type Answer = { file: string } | { text: string };
type Source = Readonly<Record<string, unknown>> & {
  type: string;
  'dest-filename'?: string;
  commands?: readonly string[];
};

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
}

/** Where npm's cache (cacache) keeps the content with this integrity. */
export function cacachePath(cache: string, integrity: string): string {
  const first = integrity.trim().split(/\s+/)[0] ?? '';
  const dash = first.indexOf('-');
  const hex = Buffer.from(first.slice(dash + 1), 'base64').toString('hex');
  return join(cache, '_cacache/content-v2', first.slice(0, dash), hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
}

async function answers(lock: Lockfile): Promise<Record<string, Answer>> {
  const cache = (await run('npm', ['config', 'get', 'cache'], { cwd: root })).stdout.trim();
  const table: Record<string, Answer> = {};
  const tarballs: { spec: string; file: string }[] = [];
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    const name = packageName(path, entry);
    if (name === undefined || !entry.resolved || !entry.integrity || !entry.version) continue;
    const file = cacachePath(cache, entry.integrity);
    tarballs.push({ spec: `${name}@${entry.version}`, file });
    table[entry.resolved] = { file };
    // What the registry says of one version (the generator asks it for esbuild's binaries).
    table[`${NPM_REGISTRY}/${name}/${entry.version}`] = {
      text: JSON.stringify({
        name,
        version: entry.version,
        dist: { tarball: entry.resolved, integrity: entry.integrity },
      }),
    };
  }
  const missing = tarballs.filter((t) => !existsSync(t.file)).map((t) => t.spec);
  if (missing.length > 0) {
    console.error(`flatpak-sources: npm cache add for ${missing.length} tarball(s) not in npm's cache`);
    await run('npm', ['cache', 'add', ...missing], { cwd: root, maxBuffer: 64 << 20 });
    const still = tarballs.filter((t) => !existsSync(t.file)).map((t) => t.spec);
    if (still.length > 0)
      throw new Error(`not in npm's cache after npm cache add (integrity differs?): ${still.join(', ')}`);
  }

  const electron = lock.packages?.['node_modules/electron']?.version;
  if (electron) {
    const installed = JSON.parse(await readFile(join(root, 'node_modules/electron/package.json'), 'utf8')) as {
      version: string;
    };
    if (installed.version !== electron)
      throw new Error(`node_modules has electron ${installed.version}, the lockfile ${electron}: run npm ci first`);
    const sums = JSON.parse(await readFile(join(root, 'node_modules/electron/checksums.json'), 'utf8')) as Record<
      string,
      string
    >;
    table[`https://github.com/electron/electron/releases/download/v${electron}/SHASUMS256.txt`] = {
      text: Object.entries(sums)
        .map(([file, sha256]) => `${sha256} *${file}\n`)
        .join(''),
    };
  }
  const playwright = lock.packages?.['node_modules/playwright']?.version;
  if (playwright)
    table[`https://github.com/microsoft/playwright/raw/v${playwright}/packages/playwright-core/browsers.json`] = {
      text: JSON.stringify({ browsers: [] }),
    };
  return table;
}

/** The generator's output less the parts whose hashes were not checked here (see the top). */
export function keepChecked(sources: readonly Source[]): { kept: Source[]; dropped: number } {
  const unchecked = (s: Source) =>
    (s.type === 'file' && (s['dest-filename'] ?? '').startsWith('SHASUMS256.txt')) ||
    (s.type === 'shell' && (s.commands ?? []).some((c) => c.includes('SHASUMS256.txt')));
  const kept = sources.filter((s) => !unchecked(s));
  return { kept, dropped: sources.length - kept.length };
}

async function main(): Promise<void> {
  const generator = option('--generator') ?? process.env.FLATPAK_BUILDER_TOOLS;
  if (!generator || !existsSync(join(generator, 'node/flatpak_node_generator/main.py'))) {
    console.error(
      "usage: npx tsx scripts/flatpak-sources.ts --generator PATH/TO/flatpak-builder-tools [--python PY]\n(a checkout of flatpak/flatpak-builder-tools; its node/ needs Python 3.10+ with aiohttp and PyYAML, e.g. Debian's python3-aiohttp and python3-yaml)",
    );
    process.exit(2);
  }
  const python = option('--python') ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
  const lock = withResolved(JSON.parse(await readFile(join(root, 'package-lock.json'), 'utf8')) as Lockfile);
  const work = await mkdtemp(join(tmpdir(), 'confine-flatpak-sources-'));
  try {
    await writeFile(join(work, 'package-lock.json'), JSON.stringify(lock));
    await writeFile(join(work, 'answers.json'), JSON.stringify(await answers(lock)));
    const out = join(work, 'generated-sources.json');
    const { stdout, stderr } = await run(
      python,
      [
        join(root, 'scripts/flatpak-node-generator-offline.py'),
        join(work, 'answers.json'),
        'npm',
        join(work, 'package-lock.json'),
        '-o',
        out,
        '--no-requests-cache',
        '--retries',
        '1',
      ],
      {
        cwd: work,
        env: { ...process.env, PYTHONPATH: join(generator, 'node') },
        maxBuffer: 64 << 20,
      },
    );
    process.stderr.write(stderr);
    const { kept, dropped } = keepChecked(JSON.parse(await readFile(out, 'utf8')) as Source[]);
    await writeFile(OUTPUT, `${JSON.stringify(kept, null, 4)}\n`);
    console.log(`${stdout.trim().split('\n').pop() ?? ''} Kept ${kept.length} (left out ${dropped}) in ${OUTPUT}.`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (import.meta.filename === process.argv[1]) await main();
