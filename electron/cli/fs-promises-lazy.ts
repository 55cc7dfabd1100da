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

// The promise form of each callback function. Where the types differ, fs/promises' own take
// more: a FileHandle for a path (readFile, writeFile), streams and iterables to write, which
// nothing in Confine passes; and readdir's, readlink's and realpath's overloads by encoding,
// which promisify cannot see.
export const chmod: typeof Promises.chmod = promisify(fs.chmod);
export const chown: typeof Promises.chown = promisify(fs.chown);
export const link: typeof Promises.link = promisify(fs.link);
export const lstat: typeof Promises.lstat = promisify(fs.lstat);
export const mkdir: typeof Promises.mkdir = promisify(fs.mkdir);
// Looked up when called: taking fs.opendir loads Node's directory streams.
let opendirPromise: typeof Promises.opendir | undefined;
export const opendir: typeof Promises.opendir = (...args) => (opendirPromise ??= promisify(fs.opendir))(...args);
export const readdir = promisify(fs.readdir) as typeof Promises.readdir;
export const readFile = promisify(fs.readFile) as typeof Promises.readFile;
export const readlink = promisify(fs.readlink) as typeof Promises.readlink;
// fs/promises' realpath is realpath(3); fs.realpath's plain form walks the path in JavaScript.
export const realpath = promisify(fs.realpath.native) as typeof Promises.realpath;
export const rename: typeof Promises.rename = promisify(fs.rename);
export const rm: typeof Promises.rm = promisify(fs.rm);
export const stat: typeof Promises.stat = promisify(fs.stat);
export const symlink: typeof Promises.symlink = promisify(fs.symlink);
export const unlink: typeof Promises.unlink = promisify(fs.unlink);
export const writeFile = promisify(fs.writeFile) as typeof Promises.writeFile;

let real: typeof Promises | undefined;
// Required at run time: the build sends every import of node:fs/promises here, but this one.
const promises = (): typeof Promises =>
  (real ??= createRequire(import.meta.url)('node:fs/promises') as typeof Promises);

export const open: typeof Promises.open = (...args) => promises().open(...args);
