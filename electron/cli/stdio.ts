// The CLI on this process's own output, for both ways it runs: the `confine` command
// (out/cli/confine.cjs) and a packaged app's main process given a CLI command. Either ends the
// process at once when done (process.exit, Electron's app.exit), so the output is waited for
// first: a pipe holds 64 KiB, and what a slow reader has not taken yet would be lost.

import { defineMessages, t } from '../../shared/i18n';
import { runCli } from './cli';
import { LINE } from './command';

const M = defineMessages({
  cannotWrite: {
    id: 'cli.cannot-write-output',
    defaultMessage: 'cannot write the output: {reason}',
    description: 'stdout failed (a full disk); reason: the system’s error',
  },
});

export async function runCliOnStdio(argv: readonly string[], exit: (code: number) => void): Promise<void> {
  let ended = false;
  const end = (code: number) => {
    if (ended) return;
    ended = true;
    exit(code);
  };
  // The command's code, once it has one: a reader that stops early does not change it.
  let result: number | undefined = undefined;
  // A reader that stops early (`confine list | head`) is not an error; output that cannot be
  // written (a full disk, /dev/full) is one, said in one line rather than a stack trace.
  const failed = (e: NodeJS.ErrnoException) => {
    if (ended) return;
    if (e.code !== 'EPIPE') process.stderr.write(t(LINE.error, { message: t(M.cannotWrite, { reason: e.message }) }));
    end(e.code === 'EPIPE' ? (result ?? 0) : 1);
  };
  process.stdout.on('error', failed);
  process.stderr.on('error', () => end(1));

  result = await runCli(argv, {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
  });
  const code = result;
  // An empty write's callback runs once everything written before it is out, or with the
  // error that kept it from going out (before the stream's own 'error' event).
  process.stdout.write('', (e) => (e ? failed(e) : process.stderr.write('', () => end(code))));
}
