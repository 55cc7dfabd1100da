// Runs the read-only probe of shared/verify inside an app's real sandbox (`flatpak run` with the
// runtime's own /bin/sh, never the app's binaries) and sets what it saw beside what the host has
// and what Confine reads in the app's permissions.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  compareProbe,
  summarise,
  type HostFacts,
  type HostSeen,
  type VerifyRow,
  type VerifySummary,
} from '../../shared/verify/compare';
import {
  DEVICE_PREFIXES,
  interfacesOf,
  parseProbe,
  parseUserDirs,
  probeItems,
  PROBE_SCRIPT,
  type ProbeItem,
} from '../../shared/verify/probe';
import { defineMessages, t } from '../../shared/i18n';
import { canonicalContext, type Context } from '../../shared/flatpak/context';
import { mergeContexts } from '../../shared/flatpak/merge';
import type { AppPermissions, FlatpakCore } from './core';
import { parseLayer } from './overrides';
import type { Environment } from './locations';

export const VERIFY_TIMEOUT_MS = 20_000;

const M = defineMessages({
  exited: {
    id: 'verify.exited',
    defaultMessage: '{status, select, none {exited} other {exited with {status}}}',
    description: 'A command ended in failure; status: its exit code or the signal that ended it (SIGKILL)',
  },
  cannotRun: {
    id: 'verify.failure.permissions',
    defaultMessage: 'Flatpak cannot run {app}: {why}',
    description: 'app is an app ID; why is the error Flatpak or Confine gave',
  },
  permissionsUnreadable: {
    id: 'verify.failure.permissions-unreadable',
    defaultMessage: 'its permissions cannot be read',
  },
  timeout: {
    id: 'verify.failure.timeout',
    defaultMessage: 'The probe of {app} did not finish within {seconds} s and was stopped.',
    description: 'app is an app ID',
  },
  noShell: {
    id: 'verify.failure.no-shell',
    defaultMessage:
      'The runtime of {app} has no {shell}, so nothing can be probed inside its sandbox; the probe stopped there.',
    description: 'app is an app ID, shell /bin/sh',
  },
  failed: {
    id: 'verify.failure.failed',
    defaultMessage: '{command} failed: {error}',
    description: 'command is “flatpak run APP”; error is what it printed (in English)',
  },
  stopped: {
    id: 'verify.failure.stopped',
    defaultMessage: 'Stopped: the probe of {app} was ended before it finished, and its sandbox with it.',
    description: 'app is an app ID; the user stopped a running probe (Stop, Ctrl+C)',
  },
  cutShort: {
    id: 'verify.failure.cut-short',
    defaultMessage: 'The probe of {app} stopped before its end: {error}',
    description: 'app is an app ID; error is what the sandbox printed (in English)',
  },
});

export type VerifyFailure = 'no-shell' | 'timeout' | 'failed' | 'permissions' | 'stopped';

/**
 * What a probe ran against: the user's override of the app as it was (base64, null: none) and a
 * digest of every layer below it. A probe is "before" a change only if the change started from
 * exactly this; absent when the override changed while the probe ran.
 */
export interface VerifyBasis {
  readonly override: string | null;
  readonly below: string;
}

export type VerifyResult =
  | {
      readonly ok: true;
      readonly appId: string;
      /** Whether the app's data folder (~/.var/app/ID) was there before; `flatpak run` makes it. */
      readonly dataFolderExisted: boolean;
      readonly rows: readonly VerifyRow[];
      readonly summary: VerifySummary;
      readonly basis?: VerifyBasis;
    }
  | { readonly ok: false; readonly appId: string; readonly reason: VerifyFailure; readonly message: string };

export interface VerifyOptions {
  readonly installation?: string;
  readonly timeoutMs?: number;
  /**
   * A command that starts the `flatpak` that follows it (as `unshare … sh -c '…; exec "$@"'`
   * would): tests use it to lay out a home as a desktop has it. Empty on a real machine.
   */
  readonly launcher?: readonly string[];
  /**
   * The app's user override as it was before a change (null: there was none): each row then
   * also says what those permissions gave at face value, beside what the sandbox shows now.
   */
  readonly before?: Buffer | null;
  /** Ends the probe: its whole sandbox is killed and the result is `stopped`. */
  readonly signal?: AbortSignal;
}

/** The data folder `flatpak run` makes for an app, on the host. */
export function dataFolder(env: Environment, appId: string): string {
  return join(env.HOME ?? homedir(), '.var/app', appId);
}

function busPath(address: string | undefined): string | undefined {
  const m = /^unix:path=([^,;]+)/.exec(address ?? '');
  return m?.[1];
}

