// A malformed global override, user or system, against the real flatpak: which apps Flatpak then
// refuses to describe, and that Confine names the file, lists every app it stops, and tells what
// each app gets once the file is reset, which is what Flatpak shows after the reset.

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlatpakCore } from '../electron/services/core';
import { auditAll } from '../electron/services/hardening';
import { effectiveContext } from '../shared/flatpak/merge';
import { renderShowPermissions } from '../shared/flatpak/show';
import { flatpak, showReading, testbed, workspace } from './helpers/testbed';

const bed = testbed();
// A group header without its closing bracket: GLib's keyfile parser refuses the whole file.
const BROKEN = '[Context\nshared=network\n';

async function core(env: Record<string, string>): Promise<FlatpakCore> {
  return FlatpakCore.create({ env, sandbox: null });
}

describe('a malformed global override', () => {
  it('of the user: flatpak refuses every app, and Confine names the file and still audits every app', async () => {
    const env = await workspace();
    const path = join(env.FLATPAK_USER_DIR ?? '', 'overrides/global');
    await writeFile(path, BROKEN);
    const sample = [bed.apps[0], bed.apps[1], bed.systemAppIds.length ? bed.apps[2] : undefined].filter(
      (a) => a !== undefined,
    );
    for (const app of sample) {
      const r = await flatpak(env, ['info', '--show-permissions', app.id]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(path);
    }
    const system = bed.systemAppIds[0];
    if (!system) throw new Error('the test bed has no system-wide app');
    const sys = await flatpak(env, ['--system', 'info', '--show-permissions', system]);
    expect(sys.code).not.toBe(0);
    expect(sys.stderr).toContain(path);

    const report = await auditAll(await core(env));
    expect(report.brokenGlobals).toHaveLength(1);
    const [broken] = report.brokenGlobals;
    expect(broken?.scope).toBe('user');
    expect(broken?.path).toBe(path);
    expect(broken?.message).toContain(path);
    expect([...(broken?.apps ?? [])].sort()).toEqual(bed.apps.map((a) => a.id).sort());
    expect(report.overview.apps).toBe(bed.apps.length);
    expect(report.apps.every((a) => a.error?.includes(path) && a.onceReset)).toBe(true);
    const before = new Map(report.apps.map((a) => [a.id, a.score]));
    expect([...before.values()].some((s) => s > 0)).toBe(true);

    // What Confine says each app gets once the file is reset is what flatpak shows after it.
    const perms = await (await core(env)).appPermissions(bed.apps[0]?.id ?? '');
    expect(perms.error).toContain(path);
    const onceReset = perms.onceReset;
    if (!onceReset) throw new Error('no permissions once reset');
    await rm(path);
    const after = await flatpak(env, ['info', '--show-permissions', bed.apps[0]?.id ?? '']);
    expect(after.code).toBe(0);
    expect(showReading(renderShowPermissions(effectiveContext(onceReset), (await core(env)).version.version))).toEqual(
      showReading(after.stdout),
    );
    const reset = await auditAll(await core(env));
    expect(reset.brokenGlobals).toEqual([]);
    expect(new Map(reset.apps.map((a) => [a.id, a.score]))).toEqual(before);
  });

  it('of the system: flatpak refuses only system-wide deployments, and Confine lists the apps installed there', async () => {
    const env = await workspace();
    const dir = join(env.FLATPAK_SYSTEM_DIR ?? '', 'overrides');
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'global');
    await writeFile(path, BROKEN);
    const system = bed.systemAppIds[0];
    const userOnly = bed.apps.find((a) => !bed.systemAppIds.includes(a.id));
    if (!system || !userOnly) throw new Error('the test bed needs system-wide and user-only apps');
    const refused = await flatpak(env, ['--system', 'info', '--show-permissions', system]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(path);
    // The same app's user deployment, which `flatpak info` picks first, and a user-only app are unaffected.
    expect((await flatpak(env, ['info', '--show-permissions', system])).code).toBe(0);
    expect((await flatpak(env, ['info', '--show-permissions', userOnly.id])).code).toBe(0);

    const c = await core(env);
    const report = await auditAll(c);
    expect(report.brokenGlobals.map((b) => [b.scope, b.path])).toEqual([['system', path]]);
    expect([...(report.brokenGlobals[0]?.apps ?? [])].sort()).toEqual([...bed.systemAppIds].sort());
    expect(report.brokenGlobals[0]?.command).toBe('flatpak override --system --reset');
    expect(report.apps.every((a) => a.error === undefined)).toBe(true);
    const sysPerms = await c.appPermissions(system, 'default');
    expect(sysPerms.error).toContain(path);
    expect(sysPerms.onceReset).toBeDefined();
  });
});
