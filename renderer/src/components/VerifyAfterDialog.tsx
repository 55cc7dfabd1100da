// "Verify after applying": probes the sandbox of each app a hardening just changed, one after the
// other, and shows what the sandbox really closed: compared with a probe made before the change
// where there is one, otherwise with what the permissions gave before it.

import { useShallow } from 'zustand/react/shallow';
import { defineMessages, t } from '../../../shared/i18n';
import { ACCESS_LABELS, type Access, type VerifyRow } from '../../../shared/verify/compare';
import { useStore } from '../store';
import { earlierFits, type VerifyAfterApp, type VerifyResultOk } from '../store/verify';
import { Dialog } from './Dialog';
import { rich } from './rich';

const M = defineMessages({
  title: {
    id: 'ui.verify-after.title',
    defaultMessage: 'Verify after applying',
    description: 'Title of the dialog that probes the sandbox of the apps just hardened',
  },
  running: {
    id: 'ui.verify-after.running',
    defaultMessage: 'Verifying app {current} of {total}…',
    description: 'Beside the dialog’s buttons while the probes run; current and total are numbers',
  },
  done: {
    id: 'ui.verify-after.done',
    defaultMessage: '{count, plural, one {# app verified} other {# apps verified}}.',
    description: 'Beside the dialog’s buttons once every probe ran',
  },
  stopped: {
    id: 'ui.verify-after.stopped',
    defaultMessage: 'Stopped: {done} of {total, plural, one {# app} other {# apps}} verified.',
    description: 'Beside the dialog’s buttons after the user stopped the probes; done and total count apps',
  },
  progress: {
    id: 'ui.verify-after.progress',
    defaultMessage: 'Apps verified',
    description: 'Accessible name of the progress bar of the probes',
  },
  stop: {
    id: 'ui.verify-after.stop',
    defaultMessage: 'Stop',
    description: 'Button: end the probe under way, and its sandbox, and probe no further app',
  },
  close: { id: 'ui.verify-after.close', defaultMessage: 'Close', description: 'Button once the probes are over' },
  waiting: { id: 'ui.verify-after.waiting', defaultMessage: 'Waiting for its turn.' },
  notVerified: {
    id: 'ui.verify-after.not-verified',
    defaultMessage: 'Not verified: stopped before its turn.',
  },
  probing: { id: 'ui.verify-after.probing', defaultMessage: 'Probing its sandbox…' },
  againstProbe: {
    id: 'ui.verify-after.against-probe',
    defaultMessage: 'Compared with the probe made before applying.',
  },
  earlierStale: {
    id: 'ui.verify-after.earlier-stale',
    defaultMessage:
      'The probe made before applying saw other permissions than the ones this change started from (they changed after it), so it is not taken as the state before: compared with what its permissions gave before the change.',
  },
  changedAgain: {
    id: 'ui.verify-after.changed-again',
    defaultMessage:
      'Its permissions changed again after applying: the sandbox is shown as it is now, not as the hardening alone left it.',
  },
  againstPermissions: {
    id: 'ui.verify-after.against-permissions',
    defaultMessage: 'No probe was made before applying: compared with what its permissions gave before the change.',
  },
  closedLabel: {
    id: 'ui.verify-after.closed.label',
    defaultMessage: 'Closed in the sandbox',
    description: 'Heading of the list of places the app could reach before the change and no longer can',
  },
  closedItem: {
    id: 'ui.verify-after.closed.item',
    defaultMessage: '{target} ({place}): {before} → {after}',
    description:
      'A place the change closed; target is a path, place its name (Downloads folder), before and after are accesses (read and write, read-only, no access)',
  },
  openLabel: {
    id: 'ui.verify-after.open.label',
    defaultMessage: 'Still reachable although the change should close it',
    description: 'Heading of the list of places the new permissions close but the sandbox still reaches',
  },
  openItem: {
    id: 'ui.verify-after.open.item',
    defaultMessage: '{target} ({place}): the permissions now say {expected}; the sandbox shows {observed}.',
    description: 'target is a path, place its name; expected and observed are accesses (no access, read-only)',
  },
  nothingClosed: {
    id: 'ui.verify-after.nothing-closed',
    defaultMessage:
      'Nothing the probe looks at was closed: the change concerns what it does not see (such as single bus names), or the sandbox had no access there before either.',
  },
});

/** How far an access reaches: none, a part (read, a filtered bus), or all of it. */
const LEVEL: Readonly<Record<Access, number>> = {
  none: 0,
  hidden: 0,
  loopback: 0,
  read: 1,
  filtered: 1,
  write: 2,
  usable: 2,
  direct: 2,
  present: 2,
  shared: 2,
};

