// "Verify in the sandbox": starts the app's sandbox with Confine's read-only probe and shows
// what it really reaches beside what its permissions say, every difference with its reason.

import { useId } from 'react';
import type { Response } from '../../../shared/ipc/contract';
import { ACCESS_LABELS, VERDICT_LABELS, type VerifyRow } from '../../../shared/verify/compare';
import { defineMessages, formatList, t } from '../../../shared/i18n';
import { useStore } from '../store';
import { FoldGroup } from './FoldGroup';
import { rich } from './rich';

const M = defineMessages({
  difference: {
    id: 'ui.verify.difference',
    defaultMessage:
      '{via, select, none {{target} ({place}): the permissions say {expected}; the sandbox shows {observed}.} other {{target} ({place}): the permissions say {expected} ({via}); the sandbox shows {observed}.}}',
    description:
      'One difference between permissions and probe; target is a path or bus name, place its name (Downloads folder), expected and observed are accesses (read only, not reachable), via the permission that grants it (xdg-download); none when there is none',
  },
  why: {
    id: 'ui.verify.why',
    defaultMessage: 'Why: {reason}',
    description: 'Under a difference the permissions explain; reason is the explanation',
  },
  unexplained: {
    id: 'ui.verify.not-explained',
    defaultMessage: 'Not explained: {reason}',
    description: 'Under a difference the permissions do not explain; reason says what is known',
  },
  summary: {
    id: 'ui.verify.summary',
    defaultMessage:
      '{same, plural, one {# place} other {# places}} as the permissions say, {explained, plural, other {# explained}}, {unexplained, plural, =0 {none unexplained} other {# unexplained}}; {notOnHost, plural, other {# not on this computer}}.',
    description:
      'The result of the probe: how many places the sandbox reaches as the permissions say, how many differ with an explanation, without one, and how many do not exist here',
  },
  differences: {
    id: 'ui.verify.differences.label',
    defaultMessage: 'Differences from the permissions',
    description: 'Accessible name of the list of differences the probe found',
  },
  caption: {
    id: 'ui.verify.table.caption',
    defaultMessage: 'Everything the probe looked at on this computer',
    description: 'Caption of the table of every place the probe checked',
  },
  place: {
    id: 'ui.verify.table.place',
    defaultMessage: 'Place',
    description: 'Column heading: a folder, socket or service the probe checked',
  },
  inSandbox: {
    id: 'ui.verify.table.in-sandbox',
    defaultMessage: 'In the sandbox',
    description: 'Column heading: the access the probe found inside the sandbox',
  },
  compared: {
    id: 'ui.verify.table.compared',
    defaultMessage: 'Compared with the permissions',
    description: 'Column heading: whether that access matches the permissions',
  },
  observedDetail: {
    id: 'ui.verify.table.observed-detail',
    defaultMessage: '{access} ({details})',
    description: 'A cell with the access found and details of it; details is a list',
  },
  title: {
    id: 'ui.verify.title',
    defaultMessage: 'What the sandbox really reaches',
    description: 'Heading of the group that runs a probe in the app’s sandbox',
  },
  description: {
    id: 'ui.verify.description',
    defaultMessage:
      'Starts the app’s sandbox with a small read-only probe in its runtime’s shell (none of the app’s own programs run, no file is read or written) and shows what it can really reach. Starting the sandbox creates the app’s data folder ({folder}) if it is not there yet, as the app’s first start would.',
    description: 'Under the heading of the probe group; folder is the app’s data folder (~/.var/app/org.example.App)',
  },
  verifying: {
    id: 'ui.verify.verifying',
    defaultMessage: 'Verifying…',
    description: 'The probe button while the probe runs',
  },
  again: { id: 'ui.verify.again', defaultMessage: 'Verify again', description: 'The probe button after a result' },
  stop: {
    id: 'ui.verify.stop',
    defaultMessage: 'Stop',
    description: 'Button while the probe runs: ends it and the sandbox it started',
  },
  verify: {
    id: 'ui.verify.start',
    defaultMessage: 'Verify in the sandbox',
    description: 'Button that runs the probe in the app’s sandbox',
  },
});

