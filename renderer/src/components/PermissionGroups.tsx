// Every permission group of the catalogue, with the effective value of each entry and the layer
// it comes from. Options the installed Flatpak does not know are shown disabled, with why.

import { FLAG_OPTIONS, OTHER_OPTIONS, SPECIAL_FILESYSTEMS, type FlagKind } from '../../../shared/flatpak/catalogue';
import type { EffectiveReport } from '../../../shared/flatpak/report';
import { atLeast, formatVersion, type Version } from '../../../shared/flatpak/version';
import type { LayerId } from '../../../shared/flatpak/merge';
import { Group, Row, SourceLabel, Switch } from './Controls';

const FLAG_GROUPS: readonly { kind: FlagKind; title: string; description: string }[] = [
  { kind: 'shared', title: 'Share', description: 'Resources shared with the rest of the computer.' },
  { kind: 'sockets', title: 'Sockets', description: 'Services on your desktop the app can connect to directly.' },
  { kind: 'devices', title: 'Devices', description: 'Hardware the app can use.' },
  { kind: 'features', title: 'Features', description: 'Extra abilities inside the sandbox.' },
];

const MODE_LABELS = { none: 'No access', ro: 'Read only', rw: 'Read and write', create: 'Read, write, create' } as const;
const POLICY_LABELS = { none: 'None', see: 'See', talk: 'Talk', own: 'Own' } as const;

export interface GroupsProps {
  readonly effective: EffectiveReport;
  readonly version: Version;
  /** The layer whose entries count as "changed by you". */
  readonly ownLayer: LayerId;
}

export function PermissionGroups({ effective, version, ownLayer }: GroupsProps) {
  const changed = (source: LayerId | undefined) => source === ownLayer;
  const special = new Set(SPECIAL_FILESYSTEMS.map((f) => f.name));
  const otherPaths = effective.filesystems.filter((f) => !special.has(f.path));
  return (
    <>
      {FLAG_GROUPS.map(({ kind, title, description }) => (
        <Group key={kind} title={title} description={description} id={`group-${kind}`}>
          {FLAG_OPTIONS.filter((o) => o.kind === kind).map((o) => {
            const entry = effective[kind].find((e) => e.name === o.name);
            const supported = atLeast(version, o.since);
            return (
              <Row
                key={o.name}
                title={o.label}
                subtitle={o.description}
                changed={changed(entry?.source)}
                note={supported ? <SourceLabel source={entry?.source} changed={changed(entry?.source)} /> : `Needs Flatpak ${formatVersion(o.since)} or later; this computer has ${formatVersion(version)}.`}
              >
                <code className="token">{o.name}</code>
                <Switch checked={entry?.allowed ?? false} label={o.label} disabled={!supported} />
              </Row>
            );
          })}
        </Group>
      ))}
      <Group title="Filesystem" description="Files and folders the app can see." id="group-filesystems">
        {SPECIAL_FILESYSTEMS.map((f) => {
          const entry = effective.filesystems.find((e) => e.path === f.name);
          return (
            <Row key={f.name} title={f.label} subtitle={f.description} changed={changed(entry?.source)} note={<SourceLabel source={entry?.source} changed={changed(entry?.source)} />}>
              <code className="token">{f.name}</code>
              <span className={`value value--${entry?.mode ?? 'none'}`}>{MODE_LABELS[entry?.mode ?? 'none']}</span>
            </Row>
          );
        })}
        {otherPaths.map((f) => (
          <Row key={f.path} title={f.path} changed={changed(f.source)} note={<SourceLabel source={f.source} changed={changed(f.source)} />}>
            <span className={`value value--${f.mode}`}>{MODE_LABELS[f.mode]}</span>
          </Row>
        ))}
        {effective.filesystemReset ? <Row title="Inherited file access removed" subtitle="!host:reset drops the file access granted below this layer." note={<SourceLabel source={effective.filesystemReset} changed={changed(effective.filesystemReset)} />} /> : null}
      </Group>
      <Group title={OTHER_OPTIONS.persistent.label} description={OTHER_OPTIONS.persistent.description} id="group-persistent">
        {effective.persistent.length === 0 ? <Row title="None" /> : null}
        {effective.persistent.map((p) => (
          <Row key={p.path} title={`~/${p.path}`} changed={changed(p.source)} note={<SourceLabel source={p.source} changed={changed(p.source)} />} />
        ))}
      </Group>
      <Group title={OTHER_OPTIONS.environment.label} description={OTHER_OPTIONS.environment.description} id="group-environment">
        {effective.environment.length === 0 ? <Row title="None" /> : null}
        {effective.environment.map((v) => (
          <Row key={v.name} title={v.name} subtitle={v.value === null ? 'Removed from the environment' : <code className="token">{v.value || '(empty)'}</code>} changed={changed(v.source)} note={<SourceLabel source={v.source} changed={changed(v.source)} />} />
        ))}
      </Group>
      {(['sessionBus', 'systemBus'] as const).map((bus) => {
        const option = bus === 'sessionBus' ? OTHER_OPTIONS.sessionBus : OTHER_OPTIONS.systemBus;
        return (
          <Group key={bus} title={option.label} description={option.description} id={`group-${bus}`}>
            {effective[bus].length === 0 ? <Row title="None" /> : null}
            {effective[bus].map((n) => (
              <Row key={n.name} title={n.name} changed={changed(n.source)} note={<SourceLabel source={n.source} changed={changed(n.source)} />}>
                <span className={`value value--policy-${n.policy}`}>{POLICY_LABELS[n.policy]}</span>
              </Row>
            ))}
          </Group>
        );
      })}
    </>
  );
}
