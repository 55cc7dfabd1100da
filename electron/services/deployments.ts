// Finds the apps deployed in an installation by reading its folders: `app/<ID>/current` names
// the arch and branch Flatpak uses by default, and `…/<arch>/<branch>/active` the deployment.
// The calls are synchronous: a thousand apps are two thousand `readlink`s of a few microseconds
// each, which the thread pool and its promises made cost ten times as much. An app whose links
// are in place costs those two calls and nothing more.

import { readdirSync, readlinkSync, statSync } from 'node:fs';
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
const COMMIT = /^[0-9a-f]{64}$/;

/** `dir/name` as path.join writes it, for a `dir` join has written and a name that is neither
 *  `.` nor `..` nor has a slash, without join's normalising pass over the whole path. */
const child = (dir: string, name: string) =>
  name === '.' || name === '..' ? join(dir, name) : dir === '/' ? `/${name}` : `${dir}/${name}`;

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function current(appDir: string): [string, string] | undefined {
  try {
    const [arch, branch, ...rest] = readlinkSync(`${appDir}/current`).split('/');
    if (arch && branch && rest.length === 0 && PLAIN_NAME.test(arch) && PLAIN_NAME.test(branch)) return [arch, branch];
  } catch {
    // No `current` link: the caller falls back to the deployments on disk.
  }
  return undefined;
}

/** The arch and branch folders on disk, in order, but for the one `current` named (tried first). */
function* candidates(appDir: string, preferred: [string, string] | undefined): Generator<[string, string]> {
  for (const arch of list(appDir)
    .filter((a) => a !== 'current' && PLAIN_NAME.test(a))
    .sort()) {
    for (const branch of list(join(appDir, arch))
      .filter((b) => PLAIN_NAME.test(b))
      .sort())
      if (arch !== preferred?.[0] || branch !== preferred[1]) yield [arch, branch];
  }
}

/** The deployment of one arch and branch, if there is one. */
function deployedAt(
  inst: InstallationInfo,
  appDir: string,
  appId: string,
  arch: string,
  branch: string,
): DeploymentRecord | undefined {
  const active = `${child(child(appDir, arch), branch)}/active`;
  let commit: string | undefined;
  try {
    const target = readlinkSync(active);
    if (COMMIT.test(target)) commit = target;
  } catch {
    // Not a link: a plain folder still counts, without a commit to cache by.
  }
  if (commit === undefined) {
    try {
      if (!statSync(active).isDirectory()) return undefined;
    } catch {
      // Not deployed (an interrupted install leaves such folders).
      return undefined;
    }
  }
  const found = { appId, installation: inst.id, kind: inst.kind, arch, branch, path: active };
  return commit === undefined
    ? { ...found, metadataPath: `${active}/metadata` }
    : { ...found, metadataPath: `${active}/metadata`, commit };
}

/** `appsDir` as path.join writes it (`<installation>/app`); `appId` a valid app ID. */
function deploymentOf(inst: InstallationInfo, appsDir: string, appId: string): DeploymentRecord | undefined {
  // A valid app ID has no slash and is never `.` or `..`.
  const appDir = child(appsDir, appId);
  // The `current` link first, without the walk over the folders: nearly every app has one that
  // points at a deployment, and the walk's generator and pairs were garbage for each (issue 19).
  const preferred = current(appDir);
  const first = preferred && deployedAt(inst, appDir, appId, preferred[0], preferred[1]);
  if (first) return first;
  for (const [arch, branch] of candidates(appDir, preferred)) {
    const found = deployedAt(inst, appDir, appId, arch, branch);
    if (found) return found;
  }
  return undefined;
}

function deployments(inst: InstallationInfo, appIds: readonly string[]): DeploymentRecord[] {
  const appsDir = join(inst.path, 'app');
  const found: DeploymentRecord[] = [];
  for (const id of appIds) {
    const d = deploymentOf(inst, appsDir, id);
    if (d) found.push(d);
  }
  return found;
}

/** Every app deployed in the installation, in ID order. Names that are not app IDs are skipped. */
export function scanInstallation(inst: InstallationInfo): Promise<DeploymentRecord[]> {
  return Promise.resolve(deployments(inst, list(join(inst.path, 'app')).filter(isAppId).sort()));
}

/** The deployments of just these apps in the installation, in the order given; for a reread of a few apps. */
export function deploymentsIn(inst: InstallationInfo, appIds: readonly string[]): Promise<DeploymentRecord[]> {
  return Promise.resolve(deployments(inst, appIds.filter(isAppId)));
}
