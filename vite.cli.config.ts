// Builds the `confine` command into one self-contained file for plain Node.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  // The D-Bus library's optional X11 lookup is never used (see x11-unavailable.cjs).
  resolve: { alias: { x11: fileURLToPath(new URL('electron/services/x11-unavailable.cjs', import.meta.url)) } },
  build: {
    ssr: 'electron/cli/main.ts',
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { entryFileNames: 'confine.mjs', format: 'es' },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});