/** Where a target lies on the host, as the user's environment names it. */
function hostPath(target: string, env: Environment): string | undefined {
  const home = env.HOME ?? homedir();
  const runtime = env.XDG_RUNTIME_DIR;
  if (target === '~') return home;
  if (target.startsWith('~/')) return join(home, target.slice(2));
  if (target.startsWith('@run/')) return runtime ? join(runtime, target.slice(5)) : undefined;
  switch (target) {
    case '@wayland': {
      const display = env.WAYLAND_DISPLAY || 'wayland-0';
      return display.startsWith('/') ? display : runtime ? join(runtime, display) : undefined;
    }
    case '@x11': {
      const m = /^[^:]*:(\d+)/.exec(env.DISPLAY ?? '');
      return m ? `/tmp/.X11-unix/X${m[1]}` : undefined;
    }
    case '@pulse':
      if (env.PULSE_SERVER?.startsWith('unix:')) return env.PULSE_SERVER.slice(5);
      return runtime ? join(runtime, 'pulse/native') : undefined;
    case '@ssh':
      return env.SSH_AUTH_SOCK || undefined;
    case '@session-bus':
      return busPath(env.DBUS_SESSION_BUS_ADDRESS);
    case '@system-bus':
      return busPath(env.DBUS_SYSTEM_BUS_ADDRESS ?? 'unix:path=/var/run/dbus/system_bus_socket');
  }
  return target.startsWith('/') ? target : undefined;
}

async function hostSeen(path: string | undefined): Promise<HostSeen> {
  if (path === undefined) return { exists: false };
  try {
    const s = await stat(path, { bigint: true });
    const type = s.isDirectory() ? 'd' : s.isFile() ? 'f' : s.isSocket() ? 's' : s.isCharacterDevice() ? 'c' : 'o';
    return { exists: true, type, identity: `${s.dev}:${s.ino}` };
  } catch {
    return { exists: false };
  }
}

async function hostFacts(
  items: readonly ProbeItem[],
  env: Environment,
  dirs: ReadonlyMap<string, string>,
): Promise<HostFacts> {
  const devNames = await readdir('/dev').catch(() => [] as string[]);
  const net = await readFile('/proc/net/dev', 'utf8').catch(() => '');
  return {
    userDirs: dirs,
    places: await Promise.all(items.map((i) => hostSeen(hostPath(i.target, env)))),
    interfaces: interfacesOf(net.split('\n')),
    devices: devNames
      .map((n) => `/dev/${n}`)
      .filter((d) => DEVICE_PREFIXES.some((p) => d.startsWith(p)))
      .sort(),
  };
}

async function userDirs(env: Environment): Promise<Map<string, string>> {
  const config = env.XDG_CONFIG_HOME || join(env.HOME ?? homedir(), '.config');
  return parseUserDirs(await readFile(join(config, 'user-dirs.dirs'), 'utf8').catch(() => ''));
}

interface RunOutcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly failure?: { readonly message: string; readonly cut?: 'timeout' | 'stopped' };
}

/**
 * Runs a command in a process group of its own, so a time-out or Stop ends flatpak, bwrap, the
 * D-Bus proxy and the shell together rather than only the first process: `flatpak run` execs
 * bwrap in place and starts the proxy beside it, all in this group (measured with ps), and
 * `--die-with-parent` (runArgs) ends the sandbox's own processes even where bwrap has made
 * them a session of their own.
 */
function run(
  file: string,
  args: readonly string[],
  env: Environment,
  timeout: number,
  signal?: AbortSignal,
): Promise<RunOutcome> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve({ stdout: '', stderr: '', failure: { message: 'stopped', cut: 'stopped' } });
      return;
    }
    const child = spawn(file, [...args], {
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let cut: 'timeout' | 'stopped' | undefined;
    const limit = 1024 * 1024;
    child.stdout.on('data', (d: Buffer) => {
      if (stdout.length < limit) stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < limit) stderr += d.toString();
    });
    const end = (why: 'timeout' | 'stopped') => {
      cut ??= why;
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => end('timeout'), timeout);
    const onAbort = () => end('stopped');
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (outcome: RunOutcome) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    child.on('error', (error) => {
      done({ stdout, stderr, failure: { message: error.message, ...(cut ? { cut } : {}) } });
    });
    child.on('close', (code, sig) => {
      done(
        code === 0 && !cut
          ? { stdout, stderr }
          : {
              stdout,
              stderr,
              failure: {
                message: t(M.exited, { status: code === null ? (sig ?? 'none') : String(code) }),
                ...(cut ? { cut } : {}),
              },
            },
      );
    });
  });
}

