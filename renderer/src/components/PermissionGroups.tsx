// Every permission group of the catalogue, each entry with its effective value, the layer it
// comes from, a marker when you changed it, and a way back to its default. On an app's page a
// control sets the effective value (Confine stores only what differs from the layers below); on
// the global page it sets the global override's own entry: default, allow or deny.

import { useEffect, useState } from 'react';
import { FILESYSTEM_RESET, FLAG_OPTIONS, OTHER_OPTIONS, SPECIAL_FILESYSTEMS, type FlagKind, type FlagOption } from '../../../shared/flatpak/catalogue';
import type { BusKind, BusPolicy } from '../../../shared/flatpak/context';
import type { Change } from '../../../shared/flatpak/edit';
import type { FsMode } from '../../../shared/flatpak/filesystem';
import type { LayerId } from '../../../shared/flatpak/merge';
import type { EffectiveReport } from '../../../shared/flatpak/report';
import { atLeast, formatVersion, type Version } from '../../../shared/flatpak/version';
import { AddBusName, AddFilesystem, AddPersistent, AddVariable } from './AddForms';
import { Group, Row, Segmented, SourceLabel, Switch } from './Controls';
import { useEditor, type Editor } from './editor';

const FLAG_GROUPS: readonly { kind: FlagKind; title: string; description: string }[] = [
  { kind: 'shared', title: 'Share', description: 'Resources shared with the rest of the computer.' },
  { kind: 'sockets', title: 'Sockets', description: 'Services on your desktop the app can connect to directly.' },
  { kind: 'devices', title: 'Devices', description: 'Hardware the app can use.' },
  { kind: 'features', title: 'Features', description: 'Extra abilities inside the sandbox.' },
];

function ResetButton({ label, onClick, disabled }: { label: string; onClick: () => void; disabled: boolean }) {
  return (
    <button type="button" className="icon-button" aria-label={`Return ${label} to its default`} title="Return to default" disabled={disabled} onClick={onClick}>
      <svg viewBox="0 0 16 16" aria-hidden="true">
        <path d="M3.5 8a4.5 4.5 0 1 0 1.4-3.3" />
        <path d="M3 2.5v3h3" />
      </svg>
    </button>
  );
}

/** The note under a row: where the value comes from, or that it is about to be saved. */
function Note({ source, mine, pending, isGlobal }: { source: LayerId | undefined; mine: boolean; pending: boolean; isGlobal: boolean }) {
  if (pending) return <span className="source source--changed">Saving…</span>;
  if (!source) return <span className="source">{isGlobal ? 'Not set' : 'Not granted'}</span>;
  return <SourceLabel source={source} changed={mine} />;
}

type Tri = 'default' | 'allow' | 'deny';

function FlagRow({ option, entry, version, editor }: { option: FlagOption; entry: { allowed: boolean; source: LayerId } | undefined; version: Version; editor: Editor }) {
  const base: Change = { kind: option.kind, name: option.name, value: undefined };
  const pending = editor.pendingFor(base);
  const supported = atLeast(version, option.since);
  const mine = entry?.source === editor.ownLayer;
  const disabled = editor.readOnly || !supported;
  const set = (value: boolean | undefined) => editor.change({ kind: option.kind, name: option.name, value });
  let control;
  if (editor.isGlobal) {
    const current: Tri = pending ? (pending.value === undefined ? 'default' : pending.value ? 'allow' : 'deny') : entry ? (entry.allowed ? 'allow' : 'deny') : 'default';
    control = (
      <Segmented<Tri>
        label={option.label}
        value={current}
        options={[
          { value: 'default', label: 'Default' },
          { value: 'allow', label: 'Allow' },
          { value: 'deny', label: 'Deny' },
        ]}
        disabled={disabled}
        onChange={(v) => set(v === 'default' ? undefined : v === 'allow')}
      />
    );
  } else {
    const checked = pending && pending.value !== undefined ? (pending.value as boolean) : (entry?.allowed ?? false);
    control = (
      <>
        {mine && !pending ? <ResetButton label={option.label} disabled={disabled} onClick={() => set(undefined)} /> : null}
        <Switch checked={checked} label={option.label} disabled={disabled} onChange={(v) => set(v)} />
      </>
    );
  }
  return (
    <Row
      title={option.label}
      subtitle={option.description}
      changed={mine || !!pending}
      note={supported ? <Note source={entry?.source} mine={mine} pending={!!pending} isGlobal={editor.isGlobal} /> : `Needs Flatpak ${formatVersion(option.since)} or later; this computer has ${formatVersion(version)}.`}
    >
      <code className="token">{option.name}</code>
      {control}
    </Row>
  );
}

