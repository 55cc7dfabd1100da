// Every permission group of the catalogue, each entry with its effective value, the layer it
// comes from, a marker when you changed it, and a way back to its default. On an app's page a
// control sets the effective value (Confine stores a grant only where the layers below lack it,
// and every revoke, which then holds even when an update makes the app ask); on
// the global page it sets the global override's own entry: default, allow or deny.

import { useEffect, useState } from 'react';
import {
  BUS_POLICIES,
  STATE_LABELS,
  ENTRY_STATE,
  ENTRY_STATES,
  FILESYSTEM_GROUP,
  FILESYSTEM_MODE,
  FILESYSTEM_MODES,
  FILESYSTEM_RESET,
  FLAG_GROUPS,
  FLAG_KINDS,
  FLAG_OPTIONS,
  OTHER_OPTIONS,
  SPECIAL_FILESYSTEMS,
  filesystemLabel,
  xdgOptionOf,
  type EntryState,
  type FlagOption,
} from '../../../shared/flatpak/catalogue';
import type { BusKind, BusPolicy } from '../../../shared/flatpak/context';
import type { FsMode } from '../../../shared/flatpak/filesystem';
import { busNameHelp, filesystemHelpId, flagHelpId, helpFor } from '../../../shared/flatpak/help';
import { LAYER_LABELS, type LayerId, type RemovedFilesystem } from '../../../shared/flatpak/merge';
import type { EffectiveReport } from '../../../shared/flatpak/report';
import { atLeast, formatVersion, type Version } from '../../../shared/flatpak/version';
import { currentLocale, defineMessages, t } from '../../../shared/i18n';
import { AddBusName, AddFilesystem, AddPersistent, AddVariable, REMOVE, useUserFolders } from './AddForms';
import { xdgFolder, type UserFolders } from './path-completion';
import { Row, Segmented, SourceLabel, Switch } from './Controls';
import { FoldGroup } from './FoldGroup';
import { rowState, useEditor, type Editor, type RowState } from './editor';
import { rich, richList } from './rich';

const M = defineMessages({
  returnToDefault: {
    id: 'ui.permission-row.return-to-default.label',
    defaultMessage: 'Return {permission} to its default',
    description: 'Accessible name of the button that takes back your change of a row; permission is the row’s name',
  },
  returnTitle: {
    id: 'ui.permission-row.return-to-default.tooltip',
    defaultMessage: 'Return to default',
    description: 'Tooltip of the button that takes back your change of a row',
  },
  forgetTitle: {
    id: 'ui.permission-row.forget-denial.tooltip',
    defaultMessage: 'Forget this denial: back to default, so the app gets what it asks for',
    description: 'Tooltip of the same button on a denial of something the app does not ask for yet',
  },
  saving: {
    id: 'ui.permission-row.saving',
    defaultMessage: 'Saving…',
    description: 'Under a row whose change is about to be saved',
  },
  systemWide: {
    id: 'ui.permission-row.system-wide',
    defaultMessage: 'System-wide',
    description: 'Under a row of the All applications page: the value comes from the system-wide global override',
  },
  systemWideValue: {
    id: 'ui.permission-row.system-wide-value',
    defaultMessage: 'System-wide: {value}',
    description: 'As ui.permission-row.system-wide, with the value it sets there (Allow, Read only, Talk)',
  },
  systemWideTitle: {
    id: 'ui.permission-row.system-wide.tooltip',
    defaultMessage: 'Set in the system-wide global override, which Confine does not change',
    description: 'Tooltip of ui.permission-row.system-wide',
  },
  removedByReset: {
    id: 'ui.permission-row.removed-by-reset',
    defaultMessage:
      '{byYou, select, yes {Removed by you ({token})} other {Removed by {remover} ({token})}}; {source} gave {mode}',
    description:
      'Under a file access that a reset of inherited file access took away; token is "!host:reset", remover and source are names of override layers ("Global override", "App default"), mode an access in lower case ("read only")',
  },
  needsFlatpak: {
    id: 'ui.permission-row.needs-flatpak',
    defaultMessage: 'Needs Flatpak {needed} or later; this computer has {installed}.',
    description: 'Under a permission the installed Flatpak does not know; needed and installed are versions (1.15.6)',
  },
  needsFlatpakShort: {
    id: 'ui.permission-row.needs-flatpak-short',
    defaultMessage: 'Needs Flatpak {needed} or later.',
    description:
      'Under the reset of inherited file access when the installed Flatpak does not know it; needed is a version',
  },
  accessTo: {
    id: 'ui.permission-row.access-to',
    defaultMessage: 'Access to {what}',
    description:
      'Accessible name of the choice of access on a row; what is a folder or bus name (Downloads folder, org.freedesktop.secrets)',
  },
  removedBelow: {
    id: 'ui.filesystems.reset-removed',
    defaultMessage: 'Removed {count, plural, one {# permission} other {# permissions}} granted below: {paths}',
    description:
      'Under the reset of inherited file access; paths is the list of file accesses it took away (home, ~/Games)',
  },
  valueOf: {
    id: 'ui.environment.value.label',
    defaultMessage: 'Value of {name}',
    description: 'Accessible name of the field with an environment variable’s value; name is the variable (GTK_THEME)',
  },
  valueRemoved: {
    id: 'ui.environment.value.removed-placeholder',
    defaultMessage: 'removed',
    description: 'Placeholder of an empty value field of a variable that is taken out of the environment',
  },
  removedFromEnvironment: {
    id: 'ui.environment.removed',
    defaultMessage: 'Removed from the environment',
    description: 'Under an environment variable that the app does not get at all',
  },
});