function DifferenceItem({ row }: { row: VerifyRow }) {
  return (
    <li className={`verify__difference verify__difference--${row.verdict}`}>
      <p className="verify__what">
        {rich(
          M.difference,
          { place: row.label, via: row.via ? 'some' : 'none' },
          {
            target: <code>{row.target}</code>,
            expected: <strong>{ACCESS_LABELS[row.expected]}</strong>,
            observed: <strong>{ACCESS_LABELS[row.observed]}</strong>,
            ...(row.via ? { via: <code>{row.via}</code> } : {}),
          },
        )}
      </p>
      <p className="verify__why">{t(row.verdict === 'explained' ? M.why : M.unexplained, { reason: row.note })}</p>
    </li>
  );
}

function Result({ outcome }: { outcome: Response<'sandbox:verify'> & { ok: true } }) {
  const shown = outcome.rows.filter((r) => r.verdict !== 'not-on-host');
  const differing = shown.filter((r) => r.verdict === 'explained' || r.verdict === 'unexplained');
  const s = outcome.summary;
  const captionId = useId();
  return (
    <div className="verify__result" role="status">
      <p className="verify__summary">
        {t(M.summary, {
          same: s.same,
          explained: s.explained,
          unexplained: s.unexplained,
          notOnHost: s.notOnHost,
        })}
      </p>
      {differing.length > 0 ? (
        <ul className="verify__differences" aria-label={t(M.differences)}>
          {differing.map((r) => (
            <DifferenceItem key={r.id} row={r} />
          ))}
        </ul>
      ) : null}
      {/* A table wider than its box (long words of a language, a narrow window) scrolls inside it,
          its words whole; focusable, so the keyboard can scroll it too. */}
      <div className="verify__scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="verify__table">
          <caption id={captionId}>{t(M.caption)}</caption>
          <thead>
            <tr>
              <th scope="col">{t(M.place)}</th>
              <th scope="col">{t(M.inSandbox)}</th>
              <th scope="col">{t(M.compared)}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  {r.label}
                  {/^[~/$]/.test(r.target) ? (
                    <>
                      {' '}
                      <code>{r.target}</code>
                    </>
                  ) : null}
                </th>
                <td>
                  {r.detail?.length
                    ? t(M.observedDetail, { access: ACCESS_LABELS[r.observed], details: formatList(r.detail) })
                    : ACCESS_LABELS[r.observed]}
                </td>
                <td>{VERDICT_LABELS[r.verdict]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function VerifyPanel({ appId }: { appId: string }) {
  // Kept by app in the store: "Verify after applying" compares with a probe made here before.
  const probe = useStore((s) => s.probes[appId]);
  const runProbe = useStore((s) => s.runProbe);
  const stopProbe = useStore((s) => s.stopProbe);
  const busy = probe?.busy ?? false;
  const outcome = probe?.outcome ?? null;
  const verify = () => runProbe(appId);
  return (
    <FoldGroup title={t(M.title)} id="group-verify" description={t(M.description, { folder: `~/.var/app/${appId}` })}>
      <div className="verify">
        <div className="verify__buttons">
          <button type="button" className="button" disabled={busy} onClick={() => void verify()}>
            {t(busy ? M.verifying : outcome ? M.again : M.verify)}
          </button>
          {busy ? (
            <button type="button" className="button" onClick={() => void stopProbe(appId)}>
              {t(M.stop)}
            </button>
          ) : null}
        </div>
        {outcome && !outcome.ok ? (
          // Stopped is what the user asked for: said, not alerted.
          <p
            className={outcome.reason === 'stopped' ? 'verify__failure verify__failure--stopped' : 'verify__failure'}
            role={outcome.reason === 'stopped' ? 'status' : 'alert'}
          >
            {outcome.message}
          </p>
        ) : null}
        {outcome?.ok ? <Result outcome={outcome} /> : null}
      </div>
    </FoldGroup>
  );
}
