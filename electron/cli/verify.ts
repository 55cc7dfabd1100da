// `confine verify APP`: what the app can really reach in its sandbox, beside its permissions.

import { stat } from 'node:fs/promises';
import { checkAppId } from '../../shared/flatpak/grammar';
import { count } from '../../shared/plural';
import { ACCESS_LABELS, VERDICT_LABELS, type VerifyRow } from '../../shared/verify/compare';
import type { FlatpakCore } from '../services/core';
import { dataFolder, verifyApp } from '../services/verify';
import type { CliIo } from './cli';
import { UsageError, type Parsed } from './options';

const GROUP_TITLES: Readonly<Record<VerifyRow['group'], string>> = {
  folders: 'Your folders',
  sensitive: 'Sensitive files and folders',
  sockets: 'Sockets',
  buses: 'D-Bus',
  devices: 'Devices',
  network: 'Network',
};

function rowLine(r: VerifyRow): string {
  const what = r.detail?.length ? `${ACCESS_LABELS[r.observed]} (${r.detail.join(', ')})` : ACCESS_LABELS[r.observed];
  const via = r.via ? ` [${r.via}]` : '';
  return `  ${r.target.padEnd(40)} ${what.padEnd(26)} ${VERDICT_LABELS[r.verdict]}${via}\n`;
}

export async function verifyCommand(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length !== 1)
    throw new UsageError(p.positional.length === 0 ? 'APP is missing' : 'verify takes one APP');
  const app = p.positional[0] ?? '';
  const bad = checkAppId(app);
  if (bad) throw new UsageError(`'${app}' is not a valid application name: ${bad}`);
  // Before anything runs: the sandbox leaves this folder behind, as any first start of the app does.
  const folder = dataFolder(io.env, app);
  if (!(await core.appPermissions(app, p.installation)).error && !(await folderExists(folder)))
    io.err(`note: starting the sandbox creates ${folder} (Flatpak makes it on an app's first run)\n`);
  const result = await verifyApp(core, io.env, app, p.installation ? { installation: p.installation } : {});
  if (!result.ok) {
    if (p.json)
      io.out(JSON.stringify({ app, error: { reason: result.reason, message: result.message } }, null, 2) + '\n');
    io.err(`error: ${result.message}\n`);
    return 1;
  }
  if (p.json) {
    io.out(
      JSON.stringify(
        { app, dataFolderExisted: result.dataFolderExisted, summary: result.summary, rows: result.rows },
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  io.out(`What ${app} can reach in its sandbox, probed with the runtime's shell:\n`);
  for (const group of Object.keys(GROUP_TITLES) as VerifyRow['group'][]) {
    const rows = result.rows.filter((r) => r.group === group && r.verdict !== 'not-on-host');
    if (rows.length === 0) continue;
    io.out(`\n${GROUP_TITLES[group]}\n`);
    for (const r of rows) io.out(rowLine(r));
  }
  const differing = result.rows.filter((r) => r.verdict === 'explained' || r.verdict === 'unexplained');
  if (differing.length) {
    io.out('\nDifferences from the permissions\n');
    for (const r of differing)
      io.out(
        `  ${r.target}: the permissions say ${ACCESS_LABELS[r.expected]}, the sandbox shows ${ACCESS_LABELS[r.observed]}.\n    ${r.verdict === 'explained' ? 'Why' : 'Unexplained'}: ${r.note ?? ''}\n`,
      );
  }
  const s = result.summary;
  io.out(
    `\n${count(s.same, 'place', 'places')} as the permissions say, ${s.explained} explained, ${s.unexplained} unexplained; ${s.notOnHost} not on this computer.\n`,
  );
  return 0;
}

function folderExists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
