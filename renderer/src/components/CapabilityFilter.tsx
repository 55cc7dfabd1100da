// The list's filter by what apps can do ("which apps can use the camera?"): a button that opens
// a row of toggle chips, one per capability of the table the CLI's `list --can` reads too.

import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CAPABILITIES, capabilityLabel } from '../../../shared/hardening/capabilities';
import { useStore } from '../store';
import { defineMessages, formatList, t } from '../../../shared/i18n';

const M = defineMessages({
  showingOnly: {
    id: 'ui.cap-filter.showing-only',
    defaultMessage: 'Showing only apps with: {capabilities}',
    description: 'Tooltip of the filter button; capabilities is a list such as “camera and microphone”',
  },
  hint: { id: 'ui.cap-filter.hint', defaultMessage: 'Show only the apps that can do something' },
  can: {
    id: 'ui.cap-filter.can',
    defaultMessage: 'Can: {capabilities}',
    description:
      'The filter button while a filter is on (short); capabilities is a list such as “camera and microphone”',
  },
  button: { id: 'ui.cap-filter.button', defaultMessage: 'Filter by permission', description: 'Button, keep short' },
  clearLabel: { id: 'ui.cap-filter.clear-label', defaultMessage: 'Clear the permission filter' },
  clear: {
    id: 'ui.cap-filter.clear',
    defaultMessage: 'Clear',
    description: 'Button that turns the filter off, keep short',
  },
  chips: { id: 'ui.cap-filter.chips-label', defaultMessage: 'Show only apps that can use' },
});

export function CapabilityFilter() {
  const { can, toggleCan, clearCan } = useStore(
    useShallow((s) => ({ can: s.can, toggleCan: s.toggleCan, clearCan: s.clearCan })),
  );
  const [open, setOpen] = useState(false);
  const panel = useId();
  const summary = formatList(can.map(capabilityLabel));
  return (
    <div className="cap-filter">
      <div className="cap-filter__bar">
        <button
          type="button"
          className={`cap-filter__toggle${can.length > 0 ? ' cap-filter__toggle--on' : ''}`}
          aria-expanded={open}
          aria-controls={panel}
          title={can.length > 0 ? t(M.showingOnly, { capabilities: summary }) : t(M.hint)}
          onClick={() => setOpen(!open)}
        >
          <svg className="cap-filter__icon" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M2 3h12l-4.5 5.5V13l-3-1.5v-3z" />
          </svg>
          <span className="cap-filter__text">{can.length > 0 ? t(M.can, { capabilities: summary }) : t(M.button)}</span>
        </button>
        {can.length > 0 ? (
          <button type="button" className="cap-filter__clear" aria-label={t(M.clearLabel)} onClick={clearCan}>
            {t(M.clear)}
          </button>
        ) : null}
      </div>
      {open ? (
        <div id={panel} className="cap-filter__chips" role="group" aria-label={t(M.chips)}>
          {CAPABILITIES.map((c) => {
            const on = can.includes(c.id);
            return (
              <button
                key={c.id}
                type="button"
                className={`chip${on ? ' chip--on' : ''}`}
                aria-pressed={on}
                title={c.description}
                onClick={() => toggleCan(c.id)}
              >
                {c.label}
              </button>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
