// The app list, read from the deployed files, against what `flatpak list` reports for the same
// installations (user, system and a custom one from installations.d), and against the test
// bed's own description of its apps.

import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confine, flatpak, testbed, workspace } from './helpers/testbed';

interface ListedApp {
  id: string;
  name: string;
  summary?: string;
  developer?: string;
  version?: string;
  icon?: string;
  runtime?: string;
  categories: string[];
  deployments: { installation: string; kind: string; arch: string; branch: string; updated?: string }[];
  permissions: unknown;
}

async function listJson(env: Record<string, string>): Promise<ListedApp[]> {
  const r = await confine(env, ['list', '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { apps: ListedApp[] }).apps;
}

/** `flatpak list` rows as (app, installation) → columns; its installation column reads
 *  `user`, `system` or `system (ID)`. */
async function flatpakList(env: Record<string, string>): Promise<Map<string, string[]>> {
  const out = await flatpak(env, [
    'list',
    '--app',
    '--columns=application,name,description,version,branch,arch,runtime,installation',
  ]);
  expect(out.code).toBe(0);
  const rows = new Map<string, string[]>();
  for (const line of out.stdout.split('\n').filter(Boolean)) {
    const cols = line.split('\t');
    const inst = cols[7] ?? '';
    const id = inst === 'user' ? 'user' : inst === 'system' ? 'default' : (/^system \((.*)\)$/.exec(inst)?.[1] ?? inst);
    rows.set(`${cols[0]}@${id}`, cols);
  }
  return rows;
}

describe('the app list', () => {
  it('names every app of every installation as flatpak list does', async () => {
    const env = await workspace();
    // A custom installation, configured the way administrators do it.
    const custom = join(env.HOME ?? '', 'custom-installation');
    await mkdir(custom);
    for (const part of ['app', 'runtime', 'repo']) await symlink(join(testbed().systemDir, part), join(custom, part));
    await mkdir(join(env.FLATPAK_CONFIG_DIR ?? '', 'installations.d'), { recursive: true });
    await writeFile(
      join(env.FLATPAK_CONFIG_DIR ?? '', 'installations.d', 'extra.conf'),
      `[Installation "extra"]\nPath=${custom}\nDisplayName=Extra apps\nPriority=5\n`,
    );

    const ours = await listJson(env);
    const theirs = await flatpakList(env);
    const ourRows = new Map<string, string[]>();
    for (const app of ours) {
      for (const d of app.deployments) {
        ourRows.set(`${app.id}@${d.installation}`, [
          app.id,
          app.name,
          app.summary ?? '',
          app.version ?? '',
          d.branch,
          d.arch,
          app.runtime ?? '',
        ]);
      }
    }
    expect([...ourRows.keys()].sort()).toEqual([...theirs.keys()].sort());
    for (const [key, cols] of ourRows) expect({ key, cols }).toEqual({ key, cols: theirs.get(key)?.slice(0, 7) });
    // Flatpak's own order: user first, then system installations by priority.
    const first = ours.find((a) => a.id === testbed().systemAppIds[0]);
    expect(first?.deployments.map((d) => d.installation)).toEqual(['user', 'extra', 'default']);
  });

  it('gives each app its developer, categories, icon and last update', async () => {
    const env = await workspace();
    const ours = new Map((await listJson(env)).map((a) => [a.id, a]));
    for (const spec of testbed().apps) {
      const app = ours.get(spec.id);
      expect(app?.developer).toBe(spec.developer);
      expect(app?.categories).toEqual(spec.categories);
      expect(app?.icon).toMatch(/\.png$/);
      const png = await readFile(app?.icon ?? '');
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(Date.parse(app?.deployments[0]?.updated ?? '')).toBeGreaterThan(Date.parse('2020-01-01'));
    }
  });

  it('gives the same list from its cache, and rebuilds a damaged cache', async () => {
    const env = await workspace();
    const first = await listJson(env);
    expect(await readFile(join(env.XDG_CACHE_HOME ?? '', 'confine/catalog.json'), 'utf8')).toContain(
      testbed().apps[0]?.id,
    );
    const second = await listJson(env);
    expect(second).toEqual(first);
    // A damaged cache is rebuilt, not trusted.
    await writeFile(join(env.XDG_CACHE_HOME ?? '', 'confine/catalog.json'), '{"format":1,"apps":{"x":{"name":5}}}');
    expect(await listJson(env)).toEqual(first);
  });

  it('prints a plain table without --json', async () => {
    const env = await workspace();
    const r = await confine(env, ['list']);
    expect(r.code).toBe(0);
    const spec = testbed().apps[0];
    expect(r.stdout.split('\n')[0]).toBe([spec?.id, spec?.name, spec?.version, 'stable', 'user,default'].join('\t'));
  });
});
