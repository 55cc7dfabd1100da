// Helpers for tests that run against the real Flatpak test bed.
import { execFile } from 'node:child_process';
import { inject } from 'vitest';
import { makeWorkspace, type Testbed } from '../../e2e/testbed/build';
import { testbedApps } from '../../e2e/testbed/apps';
import { corpusTestbedApps } from '../../e2e/testbed/corpus';
import { DEFAULT_FLATPAK_VERSION } from '../../shared/flatpak/version';
import { runCli } from '../../electron/cli/cli';
import { KeyFile } from '../../shared/keyfile/keyfile';
import { tempDir, type TempOptions } from './temp';

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function testbed(): Testbed {
  const t = inject('testbed');
  return {
    dir: t.dir,
    env: {},
    apps: testbedApps(t.appIds.length),
    systemAppIds: t.systemAppIds,
    arch: t.arch,
    userDir: t.userDir,
    systemDir: t.systemDir,
  };
}

/** The installation built from the real Flathub apps of test/corpus, with a shell in each runtime. */
export function corpusBed(): Testbed {
  const t = inject('corpus');
  return {
    dir: t.dir,
    env: {},
    apps: corpusTestbedApps(DEFAULT_FLATPAK_VERSION),
    systemAppIds: [],
    arch: t.arch,
    userDir: t.userDir,
    systemDir: t.systemDir,
  };
}

/** A private HOME and private override folders over the shared test bed (or the corpus),
 *  removed when the test that made it ends (see helpers/temp.ts for `until`). */
export async function workspace(
  bed: Testbed = testbed(),
  until?: TempOptions['until'],
): Promise<Record<string, string>> {
  return makeWorkspace(bed, await tempDir('confine-ws-', until ? { until } : {}));
}

export function flatpak(env: Record<string, string>, args: readonly string[]): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile('flatpak', [...args], { env }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs the `confine` CLI in this process, exactly as the command would. */
export async function confine(env: Record<string, string>, args: readonly string[]): Promise<CommandResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (t) => (stdout += t), err: (t) => (stderr += t), env });
  return { code, stdout, stderr };
}

/**
 * Compares two `--show-permissions` texts the way they can be compared: Flatpak prints
 * filesystems, bus names and variables in hash-table order, so lists and groups are sets.
 */
export function showReading(text: string): unknown {
  const parsed = KeyFile.parse(text);
  if (!parsed.ok) return { unparsable: text };
  const f = parsed.file;
  return Object.fromEntries(
    f
      .groupNames()
      .sort()
      .map((g) => [
        g,
        Object.fromEntries(
          f
            .keys(g)
            .sort()
            .map((k) => {
              const raw = f.getRaw(g, k) ?? '';
              return [k, g === 'Context' ? [...raw.split(';')].sort() : raw];
            }),
        ),
      ]),
  );
}
