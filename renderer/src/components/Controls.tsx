// Small controls in the spirit of libadwaita: a switch, a segmented choice, a source label.

import { createContext, useContext, useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { STATE_LABELS } from '../../../shared/flatpak/catalogue';
import type { PermissionHelp } from '../../../shared/flatpak/help';
import { LAYER_LABELS, type LayerId } from '../../../shared/flatpak/merge';
import { defineMessages, t } from '../../../shared/i18n';

const M = defineMessages({
  changed: {
    id: 'ui.row.changed-by-you',
    defaultMessage: 'Changed by you',
    description: 'Tooltip and spoken text of the mark beside a row you changed',
  },
  about: {
    id: 'ui.row.help.label',
    defaultMessage: 'About {permission}',
    description: 'Accessible name of the "?" button that opens a row’s help; permission is the row’s name',
  },
  showHelp: {
    id: 'ui.row.help.show',
    defaultMessage: 'What this permission means',
    description: 'Tooltip of the "?" button while its help is closed',
  },
  hideHelp: {
    id: 'ui.row.help.hide',
    defaultMessage: 'Hide the help',
    description: 'Tooltip of the "?" button while its help is open',
  },
  allows: {
    id: 'ui.row.help.allows',
    defaultMessage: 'What it allows.',
    description: 'In bold before the help text that says what a permission allows',
  },
  without: {
    id: 'ui.row.help.without',
    defaultMessage: 'Without it.',
    description: 'In bold before the help text that says what goes without a permission',
  },
});

// The ids of a row's description, source and changed marker, for the control in it to point at:
// a screen reader then reads them with the control, not only when walking the text around it.
const RowDescription = createContext<string | undefined>(undefined);

export function Switch({
  checked,
  label,
  onChange,
  disabled,
}: {
  checked: boolean;
  label: string;
  onChange?: (value: boolean) => void;
  disabled?: boolean;
}) {
  const describedBy = useContext(RowDescription);
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      aria-describedby={describedBy}
      className={`switch${checked ? ' switch--on' : ''}`}
      disabled={disabled || !onChange}
      onClick={() => onChange?.(!checked)}
    >
      <span className="switch__knob" />
    </button>
  );
}

/** A radio group: Tab reaches the chosen option, the arrow keys move the choice (WAI-ARIA). */
export function Segmented<T extends string>({
  value,
  options,
  label,
  onChange,
  disabled,
}: {
  value: T;
  options: readonly { value: T; label: string }[];
  label: string;
  onChange?: (value: T) => void;
  disabled?: boolean;
}) {
  const describedBy = useContext(RowDescription);
  const index = options.findIndex((o) => o.value === value);
  const move = (e: KeyboardEvent<HTMLDivElement>) => {
    const step =
      e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
    if (step === 0 || disabled || !onChange) return;
    e.preventDefault();
    const next = options[(Math.max(index, 0) + step + options.length) % options.length];
    if (!next) return;
    onChange(next.value);
    const buttons = e.currentTarget.querySelectorAll<HTMLButtonElement>('[role="radio"]');
    buttons[options.indexOf(next)]?.focus();
  };
  return (
    <div className="segmented" role="radiogroup" aria-label={label} aria-describedby={describedBy} onKeyDown={move}>
      {options.map((o, i) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={o.value === value}
          tabIndex={i === (index < 0 ? 0 : index) ? 0 : -1}
          className={`segmented__option${o.value === value ? ' segmented__option--on' : ''}`}
          disabled={disabled || !onChange}
          // The chosen option clicked again is no change, as with any radio button: on a row
          // whose None stands for "not granted", it would write a denial nobody asked for.
          onClick={() => {
            if (o.value !== value) onChange?.(o.value);
          }}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

export function SourceLabel({ source, changed }: { source: LayerId | undefined; changed: boolean }) {
  if (!source) return <span className="source">{STATE_LABELS.notSet}</span>;
  return <span className={`source${changed ? ' source--changed' : ''}`}>{LAYER_LABELS[source]}</span>;
}

export function Row({
  title,
  subtitle,
  children,
  note,
  changed,
  help,
}: {
  title: string;
  subtitle?: ReactNode;
  children?: ReactNode;
  note?: ReactNode;
  changed?: boolean;
  /** What the permission allows and what goes without it, behind a disclosure button. */
  help?: PermissionHelp | undefined;
}) {
  const id = useId();
  const [helpOpen, setHelpOpen] = useState(false);
  const described = [subtitle ? `${id}-subtitle` : '', note ? `${id}-note` : '', changed ? `${id}-changed` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`row${changed ? ' row--changed' : ''}${help && helpOpen ? ' row--help-open' : ''}`}>
      {changed ? (
        // A bar has no role to carry a name; the words are in hidden text, read in place.
        <span className="row__marker" title={t(M.changed)}>
          <span className="visually-hidden" id={`${id}-changed`}>
            {t(M.changed)}
          </span>
        </span>
      ) : null}
      <div className="row__text">
        {help ? (
          <span className="row__heading">
            <span className="row__title">{title}</span>
            <button
              type="button"
              className="help-toggle"
              aria-label={t(M.about, { permission: title })}
              aria-expanded={helpOpen}
              aria-controls={helpOpen ? `${id}-help` : undefined}
              title={t(helpOpen ? M.hideHelp : M.showHelp)}
              onClick={() => setHelpOpen((open) => !open)}
            >
              ?
            </button>
          </span>
        ) : (
          <span className="row__title">{title}</span>
        )}
        {subtitle ? (
          <span className="row__subtitle" id={`${id}-subtitle`}>
            {subtitle}
          </span>
        ) : null}
        {note ? (
          <span className="row__note" id={`${id}-note`}>
            {note}
          </span>
        ) : null}
      </div>
      <RowDescription.Provider value={described || undefined}>
        <div className="row__controls">{children}</div>
      </RowDescription.Provider>
      {help && helpOpen ? (
        // Made only when open: a page has a hundred rows, and every hidden panel slowed it.
        <div className="row__help" id={`${id}-help`}>
          <p>
            <strong>{t(M.allows)}</strong> {help.allows}
          </p>
          <p>
            <strong>{t(M.without)}</strong> {help.without}
          </p>
        </div>
      ) : null}
    </div>
  );
}

export function Group({
  title,
  description,
  children,
  id,
}: {
  title: string;
  description?: string;
  children: ReactNode;
  id?: string;
}) {
  return (
    <section className="group" aria-labelledby={id}>
      <h2 className="group__title" id={id}>
        {title}
      </h2>
      {description ? <p className="group__description">{description}</p> : null}
      <div className="group__box">{children}</div>
    </section>
  );
}
