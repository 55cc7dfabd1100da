// Tests that guard a check must fail when the check breaks. Each bug here is planted in a copy
// of the sources (never in the tree itself, and with no switch in product code), and the test
// that guards it is run there by a vitest of its own: it must fail, and pass on the clean copy.

import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;
// What the guarded tests import (pure code and the IPC entry, nothing that needs the test bed),
// and the tsconfig files the transform reads.
const COPIED = [
  'shared',
  'electron/ipc',
  'electron/tsconfig.json',
  'test/arbitraries',
  'tsconfig.base.json',
  'tsconfig.json',
];

// Each run starts a vitest of its own (about 4 s alone, several times that on two busy cores).
const RUN_TIMEOUT = 180_000;

interface Mutant {
  readonly file: string;
  readonly from: string;
  readonly to: string;
}

interface Planted {
  readonly bug: string;
  readonly mutant: Mutant;
  readonly testFile: string;
  readonly testName: string;
}

const PLANTED: readonly Planted[] = [
  {
    bug: 'restored content is no longer checked for base64',
    mutant: {
      file: 'shared/ipc/schemas.ts',
      from: "    if (bytes === undefined) return void ctx.addIssue({ code: 'custom', message: 'not base64' });\n    const problem = overrideContentProblem(bytes, NEWEST_KNOWN_FLATPAK);",
      to: '    const problem = overrideContentProblem(bytes ?? new Uint8Array(), NEWEST_KNOWN_FLATPAK);',
    },
    testFile: 'electron/ipc/dispatch.test.ts',
    testName: 'refuses restore bytes that are not base64 before any service runs',
  },
  {
    bug: 'expected bytes are no longer checked for base64',
    mutant: {
      file: 'shared/ipc/schemas.ts',
      from: "  .refine((s) => decodeBase64(s) !== undefined, 'not base64');",
      to: '  ;',
    },
    testFile: 'electron/ipc/dispatch.test.ts',
    testName: 'refuses expected bytes that are not base64 before any service runs',
  },
  {
    bug: 'the writer drops the carriage return of the last line',
    mutant: {
      file: 'shared/keyfile/keyfile.ts',
      from: "this.lines.map((l) => (l.cr ? l.text + '\\r' : l.text))",
      to: "this.lines.map((l, i) => (l.cr && i < this.lines.length - 1 ? l.text + '\\r' : l.text))",
    },
    testFile: 'shared/keyfile/keyfile.test.ts',
    testName: 'writes back every file GLib reads byte for byte',
  },
  {
    bug: 'the reader takes `[G] trailing` for a group',
    mutant: {
      file: 'shared/keyfile/keyfile.ts',
      from: 'if (close > 0 && GROUP_TAIL.test(stripped.slice(close + 1))) {',
      to: 'if (close > 0) {',
    },
    testFile: 'shared/keyfile/keyfile.test.ts',
    testName: 'refuses a file at its one line GLib refuses',
  },
];

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'confine-planted-'));
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  // No global setup: the guarded tests need no test bed.
  await writeFile(
    join(dir, 'vitest.config.mjs'),
    'export default { test: { include: ["**/*.test.ts"], testTimeout: 60000 } };\n',
  );
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Copies the sources into a fresh folder, plants the bug, runs the test files there, and
 *  returns each test's state by its title. */
async function runTests(
  name: string,
  testFiles: readonly string[],
  mutant: Mutant | null,
): Promise<Map<string, string>> {
  const root = join(dir, name);
  for (const d of COPIED) await cp(join(ROOT, d), join(root, d), { recursive: true });
  if (mutant) {
    const path = join(root, mutant.file);
    const source = await readFile(path, 'utf8');
    // A planted bug that no longer applies would make the test pass for nothing.
    expect(source.split(mutant.from).length - 1, `${mutant.file} no longer holds the code the bug is planted in`).toBe(
      1,
    );
    await writeFile(
      path,
      source.replace(mutant.from, () => mutant.to),
    );
  }
  const report = join(root, 'report.json');
  // The child is a vitest of its own, not a worker of this one.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS'),
  );
  await new Promise<void>((resolve) => {
    execFile(
      process.execPath,
      [
        join(ROOT, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--root',
        root,
        '--config',
        join(dir, 'vitest.config.mjs'),
        '--reporter=json',
        '--outputFile',
        report,
        ...testFiles,
      ],
      { cwd: root, env, timeout: RUN_TIMEOUT - 10_000 },
      // A failing run exits non-zero; the report says which tests failed.
      () => resolve(),
    );
  });
  const json = JSON.parse(await readFile(report, 'utf8')) as {
    testResults: { assertionResults: { title: string; status: string }[] }[];
  };
  return new Map(json.testResults.flatMap((f) => f.assertionResults).map((a) => [a.title, a.status]));
}

describe('planted bugs', () => {
  it(
    'the guarded tests pass on a clean copy',
    async () => {
      const states = await runTests('clean', [...new Set(PLANTED.map((p) => p.testFile))], null);
      expect(PLANTED.map((p) => [p.testName, states.get(p.testName)])).toEqual(
        PLANTED.map((p) => [p.testName, 'passed']),
      );
    },
    RUN_TIMEOUT,
  );

  it.each(PLANTED.map((p, i) => [p.bug, p, i] as const))(
    'a planted bug fails its test: %s',
    async (_bug, p, i) => {
      const states = await runTests(`mutant-${i}`, [p.testFile], p.mutant);
      expect(states.get(p.testName)).toBe('failed');
    },
    RUN_TIMEOUT,
  );
});
