/** Confine's own version, recorded in exports. Kept equal to package.json by a test. */
export const CONFINE_VERSION = '0.1.0';

// Replaced by the build of main and of the CLI (scripts/source-stamp.ts); absent when the
// sources run as they are (the tests).
declare const __CONFINE_SOURCE__: string | undefined;

/** Which sources this build was made from: what the cache of parsed metadata is kept by. */
export const CONFINE_BUILD: string = typeof __CONFINE_SOURCE__ === 'string' ? __CONFINE_SOURCE__ : 'source';
