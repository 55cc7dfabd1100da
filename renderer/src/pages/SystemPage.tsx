// The machine's protection: one verdict line, then SELinux, AppArmor and the footing of Flatpak's
// sandbox as cards, each with its advice. Commands are shown to copy; Confine never runs them.

import { useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { HELP_LINKS } from '../../../shared/ipc/links';
import { call } from '../api';
import type { SystemStatus } from '../store/system';
import { adviceFor, machineLine, systemCards, type Card } from '../../../shared/system/describe';
import type { Advice } from '../../../shared/system/model';
import { Banner } from '../components/Banner';
import { CopyButton } from '../components/CopyButton';
import { ShieldIcon } from '../components/SystemIndicator';
import { useStore } from '../store';
import { defineMessages, formatNumber, t, type Message } from '../../../shared/i18n';
import { COMMON } from '../i18n/messages';

const SEVERITY_WORDS: Readonly<Record<Advice['severity'], Message>> = defineMessages({
  ok: { id: 'ui.system.advice.ok', defaultMessage: 'Good', description: 'Badge of a piece of advice: all is well' },
  info: { id: 'ui.system.advice.info', defaultMessage: 'Note', description: 'Badge of a piece of advice' },
  warning: { id: 'ui.system.advice.warning', defaultMessage: 'Warning', description: 'Badge of a piece of advice' },
  critical: { id: 'ui.system.advice.critical', defaultMessage: 'Critical', description: 'Badge of a piece of advice' },
});

const M = defineMessages({
  copyCommand: {
    id: 'ui.system.copy-command',
    defaultMessage: 'Copy the command: {title}',
    description: 'Accessible name of a Copy button; title is the advice’s title',
  },
  covered: { id: 'ui.system.profiles.covered', defaultMessage: 'Programs with a profile', description: 'Heading' },
  flatpakApp: {
    id: 'ui.system.profiles.flatpak-app',
    defaultMessage: 'Flatpak app {appId}',
    description: 'Beside a program’s name; appId is a Flatpak app ID',
  },
  notLoaded: {
    id: 'ui.system.profiles.not-loaded',
    defaultMessage: 'installed, not loaded',
    description: 'State of an AppArmor profile, shown where its mode (enforce, complain) would be',
  },
  installed: {
    id: 'ui.system.profiles.installed',
    defaultMessage: 'installed',
    description: 'State of an AppArmor profile whose mode is unknown',
  },
  loaded: { id: 'ui.system.profiles.loaded', defaultMessage: 'Loaded AppArmor profiles', description: 'Heading' },
  searchPlaceholder: { id: 'ui.system.profiles.search-placeholder', defaultMessage: 'Search profiles or modes' },
  searchLabel: { id: 'ui.system.profiles.search-label', defaultMessage: 'Search loaded AppArmor profiles' },
  count: {
    id: 'ui.system.profiles.count',
    defaultMessage: '{count, plural, one {# profile} other {# profiles}}',
  },
  matching: {
    id: 'ui.system.profiles.matching',
    defaultMessage: '{matching} of {total, plural, one {# profile} other {# profiles}} match',
    description: 'How many loaded profiles the search matches',
  },
  shown: {
    id: 'ui.system.profiles.shown',
    defaultMessage: 'The first {shown} are shown.',
    description: 'After the count, when more profiles match than the list shows',
  },
  summary: {
    id: 'ui.system.summary',
    defaultMessage: 'Whether SELinux or AppArmor protect this machine, and how well Flatpak’s sandbox stands.',
    description: 'Under the System page’s heading until the machine has been read',
  },
  readAgain: { id: 'ui.system.read-again', defaultMessage: 'Read again', description: 'Button' },
  error: { id: 'ui.system.error', defaultMessage: 'Confine could not read the machine’s protection' },
  verdict: {
    id: 'ui.system.verdict-label',
    defaultMessage: 'Verdict',
    description: 'Accessible name of the verdict line',
  },
  note: {
    id: 'ui.system.note',
    defaultMessage:
      'Confine reads these values from files and needs no administrator rights; it shows commands for you to run and never runs them itself.',
  },
  reading: { id: 'ui.system.reading', defaultMessage: 'Reading the machine’s protection…' },
});

function AdviceList({ advice }: { advice: readonly Advice[] }) {
  if (advice.length === 0) return null;
  return (
    <ul className="advice">
      {advice.map((a) => (
        <li key={a.id} className={`advice__item advice__item--${a.severity}`}>
          <div className="advice__head">
            <span className={`advice__severity advice__severity--${a.severity}`}>{t(SEVERITY_WORDS[a.severity])}</span>
            <strong className="advice__title">{a.title}</strong>
          </div>
          <p className="advice__detail">{a.detail}</p>
          {a.command ? (
            <div className="command advice__command">
              <code className="command__text">{a.command}</code>
              <CopyButton text={a.command} name={t(M.copyCommand, { title: a.title })} />
            </div>
          ) : null}
          {a.links?.length ? (
            <div className="advice__links">
              {a.links.filter(isHelpLink).map((key) => (
                <button
                  key={key}
                  type="button"
                  className="button button--flat advice__link"
                  title={HELP_LINKS[key]}
                  onClick={() => void call('link:open', { link: key })}
                >
                  {HELP_LINKS[key].replace(/^https:\/\//, '').replace(/\/$/, '')} ↗
                </button>
              ))}
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function isHelpLink(key: string): key is keyof typeof HELP_LINKS {
  return Object.hasOwn(HELP_LINKS, key);
}

const SHOWN_PROFILES = 200;

/** The loaded AppArmor profiles with a search, and the programs that have one. */
function ProfileDetails({ profiles }: { profiles: SystemStatus['profiles'] }) {
  const [query, setQuery] = useState('');
  const loaded = profiles.apparmorLoaded;
  const q = query.trim().toLowerCase();
  const matching = (loaded ?? []).filter((p) => p.name.toLowerCase().includes(q) || p.mode.includes(q));
  return (
    <div className="profile-details">
      {profiles.covered.length > 0 ? (
        <>
          <h3 className="profile-details__title">{t(M.covered)}</h3>
          <ul className="profile-list">
            {profiles.covered.map((c) => (
              <li key={`${c.kind}:${c.program}`} className="profile-list__item">
                <span className="profile-list__name">
                  {c.name}{' '}
                  <span className="profile-list__dim">
                    {c.kind === 'flatpak' ? t(M.flatpakApp, { appId: c.program }) : c.program}
                  </span>
                </span>
                <span className="profile-list__mode">
                  {c.mode ?? t(c.loaded === false ? M.notLoaded : M.installed)}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {loaded && loaded.length > 0 ? (
        <>
          <h3 className="profile-details__title">{t(M.loaded)}</h3>
          <input
            className="field__input profile-details__search"
            type="search"
            placeholder={t(M.searchPlaceholder)}
            aria-label={t(M.searchLabel)}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <ul className="profile-list" aria-label={t(M.loaded)}>
            {matching.slice(0, SHOWN_PROFILES).map((p) => (
              <li key={p.name} className="profile-list__item">
                <code className="profile-list__name">{p.name}</code>
                <span className={`profile-list__mode profile-list__mode--${p.mode}`}>{p.mode}</span>
              </li>
            ))}
          </ul>
          <p className="profile-details__count">
            {matching.length === loaded.length
              ? t(M.count, { count: loaded.length })
              : t(M.matching, { matching: formatNumber(matching.length), total: loaded.length })}
            {matching.length > SHOWN_PROFILES ? ` ${t(M.shown, { shown: SHOWN_PROFILES })}` : ''}
          </p>
        </>
      ) : null}
    </div>
  );
}

function SystemCard({ card, advice, children }: { card: Card; advice: readonly Advice[]; children?: ReactNode }) {
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
      {children}
      <AdviceList advice={advice} />
    </section>
  );
}

export function SystemPage() {
  const { system, error, loading, reload } = useStore(
    useShallow((s) => ({
      system: s.system,
      error: s.systemLoad.error?.message,
      loading: s.systemLoad.loading,
      reload: s.loadSystem,
    })),
  );
  return (
    <div className="page">
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t(COMMON.system)}</h1>
          <p className="page-header__summary">{system ? machineLine(system) : t(M.summary)}</p>
        </div>
        <div className="page-header__actions page-header__actions--row">
          <button type="button" className="button" disabled={loading} onClick={() => void reload()}>
            {t(loading ? COMMON.reading : M.readAgain)}
          </button>
        </div>
      </header>
      {error ? (
        <Banner kind="error" title={t(M.error)}>
          {error}
        </Banner>
      ) : null}
      {system ? (
        <>
          <p className={`verdict verdict--${system.verdict.level}`} role="status" aria-label={t(M.verdict)}>
            <ShieldIcon className="verdict__icon" size={22} />
            {system.verdict.text}
          </p>
          <AdviceList advice={adviceFor(system, 'machine')} />
          <div className="system-cards">
            {systemCards(system).map((card) => (
              <SystemCard key={card.topic} card={card} advice={adviceFor(system, card.topic)}>
                {card.topic === 'profiles' ? <ProfileDetails profiles={system.profiles} /> : null}
              </SystemCard>
            ))}
          </div>
          <p className="page-note">{t(M.note)}</p>
        </>
      ) : !error ? (
        <p className="page-note">{t(M.reading)}</p>
      ) : null}
    </div>
  );
}
