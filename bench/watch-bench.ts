// Benchmark: a thousand updates of a locked app in a row under `confine watch` (its service,
// in this process), printing the watcher's memory along the way and how long each denial took
// after the update landed. Prints figures, not verdicts; test/review-lock.test.ts checks what
// the watcher does after a real `flatpak update`.
//
// A real `flatpak update` costs about a second, so each update here is made as Flatpak makes
// one, with the same file events in the watched folders in the same order (simulated-update.ts
// lists them, as traced on a real update): a new deployment checked out under a temporary
// name and renamed to its (made-up) commit, whose metadata declares a new BUILD variable, the
// `active` link swapped by an atomic rename, the old deployment moved to `.removed` and
// deleted, `.changed` touched, with OSTree's and Flatpak's lock files around them. The watcher
// denies each new value (the override keeps the one seen before), so its work and its files
// stay the same size throughout.
//   npm run bench            (builds a one-app test bed in the temp folder on first use)

import { createHash } from 'node:crypto';
import { mkdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildTestbed, makeWorkspace } from '../e2e/testbed/build';
import { FlatpakCore } from '../electron/services/core';
import { startLockWatcher } from '../electron/services/lock-watch';
import { ReviewService } from '../electron/services/review';
import { simulateUpdate } from './simulated-update';

const UPDATES = 1000;
const EVERY = 100;

const bed = await buildTestbed({
  dir: join(tmpdir(), 'confine-bench-watch'),
  apps: 1,
  systemApps: 0,
  log: (l) => process.stderr.write(`[testbed] ${l}\n`),
});
// The workspace's installation is the bed's through links; this bench changes deployments, so
// it gets a copy of just the app's deployment folder in a user installation of its own, with a
// repository folder of its own for OSTree's touches (nothing reads it) and the `.changed` file
// Flatpak's install made.
const env = await makeWorkspace(bed, join(tmpdir(), 'confine-bench-watch-workspace'));
const app = bed.apps[0]?.id ?? '';
const userDir = env.FLATPAK_USER_DIR ?? '';
await rm(join(userDir, 'app'), { force: true });
await rm(join(userDir, 'repo'), { force: true });
await mkdir(join(userDir, 'repo'));
await writeFile(join(userDir, '.changed'), '');
const current = await readlink(join(bed.userDir, 'app', app, 'current'));
const branchDir = join(userDir, 'app', app, current);
await mkdir(branchDir, { recursive: true });
await symlink(current, join(userDir, 'app', app, 'current'));
const sharedActive = join(bed.userDir, 'app', app, current, 'active');
const metadata = await readFile(join(dirname(sharedActive), await readlink(sharedActive), 'metadata'), 'utf8');

const commit = (i: number) => createHash('sha256').update(`update ${i}`).digest('hex');
const deploy = (i: number) =>
  simulateUpdate(
    { installation: userDir, appId: app, branchDir },
    commit(i),
    `${metadata}\n[Environment]\nBUILD=${i}\n`,
    i > 0 ? commit(i - 1) : null,
  );

await deploy(0);
const core = await FlatpakCore.create({ env });
await new ReviewService(core).setLock([app], true);
const overrideFile = join(userDir, 'overrides', app);
let notified = 0;
const watcher = await startLockWatcher(core, {
  log: () => undefined,
  notify: () => {
    notified++;
    return Promise.resolve();
  },
});
await watcher.settled();

/** A full collection first, where node runs with --expose-gc, so the heap figures compare. */
const collect = () => (globalThis as { gc?: () => void }).gc?.();
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const latencies: number[] = [];
collect();
const start = process.memoryUsage();
console.log(`${UPDATES} updates of a locked app under the watcher (heap ${mb(start.heapUsed)}, rss ${mb(start.rss)})`);
for (let i = 1; i <= UPDATES; i++) {
  await deploy(i);
  const t0 = performance.now();
  // The denial of update i puts back the value seen before it.
  for (;;) {
    const text = await readFile(overrideFile, 'utf8').catch(() => '');
    if (text.includes(`BUILD=${i - 1}\n`)) break;
    if (performance.now() - t0 > 10_000) throw new Error(`update ${i} was not denied within 10 s`);
    await new Promise((r) => setTimeout(r, 2));
  }
  latencies.push(performance.now() - t0);
  if (i % EVERY === 0) {
    collect();
    const m = process.memoryUsage();
    console.log(`  after ${String(i).padStart(4)}: heap ${mb(m.heapUsed)}, rss ${mb(m.rss)}`);
  }
}
watcher.dispose();
await watcher.settled();
await core.close();
const sorted = [...latencies].sort((a, b) => a - b);
const at = (q: number) => (sorted[Math.floor(q * (sorted.length - 1))] ?? 0).toFixed(0);
console.log(
  `denied ${UPDATES} updates, ${notified} notifications; from update to denial: median ${at(0.5)} ms, 95th percentile ${at(0.95)} ms, slowest ${at(1)} ms`,
);
console.log(`  (run with node --expose-gc for heap figures after collection)`);
