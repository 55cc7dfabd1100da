import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Starts the slowest test files first. With two workers the run ends when the last file does, so
// a long file picked up late keeps one worker busy alone; a fresh clone has no timing cache for
// vitest to sort by (it falls back to file size, which says little here).
/** Longest first: seconds in CI on two cores where known, the rest by local runs. The first
 *  three were ~170, ~150 and ~100 s; since then the corpus file probes about a quarter fewer
 *  sandboxes and the differential file took about half the time in a side-by-side run here, so
 *  the three may now be close (not yet measured in CI). */
const SLOW_FIRST = [
  'test/hardening-corpus.test.ts', // ~170 before the probe reuse
  'test/flatpak-differential.test.ts', // ~150 before its comparisons overlapped
  'test/concurrent-writes.test.ts', // ~100
  'test/planted-bugs.test.ts', // 10–75, less now that only the guarded tests run
  'test/portals.test.ts',
  'test/mac-root-hostile.test.ts',
  'test/backup.test.ts',
  'electron/main/activation.test.ts',
  'test/grammar-flatpak.test.ts', // ~25
  'test/bad-input.test.ts',
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
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // vitest's default on two cores is one worker (cores - 1), which leaves a core idle while a
    // file waits on its flatpak, bwrap or dbus subprocesses; every file works in its own
    // temporary folders and only reads the shared test beds, so two files can run at once.
    maxWorkers: 2,
    sequence: { sequencer: SlowFirstSequencer },
  },
});
