import type * as ChildProcess from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { DEFAULT_FLATPAK_VERSION, parseVersion, type Version } from '../../shared/flatpak/version';
import type { Environment } from './locations';

export interface FlatpakVersionInfo {
  readonly version: Version;
  /** False when no `flatpak` could be asked and Confine assumes the version it models. */
  readonly detected: boolean;
}

/** Asks the installed `flatpak` for its version (no shell, argument array). */
export async function askFlatpakVersion(env: Environment = process.env): Promise<Version | undefined> {
  // Loaded here: the version is cached by binary, so most runs start no process, and loading
  // child_process costs a whole run of the CLI several milliseconds. Required, not imported:
  // see appstream.ts's zlib.
  const { execFile } = createRequire(import.meta.url)('node:child_process') as typeof ChildProcess;
  const run = promisify(execFile);
  try {
    const { stdout } = await run('flatpak', ['--version'], {
      env: { PATH: env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C.UTF-8' },
      timeout: 10_000,
    });
    return parseVersion(stdout);
  } catch {
    // No flatpak on this machine; nothing can be installed either.
    return undefined;
  }
}

export function versionInfo(version: Version | undefined): FlatpakVersionInfo {
  return version ? { version, detected: true } : { version: DEFAULT_FLATPAK_VERSION, detected: false };
}
