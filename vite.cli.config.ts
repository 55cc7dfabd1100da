// Builds the `confine` command for plain Node: out/cli/confine.cjs and, beside it in
// out/cli, the modules it loads on demand (each command and the libraries only some commands use), so a run
// reads and compiles only what its command needs. The folder is self-contained: no node_modules.
// CommonJS rather than ES modules (issue 19): a process that loads no ES module never starts
// Node's ES module loader (~5 ms of its own code to compile and run), and a CommonJS file can be
// compiled with V8's cached code (electron/cli/start.ts).
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { sourceStamp } from './scripts/source-stamp';

// formatjs is loaded when a message first needs it (electron/cli/formatjs-lazy.ts), not with
// the start file; vite.cli-formatjs.config.ts builds it beside.
const LAZY_FORMATJS = fileURLToPath(new URL('electron/cli/formatjs-lazy.ts', import.meta.url));
const I18N = fileURLToPath(new URL('shared/i18n/', import.meta.url));
// Node's fs/promises (and all it loads) only for what needs its file handles: see the module.
const LAZY_FS_PROMISES = fileURLToPath(new URL('electron/cli/fs-promises-lazy.ts', import.meta.url));

export default defineConfig({
  plugins: [
    {
      name: 'confine-lazy-formatjs',
      enforce: 'pre',
      resolveId: (source, importer) =>
        source === './formatjs' && importer?.startsWith(I18N) ? LAZY_FORMATJS : undefined,
    },
    {
      name: 'confine-lazy-fs-promises',
      enforce: 'pre',
      resolveId: (source, importer) =>
        (source === 'node:fs/promises' || source === 'fs/promises') && importer !== LAZY_FS_PROMISES
          ? LAZY_FS_PROMISES
          : undefined,
    },
  ],
  // The cache of parsed metadata is kept by the build that wrote it (shared/version.ts).
  define: { __CONFINE_SOURCE__: JSON.stringify(sourceStamp(fileURLToPath(new URL('.', import.meta.url)))) },
  // The D-Bus library's optional X11 lookup is never used (see x11-unavailable.cjs).
  // JSON data (Flathub's exceptions, 114 kB) as JSON.parse of a string: V8 reads a string
  // literal and JSON far faster than the same data as an object literal in the code.
  json: { stringify: true, namedExports: false },
  resolve: { alias: { x11: fileURLToPath(new URL('electron/services/x11-unavailable.cjs', import.meta.url)) } },
  build: {
    ssr: 'electron/cli/main.ts',
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      // fs/promises is not: the plugin above sends it to the module that stands in for it.
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)].filter(
        (m) => !/^(node:)?fs\/promises$/.test(m),
      ),
      output: {
        entryFileNames: 'confine.cjs',
        chunkFileNames: '[name]-[hash].cjs',
        format: 'cjs',
        // ASCII only: V8 holds a source with any other character at two bytes per character,
        // and the start file is read and compiled on every run (issue 19). Doc comments go for
        // the same reason (they are most of the rest); the module names stay (test/cli-loads).
        charset: 'ascii',
        comments: { jsdoc: false, legal: true, annotation: true },
        // As strict as the ES modules it is built from.
        strict: true,
        // What every run loads (the core, options) in one file rather than a dozen small ones:
        // each file is a separate read, resolve and compile.
        codeSplitting: { groups: [{ name: 'start', tags: ['$initial'] }] },
      },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});
