// Where Flatpak keeps its installations, resolved from the same environment variables Flatpak
// reads (flatpak-dir.c), so tests point everything at a temporary folder by setting them.
// Inside Confine's own Flatpak sandbox the host's places are found as the finish-args show them.

import { readdir, stat } from 'node:fs/promises';
import { readBytes, readBytesSync } from './read-files';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { decodeKeyfile } from '../../shared/keyfile/bytes';
import { KeyFile } from '../../shared/keyfile/keyfile';
import type { InstallationInfo } from '../../shared/model';
import { defineMessages, t } from '../../shared/i18n';

// Flatpak's installations.d is read as Flatpak reads it; what it skips, Confine says it skips.
const M = defineMessages({
  noPath: {
    id: 'warning.installations.no-path',
    defaultMessage: '{file}: installation “{id}” has no absolute Path',
    description: 'file: a file of installations.d; id: an installation’s ID; Path is the key’s name',
  },
  badId: {
    id: 'warning.installations.bad-id',
    defaultMessage: '{file}: bad installation ID “{id}”, ignored as Flatpak does',
  },
  duplicate: {
    id: 'warning.installations.duplicate-id',
    defaultMessage: '{file}: duplicate installation ID “{id}”, ignored as Flatpak does',
  },
});
import { parseFlatpakInfo, unreachableInstallation, type SelfSandbox } from '../../shared/flatpak/self-sandbox';

export interface FlatpakPaths {
  readonly userDir: string;
  readonly systemDir: string;
  readonly configDir: string;
}

export type Environment = Readonly<Record<string, string | undefined>>;

const nonEmpty = (v: string | undefined) => (v !== undefined && v !== '' ? v : undefined);

/** Where host-etc shows the host's /etc inside a sandbox (flatpak-exports.c). */
export const SANDBOX_HOST_ETC = '/run/host/etc';

/**
 * The user's data folder on the host. Inside a sandbox XDG_DATA_HOME is the app's own
 * ~/.var/app/ID/data (where Flatpak also mounts xdg-data/… entries, under another path), and the
 * host's value comes as HOST_XDG_DATA_HOME, set only where the host had one (flatpak-context.c,
 * flatpak_context_apply_env_appid); HOME is the host's in both.
 */
export function hostDataHome(env: Environment, sandbox: SelfSandbox | null): string {
  const home = nonEmpty(env.HOME) ?? homedir();
  return nonEmpty(sandbox ? env.HOST_XDG_DATA_HOME : env.XDG_DATA_HOME) ?? join(home, '.local/share');
}

/** FLATPAK_* variables pass into a sandbox unchanged (flatpak-run.c clears only its own list),
 *  so they win there as they do on the host. */
export function flatpakPaths(env: Environment = process.env, sandbox: SelfSandbox | null = null): FlatpakPaths {
  return {
    userDir: nonEmpty(env.FLATPAK_USER_DIR) ?? join(hostDataHome(env, sandbox), 'flatpak'),
    systemDir: nonEmpty(env.FLATPAK_SYSTEM_DIR) ?? '/var/lib/flatpak',
    configDir: nonEmpty(env.FLATPAK_CONFIG_DIR) ?? (sandbox ? `${SANDBOX_HOST_ETC}/flatpak` : '/etc/flatpak'),
  };
}

/** Confine's own sandbox, from the file Flatpak writes at the root of every sandbox; null outside one. */
export function readSelfSandbox(infoFile = '/.flatpak-info'): Promise<SelfSandbox | null> {
  let bytes: Buffer | null = null;
  try {
    bytes = readBytesSync(infoFile);
  } catch {
    // Unreadable: not a sandbox Confine can tell anything about.
  }
  return Promise.resolve(bytes === null ? null : parseFlatpakInfo(decodeKeyfile(bytes)));
}

// flatpak-dir.c is_good_installation_id
function goodInstallationId(id: string): boolean {
  return (
    id !== '' &&
    id !== 'user' &&
    id !== 'default' &&
    id !== 'system' &&
    /^[\x20-\x7e]*$/.test(id) &&
    !/[ /\n]/.test(id) &&
    id.length <= 80
  );
}

export interface InstallationsResult {
  readonly installations: readonly InstallationInfo[];
  /** Problems with installations.d files, said in words. */
  readonly warnings: readonly string[];
}

/** The user installation, the default system one and the custom ones of installations.d,
 *  the system ones ordered by priority as Flatpak orders them. */
export async function findInstallations(
  paths: FlatpakPaths,
  sandbox: SelfSandbox | null = null,
): Promise<InstallationsResult> {
  const warnings: string[] = [];
  const custom: InstallationInfo[] = [];
  const confDir = join(paths.configDir, 'installations.d');
  let files: string[] = [];
  try {
    files = (await readdir(confDir, { withFileTypes: true }))
      .filter((d) => d.isFile() && d.name.endsWith('.conf'))
      .map((d) => d.name)
      .sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') warnings.push(`${confDir}: ${(e as Error).message}`);
  }
  let defaultOverride: InstallationInfo | undefined;
  for (const file of files) {
    const path = join(confDir, file);
    const parsed = KeyFile.parse(decodeKeyfile((await readBytes(path).catch(() => null)) ?? Buffer.alloc(0)));
    if (!parsed.ok) {
      warnings.push(`${path}: ${parsed.error.message}`);
      continue;
    }
    for (const group of parsed.file.groupNames()) {
      const m = /^Installation "(.*)"$/.exec(group);
      if (!m) continue;
      const id = m[1] ?? '';
      const location = parsed.file.getString(group, 'Path')?.value;
      if (!location || !isAbsolute(location)) {
        warnings.push(t(M.noPath, { file: path, id }));
        continue;
      }
      const info: InstallationInfo = {
        id,
        kind: id === 'default' ? 'system' : 'custom',
        path: location,
        displayName: parsed.file.getString(group, 'DisplayName')?.value ?? id,
        priority: Number.parseInt(parsed.file.getString(group, 'Priority')?.value ?? '0', 10) || 0,
      };
      if (id === 'default') defaultOverride ??= info;
      else if (!goodInstallationId(id)) warnings.push(t(M.badId, { file: path, id }));
      else if (custom.some((c) => c.id === id)) warnings.push(t(M.duplicate, { file: path, id }));
      else custom.push(info);
    }
  }
  const system: InstallationInfo = defaultOverride ?? {
    id: 'default',
    kind: 'system',
    path: paths.systemDir,
    displayName: 'Default system installation',
    priority: 0,
  };
  const user: InstallationInfo = {
    id: 'user',
    kind: 'user',
    path: paths.userDir,
    displayName: 'User installation',
    priority: 0,
  };
  const systems = [system, ...custom].sort((a, b) => b.priority - a.priority);
  // On the host a missing folder is an installation with no apps yet; inside the sandbox it is
  // most likely one the finish-args do not reach, and the user is told how to grant it.
  if (sandbox) {
    for (const inst of [defaultOverride, ...custom]) {
      if (
        inst &&
        !(await stat(inst.path).then(
          (s) => s.isDirectory(),
          () => false,
        ))
      )
        warnings.push(unreachableInstallation(sandbox, inst));
    }
  }
  return { installations: [user, ...systems], warnings };
}
