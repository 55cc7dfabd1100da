// Builds out/cli/formatjs.cjs: formatjs for the CLI, which loads it only when a message needs it
// (electron/cli/formatjs-lazy.ts). Runs after vite.cli.config.ts, which empties out/cli.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: 'out/cli',
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    lib: { entry: 'shared/i18n/formatjs.ts', formats: ['cjs'], fileName: () => 'formatjs.cjs' },
  },
});