const MODE_OPTIONS: readonly { value: FsMode; label: string }[] = [
  { value: 'none', label: 'No access' },
  { value: 'ro', label: 'Read only' },
  { value: 'rw', label: 'Read & write' },
];
const CREATE_OPTION = { value: 'create' as const, label: 'Create' };

function FilesystemRow({ path, title, subtitle, entry, editor, allowCreate }: { path: string; title: string; subtitle?: string; entry: { mode: FsMode; source: LayerId } | undefined; editor: Editor; allowCreate: boolean }) {
  const base: Change = { kind: 'filesystems', path, value: undefined };
  const pending = editor.pendingFor(base);
  const mine = entry?.source === editor.ownLayer;
  const pendingValue = pending?.kind === 'filesystems' ? pending.value : undefined;
  const current = pending ? (pendingValue ?? 'default') : editor.isGlobal ? (entry?.mode ?? 'default') : (entry?.mode ?? 'none');
  const options: { value: FsMode | 'default'; label: string }[] = [
    ...(editor.isGlobal ? [{ value: 'default' as const, label: 'Default' }] : []),
    ...MODE_OPTIONS,
    ...(allowCreate || current === 'create' ? [CREATE_OPTION] : []),
  ];
  const set = (value: FsMode | undefined) => editor.change({ kind: 'filesystems', path, value });
  return (
    <Row title={title} subtitle={subtitle} changed={mine || !!pending} note={<Note source={entry?.source} mine={mine} pending={!!pending} isGlobal={editor.isGlobal} />}>
      {title !== path ? <code className="token">{path}</code> : null}
      {mine && !pending && !editor.isGlobal ? <ResetButton label={title} disabled={editor.readOnly} onClick={() => set(undefined)} /> : null}
      <Segmented<FsMode | 'default'> label={`Access to ${title}`} value={current} options={options} disabled={editor.readOnly} onChange={(v) => set(v === 'default' ? undefined : v)} />
    </Row>
  );
}

function FilesystemGroup({ effective, version, editor }: { effective: EffectiveReport; version: Version; editor: Editor }) {
  const special = new Set(SPECIAL_FILESYSTEMS.map((f) => f.name));
  const others = effective.filesystems.filter((f) => !special.has(f.path));
  const resetPending = editor.pendingFor({ kind: 'filesystem-reset', value: undefined });
  const resetMine = effective.filesystemReset === editor.ownLayer;
  const resetOn = resetPending ? resetPending.value === true : resetMine;
  const resetSupported = atLeast(version, FILESYSTEM_RESET.since);
  return (
    <Group title="Filesystem" description="Files and folders the app can see." id="group-filesystems">
      {SPECIAL_FILESYSTEMS.map((f) => (
        <FilesystemRow key={f.name} path={f.name} title={f.label} subtitle={f.description} entry={effective.filesystems.find((e) => e.path === f.name)} editor={editor} allowCreate={false} />
      ))}
      {others.map((f) => (
        <FilesystemRow key={f.path} path={f.path} title={f.path} entry={f} editor={editor} allowCreate />
      ))}
      <Row
        title={FILESYSTEM_RESET.label}
        subtitle={FILESYSTEM_RESET.description}
        changed={resetMine || !!resetPending}
        note={resetSupported ? (effective.filesystemReset && !resetMine ? <SourceLabel source={effective.filesystemReset} changed={false} /> : undefined) : `Needs Flatpak ${formatVersion(FILESYSTEM_RESET.since)} or later.`}
      >
        <code className="token">!host:reset</code>
        <Switch checked={resetOn} label={FILESYSTEM_RESET.label} disabled={editor.readOnly || !resetSupported} onChange={(v) => editor.change({ kind: 'filesystem-reset', value: v ? true : undefined })} />
      </Row>
      <AddFilesystem disabled={editor.readOnly} onAdd={editor.change} />
    </Group>
  );
}

function PersistentGroup({ effective, editor }: { effective: EffectiveReport; editor: Editor }) {
  return (
    <Group title={OTHER_OPTIONS.persistent.label} description={OTHER_OPTIONS.persistent.description} id="group-persistent">
      {effective.persistent.map((p) => {
        const mine = p.source === editor.ownLayer;
        const pending = editor.pendingFor({ kind: 'persistent', path: p.path, value: undefined });
        return (
          <Row key={p.path} title={`~/${p.path}`} changed={mine || !!pending} note={<Note source={p.source} mine={mine} pending={!!pending} isGlobal={editor.isGlobal} />}>
            {mine && !pending ? <ResetButton label={`~/${p.path}`} disabled={editor.readOnly} onClick={() => editor.change({ kind: 'persistent', path: p.path, value: undefined })} /> : null}
          </Row>
        );
      })}
      <AddPersistent disabled={editor.readOnly} onAdd={editor.change} />
    </Group>
  );
}

