// A private D-Bus session bus for a workspace, on which the real xdg-permission-store is
// activated with the workspace's XDG_DATA_HOME, so portal permissions stay inside it.

import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface SessionBus {
  /** The workspace's environment plus DBUS_SESSION_BUS_ADDRESS. */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts `dbus-daemon --session` listening in the workspace's runtime folder. */
export async function startSessionBus(env: Record<string, string>): Promise<SessionBus> {
  const runtime = env.XDG_RUNTIME_DIR;
  if (!runtime) throw new Error('the workspace has no XDG_RUNTIME_DIR');
  return startDbusDaemon(['--session', `--address=unix:path=${join(runtime, 'bus')}`], env);
}

/** Starts a dbus-daemon with these arguments and waits for the address it listens on. */
export async function startDbusDaemon(args: readonly string[], env: Record<string, string>): Promise<SessionBus> {
  const daemon = spawn('dbus-daemon', [...args, '--nofork', '--nopidfile', '--print-address=1'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    daemon.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(line.trim());
    });
    daemon.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    daemon.on('error', reject);
    daemon.on('exit', (code) => reject(new Error(`dbus-daemon exited with ${code}: ${err}`)));
  });
  return {
    env: { ...env, DBUS_SESSION_BUS_ADDRESS: address },
    stop: () =>
      new Promise<void>((resolve) => {
        if (daemon.exitCode !== null) return resolve();
        daemon.once('exit', () => resolve());
        // A bus-activated service (the permission store, say) exits with its bus.
        daemon.kill('SIGTERM');
      }),
  };
}
