// Loaded with `node --import` by test/cli-loads.test.ts: writes down in $CONFINE_RECORD_LOADS,
// a line each, every file the process loads as an ES module (`file URL`, from the module hook,
// which runs on a thread of its own) and, as it exits, the built-in modules it loaded
// (`builtin NAME`) and the files it loaded with require (`cjs PATH`, which the hook does not see).
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

register('./record-loads-hooks.mjs', import.meta.url);
const required = createRequire(import.meta.url).cache;

process.on('exit', () => {
  const builtins = process.moduleLoadList
    .filter((m) => m.startsWith('NativeModule ') && !m.startsWith('NativeModule internal/'))
    .map((m) => `builtin ${m.slice('NativeModule '.length)}\n`);
  const cjs = Object.keys(required).map((path) => `cjs ${path}\n`);
  appendFileSync(process.env.CONFINE_RECORD_LOADS, [...builtins, ...cjs].join(''));
});
