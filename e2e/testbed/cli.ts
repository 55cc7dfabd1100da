// Builds a test bed from the command line and prints `export` lines for a shell:
//   eval "$(npm run -s testbed -- /tmp/bed 200 --system 20)"

import { resolve } from 'node:path';
import { buildTestbed } from './build';

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: testbed DIR [APPS] [--system K] [--force]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const positional: string[] = [];
let systemApps = 0;
let force = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i] ?? '';
  if (a === '--force') force = true;
  else if (a === '--system') systemApps = Number(args[++i]);
  else if (a.startsWith('--system=')) systemApps = Number(a.slice(9));
  else if (a.startsWith('-')) usage(`unknown option ${a}`);
  else positional.push(a);
}
const [dir, n = '20'] = positional;
if (!dir) usage('DIR is missing');
const apps = Number(n);
if (!Number.isInteger(apps) || apps < 1) usage('APPS must be a positive whole number');
if (!Number.isInteger(systemApps) || systemApps < 0) usage('--system takes a whole number');

const bed = await buildTestbed({
  dir: resolve(dir),
  apps,
  systemApps,
  force,
  log: (l) => process.stderr.write(`[testbed] ${l}\n`),
});
for (const [k, v] of Object.entries(bed.env)) process.stdout.write(`export ${k}='${v.replace(/'/g, `'\\''`)}'\n`);
