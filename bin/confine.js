#!/usr/bin/env node
// The `confine` command. Build it first with `npm run build` (README.md).
import { existsSync } from 'node:fs';

const entry = new URL('../out/cli/confine.mjs', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('confine: not built yet; run `npm run build` in the project folder first\n');
  process.exit(1);
}
await import(entry.href);
