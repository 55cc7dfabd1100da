// Differential tests with the real `flatpak` as the oracle: random sequences of edits, made
// by Confine and (as outside changes) by `flatpak override` itself, on user and global
// overrides and on system overrides, after which `confine show APP` must print what
// `flatpak info --show-permissions APP` prints, and Flatpak must read Confine's files as
// Confine meant them.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { knownFlags } from '../shared/flatpak/catalogue';
import { loadContext, sameContext, canonicalContext } from '../shared/flatpak/context';
import { parseChangeOption } from '../shared/flatpak/override-args';
import { formatFilesystem } from '../shared/flatpak/filesystem';
import { escapeForTerminal } from '../shared/flatpak/show';
import { escapeValue } from '../shared/keyfile/escape';
import { KeyFile } from '../shared/keyfile/keyfile';
import type { Change } from '../shared/flatpak/edit';
import { readOverride } from '../electron/services/overrides';
import { confine, flatpak, showReading, testbed, workspace } from './helpers/testbed';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const VERSION = [1, 14, 10] as const;
const bed = testbed();
const userApps = bed.apps.map((a) => a.id);
const systemApps = [...bed.systemAppIds];

const flagArg = (yes: string, no: string, kind: Parameters<typeof knownFlags>[0]) =>
  fc.tuple(fc.constantFrom(yes, no), fc.constantFrom(...knownFlags(kind, VERSION))).map(([o, n]) => `--${o}=${n}`);

const FILESYSTEMS = [
  'home',
  'home:ro',
  'host',
  'host:ro',
  'host-os',
  'host-etc:ro',
  'xdg-download',
  'xdg-music:ro',
  'xdg-pictures:create',
  '~/Games:ro',
  '~/Games',
  '/mnt',
  '/srv/data:create',
  'xdg-run/pipewire-0',
  'xdg-config/autostart',
  'xdg-documents/Work',
];
const BUS_NAMES = [
  'org.freedesktop.secrets',
  'org.freedesktop.Notifications',
  'org.example.Foo',
  'org.gtk.vfs.*',
  'org.bluez',
];
const ENV_VALUES = ['1', 'a b', ' leading', 'x=y;z', 'tab\there', '', 'ünï'];

/** An argument both `flatpak override` and `confine override` accept. */
const sharedArg = fc.oneof(
  flagArg('share', 'unshare', 'shared'),
  flagArg('socket', 'nosocket', 'sockets'),
  flagArg('device', 'nodevice', 'devices'),
  flagArg('allow', 'disallow', 'features'),
  fc.constantFrom(...FILESYSTEMS).map((f) => `--filesystem=${f}`),
  fc.constantFrom(...FILESYSTEMS.map((f) => f.replace(/:.*$/, '')), 'host:reset').map((f) => `--nofilesystem=${f}`),
  fc.constantFrom('--persist=.testbed-a', '--persist=.config/testbed-b'),
  fc
    .tuple(fc.constantFrom('FOO', 'BAR', 'LD_PRELOAD'), fc.option(fc.constantFrom(...ENV_VALUES), { nil: undefined }))
    .map(([n, v]) => (v === undefined ? `--unset-env=${n}` : `--env=${n}=${v}`)),
  fc
    .tuple(
      fc.constantFrom(
        'talk-name',
        'own-name',
        'no-talk-name',
        'system-talk-name',
        'system-own-name',
        'system-no-talk-name',
      ),
      fc.constantFrom(...BUS_NAMES),
    )
    .map(([o, n]) => `--${o}=${n}`),
);

/** Confine's own addition: return one entry to its default. */
const defaultArg = fc.constantFrom(
  '--default=sockets:x11',
  '--default=shared:network',
  '--default=filesystems:home',
  '--default=filesystems:~/Games',
  '--default=environment:FOO',
  '--default=session-bus:org.freedesktop.secrets',
  '--default=system-bus:org.bluez',
  '--default=persistent:.testbed-a',
  '--default=filesystem-reset',
);

type Op =
  | { actor: 'confine'; app: string | null; args: string[] }
  | { actor: 'confine-reset'; app: string | null }
  | { actor: 'flatpak'; app: string | null; args: string[] }
  | { actor: 'flatpak-system'; app: string | null; args: string[] };

