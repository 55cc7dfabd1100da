// Builds (or reuses) the real Flatpak test bed once for the whole test run.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildTestbed } from '../e2e/testbed/build';

export const TESTBED_APPS = 60;
export const TESTBED_SYSTEM_APPS = 12;

export default async function setup(project: TestProject): Promise<void> {
  const dir = process.env.CONFINE_TESTBED_DIR ?? join(tmpdir(), `confine-testbed-${TESTBED_APPS}-${TESTBED_SYSTEM_APPS}`);
  const bed = await buildTestbed({ dir, apps: TESTBED_APPS, systemApps: TESTBED_SYSTEM_APPS, log: (l) => console.log(`[testbed] ${l}`) });
  project.provide('testbed', { dir: bed.dir, appIds: bed.apps.map((a) => a.id), systemAppIds: [...bed.systemAppIds], userDir: bed.userDir, systemDir: bed.systemDir, arch: bed.arch });
}

declare module 'vitest' {
  export interface ProvidedContext {
    testbed: { dir: string; appIds: string[]; systemAppIds: string[]; userDir: string; systemDir: string; arch: string };
  }
}
