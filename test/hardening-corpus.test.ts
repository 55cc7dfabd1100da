// The presets and the audit on real apps: an installation built from the Flathub manifests of
// test/corpus, judged against what each app is documented to need (test/corpus/documented-
// needs.json) and against what a probe inside each app's real sandbox can reach. "Closed"
// means measured there: every escape the audit stops reporting must be closed in the sandbox,
// and every escape it still reports must still be open.

import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusApps } from '../e2e/testbed/corpus';
import { documentedNeeds, DISPLAY, needCheck, ownData, parseShown, type State } from './helpers/documented-needs';
import { probe, probeHome, result, RUN, TMP_MARKER, type Check, type ProbeHome } from './helpers/sandbox';
import { confine, corpusBed, flatpak } from './helpers/testbed';

const bed = corpusBed();
const apps = corpusApps();
const needs = documentedNeeds();
/** A GNOME session on Wayland: the presets read the session from these, as on a desktop. */
const GNOME = { XDG_SESSION_TYPE: 'wayland', XDG_CURRENT_DESKTOP: 'GNOME' };

type Home = ProbeHome & { display: string };

interface AuditJson {
  apps: { id: string; score: number; findings: { id: string; severity: string; permission: string }[] }[];
}
interface HardenJson {
  apps: {
    appId: string;
    proposals: { id: string; selected: boolean; cost: string; loses: string; changes: unknown[] }[];
  }[];
}

/** Where each escape the audit reports shows in the sandbox; classes a probe cannot see (bus
 *  names) are checked in Flatpak's own report instead, below. */
const ESCAPE_PROBES: Readonly<Record<string, readonly Check[]>> = (() => {
  return {
    'escape:write-home': [{ op: 'c', path: '~/.bash_profile' }],
    'escape:write-startup': [
      { op: 'w', path: '~/.config/autostart' },
      { op: 'm', parent: '~/.config', path: '~/.config/autostart' },
      { op: 'a', path: '~/.bashrc' },
      { op: 'w', path: '~/.local/share/applications' },
      { op: 'w', path: '~/.config/systemd/user' },
      { op: 'n', path: '~/bin' },
    ],
    'escape:flatpak-overrides': [
      { op: 'w', path: '~/.local/share/flatpak/overrides' },
      { op: 'm', parent: '~/.local/share', path: '~/.local/share/flatpak/overrides' },
    ],
    'escape:gnupg': [
      { op: 'w', path: '~/.gnupg' },
      { op: 'w', path: '~/.config/gnupg' },
    ],
    'escape:ssh': [{ op: 'w', path: '~/.ssh' }],
    'escape:native-messaging': [
      { op: 'w', path: '~/.mozilla/native-messaging-hosts' },
      { op: 'w', path: '~/.var/app/org.mozilla.firefox/.mozilla/native-messaging-hosts' },
      { op: 'm', parent: '~/.var', path: '~/.var/app/org.mozilla.firefox/.mozilla/native-messaging-hosts' },
      { op: 'n', path: '~/.librewolf/native-messaging-hosts' },
    ],
    'escape:containers': [
      { op: 's', path: `${RUN}podman/podman.sock` },
      { op: 's', path: `${RUN}docker/docker.sock` },
      { op: 's', path: `${RUN}libvirt/libvirt-sock` },
    ],
    'escape:host-tmp': [{ op: 'r', path: TMP_MARKER }],
  };
})();

/** Everything probed in every app, so that states compare. */
function allChecks(): Check[] {
  const seen = new Map<string, Check>();
  const add = (c: Check) => seen.set(`${c.op}:${c.path}:${'parent' in c ? c.parent : ''}`, c);
  for (const list of Object.values(ESCAPE_PROBES)) list.forEach(add);
  for (const list of Object.values(needs)) for (const n of list) needCheck(n.need).probes.forEach(add);
  for (const app of apps) ownData(app.id).probes.forEach(add);
  return [...seen.values()];
}

/** Every state measured so far, by what `flatpak run` builds the sandbox from: the app (its
 *  metadata and the runtime's are the same in every home), the override files that apply to it
 *  and the permissions Flatpak shows. */
const measured = new Map<string, State>();

/** The bytes of each override that applies to the app (its own, or a global one), or none. */
const overridesOf = (home: Home, appId: string) =>
  Promise.all(
    [home.env.FLATPAK_USER_DIR, home.env.FLATPAK_SYSTEM_DIR].flatMap((d) =>
      [appId, 'global'].map((f) => readFile(join(d ?? '', 'overrides', f), 'utf8').catch(() => null)),
    ),
  );

