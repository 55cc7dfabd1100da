import { realpathSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { FlatpakCore } from '../../services/core';
import { swapFile } from '../../services/files';
import { startLockWatcher, WATCH_TEXT } from '../../services/lock-watch';
import { defineMessage, t } from '../../../shared/i18n';
import { USAGE, type CliIo } from '../command';
import type { Parsed } from '../options';
import { UsageError } from '../options';

const WROTE = defineMessage({
  id: 'cli.watch.wrote-unit',
  defaultMessage: 'Wrote {path}.\nStart it now and at every login with:\n{commands}\nIts log: {log}',
  description: 'After confine watch --install; commands: two systemctl command lines, each on its own line',
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
};

export const UNIT_NAME = 'confine-watch.service';

/** How this very `confine` is started again: the packaged app, or Node with the CLI bundle. */
export function selfCommand(): string[] {
  if (process.versions.electron !== undefined || process.argv[1] === undefined) return [process.execPath];
  return [process.execPath, realpathSync(resolve(process.argv[1]))];
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
