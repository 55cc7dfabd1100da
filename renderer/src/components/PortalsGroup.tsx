// The app's portal permissions: what xdg-desktop-portal remembers it may do (camera, location,
// running in the background, …). They live in the permission store, not in override files.

import { useShallow } from 'zustand/react/shallow';
import { ENTRY_STATE, STATE_LABELS } from '../../../shared/flatpak/catalogue';
import { helpFor, portalHelpId } from '../../../shared/flatpak/help';
import { describeValue, kindByKey } from '../../../shared/portals/catalogue';
import type { PortalRow } from '../../../shared/portals/model';
import { useStore } from '../store';
import { Row, Segmented } from './Controls';
import { FoldGroup } from './FoldGroup';

type Choice = 'not-set' | 'allowed' | 'denied';

// The same words as an override entry that allows or denies.
const CHOICES: readonly { value: Choice; label: string }[] = [
  { value: 'not-set', label: STATE_LABELS.notSet },
  { value: 'allowed', label: ENTRY_STATE.allow.label },
  { value: 'denied', label: ENTRY_STATE.deny.label },
];

function KnownRow({ row }: { row: PortalRow }) {
  const { setPortal, busy } = useStore(useShallow((s) => ({ setPortal: s.setPortal, busy: s.portalBusy === row.key })));
  const kind = kindByKey(row.key);
  if (!kind) return null;
  const value: Choice | 'other' = row.state;
  const note = row.state === 'other' ? `Now: ${describeValue(kind, row.value)}` : undefined;
  return (
    <Row title={row.label} subtitle={row.description} note={note} help={helpFor(portalHelpId(kind.key))}>
      <Segmented<Choice | 'other'>
        label={row.label}
        value={value}
        options={CHOICES}
        disabled={busy}
        onChange={(c) => {
          if (c === 'other' || c === row.state) return;
          void setPortal(row, c === 'not-set' ? null : [...(c === 'allowed' ? kind.allowed : kind.denied)]);
        }}
      />
    </Row>
  );
}

function OtherRow({ row }: { row: PortalRow }) {
  const { setPortal, busy } = useStore(useShallow((s) => ({ setPortal: s.setPortal, busy: s.portalBusy === row.key })));
  return (
    <Row title={row.label} subtitle={row.description}>
      <button
        type="button"
        className="button"
        disabled={busy}
        aria-label={`Forget ${row.label}: ${row.id}`}
        onClick={() => void setPortal(row, null)}
      >
        Forget
      </button>
    </Row>
  );
}

export function PortalsGroup() {
  const { portals, error } = useStore(useShallow((s) => ({ portals: s.portals, error: s.portalsLoad.error?.message })));
  const description = `What the app may do through portals without asking you, as the portal remembers it. “${STATE_LABELS.notSet}” leaves it to the portal; most ask the next time.`;
  if (error) {
    return (
      <FoldGroup title="Portals" description={description} id="group-portals">
        <p className="group__note">Confine could not read the portal permissions: {error}</p>
      </FoldGroup>
    );
  }
  if (!portals) return null;
  if (!portals.available) {
    return (
      <FoldGroup title="Portals" description={description} id="group-portals">
        <p className="group__note">
          {portals.reason}. Portal permissions cannot be shown; everything else on this page works.
        </p>
      </FoldGroup>
    );
  }
  const known = portals.rows.filter((r) => r.known && r.unavailable === undefined);
  const unused = portals.rows.filter((r) => r.known && r.unavailable !== undefined);
  const other = portals.rows.filter((r) => !r.known);
  return (
    <FoldGroup title="Portals" description={description} id="group-portals">
      <div className="group__box">
        {known.map((row) => (
          <KnownRow key={row.key} row={row} />
        ))}
        {other.map((row) => (
          <OtherRow key={row.key} row={row} />
        ))}
        {unused.length > 0 ? (
          <p className="portals__unused">
            No app has asked for these yet, so the portal has nothing to change: {unused.map((r) => r.label).join(', ')}
            .
          </p>
        ) : null}
      </div>
    </FoldGroup>
  );
}
