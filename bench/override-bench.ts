// Benchmark: edit a 100 000-entry override with `confine override` (the whole CLI process),
// and compare, within one run, with baselines timed the same way in turn: `node -e 0`, the same
// edit by `flatpak override`, and `confine override` on a one-line override (what any edit
// costs). A 25 000-entry override shows how the cost grows. Prints ratios, not verdicts; it is
// not a test (test/large-override.test.ts checks what the edit does).
//   npm run bench            (builds a one-app test bed in the temp folder on first use)

import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, processTime } from './process-time';
import { buildTestbed, makeWorkspace } from '../e2e/testbed/build';

// The command as users start it (bin/confine.js: the bundle with V8's code cache).
const CLI = new URL('../bin/confine.js', import.meta.url).pathname;
const ROUNDS = 5;

/** Half paths, a quarter variables, a quarter bus names: the mix of a grown override. */
function override(entries: number): string {
  const paths = Math.floor(entries / 2);
  const variables = Math.floor(entries / 4);
  const names = entries - paths - variables;
  const list = Array.from({ length: paths }, (_, i) => `/d${i};`).join('');
  const env = Array.from({ length: variables }, (_, i) => `VAR${i}=value ${i}`).join('\n');
  const bus = Array.from({ length: names }, (_, i) => `org.example.N${i}=talk`).join('\n');
  return `[Context]\nfilesystems=${list}\n\n[Environment]\n${env}\n\n[Session Bus Policy]\n${bus}\n`;
}

const bed = await buildTestbed({
  dir: join(tmpdir(), 'confine-bench-override'),
  apps: 1,
  systemApps: 0,
  log: (l) => process.stderr.write(`[testbed] ${l}\n`),
});
const env = await makeWorkspace(bed, join(tmpdir(), 'confine-bench-override-workspace'));
const app = bed.apps[0]?.id ?? '';
const file = join(env.FLATPAK_USER_DIR ?? '', 'overrides', app);
const texts = { large: override(100_000), quarter: override(25_000), tiny: '[Context]\nfilesystems=/d0;\n' };

// Each case starts from its file as written here (the write is not timed); the cases take
// turns round by round, so a machine that slows down slows them all alike.
const cases = {
  confineLarge: { text: texts.large, cmd: process.execPath, args: [CLI, 'override', app, '--filesystem=/x'] },
  confineQuarter: { text: texts.quarter, cmd: process.execPath, args: [CLI, 'override', app, '--filesystem=/x'] },
  confineTiny: { text: texts.tiny, cmd: process.execPath, args: [CLI, 'override', app, '--filesystem=/x'] },
  flatpakLarge: { text: texts.large, cmd: 'flatpak', args: ['override', '--user', '--filesystem=/x', app] },
  node: { text: texts.tiny, cmd: process.execPath, args: ['-e', '0'] },
} as const;
type Case = keyof typeof cases;
const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, [] as number[]])) as Record<Case, number[]>;

for (let round = 0; round <= ROUNDS; round++) {
  for (const [name, c] of Object.entries(cases) as [Case, (typeof cases)[Case]][]) {
    await writeFile(file, c.text);
    const ms = await processTime(c.cmd, c.args, env);
    // Round 0 warms the disk cache and is not counted.
    if (round > 0) samples[name].push(ms);
  }
}

const m = Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, median(xs)])) as Record<Case, number>;
const ms = (x: number) => `${x.toFixed(0)} ms`;
console.log(`\nEdit one override with --filesystem=/x (median wall time of ${ROUNDS} whole processes)\n`);
console.log(`  confine override, 100 000 entries   ${ms(m.confineLarge)}   (target: under 1 s)`);
console.log(`  confine override,  25 000 entries   ${ms(m.confineQuarter)}`);
console.log(`  confine override, one entry         ${ms(m.confineTiny)}`);
console.log(`  flatpak override, 100 000 entries   ${ms(m.flatpakLarge)}`);
console.log(`  node -e 0                           ${ms(m.node)}`);
console.log('\nRatios from this run:');
console.log(`  confine on 100 000 entries takes ${(m.confineLarge / m.node).toFixed(1)}× the time of node -e 0`);
console.log(
  `  confine on 100 000 entries takes ${(m.confineLarge / m.flatpakLarge).toFixed(1)}× the time of flatpak override on the same file`,
);
console.log(
  `  confine on 100 000 entries takes ${(m.confineLarge / m.confineTiny).toFixed(1)}× the time of confine on a one-entry file`,
);
const growth = (m.confineLarge - m.confineTiny) / Math.max(1, m.confineQuarter - m.confineTiny);
console.log(
  `  beyond what any edit costs, 4× the entries cost ${growth.toFixed(1)}× the time (linear would be 4.0×, quadratic 16×)`,
);
