// The module hook of record-loads.mjs. Written at once, before the file is read: a process
// that exits right after loading a module still leaves its line.
import { appendFileSync } from 'node:fs';

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:')) appendFileSync(process.env.CONFINE_RECORD_LOADS, `file ${url}\n`);
  return nextLoad(url, context);
}
