// Forms that add an entry. Every input is checked as the user types with the same Flatpak
// grammar main enforces; an invalid entry is explained and cannot be saved.

import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { BUS_POLICIES, FILESYSTEM_MODE, FILESYSTEM_RESET } from '../../../shared/flatpak/catalogue';
import type { BusKind, BusPolicy } from '../../../shared/flatpak/context';
import type { Change } from '../../../shared/flatpak/edit';
import { parseUserFilesystem } from '../../../shared/flatpak/filesystem';
import { checkBusName, checkEnvName, checkEnvValue, checkPersistentPath } from '../../../shared/flatpak/grammar';
import { Segmented } from './Controls';

// `none` is what a name has without an entry; an added name is meant to be reached.
const ADD_POLICY_CHOICES = BUS_POLICIES.flatMap((p) => (p.name === 'none' ? [] : [{ value: p.name, label: p.label }]));

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
      <span
        id={`${id}-msg`}
        className={`field__message${showError ? ' field__message--error' : ''}`}
        role={showError ? 'alert' : undefined}
      >
        {showError ? error : hint}
      </span>
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

export function AddFilesystem({ disabled, onAdd }: { disabled: boolean; onAdd: (change: Change) => void }) {
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
      <Field
        label="Other file or folder"
        value={text}
        onChange={setText}
        placeholder="~/Games:ro"
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