const choices = <T extends string>(options: readonly { name: T; label: string; short?: string }[]) =>
  options.map((o) => ({ value: o.name, label: o.short ?? o.label }));

function ResetButton({
  label,
  onClick,
  disabled,
  forgets,
}: {
  label: string;
  onClick: () => void;
  disabled: boolean;
  /** The entry is a denial of something the app does not ask for: going back forgets it. */
  forgets?: boolean | undefined;
}) {
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={t(M.returnToDefault, { permission: label })}
      title={t(forgets ? M.forgetTitle : M.returnTitle)}
      disabled={disabled}
      onClick={onClick}
    >
      <svg viewBox="0 0 16 16" aria-hidden="true">
        <path d="M3.5 8a4.5 4.5 0 1 0 1.4-3.3" />
        <path d="M3 2.5v3h3" />
      </svg>
    </button>
  );
}

/**
 * A denial in the app's own override of something no layer below grants: it does nothing
 * today and holds when an update of the app asks, so it is a state of its own.
 */
function standsDenied(editor: Editor, entry: { source: LayerId; unasked?: true } | undefined): boolean {
  return !editor.isGlobal && entry?.unasked === true && entry.source === editor.ownLayer;
}

/** The note under a row: where the value comes from, or that it is about to be saved. */
function Note({
  source,
  state,
  isGlobal,
  word,
  standing,
}: {
  source: LayerId | undefined;
  state: RowState<unknown>;
  isGlobal: boolean;
  /** The value in words, said on the global page where it comes from the system-wide file. */
  word?: string | undefined;
  /** Your denial of what the app does not ask for (see standsDenied). */
  standing?: boolean;
}) {
  if (state.pending) return <span className="source source--changed">{t(M.saving)}</span>;
  if (standing)
    return <span className="source source--changed source--standing">{STATE_LABELS.deniedEvenIfAsked}</span>;
  if (!source) return <span className="source">{isGlobal ? STATE_LABELS.notSet : STATE_LABELS.notGranted}</span>;
  if (isGlobal && source === 'system-global')
    return (
      <span className="source source--system" title={t(M.systemWideTitle)}>
        {word ? t(M.systemWideValue, { value: word }) : t(M.systemWide)}
      </span>
    );
  return <SourceLabel source={source} changed={state.mine} />;
}

