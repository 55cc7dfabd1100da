import { runCliOnStdio } from './stdio';

// Not a top-level await: the CLI is built as CommonJS (vite.cli.config.ts), which has none, and
// as ES modules a chunk still waiting at the top level would never finish loading for the
// command modules that import it (Node exits with status 13). A rejection still ends the
// process with an error, as it did.
void runCliOnStdio(process.argv.slice(2), (code) => process.exit(code));
