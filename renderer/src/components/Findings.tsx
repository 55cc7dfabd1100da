import { SEVERITY_LABELS, type Finding, type Severity } from '../../../shared/hardening/audit';
import { Group, Row } from './Controls';

export function SeverityChip({ severity }: { severity: Severity }) {
  return <span className={`severity severity--${severity}`}>{SEVERITY_LABELS[severity]}</span>;
}

/** What the app can do, most dangerous first, with a way to apply a preset. */
export function FindingsGroup({
  findings,
  onHarden,
  disabled,
}: {
  findings: readonly Finding[];
  onHarden: () => void;
  disabled: boolean;
}) {
  return (
    <Group
      title="Exposure"
      description={
        findings.length === 0
          ? 'Nothing risky found in the permissions this app has now.'
          : 'What this app can do with the permissions it has now, most dangerous first.'
      }
      id="group-exposure"
    >
      {findings.map((f) => (
        <Row key={f.id} title={f.title} subtitle={f.detail} note={<code className="token">{f.permission}</code>}>
          <SeverityChip severity={f.severity} />
        </Row>
      ))}
      <div className="group__actions">
        <button
          type="button"
          className="button button--suggested"
          disabled={disabled || findings.length === 0}
          onClick={onHarden}
        >
          Apply recommended…
        </button>
      </div>
    </Group>
  );
}
