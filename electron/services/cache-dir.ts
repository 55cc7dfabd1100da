// Where Confine keeps what it caches: $XDG_CACHE_HOME/confine. Apart from cache.ts so that the
// CLI's start (electron/cli/start.ts), which runs before the rest is loaded, finds it too.

import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Environment } from './locations';

export function cacheDir(env: Environment): string {
  const home = env.HOME || homedir();
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'confine');
}