/**
 * On the global page a row's control shows the user's own global entry; one from the
 * system-wide file below is only named in the note, as Confine never writes that file.
 */
function ownOnGlobal<T extends { source: LayerId }>(editor: Editor, entry: T | undefined): T | undefined {
  return editor.isGlobal && entry?.source === 'system-global' ? undefined : entry;
}

/** The note of a filesystem row whose access a `!host:reset` took away: by whom, and what it was. */
function RemovedNote({ removed, ownLayer }: { removed: RemovedFilesystem; ownLayer: LayerId }) {
  const mine = removed.removedBy === ownLayer;
  return (
    <span className={`source source--removed${mine ? ' source--changed' : ''}`}>
      {t(M.removedByReset, {
        byYou: mine ? 'yes' : 'no',
        remover: LAYER_LABELS[removed.removedBy],
        token: '!host:reset',
        source: LAYER_LABELS[removed.source],
        mode: FILESYSTEM_MODE[removed.mode].label.toLocaleLowerCase(currentLocale()),
      })}
    </span>
  );
}

function FlagRow({
  option,
  entry,
  version,
  editor,
}: {
  option: FlagOption;
  entry: { allowed: boolean; source: LayerId } | undefined;
  version: Version;
  editor: Editor;
}) {
  const state = rowState(
    editor,
    { kind: option.kind, name: option.name, value: undefined },
    ownOnGlobal(editor, entry)?.allowed,
    entry?.source,
    editor.isGlobal,
  );
  const supported = atLeast(version, option.since);
  const disabled = editor.readOnly || !supported;
  const standing = standsDenied(editor, entry);
  const set = (value: boolean | undefined) => editor.change({ kind: option.kind, name: option.name, value });
  let control;
  if (editor.isGlobal) {
    const current: EntryState = state.value === undefined ? 'default' : state.value ? 'allow' : 'deny';
    control = (
      <Segmented<EntryState>
        label={option.label}
        value={current}
        options={choices(ENTRY_STATES)}
        disabled={disabled}
        onChange={(v) => set(v === 'default' ? undefined : v === 'allow')}
      />
    );
  } else {
    control = (
      <>
        {state.mine && !state.pending ? (
          <ResetButton label={option.label} disabled={disabled} forgets={standing} onClick={() => set(undefined)} />
        ) : null}
        <Switch checked={state.value ?? false} label={option.label} disabled={disabled} onChange={(v) => set(v)} />
      </>
    );
  }
  return (
    <Row
      title={option.label}
      subtitle={option.description}
      help={helpFor(flagHelpId(option.kind, option.name))}
      changed={state.changed}
      note={
        supported ? (
          <Note
            source={entry?.source}
            state={state}
            isGlobal={editor.isGlobal}
            word={entry ? ENTRY_STATE[entry.allowed ? 'allow' : 'deny'].label : undefined}
            standing={standing}
          />
        ) : (
          t(M.needsFlatpak, { needed: formatVersion(option.since), installed: formatVersion(version) })
        )
      }
    >
      <code className="token">{option.name}</code>
      {control}
    </Row>
  );
}

