// Probes inside an app's real sandbox (`flatpak run` with the runtime's busybox shell): what it
// can read, write and connect to, with every write checked on the host afterwards. The home,
// the runtime folder and the sockets are the test's own; nothing of the machine's is touched
// except a fake X11 socket under /tmp/.X11-unix with an unused display number.
//
// `host` reaches a home only under folders such as /home (not /tmp or /var, measured), so each
// run happens in a private mount namespace where a tmpfs covers /home and the test's home is
// mounted at /home/confine, and the runtime folder at /run/user/confine as on a desktop. The
// real folders are covered there too, so an app given /var/tmp or /tmp cannot reach them by
// their real paths. The machine's own /home and /run are neither seen nor changed.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { makeWorkspace, type Testbed } from '../../e2e/testbed/build';
import { removeTree } from '../../e2e/testbed/remove-tree';
import { tempDir } from './temp';

export type Session = 'wayland' | 'x11';

/** Where things live in a probed workspace; paths are the same inside and outside the sandbox. */
export const SANDBOX_HOME = '/home/confine';
export const SANDBOX_RUNTIME = '/run/user/confine';
/** Checks name places by role, the same in every probe home: `~/…` in home, `@run/…` in the
 *  runtime folder, and `@tmp-marker`, a file in the computer's /tmp. */
export const RUN = '@run/';
export const TMP_MARKER = '@tmp-marker';

export interface ProbeHome {
  readonly env: Record<string, string>;
  /** The home as the test sees it; apps see it at SANDBOX_HOME. */
  readonly home: string;
  readonly runtime: string;
  /** A file beside the home, visible only to an app given the computer's /tmp. */
  readonly tmpMarker: string;
  close(): Promise<void>;
}

export const START_FILES = ['.bashrc', '.profile'];
export const USER_DIRS = ['Desktop', 'Documents', 'Downloads', 'Music', 'Pictures', 'Videos', 'Projects'];
/** Folders of a lived-in home, each a place a test writes into. */
export const HOME_DIRS = [
  '.config/autostart',
  '.config/systemd/user',
  '.config/dconf',
  '.config/gnupg',
  '.local/share/applications',
  '.local/bin',
  '.ssh',
  '.gnupg',
  '.mozilla/native-messaging-hosts',
  '.var/app/org.mozilla.firefox/.mozilla/native-messaging-hosts',
  ...USER_DIRS,
];
/** Sockets below the runtime folder, as their services create them. */
export const RUNTIME_SOCKETS = [
  'wayland-confine',
  'pulse/native',
  'pipewire-0',
  'podman/podman.sock',
  'docker/docker.sock',
  'libvirt/libvirt-sock',
  'keyring/control',
  'gnupg/S.gpg-agent',
];

let displayCounter = 0;

async function socketAt(path: string, servers: Server[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const server = createServer((c) => c.end());
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(path, resolve));
  servers.push(server);
}

/**
 * A fresh workspace over the bed with a lived-in home, the session's sockets and a fake X server.
 * It lives under /var/tmp, not /tmp: on a real machine neither home nor the runtime folder is
 * in /tmp, and an app given the computer's /tmp must not see them through it.
 */
