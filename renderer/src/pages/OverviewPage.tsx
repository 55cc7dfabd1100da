// The whole machine at a glance: how many apps can escape the sandbox, read your home, reach the
// network or use X11; every app ranked by exposure; bulk hardening; export and import.

import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SEVERITIES, SEVERITY_LABELS } from '../../../shared/hardening/audit';
import { PRESET_LABELS, PRESETS, type PresetName } from '../../../shared/hardening/preset-labels';
import { AppIcon } from '../components/AppIcon';
import { Banner } from '../components/Banner';
import { BrokenLayerBanner } from '../components/BrokenLayerBanner';
import { Group, Segmented } from '../components/Controls';
import { Loading } from '../components/Loading';
import { SeverityChip } from '../components/Findings';
import { NOTHING_RISKY } from '../components/page-summary';
import { ReviewOverview } from '../components/ReviewChanges';
import { SearchField } from '../components/SearchField';
import { useStore } from '../store';
import { selectCatalogWarnings } from '../store/selectors';
import type { Audit } from '../store/audit';
import { appPage } from '../store/selection';
import { STOPS } from '../components/BrokenLayerBanner';
import { defineMessages, t, type Message } from '../../../shared/i18n';
import { COMMON } from '../i18n/messages';

const M = defineMessages({
  select: { id: 'ui.overview.select-app', defaultMessage: 'Select {name}', description: 'Tick box of an app’s row' },
  onceResetFinding: {
    id: 'ui.overview.once-reset-finding',
    defaultMessage: 'Flatpak refuses to run it while a file is malformed. Once reset: {finding}',
    description: 'Under an app’s name; finding is the title of its worst finding once the file is reset',
  },
  onceResetNothing: {
    id: 'ui.overview.once-reset-nothing',
    defaultMessage: 'Flatpak refuses to run it while a file is malformed. Once reset: nothing risky found',
  },
  unreadable: {
    id: 'ui.overview.unreadable',
    defaultMessage: 'Cannot be read: {problem}',
    description: 'Under an app’s name; problem is why (from the system, may be English)',
  },
  score: {
    id: 'ui.overview.score-label',
    defaultMessage: 'Exposure score {score}',
    description: 'Accessible name of an app’s score (a number)',
  },
  ranking: {
    id: 'ui.overview.ranking',
    defaultMessage: 'Apps by exposure',
    description: 'Heading of the ranked list of apps',
  },
  summary: {
    id: 'ui.overview.summary',
    defaultMessage: 'What your apps can reach, the most exposed first.',
    description: 'Under the Overview’s heading',
  },
  import: { id: 'ui.overview.import', defaultMessage: 'Import…', description: 'Button: import overrides from a file' },
  export: {
    id: 'ui.overview.export',
    defaultMessage: 'Export…',
    description: 'Button: export your overrides to a file',
  },
  exportTree: {
    id: 'ui.overview.export-tree',
    defaultMessage: 'Export for many machines…',
    description: 'Button: export as a system override folder, for deploying to many machines',
  },
  exportTreeTooltip: {
    id: 'ui.overview.export-tree-tooltip',
    defaultMessage: 'The plain files of a system override folder, with a README and an Ansible playbook',
  },
  auditError: { id: 'ui.overview.audit-error', defaultMessage: 'Confine could not audit the apps' },
  warnings: { id: 'ui.overview.warnings', defaultMessage: 'Not every installation could be read' },
  statsLabel: {
    id: 'ui.overview.stats-label',
    defaultMessage: 'Summary',
    description: 'Accessible name of the four counts at the top of the Overview',
  },
  affected: {
    id: 'ui.overview.affected',
    defaultMessage:
      '{count, plural, one {# of these apps cannot run now because a file is malformed; it is counted with what it gets once the file is reset.} other {# of these apps cannot run now because a file is malformed; they are counted with what they get once it is reset.}}',
  },
  findings: {
    id: 'ui.overview.findings',
    defaultMessage: 'Findings:',
    description: 'Before a row of severity chips, each with its count',
  },
  auditing: { id: 'ui.overview.auditing', defaultMessage: 'Auditing the apps…' },
  rankingHelp: {
    id: 'ui.overview.ranking-help',
    defaultMessage: 'Tick apps to apply a preset to all of them at once; you see every change before it is made.',
  },
  selectExposed: {
    id: 'ui.overview.select-exposed',
    defaultMessage: 'Select exposed',
    description: 'Button: tick every app with a score above 0',
  },
  selectNone: { id: 'ui.overview.select-none', defaultMessage: 'Select none', description: 'Button: untick every app' },
  preview: {
    id: 'ui.overview.preview',
    defaultMessage: 'Preview {count, plural, one {# app} other {# apps}}…',
    description: 'Button: open the hardening preview for the ticked apps',
  },
  previewNone: {
    id: 'ui.overview.preview-none',
    defaultMessage: 'Preview apps…',
    description: 'The same button, nothing ticked',
  },
  limits: { id: 'ui.overview.limits', defaultMessage: 'What Flatpak cannot restrict', description: 'Heading' },
  find: {
    id: 'ui.overview.find.label',
    defaultMessage: 'Find an app in the ranking',
    description: 'Accessible name of the search field above the ranking (Ctrl+F while in the page)',
  },
  findPlaceholder: {
    id: 'ui.overview.find.placeholder',
    defaultMessage: 'Find in the ranking',
    description: 'Placeholder of the search field above the ranking',
  },
  findNone: {
    id: 'ui.overview.find.none',
    defaultMessage: 'No app in the ranking matches “{query}”.',
    description: 'query is what the user typed in the search field above the ranking',
  },
  scoreNote: {
    id: 'ui.overview.score-note',
    defaultMessage: '{escape}: a way out of the sandbox. Scores add up the findings, an escape counting the most.',
    description: 'At the foot of the Overview; escape is the name of the worst severity (“sandbox escape”)',
  },
});

