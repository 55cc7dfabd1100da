// The list's filter by what apps can do ("which apps can use the camera?"): a button that opens
// a row of toggle chips, one per capability of the table the CLI's `list --can` reads too.

import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CAPABILITIES, capabilityLabel } from '../../../shared/hardening/capabilities';
import { useStore } from '../store';

export function CapabilityFilter() {
  const { can, toggleCan, clearCan } = useStore(
    useShallow((s) => ({ can: s.can, toggleCan: s.toggleCan, clearCan: s.clearCan })),
  );
  const [open, setOpen] = useState(false);
  const panel = useId();
  const summary = can.map(capabilityLabel).join(', ');
  return (
    <div className="cap-filter">
      <div className="cap-filter__bar">
        <button
          type="button"
          className={`cap-filter__toggle${can.length > 0 ? ' cap-filter__toggle--on' : ''}`}
          aria-expanded={open}
          aria-controls={panel}
          title={can.length > 0 ? `Showing only apps with: ${summary}` : 'Show only the apps that can do something'}
          onClick={() => setOpen(!open)}
        >
          <svg className="cap-filter__icon" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M2 3h12l-4.5 5.5V13l-3-1.5v-3z" />
          </svg>
          <span className="cap-filter__text">{can.length > 0 ? `Can: ${summary}` : 'Filter by permission'}</span>
        </button>
        {can.length > 0 ? (
          <button
            type="button"
            className="cap-filter__clear"
            aria-label="Clear the permission filter"
            onClick={clearCan}
          >
            Clear
          </button>
        ) : null}
      </div>
      {open ? (
        <div id={panel} className="cap-filter__chips" role="group" aria-label="Show only apps that can use">
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
