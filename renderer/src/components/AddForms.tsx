// Forms that add an entry. Every input is checked as the user types with the same Flatpak
// grammar main enforces; an invalid entry is explained and cannot be saved.

import { useEffect, useId, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { BUS_POLICIES, FILESYSTEM_MODE, FILESYSTEM_RESET } from '../../../shared/flatpak/catalogue';
import type { BusKind, BusPolicy } from '../../../shared/flatpak/context';
import type { Change } from '../../../shared/flatpak/edit';
import { parseUserFilesystem } from '../../../shared/flatpak/filesystem';
import { checkBusName, checkEnvName, checkEnvValue, checkPersistentPath } from '../../../shared/flatpak/grammar';
import { call } from '../api';
import { Segmented } from './Controls';
import { completionQuery, folderSuggestions, tokenSuggestions, type Suggestion } from './path-completion';

// `none` is what a name has without an entry; an added name is meant to be reached.
const ADD_POLICY_CHOICES = BUS_POLICIES.flatMap((p) => (p.name === 'none' ? [] : [{ value: p.name, label: p.label }]));

/** Under a field: its hint, or its error read out as it appears. */
function FieldMessage({
  id,
  showError,
  error,
  hint,
}: {
  id: string;
  showError: boolean;
  error?: string;
  hint?: string;
}) {
  return (
    <span
      id={id}
      className={`field__message${showError ? ' field__message--error' : ''}`}
      role={showError ? 'alert' : undefined}
    >
      {showError ? error : hint}
    </span>
  );
}

function Field({
  label,
  value,
  onChange,
  placeholder,
  error,
  hint,
  mono = true,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder: string;
  error?: string;
  hint?: string;
  mono?: boolean;
}) {
  const id = useId();
  const showError = value !== '' && !!error;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className={`field__input${mono ? ' field__input--mono' : ''}`}
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={showError}
        aria-describedby={`${id}-msg`}
        onChange={(e) => onChange(e.target.value)}
      />
      <FieldMessage id={`${id}-msg`} showError={showError} error={error} hint={hint} />
    </div>
  );
}

function Form({
  label,
  onSubmit,
  valid,
  children,
  actions,
}: {
  label: string;
  onSubmit: () => void;
  valid: boolean;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <form
      className="add-form"
      aria-label={label}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (valid) onSubmit();
      }}
    >
      <div className="add-form__fields">{children}</div>
      <div className="add-form__actions">
        {actions ?? (
          <button type="submit" className="button button--suggested" disabled={!valid}>
            Add
          </button>
        )}
      </div>
    </form>
  );
}

/** Folder names below the home that start with what is typed (main lists them). */
export type CompleteFolders = (home: string) => Promise<readonly string[]>;

const completeInHome: CompleteFolders = async (home) => {
  const r = await call('fs:completePath', { path: home });
  return r.ok ? r.value.names : [];
};

const folderOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);

/**
 * A text field with suggestions, in the ARIA 1.2 combobox pattern: the list opens as the user
 * types; its first entry is chosen by itself only when it completes what is typed (so Enter
 * after typing `home` still adds `home`); Up and Down move, Enter takes the chosen one, Escape
 * closes the list; with nothing chosen Enter submits the form.
 */
function PathField({
  label,
  value,
  onChange,
  placeholder,
  error,
  hint,
  complete,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder: string;
  error?: string;
  hint?: string;
  complete: CompleteFolders;
}) {
  const id = useId();
  const listId = `${id}-list`;
  const [open, setOpen] = useState(false);
  // null: the automatic choice; a number: where the arrow keys moved to.
  const [active, setActive] = useState<number | null>(null);
  const [folders, setFolders] = useState<{ home: string; names: readonly string[] }>({ home: '', names: [] });
  const query = completionQuery(value);
  const home = query.kind === 'folders' ? query.home : undefined;
  useEffect(() => {
    if (home === undefined || !open) return;
    let current = true;
    void complete(home).then((names) => {
      if (current) setFolders({ home, names });
    });
    // An answer for what was typed before is dropped.
    return () => {
      current = false;
    };
  }, [home, open, complete]);
  const suggestions: Suggestion[] =
    query.kind === 'tokens'
      ? tokenSuggestions(query.bang, query.typed)
      : query.kind === 'folders'
        ? // Names listed for another folder (an answer still on its way) are not shown.
          folderSuggestions(query, folderOf(folders.home) === folderOf(query.home) ? folders.names : [])
        : [];
  const shown = open && suggestions.length > 0;
  const completes = suggestions[0]?.value.startsWith(value) ? 0 : -1;
  const chosen = shown ? (active === null ? completes : Math.min(active, suggestions.length - 1)) : -1;
  const showError = value !== '' && !!error;
  const take = (s: Suggestion) => {
    onChange(s.value);
    setActive(null);
    // A word that ends in / goes on into its folders; anything else is complete.
    setOpen(s.value.endsWith('/'));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!shown) {
        setOpen(true);
        setActive(null);
        return;
      }
      const n = suggestions.length;
      setActive(e.key === 'ArrowDown' ? (chosen + 1) % n : chosen <= 0 ? n - 1 : chosen - 1);
    } else if (e.key === 'Enter' && shown) {
      const s = suggestions[chosen];
      if (s) {
        e.preventDefault();
        take(s);
      }
    } else if (e.key === 'Escape' && shown) {
      e.preventDefault();
      setOpen(false);
    }
  };
  return (
    <div className="field combobox">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="field__input field__input--mono"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={chosen >= 0 ? `${listId}-${chosen}` : undefined}
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={showError}
        aria-describedby={`${id}-msg`}
        onChange={(e) => {
          onChange(e.target.value);
          setActive(null);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <ul id={listId} role="listbox" aria-label={`Suggestions for ${label}`} className="combobox__list" hidden={!shown}>
        {shown
          ? suggestions.map((s, i) => (
              <li
                key={s.value}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === chosen}
                className={`combobox__option${i === chosen ? ' combobox__option--active' : ''}`}
                // Keeps the focus in the field, where the list's keys are.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => take(s)}
              >
                <span className="combobox__value">{s.label}</span>
                {s.detail ? <span className="combobox__detail">{s.detail}</span> : null}
              </li>
            ))
          : null}
      </ul>
      <FieldMessage id={`${id}-msg`} showError={showError} error={error} hint={hint} />
    </div>
  );
}

