// Builds main (ESM), the preload (one CommonJS file, as a sandboxed preload must be) and the
// renderer, offline and without the Electron binary.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { sourceStamp } from './scripts/source-stamp';

export default defineConfig({
  main: {
    // The cache of parsed metadata is kept by the build that wrote it (shared/version.ts).
    define: { __CONFINE_SOURCE__: JSON.stringify(sourceStamp(fileURLToPath(new URL('.', import.meta.url)))) },
    resolve: { alias: { x11: fileURLToPath(new URL('electron/services/x11-unavailable.cjs', import.meta.url)) } },
    build: {
      // Everything is bundled, so the packaged app carries no node_modules.
      externalizeDeps: false,
      outDir: 'out/main',
      lib: { entry: 'electron/main/index.ts', formats: ['es'] },
      rollupOptions: { output: { entryFileNames: 'index.js' } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      isolatedEntries: true,
      lib: { entry: 'electron/preload/index.ts', formats: ['cjs'] },
      rollupOptions: { external: ['electron'], output: { entryFileNames: 'index.cjs' } },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      emptyOutDir: true,
      minify: true,
      rollupOptions: { input: 'renderer/index.html' },
      assetsInlineLimit: 0,
    },
  },
});
