// What `confine list --json` printed last, kept with the text of everything it was made from
// (FlatpakCore.readInputs): a run whose inputs give the same text prints it again rather than
// describing, merging and reporting every app anew, most of such a run's cost (issue 19). The
// inputs are compared whole, overrides byte for byte, so nothing rests on file times. One file in
// the cache folder: a header with the text's length and the output's, the text, the output. The
// output's length tells one cut short or grown (a write the system lost the end of, a partial
// copy of the home), whose inputs are whole. A file that is missing, damaged or made from other
// inputs is simply not used, and replaced after the run.
//
// What is printed from it is taken as the truth about every app, so it is read as the code cache
// is (electron/cli/start.ts): only from a folder that is this user's and no one else can write,
// from a regular file of this user's that no one else can write, not through a link. Anyone else
// who could write it could make the list say what they like. (The folder's parent, ~/.cache, is
// not asked: whoever can write there can swap the folder, not make a file that is this user's.)

import { dirname, join } from 'node:path';
import { cacheDir, writeCacheFile } from './cache';
import { MAX_READ } from './read-files';
import { ownFolder, readOwn } from './own-files';
import type { Environment } from './locations';

const MAGIC = 'confine-list-output 2 ';

const fileOf = (env: Environment) => join(cacheDir(env), 'list-output');

/** The kept file, if it and its folder are this user's alone (see own-files.ts). */
const readKept = (file: string) => (ownFolder(dirname(file)) ? readOwn(file, MAX_READ) : undefined);

/** The output kept for these inputs, if it was made from them. */
export function keptListOutput(env: Environment, inputs: string): string | undefined {
  const bytes = readKept(fileOf(env));
  if (bytes === undefined) return undefined;
  const end = bytes.indexOf(10);
  // The header is short: a file that has no line end near its start is not one of these.
  if (end < 0 || end > 64) return undefined;
  const header = bytes.toString('latin1', 0, end);
  if (!header.startsWith(MAGIC)) return undefined;
  const lengths = /^(\d{1,15}) (\d{1,15})$/.exec(header.slice(MAGIC.length));
  const start = end + 1;
  const length = Number(lengths?.[1]);
  // Both lengths whole: a file cut short or grown is not used, even where its inputs are whole.
  if (lengths === null || start + length + Number(lengths[2]) !== bytes.length) return undefined;
  const wanted = Buffer.from(inputs, 'utf8');
  if (wanted.length !== length || !wanted.equals(bytes.subarray(start, start + length))) return undefined;
  return bytes.toString('utf8', start + length);
}

/** Keeps an output with the inputs it was made from; a cache that cannot be written is no error. */
export async function keepListOutput(env: Environment, inputs: string, output: string): Promise<void> {
  try {
    await writeCacheFile(
      fileOf(env),
      `${MAGIC}${Buffer.byteLength(inputs)} ${Buffer.byteLength(output)}\n${inputs}${output}`,
    );
  } catch {
    // A read-only or full home: the next run reads the installations again.
  }
}