interface Closed {
  readonly row: VerifyRow;
  readonly before: Access;
}

/** What the change closed in the sandbox, and what it should have closed but is still there. */
export function closedBy(after: VerifyResultOk, earlier?: VerifyResultOk): { closed: Closed[]; open: VerifyRow[] } {
  const then = new Map(earlier?.rows.map((r) => [r.id, r]));
  const closed: Closed[] = [];
  const open: VerifyRow[] = [];
  for (const row of after.rows) {
    if (row.verdict === 'not-on-host') continue;
    const before = earlier ? then.get(row.id)?.observed : row.before;
    if (before === undefined) continue;
    if (LEVEL[row.observed] < LEVEL[before]) closed.push({ row, before });
    // The new permissions close it, yet the sandbox reaches more than they say.
    else if (
      row.before !== undefined &&
      LEVEL[row.expected] < LEVEL[row.before] &&
      LEVEL[row.observed] > LEVEL[row.expected]
    )
      open.push(row);
  }
  return { closed, open };
}

function AppResult({ app, stopped }: { app: VerifyAfterApp; stopped: boolean }) {
  if (app.state === 'waiting') return <p className="verify-after__state">{t(stopped ? M.notVerified : M.waiting)}</p>;
  if (app.state === 'running' || !app.outcome) return <p className="verify-after__state">{t(M.probing)}</p>;
  const outcome = app.outcome;
  if (!outcome.ok) return <p className="verify__failure">{outcome.message}</p>;
  // A probe made before the permissions changed again is no "before" of this change.
  const earlier = app.earlier && earlierFits(app.earlier, app.before, outcome) ? app.earlier : undefined;
  const { closed, open } = closedBy(outcome, earlier);
  return (
    <>
      {outcome.basis?.override !== app.after ? <p className="verify__failure">{t(M.changedAgain)}</p> : null}
      <p className="verify-after__against">
        {t(earlier ? M.againstProbe : app.earlier ? M.earlierStale : M.againstPermissions)}
      </p>
      {closed.length > 0 ? (
        <>
          <h4 className="verify-after__heading">{t(M.closedLabel)}</h4>
          <ul className="verify__differences" aria-label={t(M.closedLabel)}>
            {closed.map(({ row, before }) => (
              <li key={row.id} className="verify__difference verify__difference--closed">
                {rich(
                  M.closedItem,
                  { place: row.label },
                  {
                    target: <code>{row.target}</code>,
                    before: <strong>{ACCESS_LABELS[before]}</strong>,
                    after: <strong>{ACCESS_LABELS[row.observed]}</strong>,
                  },
                )}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="verify-after__state">{t(M.nothingClosed)}</p>
      )}
      {open.length > 0 ? (
        <>
          <h4 className="verify-after__heading">{t(M.openLabel)}</h4>
          <ul className="verify__differences" aria-label={t(M.openLabel)}>
            {open.map((row) => (
              <li key={row.id} className="verify__difference verify__difference--unexplained">
                {rich(
                  M.openItem,
                  { place: row.label },
                  {
                    target: <code>{row.target}</code>,
                    expected: <strong>{ACCESS_LABELS[row.expected]}</strong>,
                    observed: <strong>{ACCESS_LABELS[row.observed]}</strong>,
                  },
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

export function VerifyAfterDialog() {
  const { run, stop, close } = useStore(
    useShallow((s) => ({ run: s.verifyAfter, stop: s.stopVerifyAfter, close: s.closeVerifyAfter })),
  );
  if (!run) return null;
  const total = run.apps.length;
  // A probe ended by Stop verified nothing.
  const done = run.apps.filter((a) => a.state === 'done' && (a.outcome?.ok || a.outcome?.reason !== 'stopped')).length;
  return (
    <Dialog
      title={t(M.title)}
      onClose={close}
      wide
      liveSummary
      summary={
        run.running
          ? t(M.running, { current: Math.min(done + 1, total), total })
          : run.stopped
            ? t(M.stopped, { done, total })
            : t(M.done, { count: done })
      }
      // Once the probes are over, Close alone: Cancel beside it would do the same.
      cancel={run.running}
      action={
        run.running
          ? { label: t(M.stop), disabled: run.stopped, run: stop }
          : { label: t(M.close), disabled: false, run: close }
      }
    >
      <progress className="verify-after__progress" value={done} max={total} aria-label={t(M.progress)} />
      {run.apps.map((app) => (
        <section key={app.appId} className="harden-app verify-after__app" aria-label={app.name}>
          <h3 className="harden-app__title">
            {app.name} <span className="harden-app__id">{app.appId}</span>
          </h3>
          <AppResult app={app} stopped={run.stopped} />
        </section>
      ))}
    </Dialog>
  );
}
