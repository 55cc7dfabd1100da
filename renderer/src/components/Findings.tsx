import { useShallow } from 'zustand/react/shallow';
import { SEVERITY_LABELS, type Finding, type Severity } from '../../../shared/hardening/audit';
import { useStore } from '../store';
import { Row } from './Controls';
import { exposureSummary } from './page-summary';
import { defineMessages, t } from '../../../shared/i18n';

const M = defineMessages({
  score: {
    id: 'ui.exposure.score',
    defaultMessage: 'Score {score, number}',
    description: 'Start of the exposure line on an app’s page: the app’s exposure score, which the app list sorts by',
  },
  worst: {
    id: 'ui.exposure.worst',
    defaultMessage: 'worst: {finding}',
    description: 'End of the exposure line, after the count of findings: the title of the most dangerous finding',
  },
  title: {
    id: 'ui.exposure.title',
    defaultMessage: 'Exposure',
    description: 'Heading of the group on an app’s page that sums up what its permissions let it do',
  },
  none: {
    id: 'ui.exposure.none',
    defaultMessage: 'Nothing risky found in the permissions this app has now.',
    description: 'The exposure group when the audit found nothing',
  },
  harden: {
    id: 'ui.exposure.apply-recommended',
    defaultMessage: 'Apply recommended…',
    description: 'Button that opens the hardening dialog with the recommended preset',
  },
});

export function SeverityChip({ severity }: { severity: Severity }) {
  return <span className={`severity severity--${severity}`}>{SEVERITY_LABELS[severity]}</span>;
}

/**
 * What the app can do, in one line that opens into the full list (most dangerous first), with a
 * way to apply a preset. Folded at first, so the permissions themselves start high on the page.
 */
export function FindingsGroup({
  findings,
  score,
  onHarden,
  disabled,
}: {
  findings: readonly Finding[];
  /** The exposure score the app list sorts by. */
  score?: number | undefined;
  onHarden: () => void;
  disabled: boolean;
}) {
  const { open, setOpen } = useStore(useShallow((s) => ({ open: s.exposureOpen, setOpen: s.setExposureOpen })));
  const summary = exposureSummary(findings);
  const line = (
    <>
      {summary.worst ? <SeverityChip severity={summary.worst} /> : null}
      <span className="exposure__text">
        {score !== undefined && findings.length > 0 ? (
          <span className="exposure__score">{t(M.score, { score })} · </span>
        ) : null}
        {summary.text}
        {summary.top ? <span className="exposure__top"> · {t(M.worst, { finding: summary.top.title })}</span> : null}
      </span>
    </>
  );
  return (
    <section className="group exposure" aria-labelledby="group-exposure">
      <h2 className="group__title" id="group-exposure">
        {t(M.title)}
      </h2>
      <div className="group__box">
        <div className="exposure__line">
          {findings.length > 0 ? (
            <button
              type="button"
              className="exposure__toggle"
              aria-expanded={open}
              aria-controls="exposure-findings"
              onClick={() => setOpen(!open)}
            >
              <svg className="fold__chevron" viewBox="0 0 16 16" aria-hidden="true">
                <path d="M6 3.5 10.5 8 6 12.5" />
              </svg>
              {line}
            </button>
          ) : (
            <p className="exposure__none">{t(M.none)}</p>
          )}
          <button
            type="button"
            className="button button--suggested"
            disabled={disabled || findings.length === 0}
            onClick={onHarden}
          >
            {t(M.harden)}
          </button>
        </div>
        {findings.length > 0 ? (
          <div id="exposure-findings" className="exposure__findings" hidden={!open}>
            {findings.map((f) => (
              <Row key={f.id} title={f.title} subtitle={f.detail} note={<code className="token">{f.permission}</code>}>
                <SeverityChip severity={f.severity} />
              </Row>
            ))}
          </div>
        ) : null}
      </div>
    </section>
  );
}
