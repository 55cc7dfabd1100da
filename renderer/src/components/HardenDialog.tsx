// The preview of a preset: every change with its reason and a tick box, what kept changes are
// kept for, the exposure before and after, and the resulting command, before anything is written.

import { useShallow } from 'zustand/react/shallow';
import { COST_LABELS, PRESET_LABELS, PRESETS, type PresetName } from '../../../shared/hardening/preset-labels';
import { useStore } from '../store';
import { Segmented } from './Controls';
import { Dialog } from './Dialog';
import { defineMessages, t } from '../../../shared/i18n';
import { COMMON } from '../i18n/messages';

const M = defineMessages({
  titleOne: { id: 'ui.harden-dialog.title-one', defaultMessage: 'Harden {name}', description: 'name is an app’s name' },
  titleMany: {
    id: 'ui.harden-dialog.title-many',
    defaultMessage: 'Harden {count, plural, one {# app} other {# apps}}',
  },
  titleLoading: {
    id: 'ui.harden-dialog.title-loading',
    defaultMessage: 'Harden apps',
    description: 'Dialog title while the changes for the chosen apps are worked out',
  },
  working: { id: 'ui.harden-dialog.working', defaultMessage: 'Working out the changes…' },
  summary: {
    id: 'ui.harden-dialog.summary',
    defaultMessage: '{changing, plural, one {# app changes} other {# apps change}}; exposure {before} → {after}',
    description: 'Beside the dialog’s buttons; before and after are exposure scores (numbers)',
  },
  summarySkipped: {
    id: 'ui.harden-dialog.summary-skipped',
    defaultMessage:
      '{changing, plural, one {# app changes} other {# apps change}}; exposure {before} → {after}; {skipped, plural, one {# left alone} other {# left alone}}',
    description: 'Beside the dialog’s buttons; skipped counts apps that could not be read and stay unchanged',
  },
  apply: { id: 'ui.harden-dialog.apply', defaultMessage: 'Apply', description: 'Button: write the ticked changes' },
  nothing: { id: 'ui.harden-dialog.nothing', defaultMessage: 'Nothing to change.' },
  loses: {
    id: 'ui.harden-dialog.loses',
    defaultMessage: 'It can no longer {loses}.',
    description:
      'After a proposed change’s reason; loses is what the app can no longer do, such as “read your documents”',
  },
  evidence: {
    id: 'ui.harden-dialog.evidence',
    defaultMessage: 'Why Confine thinks so: {evidence}.',
    description: 'evidence lists the facts (from the app’s metadata) that support the proposal, separated by “;”',
  },
  exposure: {
    id: 'ui.harden-dialog.exposure',
    defaultMessage: 'Exposure {before} → {after}',
    description: 'An app’s exposure score before and after the change (numbers)',
  },
});

export function HardenDialog() {
  const { harden, setPreset, toggle, apply, close } = useStore(
    useShallow((s) => ({
      harden: s.harden,
      setPreset: s.setHardenPreset,
      toggle: s.toggleProposal,
      apply: s.applyHarden,
      close: s.closeHarden,
    })),
  );
  if (!harden) return null;
  const previews = harden.previews ?? [];
  const single = previews.length === 1 ? previews[0] : undefined;
  const changing = previews.filter((p) => !p.error && p.selected.length > 0);
  const skipped = previews.filter((p) => p.error);
  const before = previews.reduce((s, p) => s + p.before.score, 0);
  const after = previews.reduce((s, p) => s + (p.selected.length ? p.after.score : p.before.score), 0);
  return (
    <Dialog
      title={
        single
          ? t(M.titleOne, { name: single.name })
          : previews.length > 0
            ? t(M.titleMany, { count: previews.length })
            : t(M.titleLoading)
      }
      onClose={close}
      wide
      liveSummary
      summary={
        harden.busy && !harden.previews
          ? t(M.working)
          : t(skipped.length ? M.summarySkipped : M.summary, {
              changing: changing.length,
              before,
              after,
              skipped: skipped.length,
            })
      }
      action={{ label: t(M.apply), disabled: harden.busy || changing.length === 0, run: () => void apply() }}
    >
      <div className="preset-choice">
        <Segmented<PresetName>
          label={t(COMMON.preset)}
          value={harden.preset}
          options={PRESETS.map((p) => ({ value: p, label: PRESET_LABELS[p].label }))}
          onChange={(p) => void setPreset(p)}
          // Disabled only until the first preview: disabling the radio that has focus (arrow keys
          // change the preset) would drop focus out of the dialog. The store ignores stale answers.
          disabled={!harden.previews}
        />
        <p className="preset-choice__description">{PRESET_LABELS[harden.preset].description}</p>
      </div>
      {harden.error ? (
        <p className="dialog__error" role="alert">
          {harden.error.message}
        </p>
      ) : null}
      {previews.map((p) => (
        <section key={p.appId} className="harden-app" aria-label={p.name}>
          {single ? null : (
            <h3 className="harden-app__title">
              {p.name} <span className="harden-app__id">{p.appId}</span>
            </h3>
          )}
          {p.error ? <p className="harden-app__skip">{p.error}</p> : null}
          {!p.error && p.proposals.length === 0 ? <p className="harden-app__none">{t(M.nothing)}</p> : null}
          <ul className="proposals">
            {p.proposals.map((prop) => {
              const ticked = (harden.choices[p.appId] ?? p.selected).includes(prop.id);
              const describedBy = `proposal-${p.appId}-${prop.id}`.replace(/[^\w-]/g, '_');
              return (
                <li key={prop.id} className={`proposal proposal--${prop.cost}`}>
                  <label className="proposal__label">
                    <input
                      type="checkbox"
                      checked={ticked}
                      aria-describedby={describedBy}
                      onChange={() => void toggle(p.appId, prop.id)}
                    />
                    <span className="proposal__text">
                      <span className="proposal__head">
                        <span className="proposal__title">{prop.title}</span>
                        <span className={`cost cost--${prop.cost}`}>{COST_LABELS[prop.cost]}</span>
                      </span>
                      <span className="proposal__reason" id={describedBy}>
                        {prop.reason} <span className="proposal__loses">{t(M.loses, { loses: prop.loses })}</span>
                      </span>
                      {prop.evidence.length > 0 ? (
                        <span className="proposal__evidence">
                          {t(M.evidence, { evidence: prop.evidence.join('; ') })}
                        </span>
                      ) : null}
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
          {!p.error && p.selected.length > 0 ? (
            <p className="harden-app__result">
              {t(M.exposure, { before: p.before.score, after: p.after.score })}
              {single ? (
                <>
                  <br />
                  <code className="harden-app__command">{p.command}</code>
                </>
              ) : null}
            </p>
          ) : null}
        </section>
      ))}
    </Dialog>
  );
}
