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
import { defineMessage, defineMessages, formatList, t } from '../../../shared/i18n';

/** The portal permissions' group: its heading, and its entry in the jump list. */
export const PORTALS_TITLE = defineMessage({
  id: 'ui.portals.title',
  defaultMessage: 'Portals',
  description: 'Heading of the group of portal permissions on an app’s page, and its link in the list of groups',
});

const M = defineMessages({
  now: {
    id: 'ui.portals.now',
    defaultMessage: 'Now: {value}',
    description: 'Under a portal permission set to something none of the choices stands for; value says what it is',
  },
  forgetLabel: {
    id: 'ui.portals.forget.label',
    defaultMessage: 'Forget {permission}: {id}',
    description:
      'Accessible name of the Forget button; permission is the portal permission’s name, id its entry in the permission store',
  },
  forget: {
    id: 'ui.portals.forget',
    defaultMessage: 'Forget',
    description: 'Button that removes a portal permission Confine does not know from the permission store',
  },
  description: {
    id: 'ui.portals.description',
    defaultMessage:
      'What the app may do through portals without asking you, as the portal remembers it. “{notSet}” leaves it to the portal; most ask the next time.',
    description: 'Under the Portals heading; notSet is the name of the first choice of each row (Not set)',
  },
  unreadable: {
    id: 'ui.portals.unreadable',
    defaultMessage: 'Confine could not read the portal permissions: {reason}',
    description: 'In the Portals group when reading failed; reason is the error message',
  },
  unavailable: {
    id: 'ui.portals.unavailable',
    defaultMessage: '{reason}. Portal permissions cannot be shown; everything else on this page works.',
    description:
      'In the Portals group when there is no permission store; reason says why (one sentence without its full stop)',
  },
  unused: {
    id: 'ui.portals.unused',
    defaultMessage: 'No app has asked for these yet, so the portal has nothing to change: {permissions}.',
    description: 'Under the portal permissions; permissions is a list of portal permission names no app has used yet',
  },
});

type Choice = 'not-set' | 'allowed' | 'denied';

// The same words as an override entry that allows or denies.
const choices = (): readonly { value: Choice; label: string }[] => [
  { value: 'not-set', label: STATE_LABELS.notSet },
  { value: 'allowed', label: ENTRY_STATE.allow.label },
  { value: 'denied', label: ENTRY_STATE.deny.label },
];

function KnownRow({ row }: { row: PortalRow }) {
  const { setPortal, busy } = useStore(useShallow((s) => ({ setPortal: s.setPortal, busy: s.portalBusy === row.key })));
  const kind = kindByKey(row.key);
  if (!kind) return null;
  const value: Choice | 'other' = row.state;
  const note = row.state === 'other' ? t(M.now, { value: describeValue(kind, row.value) }) : undefined;
  return (
    <Row title={row.label} subtitle={row.description} note={note} help={helpFor(portalHelpId(kind.key))}>
      <Segmented<Choice | 'other'>
        label={row.label}
        value={value}
        options={choices()}
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
        aria-label={t(M.forgetLabel, { permission: row.label, id: row.id })}
        onClick={() => void setPortal(row, null)}
      >
        {t(M.forget)}
      </button>
    </Row>
  );
}

export function PortalsGroup() {
  const { portals, error } = useStore(useShallow((s) => ({ portals: s.portals, error: s.portalsLoad.error?.message })));
  const description = t(M.description, { notSet: STATE_LABELS.notSet });
  const title = t(PORTALS_TITLE);
  if (error) {
    return (
      <FoldGroup title={title} description={description} id="group-portals">
        <p className="group__note">{t(M.unreadable, { reason: error })}</p>
      </FoldGroup>
    );
  }
  if (!portals) return null;
  if (!portals.available) {
    return (
      <FoldGroup title={title} description={description} id="group-portals">
        <p className="group__note">{t(M.unavailable, { reason: portals.reason })}</p>
      </FoldGroup>
    );
  }
  const known = portals.rows.filter((r) => r.known && r.unavailable === undefined);
  const unused = portals.rows.filter((r) => r.known && r.unavailable !== undefined);
  const other = portals.rows.filter((r) => !r.known);
  return (
    <FoldGroup title={title} description={description} id="group-portals">
      <div className="group__box">
        {known.map((row) => (
          <KnownRow key={row.key} row={row} />
        ))}
        {other.map((row) => (
          <OtherRow key={row.key} row={row} />
        ))}
        {unused.length > 0 ? (
          <p className="portals__unused">{t(M.unused, { permissions: formatList(unused.map((r) => r.label)) })}</p>
        ) : null}
      </div>
    </FoldGroup>
  );
}