function FilesystemRow({
  path,
  title,
  subtitle,
  entry,
  editor,
  allowCreate,
  removed,
}: {
  path: string;
  title: string;
  subtitle?: string;
  entry: { mode: FsMode; source: LayerId; unasked?: true } | undefined;
  editor: Editor;
  allowCreate: boolean;
  /** The access a `!host:reset` removed from this path, if it did. */
  removed?: RemovedFilesystem | undefined;
}) {
  const state = rowState(
    editor,
    { kind: 'filesystems', path, value: undefined },
    ownOnGlobal(editor, entry)?.mode,
    entry?.source,
    editor.isGlobal,
  );
  const current = state.value ?? (editor.isGlobal ? 'default' : 'none');
  const options: readonly { value: FsMode | 'default'; label: string }[] = [
    ...(editor.isGlobal ? [{ value: 'default' as const, label: ENTRY_STATE.default.label }] : []),
    ...choices(FILESYSTEM_MODES).filter((c) => c.value !== 'create' || allowCreate || current === 'create'),
  ];
  const set = (value: FsMode | undefined) => editor.change({ kind: 'filesystems', path, value });
  // Removed shows where nothing gave the access back: no entry, or only the `!host` the reset implies.
  const showsRemoved =
    removed !== undefined &&
    !state.pending &&
    (entry === undefined || (entry.mode === 'none' && entry.source === removed.removedBy));
  return (
    <Row
      title={title}
      subtitle={subtitle}
      help={helpFor(filesystemHelpId(path))}
      changed={state.changed}
      note={
        showsRemoved ? (
          <RemovedNote removed={removed} ownLayer={editor.ownLayer} />
        ) : (
          <Note
            source={entry?.source}
            state={state}
            isGlobal={editor.isGlobal}
            word={entry ? FILESYSTEM_MODE[entry.mode].label : undefined}
            standing={standsDenied(editor, entry)}
          />
        )
      }
    >
      {title !== path ? <code className="token">{path}</code> : null}
      {state.mine && !state.pending && !editor.isGlobal ? (
        <ResetButton
          label={title}
          disabled={editor.readOnly}
          forgets={standsDenied(editor, entry)}
          onClick={() => set(undefined)}
        />
      ) : null}
      <Segmented<FsMode | 'default'>
        label={t(M.accessTo, { what: title })}
        value={current}
        options={options}
        disabled={editor.readOnly}
        onChange={(v) => set(v === 'default' ? undefined : v)}
      />
    </Row>
  );
}

/** Where an XDG entry points, in the user's folders: `xdg-download/Sub` is ~/Downloads/Sub. */
function xdgLocation(path: string, folders: UserFolders): string | undefined {
  const xdg = xdgOptionOf(path);
  const at = xdg && xdgFolder(xdg, folders);
  return xdg === undefined || at === undefined ? undefined : at + path.slice(xdg.name.length);
}

function FilesystemGroup({
  effective,
  version,
  editor,
}: {
  effective: EffectiveReport;
  version: Version;
  editor: Editor;
}) {
  const xdg = useUserFolders();
  const special = new Set(SPECIAL_FILESYSTEMS.map((f) => f.name));
  const removed = new Map((effective.removedByReset ?? []).map((r) => [r.path, r]));
  // Paths a reset removed stay listed, with no entry, so you see what the reset took away.
  const others: { path: string; entry: EffectiveReport['filesystems'][number] | undefined }[] = [
    ...effective.filesystems.filter((f) => !special.has(f.path)).map((f) => ({ path: f.path, entry: f })),
    ...[...removed.keys()]
      .filter((path) => !special.has(path) && !effective.filesystems.some((f) => f.path === path))
      .map((path) => ({ path, entry: undefined })),
  ].sort((a, b) => (a.path < b.path ? -1 : 1));
  // The switch shows the edited layer's own reset, so taking it back shows as off.
  const reset = rowState(
    editor,
    { kind: 'filesystem-reset', value: undefined },
    effective.filesystemReset === editor.ownLayer ? true : undefined,
    effective.filesystemReset,
    true,
  );
  const resetSupported = atLeast(version, FILESYSTEM_RESET.since);
  const resetBy = effective.filesystemReset && !reset.mine ? effective.filesystemReset : undefined;
  const resetNote =
    resetBy || removed.size > 0 ? (
      <>
        {resetBy ? <SourceLabel source={resetBy} changed={false} /> : null}
        {resetBy && removed.size > 0 ? ' · ' : null}
        {removed.size > 0 ? (
          <span className="reset-removed">
            {rich(
              M.removedBelow,
              { count: removed.size },
              { paths: richList([...removed.keys()].map((path) => <code key={path}>{path}</code>)) },
            )}
          </span>
        ) : null}
      </>
    ) : undefined;
  return (
    <FoldGroup title={FILESYSTEM_GROUP.label} description={FILESYSTEM_GROUP.description} id="group-filesystems">
      {SPECIAL_FILESYSTEMS.map((f) => (
        <FilesystemRow
          key={f.name}
          path={f.name}
          title={f.label}
          subtitle={f.description}
          entry={effective.filesystems.find((e) => e.path === f.name)}
          editor={editor}
          allowCreate={false}
          removed={removed.get(f.name)}
        />
      ))}
      {others.map((f) => (
        <FilesystemRow
          key={f.path}
          path={f.path}
          // An XDG folder by the name people know it by; its token stays beside it.
          title={filesystemLabel(f.path)}
          subtitle={xdgLocation(f.path, xdg)}
          entry={f.entry}
          editor={editor}
          allowCreate
          removed={removed.get(f.path)}
        />
      ))}
      <Row
        title={FILESYSTEM_RESET.label}
        subtitle={FILESYSTEM_RESET.description}
        help={helpFor(filesystemHelpId(FILESYSTEM_RESET.name))}
        changed={reset.changed}
        note={resetSupported ? resetNote : t(M.needsFlatpakShort, { needed: formatVersion(FILESYSTEM_RESET.since) })}
      >
        <code className="token">!host:reset</code>
        <Switch
          checked={reset.value === true}
          label={FILESYSTEM_RESET.label}
          disabled={editor.readOnly || !resetSupported}
          onChange={(v) => editor.change({ kind: 'filesystem-reset', value: v ? true : undefined })}
        />
      </Row>
      <AddFilesystem disabled={editor.readOnly} onAdd={editor.change} />
    </FoldGroup>
  );
}

