// Where Flatpak keeps its installations, resolved from the same environment variables Flatpak
// reads (flatpak-dir.c), so tests point everything at a temporary folder by setting them.

import { readdir } from 'node:fs/promises';
import { readBytes } from './files';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { decodeKeyfile } from '../../shared/keyfile/bytes';
import { KeyFile } from '../../shared/keyfile/keyfile';
import type { InstallationInfo } from '../../shared/model';

export interface FlatpakPaths {
  readonly userDir: string;
  readonly systemDir: string;
  readonly configDir: string;
}

export type Environment = Readonly<Record<string, string | undefined>>;

const nonEmpty = (v: string | undefined) => (v !== undefined && v !== '' ? v : undefined);

export function flatpakPaths(env: Environment = process.env): FlatpakPaths {
  const home = nonEmpty(env.HOME) ?? homedir();
  const dataHome = nonEmpty(env.XDG_DATA_HOME) ?? join(home, '.local/share');
  return {
    userDir: nonEmpty(env.FLATPAK_USER_DIR) ?? join(dataHome, 'flatpak'),
    systemDir: nonEmpty(env.FLATPAK_SYSTEM_DIR) ?? '/var/lib/flatpak',
    configDir: nonEmpty(env.FLATPAK_CONFIG_DIR) ?? '/etc/flatpak',
  };
}

// flatpak-dir.c is_good_installation_id
function goodInstallationId(id: string): boolean {
  return id !== '' && id !== 'user' && id !== 'default' && id !== 'system' && /^[\x20-\x7e]*$/.test(id) && !/[ /\n]/.test(id) && id.length <= 80;
}

export interface InstallationsResult {
  readonly installations: readonly InstallationInfo[];
  /** Problems with installations.d files, said in words. */
  readonly warnings: readonly string[];
}

/** The user installation, the default system one and the custom ones of installations.d,
 *  the system ones ordered by priority as Flatpak orders them. */
export async function findInstallations(paths: FlatpakPaths): Promise<InstallationsResult> {
  const warnings: string[] = [];
  const custom: InstallationInfo[] = [];
  const confDir = join(paths.configDir, 'installations.d');
  let files: string[] = [];
  try {
    files = (await readdir(confDir, { withFileTypes: true })).filter((d) => d.isFile() && d.name.endsWith('.conf')).map((d) => d.name).sort();
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
        warnings.push(`${path}: installation “${id}” has no absolute Path`);
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
      else if (!goodInstallationId(id)) warnings.push(`${path}: bad installation ID “${id}”, ignored as Flatpak does`);
      else if (custom.some((c) => c.id === id)) warnings.push(`${path}: duplicate installation ID “${id}”, ignored as Flatpak does`);
      else custom.push(info);
    }
  }
  const system: InstallationInfo = defaultOverride ?? { id: 'default', kind: 'system', path: paths.systemDir, displayName: 'Default system installation', priority: 0 };
  const user: InstallationInfo = { id: 'user', kind: 'user', path: paths.userDir, displayName: 'User installation', priority: 0 };
  const systems = [system, ...custom].sort((a, b) => b.priority - a.priority);
  return { installations: [user, ...systems], warnings };
}
