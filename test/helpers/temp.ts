// Temporary folders of tests that go when their test ends, passed or failed: thousands of
// workspaces were left in /tmp after a few runs of the suite. A folder made inside a test goes
// after the test and its afterEach hooks (which stop what runs there); one made outside a test
// (beforeAll, the module itself), or asked to last for the file, goes after the file's last
// afterAll, through test/setup.ts. The shared test beds are not made here: they are built once
// and reused on purpose.

import { mkdtempSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished, TestRunner } from 'vitest';
import { removeTree } from '../../e2e/testbed/remove-tree';

export interface TempOptions {
  /** Where the folder is made: the temporary directory unless given. */
  readonly parent?: string;
  /** 'file': the folder outlives the test that made it, for the tests after it in the file. */
  readonly until?: 'test' | 'file';
}

const fileTemps: string[] = [];

function register(dir: string, until: TempOptions['until']): string {
  if (until !== 'file' && TestRunner.getCurrentTest()) onTestFinished(() => removeTree(dir));
  else fileTemps.push(dir);
  return dir;
}

/** A new folder named `prefix` and six random characters, removed as said above. */
export async function tempDir(prefix: string, options: TempOptions = {}): Promise<string> {
  return register(await mkdtemp(join(options.parent ?? tmpdir(), prefix)), options.until);
}

/** The same, for code that cannot wait. */
export function tempDirSync(prefix: string, options: TempOptions = {}): string {
  return register(mkdtempSync(join(options.parent ?? tmpdir(), prefix)), options.until);
}

/** Removes the folders made outside a test; test/setup.ts runs it after each file. */
export async function removeFileTemps(): Promise<void> {
  await Promise.all(fileTemps.splice(0).map(removeTree));
}
