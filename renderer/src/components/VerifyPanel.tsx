// "Verify in the sandbox": starts the app's sandbox with Confine's read-only probe and shows
// what it really reaches beside what its permissions say, every difference with its reason.

import { useEffect, useState } from 'react';
import type { Response } from '../../../shared/ipc/contract';
import { ACCESS_LABELS, VERDICT_LABELS, type VerifyRow } from '../../../shared/verify/compare';
import { count } from '../../../shared/plural';
import { call } from '../api';
import { FoldGroup } from './FoldGroup';

type Outcome = Response<'sandbox:verify'> | { ok: false; reason: 'ipc'; message: string };

function DifferenceItem({ row }: { row: VerifyRow }) {
  return (
    <li className={`verify__difference verify__difference--${row.verdict}`}>
      <p className="verify__what">
        <code>{row.target}</code> ({row.label}): the permissions say <strong>{ACCESS_LABELS[row.expected]}</strong>
        {row.via ? (
          <>
            {' '}
            (<code>{row.via}</code>)
          </>
        ) : null}
        ; the sandbox shows <strong>{ACCESS_LABELS[row.observed]}</strong>.
      </p>
      <p className="verify__why">
        {row.verdict === 'explained' ? 'Why: ' : 'Not explained: '}
        {row.note}
      </p>
    </li>
  );
}

function Result({ outcome }: { outcome: Response<'sandbox:verify'> & { ok: true } }) {
  const shown = outcome.rows.filter((r) => r.verdict !== 'not-on-host');
  const differing = shown.filter((r) => r.verdict === 'explained' || r.verdict === 'unexplained');
  const s = outcome.summary;
  return (
    <div className="verify__result" role="status">
      <p className="verify__summary">
        {count(s.same, 'place', 'places')} as the permissions say, {s.explained} explained,{' '}
        {s.unexplained === 0 ? 'none unexplained' : `${s.unexplained} unexplained`}; {s.notOnHost} not on this computer.
      </p>
      {differing.length > 0 ? (
        <ul className="verify__differences" aria-label="Differences from the permissions">
          {differing.map((r) => (
            <DifferenceItem key={r.id} row={r} />
          ))}
        </ul>
      ) : null}
      <table className="verify__table">
        <caption>Everything the probe looked at on this computer</caption>
        <thead>
          <tr>
            <th scope="col">Place</th>
            <th scope="col">In the sandbox</th>
            <th scope="col">Compared with the permissions</th>
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
                {ACCESS_LABELS[r.observed]}
                {r.detail?.length ? ` (${r.detail.join(', ')})` : ''}
              </td>
              <td>{VERDICT_LABELS[r.verdict]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function VerifyPanel({ appId }: { appId: string }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // A result belongs to the app it was probed for.
  useEffect(() => setOutcome(null), [appId]);
  const verify = async () => {
    setBusy(true);
    const r = await call('sandbox:verify', { appId });
    setOutcome(r.ok ? r.value : { ok: false, reason: 'ipc', message: r.error.message });
    setBusy(false);
  };
  return (
    <FoldGroup
      title="What the sandbox really reaches"
      id="group-verify"
      description={`Starts the app’s sandbox with a small read-only probe in its runtime’s shell (none of the app’s own programs run, no file is read or written) and shows what it can really reach. Starting the sandbox creates the app’s data folder (~/.var/app/${appId}) if it is not there yet, as the app’s first start would.`}
    >
      <div className="verify">
        <button type="button" className="button" disabled={busy} onClick={() => void verify()}>
          {busy ? 'Verifying…' : outcome ? 'Verify again' : 'Verify in the sandbox'}
        </button>
        {outcome && !outcome.ok ? (
          <p className="verify__failure" role="alert">
            {outcome.message}
          </p>
        ) : null}
        {outcome?.ok ? <Result outcome={outcome} /> : null}
      </div>
    </FoldGroup>
  );
}
