// Tests that guard a check must fail when the check breaks. Each bug here is planted in a copy
// of the sources (never in the tree itself, and with no switch in product code), and the test
// that guards it is run there by a vitest of its own: it must fail, and pass on the clean copy.

import { execFile } from 'node:child_process';
import { cp, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/temp';

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

// One vitest of its own runs every copy (about 4 s to start alone, several times that on two busy
// cores), so it starts once, not once per copy.
const RUN_TIMEOUT = 300_000;

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

interface Copy {
  readonly name: string;
  readonly testFiles: readonly string[];
  readonly mutant: Mutant | null;
}

const COPIES: readonly Copy[] = [
  { name: 'clean', testFiles: [...new Set(PLANTED.map((p) => p.testFile))], mutant: null },
  ...PLANTED.map((p, i) => ({ name: `mutant-${i}`, testFiles: [p.testFile], mutant: p.mutant })),
];

type CopyResult = { readonly states: Map<string, string> } | { readonly problem: string };

let dir = '';
/** Each copy's test states by title, or why the copy could not be made. */
let results = new Map<string, CopyResult>();

/** Copies the sources into a fresh folder and plants the bug there; says why it could not. */
async function makeCopy(copy: Copy): Promise<string | undefined> {
  const root = join(dir, copy.name);
  for (const d of COPIED) await cp(join(ROOT, d), join(root, d), { recursive: true });
  // Each copy is a project of the one vitest run, named so the report tells the copies apart.
  await writeFile(
    join(root, 'vitest.config.mjs'),
    `export default { test: { name: ${JSON.stringify(copy.name)}, include: ${JSON.stringify(copy.testFiles)}, testTimeout: 60000 } };\n`,
  );
  if (!copy.mutant) return undefined;
  const path = join(root, copy.mutant.file);
  const source = await readFile(path, 'utf8');
  const found = source.split(copy.mutant.from).length - 1;
  // A planted bug that no longer applies would make the test pass for nothing.
  if (found !== 1) return `${copy.mutant.file} holds the code the bug is planted in ${found} times, not once`;
  await writeFile(
    path,
    source.replace(copy.mutant.from, () => copy.mutant?.to ?? ''),
  );
  return undefined;
}

beforeAll(async () => {
  dir = await tempDir('confine-planted-');
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const problems = new Map<string, string>();
  for (const copy of COPIES) {
    const problem = await makeCopy(copy);
    if (problem) problems.set(copy.name, problem);
  }
  const ready = COPIES.filter((c) => !problems.has(c.name));
  // No global setup: the guarded tests need no test bed.
  await writeFile(
    join(dir, 'vitest.config.mjs'),
    `export default { test: { projects: ${JSON.stringify(ready.map((c) => join(dir, c.name)))} } };\n`,
  );
  const report = join(dir, 'report.json');
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
        dir,
        '--config',
        join(dir, 'vitest.config.mjs'),
        // Only the guarded tests' states are read, so the rest of their files need not run.
        '--testNamePattern',
        PLANTED.map((p) => p.testName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
        '--reporter=json',
        '--outputFile',
        report,
      ],
      { cwd: dir, env, timeout: RUN_TIMEOUT - 10_000 },
      // A failing run exits non-zero; the report says which tests failed.
      () => resolve(),
    );
  });
  const json = JSON.parse(await readFile(report, 'utf8')) as {
    testResults: { name: string; assertionResults: { title: string; status: string }[] }[];
  };
  results = new Map(
    COPIES.map((c): [string, CopyResult] => {
      const problem = problems.get(c.name);
      if (problem) return [c.name, { problem }];
      // A test file's name is its path, inside the folder of the copy it ran in.
      const files = json.testResults.filter((f) => f.name.startsWith(join(dir, c.name) + '/'));
      return [c.name, { states: new Map(files.flatMap((f) => f.assertionResults).map((a) => [a.title, a.status])) }];
    }),
  );
}, RUN_TIMEOUT);

/** The state of each test that ran in a copy, by its title. */
function statesIn(name: string): Map<string, string> {
  const result = results.get(name);
  expect(result, `no result for the copy ${name}`).toBeDefined();
  if (result && 'problem' in result) expect.fail(result.problem);
  return result && 'states' in result ? result.states : new Map<string, string>();
}

describe('planted bugs', () => {
  it('the guarded tests pass on a clean copy', () => {
    const states = statesIn('clean');
    expect(PLANTED.map((p) => [p.testName, states.get(p.testName)])).toEqual(
      PLANTED.map((p) => [p.testName, 'passed']),
    );
  });

  it.each(PLANTED.map((p, i) => [p.bug, p, i] as const))('a planted bug fails its test: %s', (_bug, p, i) => {
    expect(statesIn(`mutant-${i}`).get(p.testName)).toBe('failed');
  });
});
