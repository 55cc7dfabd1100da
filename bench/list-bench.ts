// Benchmark: list every app with its effective permissions, at 200 and 1000 apps, and compare,
// within one run, with (a) `flatpak info --show-permissions` run for each app and (b) reading
// the same files raw. Then the start-up cost of the CLI (issue 19): `confine list --json` cold
// (no description cache) and warm, `confine show APP` and `confine audit`, each paired run by run
// with `node -e 0`, so that what is quoted is the cost above Node's own start, measured while
// the machine is in the same state. Prints figures and ratios, not verdicts; it is not a test.
//   npm run bench            (builds the test beds in the temp folder on first use)
//   CONFINE_BENCH_APPS=200 npm run bench    (one size only)

import { execFile } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { median as mid, processTime } from './process-time';
import { buildTestbed } from '../e2e/testbed/build';
import { cacheDir } from '../electron/services/cache';
import { FlatpakCore } from '../electron/services/core';

const run = promisify(execFile);
// The command as users start it: bin/confine.js, which loads the bundle with V8's code cache.
const CLI = new URL('../bin/confine.js', import.meta.url).pathname;

async function time<T>(fn: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function median(times: number, fn: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) samples.push(await time(fn));
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? 0;
}

/** The files Confine reads for the list: metadata, AppStream catalogue, desktop file, overrides. */
async function rawFiles(userDir: string, ids: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const id of ids) {
    const active = join(userDir, 'app', id, 'current', 'active');
    files.push(
      join(active, 'metadata'),
      join(active, 'files/share/app-info/xmls', `${id}.xml.gz`),
      join(active, 'export/share/applications', `${id}.desktop`),
    );
  }
  const overrides = join(userDir, 'overrides');
  for (const name of await readdir(overrides).catch(() => [])) files.push(join(overrides, name));
  return files;
}

interface Paired {
  label: string;
  confine: number;
  node: number;
  /** Median of the pairwise differences: robust to a machine whose speed drifts during the run. */
  above: number;
}

/** `confine ARGS` and `node -e 0` in turn, `rounds` pairs after one warm-up of each. */
async function paired(
  label: string,
  args: readonly string[],
  env: Record<string, string>,
  rounds: number,
  before?: () => Promise<void>,
): Promise<Paired> {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = -1; i < rounds; i++) {
    await before?.();
    const ta = await processTime(process.execPath, [CLI, ...args], env);
    const tb = await processTime(process.execPath, ['-e', '0'], env);
    if (i < 0) continue;
    a.push(ta);
    b.push(tb);
  }
  return { label, confine: mid(a), node: mid(b), above: mid(a.map((x, i) => x - (b[i] ?? 0))) };
}

interface Row {
  apps: number;
  startup: Paired[];
  flatpakEach: number;
  confineFirst: number;
  confineProcess: number;
  inProcess: number;
  raw: number;
}