const target = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...userApps.slice(0, 16), ...systemApps.slice(0, 4)) },
  { weight: 1, arbitrary: fc.constant(null) },
);
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      actor: fc.constant('confine' as const),
      app: target,
      args: fc.array(fc.oneof({ weight: 5, arbitrary: sharedArg }, { weight: 1, arbitrary: defaultArg }), {
        minLength: 1,
        maxLength: 4,
      }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ actor: fc.constant('confine-reset' as const), app: target }) },
  {
    weight: 2,
    arbitrary: fc.record({
      actor: fc.constant('flatpak' as const),
      app: target,
      args: fc.array(sharedArg, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      actor: fc.constant('flatpak-system' as const),
      app: fc.oneof(fc.constantFrom(...systemApps), fc.constant(null)),
      args: fc.array(sharedArg, { minLength: 1, maxLength: 3 }),
    }),
  },
);

/** Runs `fn` over the items, a few at a time: each call waits mostly on its `flatpak` process. */
async function eachLimited<T>(items: readonly T[], fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

async function expectSameAsFlatpak(
  env: Record<string, string>,
  app: string,
  installation: 'user' | 'system',
  context: string,
): Promise<string> {
  // Confine runs in this process while Flatpak runs in its own, so the two overlap.
  const [ours, theirs] = await Promise.all([
    confine(env, ['show', app, ...(installation === 'system' ? ['--installation=default'] : [])]),
    flatpak(env, ['info', `--${installation}`, '--show-permissions', app]),
  ]);
  expect({ context, app, installation, code: ours.code }).toEqual({ context, app, installation, code: theirs.code });
  if (theirs.code === 0) {
    expect({ context, app, installation, show: showReading(ours.stdout) }).toEqual({
      context,
      app,
      installation,
      show: showReading(theirs.stdout),
    });
  } else {
    // Both refuse; Flatpak's message must appear in Confine's.
    expect(ours.stderr).toContain(
      theirs.stderr
        .replace(/^error: /, '')
        .replace(/[“”]/g, '')
        .trim()
        .split(':')
        .pop()
        ?.trim() ?? '',
    );
  }
  return theirs.stdout;
}

/** The value each entry should have after Confine's edit of an app, checked in Flatpak's output. */
function expectIntent(show: string, args: readonly string[]): void {
  const changes: Change[] = [];
  for (const arg of args) {
    const [name = '', ...rest] = arg.slice(2).split('=');
    const parsed = parseChangeOption(name, rest.join('='), VERSION);
    if (parsed.ok) changes.push(...parsed.changes);
  }
  const last = new Map<string, Change>();
  for (const c of changes) {
    // `!host:reset` also revokes host itself.
    if (c.kind === 'filesystem-reset' && c.value)
      last.set('filesystems:host', { kind: 'filesystems', path: 'host', value: 'none' });
    const key =
      'name' in c ? `${c.kind}:${'bus' in c ? c.bus : ''}:${c.name}` : 'path' in c ? `${c.kind}:${c.path}` : c.kind;
    last.set(key, c);
  }
  const parsed = KeyFile.parse(show);
  expect(parsed.ok).toBe(true);
  if (!parsed.ok) return;
  const f = parsed.file;
  const list = (key: string) => new Set((f.getRaw('Context', key) ?? '').split(';').filter(Boolean));
  for (const c of last.values()) {
    switch (c.kind) {
      case 'shared':
      case 'sockets':
      case 'devices':
      case 'features':
        if (c.value !== undefined)
          expect({ arg: args, [c.kind]: [...list(c.kind)].includes(c.name) }).toEqual({ arg: args, [c.kind]: c.value });
        break;
      case 'filesystems': {
        if (c.value === undefined) break;
        const paths = [...list('filesystems')];
        const mentions = paths.filter((t) => t.replace(/:(ro|create)$/, '') === formatFilesystem(c.path, 'rw'));
        expect({ arg: args, fs: mentions }).toEqual({
          arg: args,
          fs: c.value === 'none' ? [] : [formatFilesystem(c.path, c.value)],
        });
        break;
      }
      case 'persistent':
        if (c.value) expect(list('persistent').has(c.path)).toBe(true);
        break;
      case 'environment':
        if (c.value === undefined) break;
        if (c.value === null) expect(list('unset-environment').has(c.name)).toBe(true);
        else
          expect({ arg: args, env: f.getRaw('Environment', c.name) }).toEqual({
            arg: args,
            env: escapeForTerminal(escapeValue(c.value)),
          });
        break;
      case 'bus': {
        if (c.value === undefined) break;
        const group = c.bus === 'session' ? 'Session Bus Policy' : 'System Bus Policy';
        expect({ arg: args, bus: f.getRaw(group, c.name) }).toEqual({
          arg: args,
          bus: c.value === 'none' ? undefined : c.value,
        });
        break;
      }
      default:
        break;
    }
  }
}

/** Flatpak must read the file Confine wrote as Confine means it. */
async function expectFlatpakReadsOverride(env: Record<string, string>, app: string | null): Promise<void> {
  const path = join(env.FLATPAK_USER_DIR ?? '', 'overrides', app ?? 'global');
  const ours = await readOverride(path, VERSION);
  const shown = await flatpak(env, ['override', '--user', '--show', ...(app ? [app] : [])]);
  expect(shown.code).toBe(0);
  if (ours.state === 'missing') {
    expect(shown.stdout).toBe('');
    return;
  }
  expect(ours.state).toBe('ok');
  if (ours.state !== 'ok') return;
  const theirs = KeyFile.parse(shown.stdout);
  expect(theirs.ok).toBe(true);
  if (!theirs.ok) return;
  const loaded = loadContext(theirs.file, VERSION);
  expect(loaded.ok && canonicalContext(loaded.context)).toBe(canonicalContext(ours.context));
  if (loaded.ok) expect(sameContext(loaded.context, ours.context)).toBe(true);
}

describe('Confine against the real flatpak', () => {
  it('shows exactly what `flatpak info --show-permissions` shows for every test bed app, untouched', async () => {
    const env = await workspace();
    await eachLimited(
      [...userApps.map((app) => [app, 'user'] as const), ...systemApps.map((app) => [app, 'system'] as const)],
      ([app, installation]) => expectSameAsFlatpak(env, app, installation, 'pristine'),
    );
  });

  it('writes a new override file byte for byte as `flatpak override` does', async () => {
    // Flatpak writes filesystems, bus names and variables in hash-table order, so each of those
    // gets at most one entry here; flags come in Flatpak's fixed order.
    const args = fc
      .tuple(
        fc.array(
          fc.oneof(
            flagArg('share', 'unshare', 'shared'),
            flagArg('socket', 'nosocket', 'sockets'),
            flagArg('device', 'nodevice', 'devices'),
            flagArg('allow', 'disallow', 'features'),
          ),
          { maxLength: 5 },
        ),
        fc.option(
          fc.constantFrom(
            ...FILESYSTEMS.map((f) => `--filesystem=${f}`),
            '--nofilesystem=home',
            '--nofilesystem=host:reset',
          ),
          { nil: undefined },
        ),
        fc.option(fc.constantFrom('--persist=.testbed-a'), { nil: undefined }),
        fc.option(fc.constantFrom('--env=FOO=1', '--env=FOO= lead', '--unset-env=FOO'), { nil: undefined }),
        fc.option(
          fc.constantFrom(
            '--talk-name=org.example.Foo',
            '--no-talk-name=org.example.Foo',
            '--own-name=org.example.Foo',
          ),
          { nil: undefined },
        ),
        fc.option(fc.constantFrom('--system-talk-name=org.bluez', '--system-no-talk-name=org.bluez'), {
          nil: undefined,
        }),
      )
      .map(([flags, ...rest]) => [...flags, ...rest.filter((x): x is string => x !== undefined)])
      .filter((a) => a.length > 0);
    await fc.assert(
      fc.asyncProperty(args, async (list) => {
        const [ours, theirs] = await Promise.all([workspace(), workspace()]);
        const [byConfine, byFlatpak] = await Promise.all([
          confine(ours, ['override', ...list]),
          flatpak(theirs, ['override', '--user', ...list]),
        ]);
        expect(byConfine.code).toBe(0);
        expect(byFlatpak.code).toBe(0);
        const read = (env: Record<string, string>) =>
          readFile(join(env.FLATPAK_USER_DIR ?? '', 'overrides', 'global'), 'utf8').catch(() => '<no file>');
        expect({ list, file: await read(ours) }).toEqual({ list, file: await read(theirs) });
      }),
      { numRuns: 60, seed: 99 },
    );
  }, 300_000);

  it('applies system overrides to a custom installation from installations.d, as Flatpak does', async () => {
    const env = await workspace();
    const custom = join(env.HOME ?? '', 'custom');
    await mkdir(custom);
    for (const part of ['app', 'runtime', 'repo']) await symlink(join(bed.systemDir, part), join(custom, part));
    await mkdir(join(env.FLATPAK_CONFIG_DIR ?? '', 'installations.d'), { recursive: true });
    await writeFile(
      join(env.FLATPAK_CONFIG_DIR ?? '', 'installations.d', 'x.conf'),
      `[Installation "extra"]\nPath=${custom}\n`,
    );
    const sys = { ...env, FLATPAK_USER_DIR: env.FLATPAK_SYSTEM_DIR ?? '' };
    expect((await flatpak(sys, ['override', '--user', '--nosocket=x11', '--filesystem=/srv'])).code).toBe(0);
    expect((await flatpak(env, ['override', '--user', '--nofilesystem=/srv', systemApps[1] ?? ''])).code).toBe(0);
    let differs = 0;
    for (const app of systemApps.slice(0, 3)) {
      const ours = await confine(env, ['show', app, '--installation=extra']);
      const theirs = await flatpak(env, ['info', '--installation=extra', '--show-permissions', app]);
      expect({ app, show: showReading(ours.stdout) }).toEqual({ app, show: showReading(theirs.stdout) });
      if (theirs.stdout !== (await flatpak(env, ['info', '--user', '--show-permissions', app])).stdout) differs++;
    }
    // The system overrides made a difference, so the comparison above means something.
    expect(differs).toBeGreaterThan(0);
  });

  it('stays equal to Flatpak through random edits by Confine and by flatpak itself', async () => {
    let cases = 0;
    const runs = Number(process.env.CONFINE_DIFF_RUNS ?? 70);
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...userApps),
        async (ops, extra) => {
          const env = await workspace();
          const touched = new Set<string>([extra]);
          for (const [i, o] of ops.entries()) {
            const context = JSON.stringify(ops.slice(0, i + 1));
            const appArg = o.app ? [o.app] : [];
            // Read only after the write, alongside the comparison below: the reads change nothing.
            let reads: Promise<void> | undefined;
            if (o.actor === 'confine') {
              const r = await confine(env, ['override', ...o.args, ...appArg]);
              expect({ context, code: r.code, stderr: r.stderr }).toEqual({ context, code: 0, stderr: '' });
              reads = expectFlatpakReadsOverride(env, o.app);
            } else if (o.actor === 'confine-reset') {
              expect((await confine(env, ['override', '--reset', ...appArg])).code).toBe(0);
            } else {
              const where =
                o.actor === 'flatpak-system' ? { ...env, FLATPAK_USER_DIR: env.FLATPAK_SYSTEM_DIR ?? '' } : env;
              const r = await flatpak(where, ['override', '--user', ...o.args, ...appArg]);
              expect({ context, code: r.code, stderr: r.stderr }).toEqual({ context, code: 0, stderr: '' });
            }
            const app = o.app ?? extra;
            touched.add(app);
            const [show] = await Promise.all([
              expectSameAsFlatpak(env, app, 'user', context),
              systemApps.includes(app) ? expectSameAsFlatpak(env, app, 'system', context) : undefined,
              reads,
            ]);
            if (o.actor === 'confine' && o.app) expectIntent(show, o.args);
            cases++;
          }
          const end = `end of ${JSON.stringify(ops)}`;
          await eachLimited(
            [...new Set([...touched, systemApps[0] ?? ''])].flatMap((app) => [
              [app, 'user'] as const,
              ...(systemApps.includes(app) ? [[app, 'system'] as const] : []),
            ]),
            ([app, installation]) => expectSameAsFlatpak(env, app, installation, end),
          );
        },
      ),
      { numRuns: runs, seed: Number(process.env.CONFINE_DIFF_SEED ?? 4242) },
    );
    // Hundreds of compared states per run by default.
    expect(cases).toBeGreaterThan(runs * 2);
  }, 900_000);
});
