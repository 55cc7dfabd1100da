// Finds the apps deployed in an installation by reading its folders: `app/<ID>/current` names
// the arch and branch Flatpak uses by default, and `…/<arch>/<branch>/active` the deployment.

// The two links of every app (`current`, `active`) are read synchronously: a readlink takes a
// few microseconds, and through the thread pool 2 per app cost several times that (measured:
// 200 in about 2 ms this way, 10 to 25 ms as promises); a 1000-app scan blocks about one frame.
import { readlinkSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isAppId } from '../../shared/flatpak/grammar';
import type { Deployment, InstallationInfo } from '../../shared/model';

export interface DeploymentRecord extends Deployment {
  readonly appId: string;
  readonly metadataPath: string;
  /** The deployed commit (`active` points to it); a commit's files never change. */
  readonly commit?: string;
}

const PLAIN_NAME = /^[A-Za-z0-9_.+-]+$/;

async function list(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

function current(appDir: string): [string, string] | undefined {
  try {
    const [arch, branch, ...rest] = readlinkSync(join(appDir, 'current')).split('/');
    if (arch && branch && rest.length === 0 && PLAIN_NAME.test(arch) && PLAIN_NAME.test(branch)) return [arch, branch];
  } catch {
    // No `current` link: the caller falls back to the deployments on disk.
  }
  return undefined;
}

async function* candidates(appDir: string): AsyncGenerator<[string, string]> {
  const preferred = current(appDir);
  if (preferred) yield preferred;
  for (const arch of (await list(appDir)).filter((a) => a !== 'current' && PLAIN_NAME.test(a)).sort()) {
    for (const branch of (await list(join(appDir, arch))).filter((b) => PLAIN_NAME.test(b)).sort())
      yield [arch, branch];
  }
}

async function deploymentOf(inst: InstallationInfo, appId: string): Promise<DeploymentRecord | undefined> {
  const appDir = join(inst.path, 'app', appId);
  for await (const [arch, branch] of candidates(appDir)) {
    const active = join(appDir, arch, branch, 'active');
    const base = {
      appId,
      installation: inst.id,
      kind: inst.kind,
      arch,
      branch,
      path: active,
      metadataPath: join(active, 'metadata'),
    };
    try {
      const target = readlinkSync(active);
      if (/^[0-9a-f]{64}$/.test(target)) return { ...base, commit: target };
    } catch {
      // Not a link: a plain folder still counts, without a commit to cache by.
    }
    try {
      if ((await stat(active)).isDirectory()) return base;
    } catch {
      // Not deployed (an interrupted install leaves such folders); try the next one.
    }
  }
  return undefined;
}

/** Every app deployed in the installation, in ID order. Names that are not app IDs are skipped. */
export async function scanInstallation(inst: InstallationInfo): Promise<DeploymentRecord[]> {
  const ids = (await list(join(inst.path, 'app'))).filter(isAppId).sort();
  const found = await Promise.all(ids.map((id) => deploymentOf(inst, id)));
  return found.filter((d): d is DeploymentRecord => d !== undefined);
}

/** The deployments of just these apps in the installation, in the order given; for a reread of a few apps. */
export async function deploymentsIn(inst: InstallationInfo, appIds: readonly string[]): Promise<DeploymentRecord[]> {
  const found = await Promise.all(appIds.filter(isAppId).map((id) => deploymentOf(inst, id)));
  return found.filter((d): d is DeploymentRecord => d !== undefined);
}