async function measure(apps: number): Promise<Row> {
  const bed = await buildTestbed({
    dir: join(tmpdir(), `confine-bench-${apps}`),
    apps,
    systemApps: 0,
    log: (l) => process.stderr.write(`[testbed] ${l}\n`),
  });
  const env = { ...bed.env };
  const ids = bed.apps.map((a) => a.id);
  // A few overrides, as on a real machine.
  for (const id of ids.filter((_, i) => i % 10 === 0))
    await run('flatpak', ['override', '--user', '--nosocket=x11', '--filesystem=xdg-music:ro', id], { env });
  await run('flatpak', ['override', '--user', '--unshare=ipc'], { env });

  const flatpakEach = await median(1, async () => {
    for (const id of ids) await run('flatpak', ['info', '--user', '--show-permissions', id], { env });
  });
  const list = () => run(process.execPath, [CLI, 'list', '--json'], { env, maxBuffer: 512 * 1024 * 1024 });
  // The first run after install (or after an app update) builds the description cache.
  await rm(cacheDir(env), { recursive: true, force: true });
  const confineFirst = await time(list);
  const confineProcess = await median(5, list);
  const core = await FlatpakCore.create({ env });
  const inProcess = await median(7, async () => {
    await core.listApps();
    await core.allPermissions();
  });
  const files = await rawFiles(bed.userDir, ids);
  const raw = await median(7, () => Promise.all(files.map((f) => readFile(f).catch(() => null))));
  const noCache = () => rm(cacheDir(env), { recursive: true, force: true });
  // An override that differs from one run to the next: the output kept from the last run is
  // not used (list-output.ts), the descriptions and metadata of the commits are.
  let turn = 0;
  const overrideChanged = () =>
    writeFile(join(bed.userDir, 'overrides', ids[1] ?? ''), `[Context]\nshared=${turn++ % 2 ? '!' : ''}network;\n`);
  const startup = [
    await paired('list --json (warm)', ['list', '--json'], env, 11),
    await paired('list --json (changed)', ['list', '--json'], env, 11, overrideChanged),
    await paired('list --json (cold)', ['list', '--json'], env, 7, noCache),
    await paired('show APP', ['show', ids[0] ?? ''], env, 11),
    await paired('audit', ['audit'], env, 7),
  ];
  return { apps, startup, flatpakEach, confineFirst, confineProcess, inProcess, raw };
}

const sizes = process.env.CONFINE_BENCH_APPS ? [Number(process.env.CONFINE_BENCH_APPS)] : [200, 1000];
const rows: Row[] = [];
for (const n of sizes) rows.push(await measure(n));

const ms = (x: number) => `${x.toFixed(1)} ms`;
console.log('\nList every app with effective permissions (median wall time)\n');
console.log('apps  flatpak info -M each  confine list --json (first run)  in-process load  raw file reads');
for (const r of rows)
  console.log(
    `${String(r.apps).padEnd(6)}${ms(r.flatpakEach).padEnd(22)}${`${ms(r.confineProcess)} (${ms(r.confineFirst)})`.padEnd(33)}${ms(r.inProcess).padEnd(17)}${ms(r.raw)}`,
  );
console.log('\nRatios from this run:');
for (const r of rows) {
  console.log(
    `  ${r.apps} apps: confine list --json is ${(r.flatpakEach / r.confineProcess).toFixed(1)}× faster than flatpak info -M per app (target ≥ 30× at 200); its first run, which fills the cache, ${(r.flatpakEach / r.confineFirst).toFixed(1)}×`,
  );
  const changed = r.startup.find((p) => p.label.includes('changed'));
  if (changed)
    console.log(
      `  ${r.apps} apps: confine list --json after an override changed is ${(r.flatpakEach / changed.confine).toFixed(1)}× faster than flatpak info -M per app`,
    );
  console.log(
    `  ${r.apps} apps: in-process load is ${(r.inProcess / r.raw).toFixed(2)}× the time of reading the same files raw (target ≤ 5×)`,
  );
}
const [small, large] = rows;
if (small && large) {
  const scale = large.apps / small.apps;
  console.log(
    `  cost growth from ${small.apps} to ${large.apps} apps (${scale}× the apps): in-process ${(large.inProcess / small.inProcess).toFixed(2)}×, raw ${(large.raw / small.raw).toFixed(2)}×, whole process ${(large.confineProcess / small.confineProcess).toFixed(2)}× (linear would be ${scale.toFixed(1)}×)`,
  );
}

console.log('\nStart-up cost: each command paired run by run with `node -e 0` (median wall time)\n');
console.log('apps  command               confine    node -e 0  above node');
for (const r of rows)
  for (const p of r.startup)
    console.log(
      `${String(r.apps).padEnd(6)}${p.label.padEnd(22)}${ms(p.confine).padEnd(11)}${ms(p.node).padEnd(11)}${ms(p.above)}`,
    );
console.log(
  '  (goal: ≤ 40 ms above node for list --json at 200 apps warm, ≤ 25 ms for show; "warm" prints the output kept from\n' +
    '   the run before, "changed" has an override rewritten before each run, so only the descriptions are from the cache)',
);
