// Benchmark: list every app with its effective permissions, at 200 and 1000 apps, and compare,
// within one run, with (a) `flatpak info --show-permissions` run for each app and (b) reading
// the same files raw. Prints ratios, not verdicts; it is not a test.
//   npm run bench            (builds the test beds in the temp folder on first use)

import { execFile } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { buildTestbed } from '../e2e/testbed/build';
import { cacheDir } from '../electron/services/cache';
import { FlatpakCore } from '../electron/services/core';

const run = promisify(execFile);
const CLI = new URL('../out/cli/confine.mjs', import.meta.url).pathname;

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

interface Row {
  apps: number;
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
  return { apps, flatpakEach, confineFirst, confineProcess, inProcess, raw };
}

const rows: Row[] = [];
for (const n of [200, 1000]) rows.push(await measure(n));

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