function PersistentGroup({ effective, editor }: { effective: EffectiveReport; editor: Editor }) {
  return (
    <FoldGroup
      title={OTHER_OPTIONS.persistent.label}
      description={OTHER_OPTIONS.persistent.description}
      id="group-persistent"
    >
      {effective.persistent.map((p) => {
        const state = rowState(editor, { kind: 'persistent', path: p.path, value: undefined }, true, p.source);
        return (
          <Row
            key={p.path}
            title={`~/${p.path}`}
            help={helpFor(OTHER_OPTIONS.persistent.name)}
            changed={state.changed}
            note={<Note source={p.source} state={state} isGlobal={editor.isGlobal} />}
          >
            {state.mine && !state.pending ? (
              <ResetButton
                label={`~/${p.path}`}
                disabled={editor.readOnly}
                onClick={() => editor.change({ kind: 'persistent', path: p.path, value: undefined })}
              />
            ) : null}
          </Row>
        );
      })}
      <AddPersistent disabled={editor.readOnly} onAdd={editor.change} />
    </FoldGroup>
  );
}

/** A value input that keeps what the user types until Enter or leaving the field, even when the page reloads. */
function ValueInput({
  name,
  value,
  disabled,
  onCommit,
}: {
  name: string;
  value: string | null;
  disabled: boolean;
  onCommit: (v: string) => void;
}) {
  const [draft, setDraft] = useState(value ?? '');
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setDraft(value ?? '');
  }, [value, editing]);
  const commit = () => {
    setEditing(false);
    if (draft !== (value ?? '') || value === null) {
      if (draft !== '' || value !== null) onCommit(draft);
    }
  };
  return (
    <input
      className="field__input field__input--mono field__input--inline"
      aria-label={t(M.valueOf, { name })}
      value={draft}
      placeholder={value === null ? t(M.valueRemoved) : ''}
      disabled={disabled}
      spellCheck={false}
      onFocus={() => setEditing(true)}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        if (e.key === 'Escape') {
          setDraft(value ?? '');
          setEditing(false);
          e.currentTarget.blur();
        }
      }}
    />
  );
}

