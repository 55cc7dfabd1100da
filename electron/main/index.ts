// Confine's main process. `confine COMMAND` with a CLI command runs the command-line tool on the
// same core; anything else starts the window. The window part is imported only then, so the CLI
// path loads no window code and needs nothing of Electron but `app`.

import { app } from 'electron';
import { fileURLToPath } from 'node:url';
import { CLI_COMMANDS } from '../cli/cli';
import { runCliOnStdio } from '../cli/stdio';
import { windowArgs } from './launch';

const args = windowArgs(process.argv, app.isPackaged);

if (args[0] !== undefined && CLI_COMMANDS.has(args[0])) {
  void runCliOnStdio(args, (code) => app.exit(code));
} else {
  // Awaited here: Electron emits 'ready' only once the entry module has finished evaluating, and
  // the window part must register its scheme and handlers before that.
  const { startWindow } = await import('./start-window');
  startWindow(args, fileURLToPath(new URL('.', import.meta.url)));
}
