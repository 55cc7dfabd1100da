#!/usr/bin/env node
// Runs Electronegativity over the sources and fails (exit 1) on any finding of MEDIUM severity
// or above. Electronegativity itself always exits 0, hence this gate. Exit 2: the tool failed.
import { createRequire } from 'node:module';
import { relative, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');

const root = resolve(process.argv[2] ?? '.');
const EXCLUDED_CHECKS = [
  // Fetches Electron's release list from the internet, which CI cannot reach; the Electron
  // version is kept current by the dependency instead.
  'AvailableSecurityFixesGlobalCheck',
];
// Built bundles repeat the sources; tests build fake windows on purpose.
const IGNORED_PATHS = [
  /^out\//,
  /^dist\//,
  /^test-results\//,
  /^playwright-report\//,
  /\.test\.tsx?$/,
  /^test\//,
  /^e2e\//,
];
const SEVERITY_ORDER = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'];
const threshold = SEVERITY_ORDER.indexOf('MEDIUM');

let result;
try {
  result = await run(
    { input: root, output: null, isRelative: false, excludeFromScan: EXCLUDED_CHECKS, electronUpgrade: undefined },
    false,
  );
} catch (e) {
  console.error(`electronegativity failed: ${e.message}`);
  process.exit(2);
}
const hard = (result.errors ?? []).filter(
  (e) => !e.tolerable && !IGNORED_PATHS.some((p) => p.test(relative(root, e.file))),
);
for (const e of hard) console.error(`could not parse ${relative(root, e.file)}: ${e.message}`);
const findings = (result.issues ?? []).filter((i) => !IGNORED_PATHS.some((p) => p.test(relative(root, i.file))));
const blocking = findings.filter((i) => SEVERITY_ORDER.indexOf(i.severity.name) >= threshold);
for (const i of findings) {
  const where = `${relative(root, i.file)}:${i.location?.line ?? '?'}:${i.location?.column ?? '?'}`;
  console.log(
    `${SEVERITY_ORDER.indexOf(i.severity.name) >= threshold ? 'FAIL' : 'note'}  ${i.id}  ${i.severity.name}/${i.confidence.name}  ${where}  ${i.description}`,
  );
}
console.log(`electronegativity: ${findings.length} finding(s), ${blocking.length} at MEDIUM or above`);
process.exit(blocking.length > 0 || hard.length > 0 ? 1 : 0);