function EnvironmentGroup({ effective, editor }: { effective: EffectiveReport; editor: Editor }) {
  return (
    <FoldGroup
      title={OTHER_OPTIONS.environment.label}
      description={OTHER_OPTIONS.environment.description}
      id="group-environment"
    >
      {effective.environment.map((v) => {
        const state = rowState(editor, { kind: 'environment', name: v.name, value: undefined }, v.value, v.source);
        const value = state.value ?? v.value;
        return (
          <Row
            key={v.name}
            title={v.name}
            subtitle={value === null ? t(M.removedFromEnvironment) : undefined}
            help={helpFor(value === null ? OTHER_OPTIONS.unsetEnvironment.name : OTHER_OPTIONS.environment.name)}
            changed={state.changed}
            note={<Note source={v.source} state={state} isGlobal={editor.isGlobal} />}
          >
            {state.mine && !state.pending ? (
              <ResetButton
                label={v.name}
                disabled={editor.readOnly}
                onClick={() => editor.change({ kind: 'environment', name: v.name, value: undefined })}
              />
            ) : null}
            <ValueInput
              name={v.name}
              value={value}
              disabled={editor.readOnly}
              onCommit={(text) => editor.change({ kind: 'environment', name: v.name, value: text })}
            />
            <button
              type="button"
              className="button"
              disabled={editor.readOnly || value === null}
              onClick={() => editor.change({ kind: 'environment', name: v.name, value: null })}
            >
              {t(REMOVE)}
            </button>
          </Row>
        );
      })}
      <AddVariable disabled={editor.readOnly} onAdd={editor.change} />
    </FoldGroup>
  );
}

function BusGroup({ bus, entries, editor }: { bus: BusKind; entries: EffectiveReport['sessionBus']; editor: Editor }) {
  const option = bus === 'session' ? OTHER_OPTIONS.sessionBus : OTHER_OPTIONS.systemBus;
  return (
    <FoldGroup title={option.label} description={option.description} id={`group-${bus}-bus`}>
      {entries.map((n) => {
        const state = rowState(editor, { kind: 'bus', bus, name: n.name, value: undefined }, n.policy, n.source);
        return (
          <Row
            key={n.name}
            title={n.name}
            help={busNameHelp(bus, state.value ?? n.policy)}
            changed={state.changed}
            note={
              <Note
                source={n.source}
                state={state}
                isGlobal={editor.isGlobal}
                word={BUS_POLICIES.find((p) => p.name === n.policy)?.label}
                standing={standsDenied(editor, n)}
              />
            }
          >
            {state.mine && !state.pending ? (
              <ResetButton
                label={n.name}
                disabled={editor.readOnly}
                forgets={standsDenied(editor, n)}
                onClick={() => editor.change({ kind: 'bus', bus, name: n.name, value: undefined })}
              />
            ) : null}
            <Segmented<BusPolicy>
              label={t(M.accessTo, { what: n.name })}
              value={state.value ?? n.policy}
              options={choices(BUS_POLICIES)}
              disabled={editor.readOnly}
              onChange={(v) => editor.change({ kind: 'bus', bus, name: n.name, value: v })}
            />
          </Row>
        );
      })}
      <AddBusName bus={bus} disabled={editor.readOnly} onAdd={editor.change} />
    </FoldGroup>
  );
}

export function PermissionGroups({ effective, version }: { effective: EffectiveReport; version: Version }) {
  const editor = useEditor();
  return (
    <>
      {FLAG_KINDS.map((kind) => (
        <FoldGroup
          key={kind}
          title={FLAG_GROUPS[kind].label}
          description={FLAG_GROUPS[kind].description}
          id={`group-${kind}`}
        >
          {FLAG_OPTIONS.filter((o) => o.kind === kind).map((o) => (
            <FlagRow
              key={o.name}
              option={o}
              entry={effective[kind].find((e) => e.name === o.name)}
              version={version}
              editor={editor}
            />
          ))}
        </FoldGroup>
      ))}
      <FilesystemGroup effective={effective} version={version} editor={editor} />
      <PersistentGroup effective={effective} editor={editor} />
      <EnvironmentGroup effective={effective} editor={editor} />
      <BusGroup bus="session" entries={effective.sessionBus} editor={editor} />
      <BusGroup bus="system" entries={effective.systemBus} editor={editor} />
    </>
  );
}
