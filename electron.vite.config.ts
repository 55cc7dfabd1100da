// Builds main (ESM), the preload (one CommonJS file, as a sandboxed preload must be) and the
// renderer, offline and without the Electron binary.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
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
