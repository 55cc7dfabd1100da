// Confine's small native module (electron/native/confine_fs.c): renameat2(2) and flock(2), which
// Node does not offer. It is built with node-gyp by `npm run build`; a packaged app carries it
// in its resources folder.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineMessage, t } from '../../shared/i18n';

const MISSING = defineMessage({
  id: 'error.native-missing',
  defaultMessage: 'Confine’s native module ({addon}) was not found; run {command}. Looked in: {places}',
  description: 'addon: a file name; command: npm run build; places: comma-separated paths',
});

export interface NativeFs {
  /** 0, or the errno value of the failure. */
  renameat2(from: string, to: string, flags: number): number;
  flock(fd: number, operation: number): number;
}

export const RENAME_NOREPLACE = 1;
export const RENAME_EXCHANGE = 2;
export const LOCK_EX = 2;
export const LOCK_NB = 4;
export const LOCK_UN = 8;

const ADDON = 'confine_fs.node';

function candidates(): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  return [
    // Only outside a packaged app: there native code must come from the app itself.
    resources === undefined ? process.env.CONFINE_NATIVE_ADDON : undefined,
    // electron/services (tests, tsx) and out/cli, out/main (the builds).
    join(here, '../native/build/Release', ADDON),
    join(here, '../../electron/native/build/Release', ADDON),
    resources === undefined ? undefined : join(resources, 'native', ADDON),
  ].filter((p): p is string => p !== undefined);
}

let loaded: { fs: NativeFs | undefined; tried: readonly string[] } | undefined;

/** The native module, or undefined (with the places looked in) where it was not built. */
export function nativeFs(): NativeFs | undefined {
  if (!loaded) {
    const tried = candidates();
    const found = tried.find((p) => existsSync(p));
    loaded = { fs: found ? (createRequire(import.meta.url)(found) as NativeFs) : undefined, tried };
  }
  return loaded.fs;
}

export function nativeMissing(): string {
  return t(MISSING, { addon: ADDON, command: '`npm run build`', places: (loaded?.tried ?? candidates()).join(', ') });
}
