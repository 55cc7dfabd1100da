// The CLI on this process's own output, for both ways it runs: the `confine` command
// (out/cli/confine.cjs) and a packaged app's main process given a CLI command. Either ends the
// process at once when done (process.exit, Electron's app.exit), so the output is waited for
// first: a pipe holds 64 KiB, and what a slow reader has not taken yet would be lost.
//
// Output is written with write(2) itself (fs.writeSync) rather than through process.stdout and
// process.stderr: the first touch of either builds a stream, which loads Node's stream modules
// (and its network module for a pipe), ~3 ms of every run (issue 19). A write blocks until it is
// all out, as the streams do for files and pipes on Linux, so nothing is left to wait for at the
// end. Only a descriptor that takes part of it and says "try again" (a pipe its other end made
// non-blocking) is handed to the stream, which waits for it; everything after goes there too.

import { writeSync } from 'node:fs';
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

/** An output descriptor (1, 2) written directly until it would block, then through `open()`'s
 *  stream. Exported for its test. */
export class Output {
  private stream: NodeJS.WriteStream | undefined;
  private broken = false;

  constructor(
    private readonly fd: number,
    private readonly open: () => NodeJS.WriteStream,
    private readonly failed: (e: NodeJS.ErrnoException) => void,
  ) {}

  write(text: string): void {
    if (this.broken || text === '') return;
    if (this.stream) {
      this.stream.write(text);
      return;
    }
    let written = 0;
    try {
      // A string as it is: no Buffer of the whole text on the heap. Blocking descriptors take it all.
      written = writeSync(this.fd, text);
      if (written === Buffer.byteLength(text)) return;
    } catch (e) {
      const error = e as NodeJS.ErrnoException;
      if (error.code !== 'EAGAIN') {
        this.broken = true;
        this.failed(error);
        return;
      }
    }
    const stream = (this.stream = this.open());
    stream.on('error', (e: NodeJS.ErrnoException) => {
      this.broken = true;
      this.failed(e);
    });
    stream.write(Buffer.from(text, 'utf8').subarray(written));
  }

  /** Calls `done` once everything written is out, or with the error that kept it from going out
   *  (before the stream's own 'error' event). */
  flush(done: (e?: Error | null) => void): void {
    if (this.stream) this.stream.write('', done);
    else done();
  }
}

export async function runCliOnStdio(argv: readonly string[], exit: (code: number) => void): Promise<void> {
  let ended = false;
  const end = (code: number) => {
    if (ended) return;
    ended = true;
    exit(code);
  };
  // The command's code, once it has one: a reader that stops early does not change it.
  let result: number | undefined = undefined;
  const stderr = new Output(
    2,
    () => process.stderr,
    () => end(1),
  );
  // A reader that stops early (`confine list | head`) is not an error; output that cannot be
  // written (a full disk, /dev/full) is one, said in one line rather than a stack trace.
  const failed = (e: NodeJS.ErrnoException) => {
    if (ended) return;
    if (e.code !== 'EPIPE') stderr.write(t(LINE.error, { message: t(M.cannotWrite, { reason: e.message }) }));
    end(e.code === 'EPIPE' ? (result ?? 0) : 1);
  };
  const stdout = new Output(1, () => process.stdout, failed);

  result = await runCli(argv, {
    out: (text) => stdout.write(text),
    err: (text) => stderr.write(text),
    env: process.env,
  });
  const code = result;
  stdout.flush((e) => (e ? failed(e) : stderr.flush(() => end(code))));
}
