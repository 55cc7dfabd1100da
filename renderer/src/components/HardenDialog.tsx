// The preview of a preset: every change with its reason and a tick box, what kept changes are
// kept for, the exposure before and after, and the resulting command, before anything is written.

import { useShallow } from 'zustand/react/shallow';
import { COST_LABELS, PRESET_LABELS, PRESETS, type PresetName } from '../../../shared/hardening/preset-labels';
import { count } from '../../../shared/plural';
import { useStore } from '../store';
import { Segmented } from './Controls';
import { Dialog } from './Dialog';

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
      title={single ? `Harden ${single.name}` : `Harden ${previews.length || ''} apps`}
      onClose={close}
      wide
      liveSummary
      summary={
        harden.busy && !harden.previews
          ? 'Working out the changes…'
          : `${count(changing.length, 'app changes', 'apps change')}; exposure ${before} → ${after}${skipped.length ? `; ${skipped.length} left alone` : ''}`
      }
      action={{ label: 'Apply', disabled: harden.busy || changing.length === 0, run: () => void apply() }}
    >
      <div className="preset-choice">
        <Segmented<PresetName>
          label="Preset"
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
          {!p.error && p.proposals.length === 0 ? <p className="harden-app__none">Nothing to change.</p> : null}
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
                        {prop.reason} <span className="proposal__loses">It can no longer {prop.loses}.</span>
                      </span>
                      {prop.evidence.length > 0 ? (
                        <span className="proposal__evidence">Why Confine thinks so: {prop.evidence.join('; ')}.</span>
                      ) : null}
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
          {!p.error && p.selected.length > 0 ? (
            <p className="harden-app__result">
              Exposure {p.before.score} → {p.after.score}
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