/** The four counts at the top, each “of N apps …”, shown under its number. */
const STATS = defineMessages({
  canEscape: {
    id: 'ui.overview.stat.escape',
    defaultMessage: 'of {total, plural, one {# app} other {# apps}} can escape the sandbox',
    description: 'Under a large number: “3” / “of 40 apps can escape the sandbox”',
  },
  readHome: {
    id: 'ui.overview.stat.read-home',
    defaultMessage: 'of {total, plural, one {# app} other {# apps}} can read your home folder',
    description: 'Under a large number: “3” / “of 40 apps can read your home folder”',
  },
  network: {
    id: 'ui.overview.stat.network',
    defaultMessage: 'of {total, plural, one {# app} other {# apps}} have the network',
    description: 'Under a large number: “3” / “of 40 apps have the network”',
  },
  x11: {
    id: 'ui.overview.stat.x11',
    defaultMessage: 'of {total, plural, one {# app} other {# apps}} use X11 even on Wayland',
    description: 'Under a large number: “3” / “of 40 apps use X11 even on Wayland”',
  },
});

function Stat({
  value,
  total,
  label,
  tone,
}: {
  value: number;
  total: number;
  label: Message;
  tone: 'danger' | 'warning' | 'plain';
}) {
  return (
    <div className={`stat stat--${value > 0 ? tone : 'plain'}`}>
      <span className="stat__value">{value}</span>
      <span className="stat__label">{t(label, { total })}</span>
    </div>
  );
}

type AuditApp = Audit['apps'][number];

const RANKING_ROW = 57;
// Below this many apps every row is drawn: a short list costs nothing, and a search of the page
// (Ctrl+F in a browser, a screen reader's browse mode) finds every app in it.
const DRAW_ALL_UP_TO = 100;

function RankingRow({
  app: a,
  chosen,
  toggle,
  open,
  tabbable,
}: {
  app: AuditApp;
  chosen: boolean;
  toggle: (id: string) => void;
  open: (id: string) => void;
  /** Whether Tab stops here: only the row last moved to is in the Tab order. */
  tabbable: boolean;
}) {
  const worst = a.worst;
  const tabIndex = tabbable ? 0 : -1;
  return (
    <>
      <input
        type="checkbox"
        tabIndex={tabIndex}
        aria-label={t(M.select, { name: a.name })}
        checked={chosen}
        disabled={!!a.error}
        onChange={() => toggle(a.id)}
      />
      <AppIcon appId={a.id} size={32} />
      <button type="button" className="ranking__name" tabIndex={tabIndex} onClick={() => open(a.id)}>
        <span className="ranking__title" title={a.name}>
          {a.name}
        </span>
        <span className="ranking__detail">
          {a.error
            ? a.onceReset
              ? worst
                ? t(M.onceResetFinding, { finding: worst.title })
                : t(M.onceResetNothing)
              : t(M.unreadable, { problem: a.error })
            : worst
              ? worst.title
              : t(NOTHING_RISKY)}
        </span>
      </button>
      {worst ? <SeverityChip severity={worst.severity} /> : null}
      <span className="ranking__score" aria-label={t(M.score, { score: a.score })}>
        {a.score}
      </span>
    </>
  );
}

/**
 * Every app by exposure, drawn only where the page is scrolled to: at a thousand apps drawing
 * them all took the main thread for a third of a second on every visit. The rows scroll with
 * the page (the window's main area), so the list is placed within that scroller.
 */
