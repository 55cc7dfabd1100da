// The app list, read from the deployed files, against what `flatpak list` reports for the same
// installations (user, system and a custom one from installations.d), and against the test
// bed's own description of its apps.

import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlatpakCore } from '../electron/services/core';
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
    const file = join(env.XDG_CACHE_HOME ?? '', 'confine/catalog.json');
    const first = await listJson(env);
    const kept = JSON.parse(await readFile(file, 'utf8')) as { apps: object; metadata: object };
    expect(JSON.stringify(kept.apps)).toContain(testbed().apps[0]?.id);
    // Each app's parsed metadata too (the test bed's has no warnings, which are not kept).
    expect(Object.keys(kept.metadata)).toHaveLength(first.length);
    const second = await listJson(env);
    expect(second).toEqual(first);
    // A damaged cache is rebuilt, not trusted; so is a damaged entry, field by field.
    const entries = (f: (e: { context: Record<string, unknown> }) => unknown) =>
      JSON.stringify({
        ...kept,
        metadata: Object.fromEntries(
          Object.entries(kept.metadata as Record<string, { context: Record<string, unknown> }>).map(([k, e]) => [
            k,
            f(structuredClone(e)),
          ]),
        ),
      });
    for (const damaged of [
      '{"format":1,"apps":{"x":{"name":5}}}',
      '{"format":2',
      entries(() => 7),
      entries((e) => ({ ...e, context: { ...e.context, filesystems: [['home', 'sometimes']] } })),
      entries((e) => ({ ...e, context: { ...e.context, session: [['org.a.b', 'toString']] } })),
      entries((e) => ({ ...e, context: { ...e.context, shared: [['network', 'yes']] } })),
      entries((e) => ({ ...e, context: { ...e.context, persistent: ['.a', '.a'] } })),
      entries((e) => ({ ...e, runtime: 5 })),
    ]) {
      await writeFile(file, damaged);
      expect(await listJson(env)).toEqual(first);
    }
  });

  it("writes a window's cache after its answer, a while later or when it closes; a command's before", async () => {
    const env = await workspace();
    const file = join(env.XDG_CACHE_HOME ?? '', 'confine/catalog.json');
    const kept = async () => Object.keys((JSON.parse(await readFile(file, 'utf8')) as { metadata: object }).metadata);

    const command = await FlatpakCore.create({ env });
    const listed = (await command.snapshot()).apps.length;
    expect(await kept()).toHaveLength(listed);
    await command.close();

    // A window's first read answers before the cache's JSON text of every app is made and written.
    await rm(file);
    const closing = await FlatpakCore.create({ env, saveLater: true });
    expect((await closing.snapshot()).apps).toHaveLength(listed);
    expect(existsSync(file)).toBe(false);
    await closing.close();
    expect(await kept()).toHaveLength(listed);

    await rm(file);
    const staying = await FlatpakCore.create({ env, saveLater: true });
    await staying.snapshot();
    expect(existsSync(file)).toBe(false);
    await expect.poll(() => existsSync(file), { timeout: 10_000 }).toBe(true);
    expect(await kept()).toHaveLength(listed);
    await staying.close();
  });

  it("keeps a commit's parsed metadata, never an older commit's, and reads overrides afresh", async () => {
    const env = await workspace();
    const file = join(env.XDG_CACHE_HOME ?? '', 'confine/catalog.json');
    // A deployment made by hand in an installation of its own: its `active` link names the commit.
    const app = 'org.example.Stale';
    const branchDir = join(env.HOME ?? '', 'hand', 'app', app, 'x86_64', 'stable');
    const deploy = async (commit: string, context: string) => {
      await mkdir(join(branchDir, commit), { recursive: true });
      await writeFile(
        join(branchDir, commit, 'metadata'),
        `[Application]\nname=${app}\nruntime=org.example.Platform/x86_64/1\n\n[Context]\n${context}\n`,
      );
      await rm(join(branchDir, 'active'), { force: true });
      await symlink(commit, join(branchDir, 'active'));
    };
    await mkdir(branchDir, { recursive: true });
    await symlink('x86_64/stable', join(env.HOME ?? '', 'hand', 'app', app, 'current'));
    await deploy('a'.repeat(64), 'shared=network;\nsockets=x11;');
    await mkdir(join(env.FLATPAK_CONFIG_DIR ?? '', 'installations.d'), { recursive: true });
    await writeFile(
      join(env.FLATPAK_CONFIG_DIR ?? '', 'installations.d', 'hand.conf'),
      `[Installation "hand"]\nPath=${join(env.HOME ?? '', 'hand')}\n`,
    );
    // What list --json printed last is kept too (list-output-cache.test.ts); each read here goes past
    // it, to the catalog this test is about.
    const keptOutput = join(env.XDG_CACHE_HOME ?? '', 'confine/list-output');
    const fromCatalog = async () => {
      await rm(keptOutput, { force: true });
      return listJson(env);
    };
    const uncached = async () => {
      await rm(file, { force: true });
      return fromCatalog();
    };
    const permissionsOf = (apps: ListedApp[], id = app) => apps.find((a) => a.id === id)?.permissions;

    const cold = await listJson(env);
    expect(permissionsOf(cold)).toMatchObject({
      shared: [{ name: 'network', allowed: true, source: 'app' }],
      sockets: [{ name: 'x11', allowed: true, source: 'app' }],
    });
    expect(await listJson(env)).toEqual(cold);

    // The warm run takes the context from the cache, not the file: a well-formed entry changed
    // by hand is believed (the cache is the user's own, like the overrides beside it) …
    const text = await readFile(file, 'utf8');
    const key = Object.keys((JSON.parse(text) as { metadata: object }).metadata).find((k) => k.includes(app)) ?? '';
    expect(key).toContain(`@${'a'.repeat(64)}`);
    const edited = JSON.parse(text) as { metadata: Record<string, { context: { shared: unknown } }>; build: string };
    (edited.metadata[key] as { context: { shared: unknown } }).context.shared = [['network', false]];
    await writeFile(file, JSON.stringify(edited));
    expect(permissionsOf(await fromCatalog())).toMatchObject({
      shared: [{ name: 'network', allowed: false, source: 'app' }],
    });
    // … unless another build of Confine wrote it, whose parser may have read the file otherwise.
    await writeFile(file, JSON.stringify({ ...edited, build: `${edited.build}x` }));
    expect(await fromCatalog()).toEqual(cold);

    // An update deploys a new commit: its metadata is read, whatever the cache holds of the old one.
    await deploy('b'.repeat(64), 'shared=ipc;');
    const updated = await listJson(env);
    expect(permissionsOf(updated)).toMatchObject({
      shared: [{ name: 'ipc', allowed: true, source: 'app' }],
      sockets: [],
    });
    expect(updated).toEqual(await uncached());

    // Overrides are never cached: a change made by flatpak shows at once.
    const other = testbed().apps[0]?.id ?? '';
    await listJson(env);
    expect((await flatpak(env, ['override', '--user', '--nosocket=wayland', other])).code).toBe(0);
    const overridden = await listJson(env);
    expect(permissionsOf(overridden, other)).toMatchObject({
      sockets: expect.arrayContaining([{ name: 'wayland', allowed: false, source: 'user-app' }]) as unknown,
    });
    expect(overridden).toEqual(await uncached());
  });

  it('finds a deployment on disk when `current` names none, or is missing', async () => {
    const env = await workspace();
    const app = 'org.example.Moved';
    const appDir = join(env.HOME ?? '', 'hand', 'app', app);
    // Deployed on the stable branch only; `current` names a beta branch that has no deployment.
    const commit = 'c'.repeat(64);
    await mkdir(join(appDir, 'x86_64', 'stable', commit), { recursive: true });
    await writeFile(join(appDir, 'x86_64', 'stable', commit, 'metadata'), `[Application]\nname=${app}\n`);
    await symlink(commit, join(appDir, 'x86_64', 'stable', 'active'));
    await mkdir(join(appDir, 'x86_64', 'beta'), { recursive: true });
    await symlink('x86_64/beta', join(appDir, 'current'));
    await mkdir(join(env.FLATPAK_CONFIG_DIR ?? '', 'installations.d'), { recursive: true });
    await writeFile(
      join(env.FLATPAK_CONFIG_DIR ?? '', 'installations.d', 'hand.conf'),
      `[Installation "hand"]\nPath=${join(env.HOME ?? '', 'hand')}\n`,
    );
    const branchOf = async () => (await listJson(env)).find((a) => a.id === app)?.deployments.map((d) => d.branch);
    expect(await branchOf()).toEqual(['stable']);
    await rm(join(appDir, 'current'));
    expect(await branchOf()).toEqual(['stable']);
  });

  it('prints a plain table without --json, naming installations as flatpak list does', async () => {
    const env = await workspace();
    // The second app installed in a custom installation too (installations.d), by flatpak itself.
    const bed = testbed();
    const hand = join(env.HOME ?? '', 'hand');
    const into = { ...env, FLATPAK_USER_DIR: hand, FLATPAK_TRIGGERSDIR: join(hand, 'no-triggers') };
    const second = bed.apps[1]?.id ?? '';
    for (const args of [
      ['remote-add', '--user', '--no-gpg-verify', 'local', `file://${join(bed.dir, 'repo')}`],
      ['install', '--user', '-y', '--noninteractive', 'local', `app/${second}/${bed.arch}/stable`],
    ]) {
      const done = await flatpak(into, args);
      expect(done.code, done.stderr).toBe(0);
    }
    await mkdir(join(env.FLATPAK_CONFIG_DIR ?? '', 'installations.d'), { recursive: true });
    await writeFile(
      join(env.FLATPAK_CONFIG_DIR ?? '', 'installations.d', 'hand.conf'),
      `[Installation "hand"]\nPath=${hand}\n`,
    );
    const r = await confine(env, ['list']);
    expect(r.code).toBe(0);
    const spec = bed.apps[0];
    const [first] = r.stdout.split('\n');
    expect(first?.split('\t').slice(0, 4)).toEqual([spec?.id, spec?.name, spec?.version, 'stable']);
    const shown = await flatpak(env, ['list', '--app', '--columns=application,installation']);
    expect(shown.code, shown.stderr).toBe(0);
    const where = new Map<string, string[]>();
    for (const [id, installation] of shown.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')))
      if (id && installation) where.set(id, [...(where.get(id) ?? []), installation]);
    const rows = r.stdout.split('\n').filter(Boolean);
    expect(rows.map((l) => l.split('\t')[0]).sort()).toEqual([...where.keys()].sort());
    for (const row of rows) {
      const [id, , , , installations] = row.split('\t');
      expect(installations?.split(',').sort(), id).toEqual(where.get(id ?? '')?.sort());
    }
    // The first app is installed for the user and system-wide, which flatpak calls "system"; the
    // second in the custom installation too.
    expect(where.get(spec?.id ?? '')?.sort()).toEqual(['system', 'user']);
    expect(where.get(second)).toContain('system (hand)');
  });
});