async function stateOf(home: Home, appId: string): Promise<State> {
  const shown = await flatpak(home.env, ['info', '--user', '--show-permissions', appId]);
  if (shown.code !== 0) throw new Error(`flatpak info ${appId}: ${shown.stderr}`);
  // Every probe home is laid out alike, so an app whose override files are byte for byte those
  // of a state already measured (none at all, for an app a preset left alone) is started by
  // `flatpak run` from the same files: its probes are not run again.
  const key = JSON.stringify([appId, await overridesOf(home, appId), shown.stdout]);
  const known = measured.get(key);
  if (known) return known;
  const checks = allChecks();
  // An X11 session differs only in the window an app gets; the probe always reports that.
  const state = {
    shown: parseShown(shown.stdout),
    wayland: await probe(home, appId, 'wayland', checks),
    x11: await probe(home, appId, 'x11', []),
  };
  measured.set(key, state);
  return state;
}

/** Probes run a few at a time, each worker in a home of its own: a probe renames folders of
 *  its home for a moment, which another run starting there must not see. */
const WORKERS = 2;

async function eachLimited<T, R>(items: readonly T[], fn: (item: T, worker: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, worker) => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i] as T, worker);
      }
    }),
  );
  return out;
}

async function statesOf(homes: readonly Home[]): Promise<Map<string, State>> {
  const states = await eachLimited(apps, (app, worker) => stateOf(homes[worker] as Home, app.id));
  return new Map(apps.map((app, i) => [app.id, states[i] as State]));
}

const homesFor = () => Promise.all(Array.from({ length: WORKERS }, () => probeHome(bed, folders)));

const folders = [
  ...new Set(
    Object.values(needs).flatMap((l) => l.filter((n) => n.need.startsWith('folder:')).map((n) => n.need.slice(7))),
  ),
];

/** The documented needs (and a window, and its own data) met before but not after, as `app: need`. */
function brokenFor(list: readonly { id: string }[], before: Map<string, State>, after: Map<string, State>): string[] {
  const out: string[] = [];
  for (const app of list) {
    const b = before.get(app.id);
    const a = after.get(app.id);
    if (!b || !a) throw new Error(`no state for ${app.id}`);
    for (const [name, check] of [
      ['window', DISPLAY] as const,
      ['own data', ownData(app.id)] as const,
      ...(needs[app.id] ?? []).map((n) => [n.need, needCheck(n.need)] as const),
    ]) {
      if (check.met(b) && !check.met(a)) out.push(`${app.id}: ${name}`);
    }
  }
  return out;
}

interface Run {
  readonly home: Home;
  readonly homes: readonly Home[];
  readonly states: Map<string, State>;
  readonly audit: AuditJson;
  readonly harden?: HardenJson;
}

