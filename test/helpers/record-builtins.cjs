// Loaded with `node --require` by test/cli-loads.test.ts for a run of bin/confine.js as users
// start it: writes down in $CONFINE_RECORD_BUILTINS, as the process exits, the built-in modules
// it loaded that Node itself had not loaded before this file (a line each). CommonJS and using
// only what Node has loaded already, so it loads nothing of its own that the list would show.
'use strict';
const before = new Set(process.moduleLoadList);
process.on('exit', () => {
  const loaded = process.moduleLoadList
    .filter((m) => !before.has(m) && m.startsWith('NativeModule ') && !m.startsWith('NativeModule internal/'))
    .map((m) => `${m.slice('NativeModule '.length)}\n`);
  // module.require: the same as require, which the lint of .cjs files does not know.
  module.require('node:fs').writeFileSync(process.env.CONFINE_RECORD_BUILTINS, loaded.join(''));
});