function Ranking({
  apps,
  chosen,
  toggle,
  open,
}: {
  apps: readonly AuditApp[];
  chosen: ReadonlySet<string>;
  toggle: (id: string) => void;
  open: (id: string) => void;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  const [scroller, setScroller] = useState<HTMLElement | null>(null);
  const [offset, setOffset] = useState(0);
  // The row Tab enters the list at (a roving tabindex): one stop for the whole ranking, whose
  // rows the arrow keys then reach, drawn or not. It is always drawn, so Tab finds it.
  const [activeAt, setActive] = useState(0);
  const active = Math.min(activeAt, Math.max(0, apps.length - 1));
  // Where the list starts inside the scroller moves when a banner above it comes or goes.
  useLayoutEffect(() => {
    const list = listRef.current;
    const el = list?.closest<HTMLElement>('.content') ?? null;
    if (el !== scroller) setScroller(el);
    if (list && el) {
      const top = list.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop;
      if (Math.abs(top - offset) > 0.5) setOffset(top);
    }
  });
  const virtualizer = useVirtualizer({
    count: apps.length,
    getScrollElement: () => scroller,
    estimateSize: () => RANKING_ROW,
    overscan: apps.length <= DRAW_ALL_UP_TO ? apps.length : 10,
    scrollMargin: offset,
    getItemKey: (i) => apps[i]?.id ?? i,
    rangeExtractor: (range) =>
      [...new Set([...defaultRangeExtractor(range), active])].filter((i) => i < apps.length).sort((a, b) => a - b),
  });
  // Up and Down (Home, End, Page Up and Page Down) move to the same control of another row,
  // scrolling it into view, so the keyboard reaches every row although most are not drawn.
  const onKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const target = e.target as HTMLElement;
    const row = target.closest<HTMLElement>('[data-index]');
    if (!row || target.tagName === 'UL') return;
    const at = Number(row.dataset.index);
    const page = Math.max(1, Math.floor((scroller?.clientHeight ?? RANKING_ROW) / RANKING_ROW) - 1);
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      Home: 0,
      End: apps.length - 1,
      PageDown: at + page,
      PageUp: at - page,
    };
    const wanted = moves[e.key];
    if (wanted === undefined) return;
    e.preventDefault();
    const to = Math.max(0, Math.min(apps.length - 1, wanted));
    if (to === at) return;
    const kind = target.tagName === 'INPUT' ? 'input' : 'button';
    setActive(to);
    virtualizer.scrollToIndex(to, { align: 'auto' });
    const focus = (tries: number) => {
      const next = listRef.current?.querySelector<HTMLElement>(`[data-index="${to}"] ${kind}`);
      if (next) next.focus();
      else if (tries > 0) requestAnimationFrame(() => focus(tries - 1));
    };
    focus(10);
  };
  return (
    <ul
      ref={listRef}
      className="ranking ranking--virtual"
      aria-label={t(M.ranking)}
      style={{ height: virtualizer.getTotalSize() }}
      onKeyDown={onKey}
    >
      {virtualizer.getVirtualItems().map((row) => {
        const a = apps[row.index];
        if (!a) return null;
        return (
          <li
            key={a.id}
            data-index={row.index}
            ref={virtualizer.measureElement}
            className="ranking__row"
            aria-setsize={apps.length}
            aria-posinset={row.index + 1}
            style={{ transform: `translateY(${row.start - offset}px)` }}
            onFocus={() => setActive(row.index)}
          >
            <RankingRow app={a} chosen={chosen.has(a.id)} toggle={toggle} open={open} tabbable={row.index === active} />
          </li>
        );
      })}
    </ul>
  );
}