export async function probeHome(
  bed: Testbed,
  extraDirs: readonly string[] = [],
): Promise<ProbeHome & { display: string }> {
  // close() removes it; should a test end before that, the file's end does.
  const dir = await tempDir('confine-sbx-', { parent: '/var/tmp', until: 'file' });
  const env = await makeWorkspace(bed, join(dir, 'ws'));
  const home = env.HOME ?? '';
  const runtime = env.XDG_RUNTIME_DIR ?? '';
  for (const d of [...HOME_DIRS, ...extraDirs.map((x) => x.replace(/^~\//, ''))])
    await mkdir(join(home, d), { recursive: true });
  // Every app has run once, so each has its data folder whichever app a probe starts first.
  for (const app of bed.apps) await mkdir(join(home, '.var/app', app.id), { recursive: true });
  for (const f of START_FILES) await writeFile(join(home, f), '# original\n');
  await writeFile(join(home, '.ssh/config'), '# original\n');
  await writeFile(join(home, '.config/dconf/user'), 'original');
  await writeFile(
    join(home, '.config/user-dirs.dirs'),
    USER_DIRS.filter((d) => d !== 'Projects')
      .map((d) => `XDG_${d === 'Downloads' ? 'DOWNLOAD' : d.toUpperCase()}_DIR="$HOME/${d}"`)
      .join('\n') + '\n',
  );
  const servers: Server[] = [];
  for (const s of RUNTIME_SOCKETS) await socketAt(join(runtime, s), servers);
  const tmpMarker = join(tmpdir(), `confine-sbx-marker-${dir.split('-').pop() ?? ''}`);
  await writeFile(tmpMarker, 'marker');
  // An unused display number per probe home; Flatpak only checks that the socket exists.
  await mkdir('/tmp/.X11-unix', { recursive: true, mode: 0o1777 });
  let display: string;
  do display = String(7000 + Math.floor(Math.random() * 20000) + displayCounter++);
  while (existsSync(`/tmp/.X11-unix/X${display}`));
  const xSocket = `/tmp/.X11-unix/X${display}`;
  await socketAt(xSocket, servers);
  return {
    env,
    home,
    runtime,
    tmpMarker,
    display,
    async close() {
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
      await rm(xSocket, { force: true });
      await rm(tmpMarker, { force: true });
      await removeTree(dir);
    },
  };
}

/** One check run in the sandbox: `r` reads a path, `w` writes a new file into a folder,
 *  `n` makes a missing folder and writes into it, `a` appends to a file, `c` creates a file,
 *  `s` sees a socket, `m` renames a folder away and
 *  writes a path below it anew (then puts everything back). Places are named as RUN and
 *  TMP_MARKER say. */
export type Check =
  | { readonly op: 'r' | 'w' | 'n' | 'a' | 'c' | 's'; readonly path: string }
  | { readonly op: 'm'; readonly path: string; readonly parent: string };

// Writes go in brace groups, not subshells: a subshell forks busybox, once for each of the
// hundred-odd checks a corpus probe runs, which took most of a probe's time (127 forks a run,
// now 18; the script alone about 600 ms, now about 220, on the host under the same load).
const PROBE = String.raw`
tag="$1"; shift; n=0
for check in "$@"; do
  n=$((n+1)); f=".confine-probe-$tag-$n"
  op="\${check%%:*}"; rest="\${check#*:}"
  case "$op" in
    r) [ -e "$rest" ] && ls "$rest" >/dev/null 2>&1 && echo "R $rest yes" || echo "R $rest no" ;;
    s) [ -S "$rest" ] && echo "S $rest yes" || echo "S $rest no" ;;
    w) { echo "$tag-$n" > "$rest/$f"; } 2>/dev/null && echo "W $rest tried" || echo "W $rest refused" ;;
    n) { mkdir -p "$rest" && echo "$tag-$n" > "$rest/$f"; } 2>/dev/null && echo "N $rest tried" || echo "N $rest refused" ;;
    a) { echo "$tag-$n" >> "$rest"; } 2>/dev/null && echo "A $rest tried" || echo "A $rest refused" ;;
    c) [ -e "$rest" ] && echo "C $rest exists" || { { echo "$tag-$n" > "$rest"; } 2>/dev/null && echo "C $rest tried" || echo "C $rest refused"; } ;;
    m) parent="\${rest%%|*}"; target="\${rest#*|}"
       if mv "$parent" "$parent.confine-moved" 2>/dev/null; then
         mkdir -p "$target" 2>/dev/null && { echo "$tag-$n" > "$target/$f"; } 2>/dev/null && echo "M $target tried" || echo "M $target refused"
         cp "$target/$f" "$parent.confine-moved-$n.probe" 2>/dev/null
         rm -rf "$parent" && mv "$parent.confine-moved" "$parent"
       else echo "M $target refused"; fi ;;
  esac
done
echo "NET $(grep -c ':' /proc/net/dev)"
[ -e /dev/loop-control ] && echo "DEV all" || echo "DEV some"
[ -n "$WAYLAND_DISPLAY" ] && [ -S "$XDG_RUNTIME_DIR/$WAYLAND_DISPLAY" ] && echo "WAYLAND yes" || echo "WAYLAND no"
[ -n "$DISPLAY" ] && [ -S "/tmp/.X11-unix/X\${DISPLAY#:}" ] && echo "X11 yes" || echo "X11 no"
[ -n "$PULSE_SERVER" ] && [ -S "\${PULSE_SERVER#unix:}" ] && echo "PULSE yes" || echo "PULSE no"
`.replace(/\\\$/g, '$');

export interface ProbeResult {
  /** Each check with what happened on the host: `r` and `s` read, the others wrote. */
  readonly checks: ReadonlyMap<string, boolean>;
  /** Network interfaces besides loopback. */
  readonly interfaces: number;
  readonly allDevices: boolean;
  readonly wayland: boolean;
  readonly x11: boolean;
  readonly pulse: boolean;
  readonly output: string;
}

const keyOf = (c: Check) => `${c.op}:${c.path}`;

async function landed(check: Check, mark: string, n: number, outside: (p: string) => string): Promise<boolean> {
  const read = (p: string) => readFile(outside(p), 'utf8').catch(() => '');
  const file = `.confine-probe-${mark.split('-')[0] ?? ''}-${n}`;
  switch (check.op) {
    case 'w':
    case 'n':
      return (await read(join(check.path, file))).includes(mark);
    case 'a':
    case 'c':
      return (await read(check.path)).split('\n').includes(mark);
    case 'm':
      return (
        (await read(`${check.parent}.confine-moved-${n}.probe`)).includes(mark) ||
        (await read(join(check.path, file))).includes(mark)
      );
    default:
      return false;
  }
}

/** Runs the checks inside the app's sandbox as a session of the given type would start it. */
export async function probe(
  p: ProbeHome & { display: string },
  appId: string,
  session: Session,
  checks: readonly Check[],
): Promise<ProbeResult> {
  const tag = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const place = (path: string, home: string, runtime: string) =>
    path.startsWith('~/')
      ? `${home}/${path.slice(2)}`
      : path.startsWith(RUN)
        ? `${runtime}/${path.slice(RUN.length)}`
        : path === TMP_MARKER
          ? p.tmpMarker
          : path;
  const inside = (path: string) => place(path, SANDBOX_HOME, SANDBOX_RUNTIME);
  const outside = (path: string) => place(path, p.home, p.runtime);
  const homeVars = {
    HOME: SANDBOX_HOME,
    XDG_DATA_HOME: `${SANDBOX_HOME}/.local/share`,
    XDG_CONFIG_HOME: `${SANDBOX_HOME}/.config`,
    XDG_CACHE_HOME: `${SANDBOX_HOME}/.cache`,
    XDG_STATE_HOME: `${SANDBOX_HOME}/.local/state`,
    FLATPAK_USER_DIR: `${SANDBOX_HOME}/.local/share/flatpak`,
    XDG_RUNTIME_DIR: SANDBOX_RUNTIME,
  };
  // Without WAYLAND_DISPLAY Flatpak looks for wayland-0, which no probe home has: an X11 session.
  const env = {
    ...p.env,
    ...homeVars,
    DISPLAY: `:${p.display}`,
    ...(session === 'wayland'
      ? { WAYLAND_DISPLAY: 'wayland-confine', XDG_SESSION_TYPE: 'wayland' }
      : { XDG_SESSION_TYPE: 'x11' }),
  };
  const run = [
    'flatpak',
    'run',
    '--user',
    '--command=/bin/sh',
    appId,
    '-c',
    PROBE,
    'probe',
    tag,
    ...checks.map((c) => (c.op === 'm' ? `m:${inside(c.parent)}|${inside(c.path)}` : `${c.op}:${inside(c.path)}`)),
  ];
  const unshare = process.getuid?.() === 0 ? ['-m'] : ['-U', '--map-current-user', '-m'];
  const setup = [
    `mount -t tmpfs -o mode=755 tmpfs /home && mkdir ${SANDBOX_HOME} && mount --bind "$REAL_HOME" ${SANDBOX_HOME}`,
    `mount -t tmpfs -o mode=755 tmpfs /run && mkdir -p -m 700 ${SANDBOX_RUNTIME} && mount --bind "$REAL_RUNTIME" ${SANDBOX_RUNTIME}`,
    'mount -t tmpfs tmpfs "$REAL_HOME" && mount -t tmpfs tmpfs "$REAL_RUNTIME"',
    'exec "$@"',
  ].join(' && ');
  // Where each `n` check starts making folders, so that all it made goes afterwards.
  const made = new Map<number, string>();
  for (const [i, c] of checks.entries()) {
    if (c.op !== 'n') continue;
    let top = outside(c.path);
    while (!existsSync(dirname(top))) top = dirname(top);
    if (!existsSync(top)) made.set(i, top);
  }
  const output = await new Promise<string>((resolve, reject) => {
    execFile(
      'unshare',
      [...unshare, '--propagation', 'private', 'sh', '-c', setup, 'sh', ...run],
      { env: { ...env, REAL_HOME: p.home, REAL_RUNTIME: p.runtime }, timeout: 30_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`flatpak run ${appId} failed: ${stderr || error.message}`)) : resolve(stdout),
    );
  });
  const lines = new Map(
    output
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.split(' ')[0] + ' ' + (l.split(' ')[1] ?? ''), l]),
  );
  // Reads only, each of a file of its own check: all at once.
  const results = new Map(
    await Promise.all(
      checks.map(
        async (c, i) =>
          [
            keyOf(c),
            c.op === 'r' || c.op === 's'
              ? (lines.get(`${c.op.toUpperCase()} ${inside(c.path)}`) ?? '').endsWith(' yes')
              : await landed(c, `${tag}-${i + 1}`, i + 1, outside),
          ] as const,
      ),
    ),
  );
  // The probe's own files go, so the next probe starts from the same home. Each has a name of
  // its own check, so they go at once; the rest edits shared places, one after the other.
  await Promise.all(
    checks.map(async (c, i) => {
      if (c.op === 'w' || c.op === 'm')
        await rm(join(outside(c.path), `.confine-probe-${tag}-${i + 1}`), { force: true });
      if (c.op === 'm') await rm(`${outside(c.parent)}.confine-moved-${i + 1}.probe`, { force: true });
    }),
  );
  for (const [i, c] of checks.entries()) {
    const path = outside(c.path);
    // Folders the probe made go too, so that the home stays as the test made it.
    const top = made.get(i);
    if (top) await rm(top, { recursive: true, force: true });
    if (c.op === 'a')
      await writeFile(
        path,
        (await readFile(path, 'utf8').catch(() => ''))
          .split('\n')
          .filter((l) => l !== `${tag}-${i + 1}`)
          .join('\n'),
      );
    if (c.op === 'c' && (await readFile(path, 'utf8').catch(() => '')).split('\n').includes(`${tag}-${i + 1}`))
      await rm(path, { force: true });
  }
  const word = (k: string) =>
    output
      .split('\n')
      .find((l) => l.startsWith(`${k} `))
      ?.split(' ')[1] ?? '';
  return {
    checks: results,
    interfaces: Math.max(0, Number(word('NET')) - 1),
    allDevices: word('DEV') === 'all',
    wayland: word('WAYLAND') === 'yes',
    x11: word('X11') === 'yes',
    pulse: word('PULSE') === 'yes',
    output,
  };
}

export const result = (r: ProbeResult, c: Check): boolean => r.checks.get(keyOf(c)) ?? false;
