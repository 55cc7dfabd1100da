import { realpathSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { FlatpakCore } from '../../services/core';
import { swapFile } from '../../services/files';
import { startLockWatcher, WATCH_TEXT } from '../../services/lock-watch';
import { shellQuote } from '../../../shared/flatpak/override-args';
import type { SelfSandbox } from '../../../shared/flatpak/self-sandbox';
import { defineMessage, t } from '../../../shared/i18n';
import { USAGE, type CliIo } from '../command';
import type { Parsed } from '../options';
import { UsageError } from '../options';

const WROTE = defineMessage({
  id: 'cli.watch.wrote-unit',
  defaultMessage: 'Wrote {path}.\nStart it now and at every login with:\n{commands}\nIts log: {log}',
  description: 'After confine watch --install; commands: two systemctl command lines, each on its own line',
});

const ON_HOST = defineMessage({
  id: 'cli.watch.unit-for-host',
  defaultMessage:
    'Above is the unit. Confine runs in its Flatpak sandbox, which cannot put it where systemd reads it: a unit runs outside the sandbox. On the host, save it and start it now and at every login with:\n{commands}\nIts log: {log}',
  description:
    'After confine watch --install inside Confine’s Flatpak, on stderr under the unit file printed on stdout; commands: four shell command lines, each on its own line',
});

// Every sentence this command prints, in one place (the watcher's own are in WATCH_TEXT).
const TEXT = {
  get noOperands() {
    return t(USAGE.noArguments, { command: 'watch' });
  },
  // In the unit file, which systemd shows as is to whoever reads it: one language for all.
  unitDescription: 'Confine: deny what locked Flatpak apps newly ask for',
  wrote: (path: string) =>
    `${t(WROTE, {
      path,
      commands: '  systemctl --user daemon-reload\n  systemctl --user enable --now confine-watch.service',
      log: 'journalctl --user -u confine-watch.service',
    })}\n`,
  /** How to put the unit in place from the host, where `path` is the host's unit file. */
  onHost: (path: string, confine: readonly string[]) =>
    `${t(ON_HOST, {
      commands: [
        ['mkdir', '-p', dirname(path)].map(shellQuote).join(' '),
        `${[...confine, 'watch', '--install'].map(shellQuote).join(' ')} > ${shellQuote(path)}`,
        'systemctl --user daemon-reload',
        'systemctl --user enable --now confine-watch.service',
      ]
        .map((line) => `  ${line}`)
        .join('\n'),
      log: 'journalctl --user -u confine-watch.service',
    })}\n`,
};

export const UNIT_NAME = 'confine-watch.service';

/** How this very `confine` is started again: the packaged app, or Node with the CLI bundle. */
export function selfCommand(): string[] {
  if (process.versions.electron !== undefined || process.argv[1] === undefined) return [process.execPath];
  return [process.execPath, realpathSync(resolve(process.argv[1]))];
}

/**
 * How the host starts this `confine`. From inside Confine's Flatpak the sandbox's own paths
 * (/app/…) mean nothing to the host's systemd, so it is `flatpak run` of the same app with its
 * command, which Flatpak looks up in the user installation and then the system one. A bare
 * `flatpak`: systemd (239 and later) finds it in its own search path wherever it is installed.
 */
export function hostCommand(sandbox: SelfSandbox | null): string[] {
  return sandbox ? ['flatpak', 'run', '--command=confine', sandbox.appId] : selfCommand();
}

/** One word of ExecStart=, quoted the way systemd reads it (and `%` doubled, as it expands specifiers). */
function unitWord(word: string): string {
  const escaped = word.replace(/%/g, '%%');
  return /^[A-Za-z0-9_@+=:,./-]+$/.test(escaped) ? escaped : `"${escaped.replace(/(["\\])/g, '\\$1')}"`;
}

export function unitFile(command: readonly string[]): string {
  return `[Unit]
Description=${TEXT.unitDescription}

[Service]
ExecStart=${[...command, 'watch'].map(unitWord).join(' ')}
Restart=on-failure

[Install]
WantedBy=default.target
`;
}

export async function watch(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length > 0) throw new UsageError(TEXT.noOperands);
  if (p.install && core.sandbox) {
    // In the sandbox XDG_CONFIG_HOME is the app's own folder, which systemd never reads, and
    // the host's is out of reach, as it should be (a permission manager that could write units
    // would run anything outside its sandbox). The unit goes to stdout, for the host to save.
    const config = io.env.HOST_XDG_CONFIG_HOME || join(io.env.HOME || homedir(), '.config');
    const command = hostCommand(core.sandbox);
    io.out(unitFile(command));
    io.err(TEXT.onHost(join(config, 'systemd', 'user', UNIT_NAME), command));
    return 0;
  }
  if (p.install) {
    const config = io.env.XDG_CONFIG_HOME || join(io.env.HOME || homedir(), '.config');
    const path = join(config, 'systemd', 'user', UNIT_NAME);
    await mkdir(dirname(path), { recursive: true });
    // Confine's own file: rewritten whole, atomically, as what runs it may have moved.
    await swapFile(path, () => Buffer.from(unitFile(selfCommand())), { mode: 0o644 });
    io.out(TEXT.wrote(path));
    return 0;
  }
  const watcher = await startLockWatcher(core, { log: (line) => io.err(`${line}\n`), persistent: true });
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      done();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    if (io.signal?.aborted) stop();
    io.signal?.addEventListener('abort', stop, { once: true });
  });
  watcher.dispose();
  await watcher.settled();
  io.err(`${WATCH_TEXT.stopped}\n`);
  return 0;
}