/** `flatpak run` of the deployment Confine reads, with the runtime's shell as its command. */
function runArgs(
  appId: string,
  dep: { kind: string; installation: string; arch: string; branch: string },
  targets: readonly string[],
): string[] {
  const where =
    dep.kind === 'user' ? '--user' : dep.kind === 'system' ? '--system' : `--installation=${dep.installation}`;
  return [
    'run',
    where,
    `--arch=${dep.arch}`,
    `--branch=${dep.branch}`,
    // Whatever ends flatpak's process (Stop, the time limit, Confine itself) ends the sandbox.
    '--die-with-parent',
    // The probe looks at no document the user shared, and the portal that serves them would be
    // started (and left running) for nothing.
    '--no-documents-portal',
    '--command=/bin/sh',
    appId,
    '-c',
    PROBE_SCRIPT,
    'confine-probe',
    ...targets,
  ];
}

/** The app's permissions with `before` as its user override; undefined where that cannot be read. */
function contextBefore(core: FlatpakCore, perms: AppPermissions, before: Buffer | null): Context | undefined {
  if (!perms.below) return undefined;
  if (before === null) return perms.below;
  const layer = parseLayer('(before the change)', before, core.version.version);
  return layer.ok ? mergeContexts(perms.below, layer.context) : undefined;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/** The user's override of the app as it is now: base64 of its bytes, null when there is none. */
async function overrideNow(core: FlatpakCore, appId: string): Promise<string | null | undefined> {
  const read = await core.readOverride({ scope: 'user', app: appId });
  if (read.state === 'missing') return null;
  return read.state === 'ok' ? read.bytes.toString('base64') : undefined;
}

/** Starts the app's sandbox with the probe and compares what it saw with the permissions. */
export async function verifyApp(
  core: FlatpakCore,
  env: Environment,
  appId: string,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const fail = (reason: VerifyFailure, message: string): VerifyResult => ({ ok: false, appId, reason, message });
  // Read before the permissions, and again after the run (below).
  const overrideThen = await overrideNow(core, appId).catch(() => undefined);
  const perms = await core.appPermissions(appId, options.installation);
  if (perms.error || !perms.context)
    return fail('permissions', t(M.cannotRun, { app: appId, why: perms.error ?? t(M.permissionsUnreadable) }));
  const dirs = await userDirs(env);
  const items = probeItems(dirs);
  const dataFolderExisted = existsSync(dataFolder(env, appId));
  const host = await hostFacts(items, env, dirs);
  const launcher = options.launcher ?? [];
  // Flatpak mounts an `xdg-run/…` entry at the host's path of it (the same as the sandbox's
  // /run/user/UID on a desktop), so those targets go in as the host names them.
  const args = runArgs(
    appId,
    perms.deployment,
    items.map((i) => (i.target.startsWith('@run/') ? (hostPath(i.target, env) ?? '') : i.target)),
  );
  const [file, ...before] = launcher.length ? [...launcher, 'flatpak'] : ['flatpak'];
  const timeout = options.timeoutMs ?? VERIFY_TIMEOUT_MS;
  const outcome = await run(file ?? 'flatpak', [...before, ...args], env, timeout, options.signal);
  if (outcome.failure) {
    const stderr = outcome.stderr.trim();
    if (outcome.failure.cut === 'stopped') return fail('stopped', t(M.stopped, { app: appId }));
    if (outcome.failure.cut === 'timeout')
      return fail('timeout', t(M.timeout, { app: appId, seconds: Math.round(timeout / 1000) }));
    if (/\/bin\/sh/.test(stderr) && /No such file|not found/i.test(stderr))
      return fail('no-shell', t(M.noShell, { app: appId, shell: '/bin/sh' }));
    return fail('failed', t(M.failed, { command: `flatpak run ${appId}`, error: stderr || outcome.failure.message }));
  }
  const probe = parseProbe(outcome.stdout, items.length);
  if (!probe) return fail('failed', t(M.cutShort, { app: appId, error: outcome.stderr.trim() }));
  let rows = compareProbe(perms.context, items, probe, host);
  const earlier = options.before === undefined ? undefined : contextBefore(core, perms, options.before);
  if (earlier) {
    // The same items in the same order: row i of one is row i of the other.
    const then = compareProbe(earlier, items, probe, host);
    rows = rows.map((r, i) => {
      const b = then[i];
      return b && b.id === r.id ? { ...r, before: b.expected } : r;
    });
  }
  // The same override after the run as before it: the probe saw that one (a write between the
  // two reads leaves the basis unknown, and the probe is then "before" no change).
  const overrideAfter = await overrideNow(core, appId);
  const basis =
    overrideThen !== undefined && overrideThen === overrideAfter && perms.below
      ? { basis: { override: overrideThen, below: digest(canonicalContext(perms.below)) } }
      : {};
  return { ok: true, appId, dataFolderExisted, rows, summary: summarise(rows), ...basis };
}
