// Stands in for node:fs/promises in the CLI's build (vite.cli.config.ts). Loading Node's
// fs/promises loads its file handles, directory streams, watchers and line reader with it,
// ~1-2 ms of every run (issue 19), where a listing uses only readdir, stat and the like. Those
// are here the callback functions of node:fs (loaded with Node itself) as promises: the same
// calls into Node's file system binding, with the same results and errors. What has no such
// twin (`open`, whose FileHandle only fs/promises makes) loads Node's module when first called.

import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import type * as Promises from 'node:fs/promises';

/** `make()`'s function, made at its first call: promisify for each of these as the start file
 *  loaded cost more than all a listing does with them. */
function lazy<F extends (...args: never[]) => unknown>(make: () => F): F {
  let f: F | undefined;
  return ((...args: Parameters<F>) => (f ??= make())(...args)) as F;
}

// The promise form of each callback function. Where the types differ, fs/promises' own take
// more: a FileHandle for a path (readFile, writeFile), streams and iterables to write, which
// nothing in Confine passes; and readdir's, readlink's and realpath's overloads by encoding,
// which promisify cannot see.
export const chmod = lazy<typeof Promises.chmod>(() => promisify(fs.chmod));
export const chown = lazy<typeof Promises.chown>(() => promisify(fs.chown));
export const link = lazy<typeof Promises.link>(() => promisify(fs.link));
export const lstat = lazy<typeof Promises.lstat>(() => promisify(fs.lstat));
export const mkdir = lazy<typeof Promises.mkdir>(() => promisify(fs.mkdir));
// (Taking fs.opendir loads Node's directory streams: one more reason to wait for a call.)
export const opendir = lazy<typeof Promises.opendir>(() => promisify(fs.opendir));
export const readdir = lazy(() => promisify(fs.readdir) as typeof Promises.readdir);
export const readFile = lazy(() => promisify(fs.readFile) as typeof Promises.readFile);
export const readlink = lazy(() => promisify(fs.readlink) as typeof Promises.readlink);
// fs/promises' realpath is realpath(3); fs.realpath's plain form walks the path in JavaScript.
export const realpath = lazy(() => promisify(fs.realpath.native) as typeof Promises.realpath);
export const rename = lazy<typeof Promises.rename>(() => promisify(fs.rename));
export const rm = lazy<typeof Promises.rm>(() => promisify(fs.rm));
export const stat = lazy<typeof Promises.stat>(() => promisify(fs.stat));
export const symlink = lazy<typeof Promises.symlink>(() => promisify(fs.symlink));
export const unlink = lazy<typeof Promises.unlink>(() => promisify(fs.unlink));
export const writeFile = lazy(() => promisify(fs.writeFile) as typeof Promises.writeFile);

let real: typeof Promises | undefined;
// Required at run time: the build sends every import of node:fs/promises here, but this one.
const promises = (): typeof Promises =>
  (real ??= createRequire(import.meta.url)('node:fs/promises') as typeof Promises);

export const open: typeof Promises.open = (...args) => promises().open(...args);