/** A value input that keeps what the user types until Enter or leaving the field, even when the page reloads. */
function ValueInput({ name, value, disabled, onCommit }: { name: string; value: string | null; disabled: boolean; onCommit: (v: string) => void }) {
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
      aria-label={`Value of ${name}`}
      value={draft}
      placeholder={value === null ? 'removed' : ''}
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
    <Group title={OTHER_OPTIONS.environment.label} description={OTHER_OPTIONS.environment.description} id="group-environment">
      {effective.environment.map((v) => {
        const mine = v.source === editor.ownLayer;
        const pending = editor.pendingFor({ kind: 'environment', name: v.name, value: undefined });
        const value = pending?.kind === 'environment' && pending.value !== undefined ? pending.value : v.value;
        return (
          <Row key={v.name} title={v.name} subtitle={value === null ? 'Removed from the environment' : undefined} changed={mine || !!pending} note={<Note source={v.source} mine={mine} pending={!!pending} isGlobal={editor.isGlobal} />}>
            {mine && !pending ? <ResetButton label={v.name} disabled={editor.readOnly} onClick={() => editor.change({ kind: 'environment', name: v.name, value: undefined })} /> : null}
            <ValueInput name={v.name} value={value} disabled={editor.readOnly} onCommit={(text) => editor.change({ kind: 'environment', name: v.name, value: text })} />
            <button type="button" className="button" disabled={editor.readOnly || value === null} onClick={() => editor.change({ kind: 'environment', name: v.name, value: null })}>
              Remove
            </button>
          </Row>
        );
      })}
      <AddVariable disabled={editor.readOnly} onAdd={editor.change} />
    </Group>
  );
}

const POLICY_OPTIONS: readonly { value: BusPolicy; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'see', label: 'See' },
  { value: 'talk', label: 'Talk' },
  { value: 'own', label: 'Own' },
];

function BusGroup({ bus, entries, editor }: { bus: BusKind; entries: EffectiveReport['sessionBus']; editor: Editor }) {
  const option = bus === 'session' ? OTHER_OPTIONS.sessionBus : OTHER_OPTIONS.systemBus;
  return (
    <Group title={option.label} description={option.description} id={`group-${bus}-bus`}>
      {entries.map((n) => {
        const mine = n.source === editor.ownLayer;
        const pending = editor.pendingFor({ kind: 'bus', bus, name: n.name, value: undefined });
        const policy = pending?.kind === 'bus' && pending.value !== undefined ? pending.value : n.policy;
        return (
          <Row key={n.name} title={n.name} changed={mine || !!pending} note={<Note source={n.source} mine={mine} pending={!!pending} isGlobal={editor.isGlobal} />}>
            {mine && !pending ? <ResetButton label={n.name} disabled={editor.readOnly} onClick={() => editor.change({ kind: 'bus', bus, name: n.name, value: undefined })} /> : null}
            <Segmented<BusPolicy> label={`Access to ${n.name}`} value={policy} options={POLICY_OPTIONS} disabled={editor.readOnly} onChange={(v) => editor.change({ kind: 'bus', bus, name: n.name, value: v })} />
          </Row>
        );
      })}
      <AddBusName bus={bus} disabled={editor.readOnly} onAdd={editor.change} />
    </Group>
  );
}

export function PermissionGroups({ effective, version }: { effective: EffectiveReport; version: Version }) {
  const editor = useEditor();
  return (
    <>
      {FLAG_GROUPS.map(({ kind, title, description }) => (
        <Group key={kind} title={title} description={description} id={`group-${kind}`}>
          {FLAG_OPTIONS.filter((o) => o.kind === kind).map((o) => (
            <FlagRow key={o.name} option={o} entry={effective[kind].find((e) => e.name === o.name)} version={version} editor={editor} />
          ))}
        </Group>
      ))}
      <FilesystemGroup effective={effective} version={version} editor={editor} />
      <PersistentGroup effective={effective} editor={editor} />
      <EnvironmentGroup effective={effective} editor={editor} />
      <BusGroup bus="session" entries={effective.sessionBus} editor={editor} />
      <BusGroup bus="system" entries={effective.systemBus} editor={editor} />
    </>
  );
}
