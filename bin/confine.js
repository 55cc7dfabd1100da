#!/usr/bin/env node
// The `confine` command. Build it first with `npm run build` (README.md).
// CommonJS (bin/package.json says so), as is the bundle it starts: a run that loads no ES module
// never starts Node's ES module loader (issue 19). out/cli/start.cjs loads the bundle with V8's
// code cache (electron/cli/start.ts).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const dir = join(__dirname, '..', 'out', 'cli');
const start = join(dir, 'start.cjs');
if (!existsSync(start)) {
  process.stderr.write('confine: not built yet; run `npm run build` in the project folder first\n');
  process.exit(1);
}
require(start).startCli(dir, process.argv.slice(2), process.env);