async function audited(home: Home): Promise<AuditJson> {
  const r = await confine({ ...home.env, ...GNOME }, ['audit', '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as AuditJson;
}

async function hardened(preset: 'recommended' | 'strict'): Promise<Run> {
  const homes = await homesFor();
  let harden: HardenJson | undefined;
  for (const home of homes) {
    const r = await confine({ ...home.env, ...GNOME }, ['harden', '--all', '--preset', preset, '--json']);
    if (r.code !== 0) throw new Error(`confine harden --preset ${preset}: ${r.stderr}`);
    harden ??= JSON.parse(r.stdout) as HardenJson;
  }
  const home = homes[0] as Home;
  return { home, homes, states: await statesOf(homes), audit: await audited(home), harden };
}

let pristine: Run;
let recommended: Run;
let strict: Run;

beforeAll(async () => {
  const homes = await homesFor();
  pristine = { home: homes[0] as Home, homes, states: await statesOf(homes), audit: await audited(homes[0] as Home) };
  recommended = await hardened('recommended');
  strict = await hardened('strict');
}, 600_000);

afterAll(async () => {
  for (const run of [pristine, recommended, strict]) for (const home of run?.homes ?? []) await home.close();
});

describe('the real-app corpus', () => {
  it('holds at least 60 Flathub apps, each with the commit its permissions were read from', () => {
    expect(apps.length).toBeGreaterThanOrEqual(60);
    for (const app of apps) {
      expect({
        id: app.id,
        commit: /^[0-9a-f]{40}$/.test(app.manifest.commit),
        categories: app.categories.length > 0,
      }).toEqual({ id: app.id, commit: true, categories: true });
      expect(needs[app.id], app.id).toBeDefined();
    }
  });

  it('the probe sees what Flatpak grants: every app has a window and its own data before hardening', () => {
    const without = apps
      .filter(
        (a) =>
          !DISPLAY.met(pristine.states.get(a.id) as State) || !ownData(a.id).met(pristine.states.get(a.id) as State),
      )
      .map((a) => a.id);
    expect(without).toEqual([]);
  });
});

describe('recommended on every app', () => {
  it('breaks no documented need and leaves every app a window, on Wayland and on X11', () => {
    expect(brokenFor(apps, pristine.states, recommended.states)).toEqual([]);
  });

  it('ticks only changes with no known cost, and says for each what the app loses', () => {
    for (const app of recommended.harden?.apps ?? []) {
      for (const p of app.proposals) {
        expect({ app: app.appId, id: p.id, selected: p.selected }).toEqual({
          app: app.appId,
          id: p.id,
          selected: p.cost === 'none',
        });
        expect(p.cost).not.toBe('core');
        expect(p.loses.length).toBeGreaterThan(10);
      }
    }
  });

  it('changes nothing when applied again', async () => {
    const dir = join(recommended.home.env.FLATPAK_USER_DIR ?? '', 'overrides');
    const snapshot = async (): Promise<Record<string, string>> =>
      Object.fromEntries(
        await Promise.all(
          (await readdir(dir))
            .sort()
            .map(async (f): Promise<[string, string]> => [f, await readFile(join(dir, f), 'utf8')]),
        ),
      );
    const before = await snapshot();
    const again = await confine({ ...recommended.home.env, ...GNOME }, ['harden', '--all']);
    expect(again.code).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('proposes nothing, ticked or not, that takes what an app is documented to need', async () => {
    // Each unticked proposal applied alone, on an installation with no overrides.
    const homes = await homesFor();
    const offending: string[] = [];
    try {
      await eachLimited(recommended.harden?.apps ?? [], async (app, worker) => {
        const home = homes[worker] as Home;
        const unticked = app.proposals.filter((x) => !x.selected).map((x) => x.id);
        const before = new Map([[app.appId, pristine.states.get(app.appId) as State]]);
        // Every change only takes away, so if all of them together break nothing, none does;
        // otherwise each is tried alone to name the one that does.
        const tryOut = async (ids: readonly string[]) => {
          const r = await confine({ ...home.env, ...GNOME }, [
            'harden',
            app.appId,
            '--preset',
            'recommended',
            '--only',
            ids.join(','),
          ]);
          if (r.code !== 0) throw new Error(`harden ${app.appId} --only ${ids.join(',')}: ${r.stderr}`);
          const broken = brokenFor([{ id: app.appId }], before, new Map([[app.appId, await stateOf(home, app.appId)]]));
          await rm(join(home.env.FLATPAK_USER_DIR ?? '', 'overrides', app.appId), { force: true });
          return broken;
        };
        if (unticked.length === 0 || (await tryOut(unticked)).length === 0) return;
        for (const id of unticked) for (const b of await tryOut([id])) offending.push(`${b} (by ${id})`);
      });
    } finally {
      for (const home of homes) await home.close();
    }
    expect(offending).toEqual([]);
  }, 600_000);
});

describe('strict on every app', () => {
  it('ticks nothing documented as what an app is for; what it shows unticked says what breaks', () => {
    expect(brokenFor(apps, pristine.states, strict.states)).toEqual([]);
    for (const app of strict.harden?.apps ?? [])
      for (const p of app.proposals)
        expect({ id: p.id, selected: p.selected }).toEqual({ id: p.id, selected: p.cost !== 'core' });
  });
});

describe('every preset, in the sandbox', () => {
  it('grants nothing: no app reaches anything after hardening that it could not reach before', () => {
    const gained: string[] = [];
    for (const [name, run] of [
      ['recommended', recommended],
      ['strict', strict],
    ] as const) {
      for (const app of apps) {
        const b = pristine.states.get(app.id) as State;
        const a = run.states.get(app.id) as State;
        for (const c of allChecks())
          if (result(a.wayland, c) && !result(b.wayland, c)) gained.push(`${name} ${app.id} ${c.op}:${c.path}`);
        for (const k of ['wayland', 'x11', 'pulse', 'allDevices'] as const)
          if (a.wayland[k] && !b.wayland[k]) gained.push(`${name} ${app.id} ${k}`);
        if (a.x11.x11 && !b.x11.x11) gained.push(`${name} ${app.id} X11 on an X11 session`);
        if (a.wayland.interfaces > b.wayland.interfaces) gained.push(`${name} ${app.id} network`);
      }
    }
    expect(gained).toEqual([]);
  });
});

describe('the audit against the sandbox', () => {
  it('names every escape a probe finds, and reports none the probe finds closed', () => {
    const mismatches: string[] = [];
    for (const run of [pristine, recommended, strict]) {
      for (const app of apps) {
        const findings = new Set(run.audit.apps.find((a) => a.id === app.id)?.findings.map((f) => f.id));
        const state = run.states.get(app.id) as State;
        for (const [id, checks] of Object.entries(ESCAPE_PROBES)) {
          // An app's own folder in ~/.var/app is its data, not a way out.
          const open = checks
            .filter((c) => !c.path.startsWith(`~/.var/app/${app.id}/`))
            .some((c) => result(state.wayland, c));
          if (open !== findings.has(id))
            mismatches.push(
              `${run === pristine ? 'pristine' : run === recommended ? 'recommended' : 'strict'} ${app.id} ${id}: audit ${findings.has(id) ? 'reports' : 'misses'} it, sandbox ${open ? 'open' : 'closed'}`,
            );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('names every way out through the bus that Flatpak reports', () => {
    // What a probe cannot see (no session bus runs here), Flatpak's own report shows.
    const BUS: readonly [string, (s: State) => boolean][] = [
      ['escape:flatpak-portal', (s) => ['talk', 'own'].includes(s.shown.session.get('org.freedesktop.Flatpak') ?? '')],
      ['escape:session-bus', (s) => s.shown.lists.get('sockets')?.has('session-bus') ?? false],
      ['escape:system-bus', (s) => s.shown.lists.get('sockets')?.has('system-bus') ?? false],
      ['escape:dconf', (s) => ['talk', 'own'].includes(s.shown.session.get('ca.desrt.dconf') ?? '')],
    ];
    const missed: string[] = [];
    for (const [name, run] of [
      ['pristine', pristine],
      ['recommended', recommended],
      ['strict', strict],
    ] as const) {
      for (const app of apps) {
        const findings = new Set(run.audit.apps.find((a) => a.id === app.id)?.findings.map((f) => f.id));
        for (const [id, shows] of BUS)
          if (shows(run.states.get(app.id) as State) && !findings.has(id)) missed.push(`${name} ${app.id} ${id}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it('ranks every app with a way out before every app without one', () => {
    const escapes = pristine.audit.apps.map((a) => a.findings.some((f) => f.severity === 'escape'));
    expect(escapes).toEqual([...escapes].sort((x, y) => Number(y) - Number(x)));
    for (const a of pristine.audit.apps)
      for (const f of a.findings)
        expect({ app: a.id, id: f.id, permission: f.permission.length > 0 }).toEqual({
          app: a.id,
          id: f.id,
          permission: true,
        });
  });

  it('flags the ways out these apps are known to have', () => {
    const has = (id: string, finding: string) =>
      pristine.audit.apps.find((a) => a.id === id)?.findings.some((f) => f.id === finding && f.severity === 'escape');
    // Written from each manifest's finish-args (test/corpus/flathub-apps.json).
    const expected: [string, string][] = [
      ['com.github.tchx84.Flatseal', 'escape:flatpak-overrides'], // xdg-data/flatpak/overrides:create
      ['ca.desrt.dconf-editor', 'escape:dconf'], // talk-name=ca.desrt.dconf
      ['com.google.Chrome', 'escape:dconf'],
      ['com.github.marhkb.Pods', 'escape:containers'], // xdg-run/podman:ro
      ['io.podman_desktop.PodmanDesktop', 'escape:containers'],
      ['com.jetbrains.IntelliJ-IDEA-Community', 'escape:containers'], // xdg-run/podman, xdg-run/docker
      ['com.brave.Browser', 'escape:host-tmp'], // /tmp
      ['org.keepassxc.KeePassXC', 'escape:host-tmp'],
      ['org.gnome.Evolution', 'escape:gnupg'], // ~/.gnupg:rw
      ['org.mozilla.Thunderbird', 'escape:gnupg'],
      ['com.bitwarden.desktop', 'escape:native-messaging'], // home/.mozilla, …/NativeMessagingHosts
      ['com.brave.Browser', 'escape:write-startup'], // home/.local/share/applications:create
      ['org.fcitx.Fcitx5', 'escape:session-bus'],
      ['com.visualstudio.code', 'escape:flatpak-portal'],
      ['org.gimp.GIMP', 'escape:write-home'], // host
    ];
    expect(expected.filter(([id, f]) => !has(id, f))).toEqual([]);
    const kwallet = pristine.audit.apps
      .find((a) => a.id === 'com.brave.Browser')
      ?.findings.find((f) => f.id === 'secrets');
    expect(kwallet?.permission).toContain('org.kde.kwalletd5');
    const pipewire = pristine.audit.apps
      .find((a) => a.id === 'com.discordapp.Discord')
      ?.findings.find((f) => f.id === 'pipewire');
    expect(pipewire?.permission).toContain('xdg-run/pipewire-0');
  });
});
