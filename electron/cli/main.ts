import { runCliOnStdio } from './stdio';

// Not a top-level await: the command modules, loaded on demand, import the modules this one
// imports, and a chunk still waiting at the top level would never finish loading for them
// (Node exits with status 13). A rejection still ends the process with an error, as it did.
void runCliOnStdio(process.argv.slice(2), (code) => process.exit(code));
