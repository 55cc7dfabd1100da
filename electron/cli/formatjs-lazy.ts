// Stands in for shared/i18n/formatjs.ts in the CLI's build (vite.cli.config.ts): formatjs is
// loaded, synchronously, the first time a message needs it (a plural, a select, a number, a
// translation with more than plain placeholders), from formatjs.cjs, which
// vite.cli-formatjs.config.ts builds beside the CLI from that same module. A synchronous load
// because `t` is synchronous; a CommonJS file because Node 20 cannot require an ES module.

import { createRequire } from 'node:module';
import type { Formatjs } from '../../shared/i18n/formatjs';

export type { Formatjs };

let loaded: Formatjs | undefined;

export function formatjs(): Formatjs {
  loaded ??= (createRequire(import.meta.url)('./formatjs.cjs') as { formatjs: () => Formatjs }).formatjs();
  return loaded;
}
