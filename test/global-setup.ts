// Builds (or reuses) the real Flatpak test bed once for the whole test run.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildTestbed } from '../e2e/testbed/build';
import { corpusTestbedApps } from '../e2e/testbed/corpus';
import { execFileSync } from 'node:child_process';
import { DEFAULT_FLATPAK_VERSION, parseVersion } from '../shared/flatpak/version';

export const TESTBED_APPS = 60;
export const TESTBED_SYSTEM_APPS = 12;

export default async function setup(project: TestProject): Promise<void> {
  const dir =
    process.env.CONFINE_TESTBED_DIR ?? join(tmpdir(), `confine-testbed-${TESTBED_APPS}-${TESTBED_SYSTEM_APPS}`);
  const corpusDir = process.env.CONFINE_CORPUS_DIR ?? join(tmpdir(), 'confine-corpus');
  // Two independent folders: built side by side, so one build's serial steps (runtimes, the
  // install) overlap the other's, which matters on a machine that has neither yet.
  const [bed, corpus] = await Promise.all([
    buildTestbed({
      dir,
      apps: TESTBED_APPS,
      systemApps: TESTBED_SYSTEM_APPS,
      log: (l) => console.log(`[testbed] ${l}`),
    }),
    // The real-app corpus, in runtimes that carry a shell, so its apps can be run and probed.
    buildTestbed({
      dir: corpusDir,
      apps: corpusTestbedApps(
        parseVersion(execFileSync('flatpak', ['--version']).toString()) ?? DEFAULT_FLATPAK_VERSION,
      ),
      shell: true,
      log: (l) => console.log(`[corpus] ${l}`),
    }),
  ]);
  project.provide('testbed', {
    dir: bed.dir,
    appIds: bed.apps.map((a) => a.id),
    systemAppIds: [...bed.systemAppIds],
    userDir: bed.userDir,
    systemDir: bed.systemDir,
    arch: bed.arch,
  });
  project.provide('corpus', {
    dir: corpus.dir,
    appIds: corpus.apps.map((a) => a.id),
    systemAppIds: [],
    userDir: corpus.userDir,
    systemDir: corpus.systemDir,
    arch: corpus.arch,
  });
}

declare module 'vitest' {
  export interface ProvidedContext {
    testbed: {
      dir: string;
      appIds: string[];
      systemAppIds: string[];
      userDir: string;
      systemDir: string;
      arch: string;
    };
    corpus: { dir: string; appIds: string[]; systemAppIds: string[]; userDir: string; systemDir: string; arch: string };
  }
}