export function OverviewPage() {
  const { audit, auditError, select, openHarden, exportOverrides, openImport, resetOverride } = useStore(
    useShallow((s) => ({
      audit: s.audit,
      auditError: s.auditLoad.error?.message,
      select: s.select,
      openHarden: s.openHarden,
      exportOverrides: s.exportOverrides,
      openImport: s.openImport,
      resetOverride: s.resetOverride,
    })),
  );
  const warnings = useStore(selectCatalogWarnings);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [preset, setPreset] = useState<PresetName>('recommended');
  // The browser's find sees only the rows drawn; this one searches them all.
  const [find, setFind] = useState('');
  const ranked = useMemo(() => {
    const q = find.trim().toLowerCase();
    const all = audit?.apps ?? [];
    return q === '' ? all : all.filter((a) => a.name.toLowerCase().includes(q) || a.id.toLowerCase().includes(q));
  }, [audit, find]);
  const o = audit?.overview;
  const toggle = (id: string) =>
    setChosen((c) => (c.has(id) ? new Set([...c].filter((x) => x !== id)) : new Set([...c, id])));
  const readable = audit?.apps.filter((a) => !a.error) ?? [];
  const affected = audit?.apps.filter((a) => a.onceReset).length ?? 0;
  return (
    <div className="page">
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t(COMMON.overview)}</h1>
          <p className="page-header__summary">{t(M.summary)}</p>
        </div>
        <div className="page-header__actions page-header__actions--row">
          <button type="button" className="button" onClick={() => void openImport()}>
            {t(M.import)}
          </button>
          <button type="button" className="button" onClick={() => void exportOverrides('file')}>
            {t(M.export)}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void exportOverrides('system-tree')}
            title={t(M.exportTreeTooltip)}
          >
            {t(M.exportTree)}
          </button>
        </div>
      </header>
      {auditError ? (
        <Banner kind="error" title={t(M.auditError)}>
          {auditError}
        </Banner>
      ) : null}
      {audit?.brokenGlobals.map((b) => (
        <BrokenLayerBanner
          key={b.path}
          layer={b.scope === 'user' ? 'user-global' : 'system-global'}
          path={b.path}
          message={b.message}
          stops={b.scope === 'user' ? t(STOPS.anyApp) : t(STOPS.systemApps, { count: b.apps.length })}
          {...(b.command ? { command: b.command } : {})}
          onReset={() => void resetOverride(null)}
        />
      ))}
      {warnings.length > 0 ? (
        <Banner kind="warning" title={t(M.warnings)}>
          {warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
        </Banner>
      ) : null}
      <ReviewOverview />
      {o ? (
        <>
          <div className="stats" role="list" aria-label={t(M.statsLabel)}>
            {(
              [
                [o.canEscape, STATS.canEscape, 'danger'],
                [o.readHome, STATS.readHome, 'warning'],
                [o.network, STATS.network, 'plain'],
                [o.x11, STATS.x11, 'warning'],
              ] as const
            ).map(([value, label, tone]) => (
              <div role="listitem" key={label.id}>
                <Stat value={value} total={o.apps} label={label} tone={tone} />
              </div>
            ))}
          </div>
          {affected > 0 ? <p className="page-note">{t(M.affected, { count: affected })}</p> : null}
          <p className="severity-counts">
            {t(M.findings)}{' '}
            {SEVERITIES.map((s) => (
              <span key={s} className="severity-counts__item">
                <SeverityChip severity={s} /> {o.bySeverity[s]}
              </span>
            ))}
          </p>
        </>
      ) : !auditError ? (
        <Loading what={t(M.auditing)} inPage />
      ) : null}
      {audit ? (
        <Group title={t(M.ranking)} description={t(M.rankingHelp)} id="group-ranking">
          <div className="bulk-bar">
            <button
              type="button"
              className="button"
              onClick={() => setChosen(new Set(readable.filter((a) => a.score > 0).map((a) => a.id)))}
            >
              {t(M.selectExposed)}
            </button>
            <button type="button" className="button" disabled={chosen.size === 0} onClick={() => setChosen(new Set())}>
              {t(M.selectNone)}
            </button>
            <Segmented<PresetName>
              label={t(COMMON.preset)}
              value={preset}
              options={PRESETS.map((p) => ({ value: p, label: PRESET_LABELS[p].label }))}
              onChange={setPreset}
            />
            <button
              type="button"
              className="button button--suggested"
              disabled={chosen.size === 0}
              onClick={() => void openHarden([...chosen], preset)}
            >
              {chosen.size > 0 ? t(M.preview, { count: chosen.size }) : t(M.previewNone)}
            </button>
          </div>
          <div className="ranking-find">
            <SearchField
              data-page-find=""
              aria-label={t(M.find)}
              aria-keyshortcuts="Control+F"
              placeholder={t(M.findPlaceholder)}
              value={find}
              onChange={(e) => setFind(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape' && find !== '') {
                  e.preventDefault();
                  setFind('');
                }
              }}
            />
          </div>
          {ranked.length === 0 && find.trim() !== '' ? (
            <p className="page-note ranking-find__none">{t(M.findNone, { query: find.trim() })}</p>
          ) : null}
          <Ranking apps={ranked} chosen={chosen} toggle={toggle} open={(id) => select(appPage(id))} />
        </Group>
      ) : null}
      {audit ? (
        <Group title={t(M.limits)} id="group-limits">
          <ul className="limits">
            {audit.limits.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </Group>
      ) : null}
      <p className="page-note">{t(M.scoreNote, { escape: SEVERITY_LABELS.escape })}</p>
    </div>
  );
}
