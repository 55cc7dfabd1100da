// Builds out/cli/start.cjs, the start of the `confine` command (electron/cli/start.ts): it loads
// the bundle that vite.cli.config.ts builds with V8's code cache. Runs after that build (and
// formatjs's), which empties out/cli, and is stamped with a digest of the files it built: the
// cache is kept by them, so that no code compiled from other files is ever taken back.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const OUT = fileURLToPath(new URL('out/cli', import.meta.url));

/** The first 16 hex digits of a SHA-256 over the names and contents of the bundle's files. */
function bundleStamp(): string {
  const h = createHash('sha256');
  for (const name of readdirSync(OUT).sort())
    if (name.endsWith('.cjs') && name !== 'start.cjs') h.update(`${name}\0`).update(readFileSync(join(OUT, name)));
  return h.digest('hex').slice(0, 16);
}

export default defineConfig({
  define: { __CONFINE_BUNDLE__: JSON.stringify(bundleStamp()) },
  build: {
    outDir: 'out/cli',
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    lib: { entry: 'electron/cli/start.ts', formats: ['cjs'], fileName: () => 'start.cjs' },
    rollupOptions: {
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { strict: true },
    },
  },
});
