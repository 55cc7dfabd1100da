// Runs app.asar's main script under plain Node the way the packaged binary runs it, for
// `confine COMMAND`: no Electron binary can be had on these machines (and `require('electron')`
// under Node only throws), so `node --import ./register.mjs out/main/index.js list` stands in.
// Three things differ from Electron and are put right here: the module 'electron' (a stand-in
// with the one member the CLI path reaches, electron.mjs), the command line (a packaged binary's
// arguments follow its own path directly, with no script path in between) and
// process.resourcesPath (where Electron says the package keeps app.asar and the native module).
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
process.argv.splice(1, 1);
if (process.env.CONFINE_TEST_RESOURCES) process.resourcesPath = process.env.CONFINE_TEST_RESOURCES;
