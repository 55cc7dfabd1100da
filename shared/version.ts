/** Confine's own version, recorded in exports. Kept equal to package.json by a test. */
export const CONFINE_VERSION = '0.1.0';
