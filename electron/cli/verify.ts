// `confine verify APP`: what the app can really reach in its sandbox, beside its permissions.

import { stat } from 'node:fs/promises';
import { checkAppId } from '../../shared/flatpak/grammar';
import { ERROR_MESSAGES } from '../../shared/errors';
import { defineMessages, t } from '../../shared/i18n';
import { ACCESS_LABELS, VERDICT_LABELS, type VerifyRow } from '../../shared/verify/compare';
import type { FlatpakCore } from '../services/core';
import { dataFolder, verifyApp } from '../services/verify';
import { LINE, USAGE, type CliIo } from './command';
import { UsageError, type Parsed } from './options';

const M = defineMessages({
  group: {
    id: 'cli.verify.group',
    defaultMessage:
      '{group, select, folders {Your folders} sensitive {Sensitive files and folders} sockets {Sockets} buses {D-Bus} devices {Devices} other {Network}}',
    description: 'A heading of confine verify: a group of places the probe tried',
  },
  createsFolder: {
    id: 'cli.verify.creates-folder',
    defaultMessage: 'starting the sandbox creates {folder} (Flatpak makes it on an app’s first run)',
  },
  heading: {
    id: 'cli.verify.heading',
    defaultMessage: 'What {app} can reach in its sandbox, probed with the runtime’s shell:',
  },
  differences: { id: 'cli.verify.differences', defaultMessage: 'Differences from the permissions' },
  difference: {
    id: 'cli.verify.difference',
    defaultMessage: '{target}: the permissions say {expected}, the sandbox shows {observed}.',
    description: 'target: a path, socket, bus or device; expected, observed: access labels such as "read only"',
  },
  note: {
    id: 'cli.verify.note',
    defaultMessage: '{explained, select, yes {Why} other {Unexplained}}: {note}',
    description: 'Under a difference: why it is so, or that nothing explains it',
  },
  summary: {
    id: 'cli.verify.summary',
    defaultMessage:
      '{same, plural, one {# place} other {# places}} as the permissions say, {explained} explained, {unexplained} unexplained; {notOnHost} not on this computer.',
    description: 'The last line of confine verify; each placeholder is a number of places',
  },
});

const GROUPS: readonly VerifyRow['group'][] = ['folders', 'sensitive', 'sockets', 'buses', 'devices', 'network'];

function rowLine(r: VerifyRow): string {
  const what = r.detail?.length ? `${ACCESS_LABELS[r.observed]} (${r.detail.join(', ')})` : ACCESS_LABELS[r.observed];
  const via = r.via ? ` [${r.via}]` : '';
  return `  ${r.target.padEnd(40)} ${what.padEnd(26)} ${VERDICT_LABELS[r.verdict]}${via}\n`;
}

export async function verifyCommand(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length !== 1)
    throw new UsageError(
      p.positional.length === 0
        ? t(USAGE.appMissing, { app: 'APP' })
        : t(USAGE.takesOne, { command: 'verify', operand: 'APP' }),
    );
  const app = p.positional[0] ?? '';
  const bad = checkAppId(app);
  if (bad) throw new UsageError(t(ERROR_MESSAGES.badAppId, { app, problem: bad }));
  // Before anything runs: the sandbox leaves this folder behind, as any first start of the app does.
  const folder = dataFolder(io.env, app);
  if (!(await core.appPermissions(app, p.installation)).error && !(await folderExists(folder)))
    io.err(t(LINE.note, { message: t(M.createsFolder, { folder }) }));
  // Ctrl+C (or SIGTERM) ends the probe and the sandbox it started, which runs in a process group
  // of its own and so does not get the terminal's signal itself.
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  if (io.signal?.aborted) stop.abort();
  io.signal?.addEventListener('abort', onSignal, { once: true });
  const result = await verifyApp(core, io.env, app, {
    signal: stop.signal,
    ...(p.installation ? { installation: p.installation } : {}),
  }).finally(() => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    io.signal?.removeEventListener('abort', onSignal);
  });
  if (!result.ok) {
    if (p.json)
      io.out(JSON.stringify({ app, error: { reason: result.reason, message: result.message } }, null, 2) + '\n');
    // Stopped is what the user asked for, not an error; 130 as a shell reports a Ctrl+C.
    if (result.reason === 'stopped') {
      io.err(`${result.message}\n`);
      return 130;
    }
    io.err(t(LINE.error, { message: result.message }));
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
  io.out(`${t(M.heading, { app })}\n`);
  for (const group of GROUPS) {
    const rows = result.rows.filter((r) => r.group === group && r.verdict !== 'not-on-host');
    if (rows.length === 0) continue;
    io.out(`\n${t(M.group, { group })}\n`);
    for (const r of rows) io.out(rowLine(r));
  }
  const differing = result.rows.filter((r) => r.verdict === 'explained' || r.verdict === 'unexplained');
  if (differing.length) {
    io.out(`\n${t(M.differences)}\n`);
    for (const r of differing) {
      const { target } = r;
      io.out(
        `  ${t(M.difference, { target, expected: ACCESS_LABELS[r.expected], observed: ACCESS_LABELS[r.observed] })}\n`,
      );
      io.out(`    ${t(M.note, { explained: r.verdict === 'explained' ? 'yes' : 'no', note: r.note ?? '' })}\n`);
    }
  }
  const s = result.summary;
  io.out(
    `\n${t(M.summary, { same: s.same, explained: s.explained, unexplained: s.unexplained, notOnHost: s.notOnHost })}\n`,
  );
  return 0;
}

function folderExists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
