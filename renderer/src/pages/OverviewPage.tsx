// The whole machine at a glance: how many apps can escape the sandbox, read your home, reach the
// network or use X11; every app ranked by exposure; bulk hardening; export and import.

import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SEVERITIES, SEVERITY_LABELS } from '../../../shared/hardening/audit';
import { PRESET_LABELS, PRESETS, type PresetName } from '../../../shared/hardening/preset-labels';
import { count } from '../../../shared/plural';
import { AppIcon } from '../components/AppIcon';
import { Banner } from '../components/Banner';
import { BrokenLayerBanner } from '../components/BrokenLayerBanner';
import { Group, Segmented } from '../components/Controls';
import { SeverityChip } from '../components/Findings';
import { useStore } from '../store';
import { selectCatalogWarnings } from '../store/selectors';
import type { Audit } from '../store/audit';
import { appPage } from '../store/selection';

function Stat({
  value,
  total,
  label,
  tone,
}: {
  value: number;
  total: number;
  label: string;
  tone: 'danger' | 'warning' | 'plain';
}) {
  return (
    <div className={`stat stat--${value > 0 ? tone : 'plain'}`}>
      <span className="stat__value">{value}</span>
      <span className="stat__label">
        of {total} {label}
      </span>
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
}: {
  app: AuditApp;
  chosen: boolean;
  toggle: (id: string) => void;
  open: (id: string) => void;
}) {
  const worst = a.worst;
  return (
    <>
      <input
        type="checkbox"
        aria-label={`Select ${a.name}`}
        checked={chosen}
        disabled={!!a.error}
        onChange={() => toggle(a.id)}
      />
      <AppIcon appId={a.id} size={32} />
      <button type="button" className="ranking__name" onClick={() => open(a.id)}>
        <span className="ranking__title" title={a.name}>
          {a.name}
        </span>
        <span className="ranking__detail">
          {a.error
            ? a.onceReset
              ? `Flatpak refuses to run it while a file is malformed. Once reset: ${worst ? worst.title : 'nothing risky found'}`
              : `Cannot be read: ${a.error}`
            : worst
              ? worst.title
              : 'Nothing risky found'}
        </span>
      </button>
      {worst ? <SeverityChip severity={worst.severity} /> : null}
      <span className="ranking__score" aria-label={`Exposure score ${a.score}`}>
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
  });
  // Up and Down move to the same control of the next row, scrolling it into view, so the
  // keyboard reaches every row although most are not drawn.
  const onKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const target = e.target as HTMLElement;
    const row = target.closest<HTMLElement>('[data-index]');
    if (!row || target.tagName === 'UL') return;
    const to = Number(row.dataset.index) + (e.key === 'ArrowDown' ? 1 : -1);
    if (to < 0 || to >= apps.length) return;
    e.preventDefault();
    const kind = target.tagName === 'INPUT' ? 'input' : 'button';
    virtualizer.scrollToIndex(to, { align: 'auto' });
    const focus = (tries: number) => {
      const next = listRef.current?.querySelector<HTMLElement>(`[data-index="${to}"] ${kind}`);
      if (next) next.focus();
      else if (tries > 0) requestAnimationFrame(() => focus(tries - 1));
    };
    focus(5);
  };
  return (
    <ul
      ref={listRef}
      className="ranking ranking--virtual"
      aria-label="Apps by exposure"
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
          >
            <RankingRow app={a} chosen={chosen.has(a.id)} toggle={toggle} open={open} />
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
  const o = audit?.overview;
  const toggle = (id: string) =>
    setChosen((c) => (c.has(id) ? new Set([...c].filter((x) => x !== id)) : new Set([...c, id])));
  const readable = audit?.apps.filter((a) => !a.error) ?? [];
  const affected = audit?.apps.filter((a) => a.onceReset).length ?? 0;
  return (
    <div className="page">
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">Overview</h1>
          <p className="page-header__summary">What your apps can reach, the most exposed first.</p>
        </div>
        <div className="page-header__actions page-header__actions--row">
          <button type="button" className="button" onClick={() => void openImport()}>
            Import…
          </button>
          <button type="button" className="button" onClick={() => void exportOverrides('file')}>
            Export…
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void exportOverrides('system-tree')}
            title="The plain files of a system override folder, with a README and an Ansible playbook"
          >
            Export for many machines…
          </button>
        </div>
      </header>
      {auditError ? (
        <Banner kind="error" title="Confine could not audit the apps">
          {auditError}
        </Banner>
      ) : null}
      {audit?.brokenGlobals.map((b) => (
        <BrokenLayerBanner
          key={b.path}
          layer={b.scope === 'user' ? 'user-global' : 'system-global'}
          path={b.path}
          message={b.message}
          stops={b.scope === 'user' ? 'any app' : `the ${count(b.apps.length, 'app', 'apps')} installed system-wide`}
          {...(b.command ? { command: b.command } : {})}
          onReset={() => void resetOverride(null)}
        />
      ))}
      {warnings.length > 0 ? (
        <Banner kind="warning" title="Not every installation could be read">
          {warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
        </Banner>
      ) : null}
      {o ? (
        <>
          <div className="stats" role="list" aria-label="Summary">
            {(
              [
                [o.canEscape, 'apps can escape the sandbox', 'danger'],
                [o.readHome, 'apps can read your home folder', 'warning'],
                [o.network, 'apps have the network', 'plain'],
                [o.x11, 'apps use X11 even on Wayland', 'warning'],
              ] as const
            ).map(([value, label, tone]) => (
              <div role="listitem" key={label}>
                <Stat value={value} total={o.apps} label={label} tone={tone} />
              </div>
            ))}
          </div>
          {affected > 0 ? (
            <p className="page-note">
              {affected} of these apps cannot run now because a file is malformed; they are counted with what they get
              once it is reset.
            </p>
          ) : null}
          <p className="severity-counts">
            Findings:{' '}
            {SEVERITIES.map((s) => (
              <span key={s} className="severity-counts__item">
                <SeverityChip severity={s} /> {o.bySeverity[s]}
              </span>
            ))}
          </p>
        </>
      ) : !auditError ? (
        <p className="page-note">Auditing the apps…</p>
      ) : null}
      {audit ? (
        <Group
          title="Apps by exposure"
          description="Tick apps to apply a preset to all of them at once; you see every change before it is made."
          id="group-ranking"
        >
          <div className="bulk-bar">
            <button
              type="button"
              className="button"
              onClick={() => setChosen(new Set(readable.filter((a) => a.score > 0).map((a) => a.id)))}
            >
              Select exposed
            </button>
            <button type="button" className="button" disabled={chosen.size === 0} onClick={() => setChosen(new Set())}>
              Select none
            </button>
            <Segmented<PresetName>
              label="Preset"
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
              {chosen.size > 0 ? `Preview ${count(chosen.size, 'app', 'apps')}…` : 'Preview apps…'}
            </button>
          </div>
          <Ranking apps={audit.apps} chosen={chosen} toggle={toggle} open={(id) => select(appPage(id))} />
        </Group>
      ) : null}
      {audit ? (
        <Group title="What Flatpak cannot restrict" id="group-limits">
          <ul className="limits">
            {audit.limits.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </Group>
      ) : null}
      <p className="page-note">
        {SEVERITY_LABELS.escape}: a way out of the sandbox. Scores add up the findings, an escape counting the most.
      </p>
    </div>
  );
}
