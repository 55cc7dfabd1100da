// Forms that add an entry. Every input is checked as the user types with the same Flatpak
// grammar main enforces; an invalid entry is explained and cannot be saved.

import { useEffect, useId, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { BUS_POLICIES, FILESYSTEM_MODE, FILESYSTEM_RESET } from '../../../shared/flatpak/catalogue';
import type { BusKind, BusPolicy } from '../../../shared/flatpak/context';
import type { Change } from '../../../shared/flatpak/edit';
import { fsWarningText, parseUserFilesystem } from '../../../shared/flatpak/filesystem';
import { checkBusName, checkEnvName, checkEnvValue, checkPersistentPath } from '../../../shared/flatpak/grammar';
import { call } from '../api';
import { Segmented } from './Controls';
import {
  completionQuery,
  folderSuggestions,
  tokenSuggestions,
  type Suggestion,
  type UserFolders,
} from './path-completion';
import { currentLocale, defineMessage, defineMessages, t } from '../../../shared/i18n';

/** Takes an environment variable out of the app's environment (a button). */
export const REMOVE = defineMessage({
  id: 'ui.environment.remove',
  defaultMessage: 'Remove',
  description: 'Button that takes an environment variable out of the app’s environment',
});

const M = defineMessages({
  add: { id: 'ui.add-form.add', defaultMessage: 'Add', description: 'Button that adds the entry typed in a form' },
  suggestions: {
    id: 'ui.add-form.suggestions.label',
    defaultMessage: 'Suggestions for {field}',
    description: 'Accessible name of the list of completions under a field; field is the field’s label',
  },
  gives: {
    id: 'ui.add-form.filesystem.gives',
    defaultMessage: '{warned, select, yes {Gives {path} {mode} ({warning})} other {Gives {path} {mode}}}',
    description:
      'Hint under the file access field for what is typed; path is a Flatpak path (~/Games, xdg-download), mode an access in lower case (read only), warning a caution about the path',
  },
  filesystemHint: {
    id: 'ui.add-form.filesystem.hint',
    defaultMessage: 'A folder such as {home}, {absolute} or {xdg}, with {ro}, {rw} or {create}; {bang} to refuse it',
    description:
      'Hint under the empty file access field; every placeholder is an example of Flatpak’s syntax (~/Games, :ro, !)',
  },
  filesystemForm: {
    id: 'ui.add-form.filesystem.label',
    defaultMessage: 'Add a file access',
    description: 'Accessible name of the form that adds a file access',
  },
  filesystemField: {
    id: 'ui.add-form.filesystem.field',
    defaultMessage: 'Other file or folder',
    description: 'Label of the field that adds a file access',
  },
  useResetSwitch: {
    id: 'ui.add-form.filesystem.use-reset-switch',
    defaultMessage: 'Use the “{switch}” switch for {token}',
    description:
      'Error under the file access field; switch is the name of a row of the same group, token is "!host:reset"',
  },
  persistentForm: {
    id: 'ui.add-form.persistent.label',
    defaultMessage: 'Add a persistent folder',
    description: 'Accessible name of the form that adds a persistent folder',
  },
  persistentField: {
    id: 'ui.add-form.persistent.field',
    defaultMessage: 'Folder in your home',
    description: 'Label of the field that adds a persistent folder (a folder name inside the home folder)',
  },
  persistentHint: {
    id: 'ui.add-form.persistent.hint',
    defaultMessage: 'Kept in the app’s own data ({path}) instead of your home folder',
    description: 'Hint under the persistent folder field; path is ~/.var/app/…',
  },
  variableForm: {
    id: 'ui.add-form.variable.label',
    defaultMessage: 'Add a variable',
    description: 'Accessible name of the form that adds an environment variable',
  },
  set: {
    id: 'ui.add-form.variable.set',
    defaultMessage: 'Set',
    description: 'Button that gives an environment variable the value typed',
  },
  variableField: {
    id: 'ui.add-form.variable.name',
    defaultMessage: 'Variable',
    description: 'Label of the field with an environment variable’s name',
  },
  valueField: {
    id: 'ui.add-form.variable.value',
    defaultMessage: 'Value',
    description: 'Label of the field with an environment variable’s value',
  },
  variableHint: {
    id: 'ui.add-form.variable.hint',
    defaultMessage: '{set} gives it this value; {remove} takes it out of the app’s environment',
    description: 'Hint under the value field; set and remove are the names of the two buttons beside it',
  },
  busForm: {
    id: 'ui.add-form.bus.label',
    defaultMessage: '{bus, select, session {Add a session bus name} other {Add a system bus name}}',
    description: 'Accessible name of the form that adds a D-Bus name',
  },
  busField: {
    id: 'ui.add-form.bus.field',
    defaultMessage: 'Bus name',
    description: 'Label of the field with a D-Bus name',
  },
  busHint: {
    id: 'ui.add-form.bus.hint',
    defaultMessage: 'A well-known name, or a prefix ending in {wildcard}',
    description: 'Hint under the D-Bus name field; wildcard is ".*"',
  },
  access: {
    id: 'ui.add-form.bus.access',
    defaultMessage: 'Access',
    description: 'Accessible name of the choice of access for the D-Bus name to add (Talk, Own, See)',
  },
});

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
            {t(M.add)}
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

// Asked of main once: the user moves a Downloads folder far less often than a path is typed.
let userFoldersRead: Promise<UserFolders> | undefined;
const readUserFolders = () =>
  (userFoldersRead ??= call('fs:userFolders', {}).then((r) => (r.ok ? r.value.folders : {})));

/** The user's XDG folders (empty until main has answered, or where it could not read them). */
export function useUserFolders(): UserFolders {
  const [folders, setFolders] = useState<UserFolders>({});
  useEffect(() => {
    let current = true;
    void readUserFolders().then((f) => {
      if (current) setFolders(f);
    });
    return () => {
      current = false;
    };
  }, []);
  return folders;
}

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
  const xdg = useUserFolders();
  const query = completionQuery(value, xdg);
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
      ? tokenSuggestions(query.bang, query.typed, xdg)
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
      <ul
        id={listId}
        role="listbox"
        aria-label={t(M.suggestions, { field: label })}
        className="combobox__list"
        hidden={!shown}
      >
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
    ? t(M.gives, {
        warned: parsed.warning ? 'yes' : 'no',
        path: parsed.path,
        mode: FILESYSTEM_MODE[parsed.mode].label.toLocaleLowerCase(currentLocale()),
        warning: parsed.warning ? fsWarningText(parsed.warning) : '',
      })
    : t(M.filesystemHint, {
        home: '~/Games',
        absolute: '/mnt/data',
        xdg: 'xdg-download/Sub',
        ro: ':ro',
        rw: ':rw',
        create: ':create',
        bang: '!',
      });
  return (
    <Form
      label={t(M.filesystemForm)}
      valid={valid}
      onSubmit={() => {
        if (!parsed?.ok) return;
        onAdd({ kind: 'filesystems', path: parsed.path, value: parsed.mode });
        setText('');
      }}
    >
      <PathField
        label={t(M.filesystemField)}
        value={text}
        onChange={setText}
        placeholder="~/Games:ro"
        complete={complete}
        error={
          parsed && !parsed.ok
            ? parsed.message
            : parsed?.path === 'host-reset'
              ? t(M.useResetSwitch, { switch: FILESYSTEM_RESET.label, token: '!host:reset' })
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
      label={t(M.persistentForm)}
      valid={!disabled && text !== '' && !error}
      onSubmit={() => {
        onAdd({ kind: 'persistent', path: text, value: true });
        setText('');
      }}
    >
      <Field
        label={t(M.persistentField)}
        value={text}
        onChange={setText}
        placeholder=".mozilla"
        error={error}
        hint={t(M.persistentHint, { path: '~/.var/app/…' })}
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
      label={t(M.variableForm)}
      valid={valid}
      onSubmit={() => submit(value)}
      actions={
        <>
          <button type="submit" className="button button--suggested" disabled={!valid}>
            {t(M.set)}
          </button>
          <button type="button" className="button" disabled={!valid} onClick={() => submit(null)}>
            {t(REMOVE)}
          </button>
        </>
      }
    >
      <Field label={t(M.variableField)} value={name} onChange={setName} placeholder="GTK_THEME" error={nameError} />
      <Field
        label={t(M.valueField)}
        value={value}
        onChange={setValue}
        placeholder="Adwaita:dark"
        error={valueError}
        hint={t(M.variableHint, { set: t(M.set), remove: t(REMOVE) })}
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
      label={t(M.busForm, { bus })}
      valid={valid}
      onSubmit={() => {
        onAdd({ kind: 'bus', bus, name, value: policy });
        setName('');
      }}
    >
      <Field
        label={t(M.busField)}
        value={name}
        onChange={setName}
        placeholder={bus === 'session' ? 'org.freedesktop.Notifications' : 'org.freedesktop.NetworkManager'}
        error={error}
        hint={t(M.busHint, { wildcard: '.*' })}
      />
      <Segmented
        label={t(M.access)}
        value={policy}
        // `none` is what a name has without an entry; an added name is meant to be reached.
        options={BUS_POLICIES.flatMap((p) => (p.name === 'none' ? [] : [{ value: p.name, label: p.label }]))}
        onChange={setPolicy}
        disabled={disabled}
      />
    </Form>
  );
}