export function AddFilesystem({
  disabled,
  onAdd,
  complete = completeInHome,
}: {
  disabled: boolean;
  onAdd: (change: Change) => void;
  complete?: CompleteFolders;
}) {
  const [text, setText] = useState('');
  const parsed = text.trim() === '' ? undefined : parseUserFilesystem(text.trim());
  const valid = !disabled && !!parsed?.ok && parsed.path !== 'host-reset';
  const hint = parsed?.ok
    ? `Gives ${parsed.path} ${FILESYSTEM_MODE[parsed.mode].label.toLowerCase()}${parsed.warning ? ` (${parsed.warning})` : ''}`
    : 'A folder such as ~/Games, /mnt/data or xdg-download/Sub, with :ro, :rw or :create; ! to refuse it';
  return (
    <Form
      label="Add a file access"
      valid={valid}
      onSubmit={() => {
        if (!parsed?.ok) return;
        onAdd({ kind: 'filesystems', path: parsed.path, value: parsed.mode });
        setText('');
      }}
    >
      <PathField
        label="Other file or folder"
        value={text}
        onChange={setText}
        placeholder="~/Games:ro"
        complete={complete}
        error={
          parsed && !parsed.ok
            ? parsed.message
            : parsed?.path === 'host-reset'
              ? `Use the “${FILESYSTEM_RESET.label}” switch for !host:reset`
              : undefined
        }
        hint={hint}
      />
    </Form>
  );
}

export function AddPersistent({ disabled, onAdd }: { disabled: boolean; onAdd: (change: Change) => void }) {
  const [text, setText] = useState('');
  const error = text === '' ? undefined : checkPersistentPath(text);
  return (
    <Form
      label="Add a persistent folder"
      valid={!disabled && text !== '' && !error}
      onSubmit={() => {
        onAdd({ kind: 'persistent', path: text, value: true });
        setText('');
      }}
    >
      <Field
        label="Folder in your home"
        value={text}
        onChange={setText}
        placeholder=".mozilla"
        error={error}
        hint="Kept in the app’s own data (~/.var/app/…) instead of your home folder"
      />
    </Form>
  );
}

export function AddVariable({ disabled, onAdd }: { disabled: boolean; onAdd: (change: Change) => void }) {
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const nameError = name === '' ? undefined : checkEnvName(name);
  const valueError = checkEnvValue(value);
  const valid = !disabled && name !== '' && !nameError && !valueError;
  const submit = (v: string | null) => {
    onAdd({ kind: 'environment', name, value: v });
    setName('');
    setValue('');
  };
  return (
    <Form
      label="Add a variable"
      valid={valid}
      onSubmit={() => submit(value)}
      actions={
        <>
          <button type="submit" className="button button--suggested" disabled={!valid}>
            Set
          </button>
          <button type="button" className="button" disabled={!valid} onClick={() => submit(null)}>
            Remove
          </button>
        </>
      }
    >
      <Field label="Variable" value={name} onChange={setName} placeholder="GTK_THEME" error={nameError} />
      <Field
        label="Value"
        value={value}
        onChange={setValue}
        placeholder="Adwaita:dark"
        error={valueError}
        hint="Set gives it this value; Remove takes it out of the app’s environment"
      />
    </Form>
  );
}

export function AddBusName({
  bus,
  disabled,
  onAdd,
}: {
  bus: BusKind;
  disabled: boolean;
  onAdd: (change: Change) => void;
}) {
  const [name, setName] = useState('');
  const [policy, setPolicy] = useState<Exclude<BusPolicy, 'none'>>('talk');
  const error = name === '' ? undefined : checkBusName(name);
  const valid = !disabled && name !== '' && !error;
  return (
    <Form
      label={`Add a ${bus} bus name`}
      valid={valid}
      onSubmit={() => {
        onAdd({ kind: 'bus', bus, name, value: policy });
        setName('');
      }}
    >
      <Field
        label="Bus name"
        value={name}
        onChange={setName}
        placeholder={bus === 'session' ? 'org.freedesktop.Notifications' : 'org.freedesktop.NetworkManager'}
        error={error}
        hint="A well-known name, or a prefix ending in .*"
      />
      <Segmented label="Access" value={policy} options={ADD_POLICY_CHOICES} onChange={setPolicy} disabled={disabled} />
    </Form>
  );
}
