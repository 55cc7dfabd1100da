import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/sequencer';

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
