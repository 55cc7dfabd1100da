// The machine's protection: one verdict line, then SELinux, AppArmor and the footing of Flatpak's
// sandbox as cards, each with its advice. Commands are shown to copy; Confine never runs them.

import { useShallow } from 'zustand/react/shallow';
import { adviceFor, machineLine, systemCards, type Card } from '../../../shared/system/describe';
import type { Advice } from '../../../shared/system/model';
import { Banner } from '../components/Banner';
import { CopyButton } from '../components/CopyButton';
import { ShieldIcon } from '../components/SystemIndicator';
import { useStore } from '../store';

const SEVERITY_WORDS: Readonly<Record<Advice['severity'], string>> = { ok: 'Good', info: 'Note', warning: 'Warning', critical: 'Critical' };

function AdviceList({ advice }: { advice: readonly Advice[] }) {
  if (advice.length === 0) return null;
  return (
    <ul className="advice">
      {advice.map((a) => (
        <li key={a.id} className={`advice__item advice__item--${a.severity}`}>
          <div className="advice__head">
            <span className={`advice__severity advice__severity--${a.severity}`}>{SEVERITY_WORDS[a.severity]}</span>
            <strong className="advice__title">{a.title}</strong>
          </div>
          <p className="advice__detail">{a.detail}</p>
          {a.command ? (
            <div className="command advice__command">
              <code className="command__text">{a.command}</code>
              <CopyButton text={a.command} name={`Copy the command: ${a.title}`} />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function SystemCard({ card, advice }: { card: Card; advice: readonly Advice[] }) {
  const headingId = `system-card-${card.topic}`;
  return (
    <section className="system-card" aria-labelledby={headingId}>
      <header className="system-card__header">
        <h2 className="system-card__title" id={headingId}>
          {card.title}
        </h2>
        <span className={`system-card__headline system-card__headline--${card.tone}`}>{card.headline}</span>
      </header>
      <dl className="system-card__facts">
        {card.facts.map(([label, value]) => (
          <div key={label} className="system-card__fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <AdviceList advice={advice} />
    </section>
  );
}

export function SystemPage() {
  const { system, error, loading, reload } = useStore(useShallow((s) => ({ system: s.system, error: s.systemError, loading: s.systemLoading, reload: s.loadSystem })));
  return (
    <div className="page">
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">System</h1>
          <p className="page-header__summary">{system ? machineLine(system) : 'Whether SELinux or AppArmor protect this machine, and how well Flatpak’s sandbox stands.'}</p>
        </div>
        <div className="page-header__actions page-header__actions--row">
          <button type="button" className="button" disabled={loading} onClick={() => void reload()}>
            {loading ? 'Reading…' : 'Read again'}
          </button>
        </div>
      </header>
      {error ? <Banner kind="error" title="Confine could not read the machine’s protection">{error}</Banner> : null}
      {system ? (
        <>
          <p className={`verdict verdict--${system.verdict.level}`} role="status" aria-label="Verdict">
            <ShieldIcon className="verdict__icon" size={22} />
            {system.verdict.text}
          </p>
          <AdviceList advice={adviceFor(system, 'machine')} />
          <div className="system-cards">
            {systemCards(system).map((card) => (
              <SystemCard key={card.topic} card={card} advice={adviceFor(system, card.topic)} />
            ))}
          </div>
          <p className="page-note">Confine reads these values from files and needs no administrator rights; it shows commands for you to run and never runs them itself.</p>
        </>
      ) : !error ? (
        <p className="page-note">Reading the machine’s protection…</p>
      ) : null}
    </div>
  );
}
