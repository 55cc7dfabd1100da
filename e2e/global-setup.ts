import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { e2eTestbedApps } from './testbed/apps';
import { buildTestbed } from './testbed/build';

export const E2E_APPS = 40;
export const E2E_SYSTEM_APPS = 6;

/** Builds (or reuses) the test bed; workers find it through the environment. */
export default async function globalSetup(): Promise<void> {
  // A folder of one's own where several checkouts run the specs on one machine: a build of one
  // would otherwise clear the bed another is using.
  const dir =
    process.env.CONFINE_E2E_TESTBED_DIR ?? join(tmpdir(), `confine-e2e-testbed-${E2E_APPS}-${E2E_SYSTEM_APPS}`);
  const bed = await buildTestbed({
    dir,
    apps: e2eTestbedApps(E2E_APPS),
    systemApps: E2E_SYSTEM_APPS,
    log: (l) => console.log(`[testbed] ${l}`),
  });
  process.env.CONFINE_E2E_TESTBED = JSON.stringify({
    dir: bed.dir,
    apps: E2E_APPS,
    systemAppIds: bed.systemAppIds,
    userDir: bed.userDir,
    systemDir: bed.systemDir,
    arch: bed.arch,
  });
}
