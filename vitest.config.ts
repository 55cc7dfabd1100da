import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Starts the slowest test files first. With two workers the run ends when the last file does, so
// a long file picked up late keeps one worker busy alone; a fresh clone has no timing cache for
// vitest to sort by (it falls back to file size, which says little here).
/** Longest first, by seconds in the last CI run on two cores (17 min 48 s in all, vitest 537 s).
 *  Since then the concurrent-writes file no longer starts 500 `flatpak --version` processes
 *  (its 50-writer test was 55 s), the corpus probes fork about a seventh as often and reuse
 *  more states, and the differential file overlaps one more flatpak call a step: the first
 *  three are expected shorter but not yet measured in CI, and stay first. */
const SLOW_FIRST = [
  'test/hardening-corpus.test.ts', // 345
  'test/flatpak-differential.test.ts', // 182
  'test/concurrent-writes.test.ts', // 133
  'test/grammar-flatpak.test.ts', // 46
  'test/start-and-demo.test.ts', // 33
  'test/portals.test.ts', // 26
  'test/flatpak-self-sandbox.test.ts', // 20
  'test/planted-bugs.test.ts', // 18
  'test/hardening-testbed.test.ts', // 17
  'test/electronegativity-gate.test.ts', // 15
  'electron/ipc/ipc-fuzz.test.ts', // 13
  'test/mac-root-hostile.test.ts', // 13
  'test/backup.test.ts', // 12
  'test/packaging.test.ts', // 9
  'electron/main/activation.test.ts', // 9
  'test/large-override.test.ts', // 8
  'test/bad-input.test.ts', // 5
];

class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = SLOW_FIRST.findIndex((s) => f.moduleId.endsWith(`/${s}`));
      return i === -1 ? SLOW_FIRST.length : i;
    };
    // Array.prototype.sort is stable: the rest keep vitest's own order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Removes the temporary folders a file made outside its tests (test/helpers/temp.ts).
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // vitest's default on two cores is one worker (cores - 1), which leaves a core idle while a
    // file waits on its flatpak, bwrap or dbus subprocesses; every file works in its own
    // temporary folders and only reads the shared test beds, so two files can run at once.
    maxWorkers: 2,
    sequence: { sequencer: SlowFirstSequencer },
  },
});
