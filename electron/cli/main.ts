import { runCliOnStdio } from './stdio';

await runCliOnStdio(process.argv.slice(2), (code) => process.exit(code));
