import { runCli } from './cli';

// A reader that stops early (`confine list | head`) is not an error; output that cannot be
// written (a full disk, /dev/full) is one, said in one line rather than a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') process.stderr.write(`error: cannot write the output: ${e.message}\n`);
  process.exit(e.code === 'EPIPE' ? (process.exitCode ?? 0) : 1);
});
process.stderr.on('error', () => process.exit(1));

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
});
