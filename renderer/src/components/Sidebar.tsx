import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store';
import { useLayout } from '../store/layout';
import { appPage, GLOBAL, OVERVIEW, samePage, type Page, type SortOrder } from '../store/selection';
import { SEVERITY_LABELS } from '../../../shared/hardening/audit';
import { Segmented } from './Controls';
import { SearchField } from './SearchField';
import { filterApps, selectApps } from '../store/selectors';
import { selectPendingIds } from '../store/review';
import { CapabilityFilter } from './CapabilityFilter';
import { AppIcon } from './AppIcon';
import { installationLabel } from './installation';
import { SystemIndicator } from './SystemIndicator';
import { defineMessages, formatList, formatNumber, t } from '../../../shared/i18n';
import { COMMON } from '../i18n/messages';

const M = defineMessages({
  noMatch: {
    id: 'ui.sidebar.no-match',
    defaultMessage: 'No app matches “{query}”.',
    description: 'The app list is empty; query is what the user typed in the search field',
  },
  noMatchFilter: { id: 'ui.sidebar.no-match-filter', defaultMessage: 'No app can do all that the filter asks.' },
  noMatchBoth: {
    id: 'ui.sidebar.no-match-query-and-filter',
    defaultMessage: 'No app matches “{query}” and the filter.',
    description: 'query is what the user typed in the search field',
  },
  label: { id: 'ui.sidebar.label', defaultMessage: 'Applications', description: 'Accessible name of the sidebar' },
  searchPlaceholder: { id: 'ui.sidebar.search-placeholder', defaultMessage: 'Search apps' },
  searchLabel: { id: 'ui.sidebar.search-label', defaultMessage: 'Search apps by name or ID' },
  sortBy: { id: 'ui.sidebar.sort-by', defaultMessage: 'Sort by', description: 'Short label before Name | Exposure' },
  sortLabel: { id: 'ui.sidebar.sort-label', defaultMessage: 'Sort apps by' },
  sortName: { id: 'ui.sidebar.sort.name', defaultMessage: 'Name', description: 'Sort the app list by name' },
  sortExposure: {
    id: 'ui.sidebar.sort.exposure',
    defaultMessage: 'Exposure',
    description: 'Sort the app list by exposure, the most exposed first',
  },
  listLabel: { id: 'ui.sidebar.list-label', defaultMessage: 'Installed applications' },
  changedLabel: {
    id: 'ui.sidebar.changed-label',
    defaultMessage: 'changed by you',
    description: 'Accessible name of the dot beside an app whose permissions the user changed',
  },
  changedTooltip: { id: 'ui.sidebar.changed-tooltip', defaultMessage: 'You changed this app’s permissions' },
  newMark: {
    id: 'ui.sidebar.new',
    defaultMessage: 'New',
    description: 'A small mark beside an app whose update changed the permissions it asks for',
  },
  newTooltip: {
    id: 'ui.sidebar.new-tooltip',
    defaultMessage: 'New since you last looked: an update changed what this app asks for',
  },
  overviewDetail: {
    id: 'ui.sidebar.overview-detail',
    defaultMessage: 'Exposure of every app',
    description: 'Second line of the Overview entry',
  },
  globalDetail: {
    id: 'ui.sidebar.global-detail',
    defaultMessage: 'Global override',
    description: 'Second line of the All applications entry: it edits Flatpak’s global override',
  },
  exposureLabel: {
    id: 'ui.sidebar.exposure-label',
    defaultMessage: 'Exposure: {severity}',
    description: 'Accessible name of an app’s coloured dot; severity is a severity’s name (high, medium…)',
  },
  worstTooltip: {
    id: 'ui.sidebar.worst-tooltip',
    defaultMessage: 'Worst finding: {severity}',
    description: 'Tooltip of an app’s coloured dot; severity is a severity’s name (high, medium…)',
  },
  installedIn: {
    id: 'ui.sidebar.installed-in',
    defaultMessage: 'Installed in: {installations}',
    description: 'Tooltip of an app’s installation badge; installations is a list such as “User and System”',
  },
  loading: { id: 'ui.sidebar.loading', defaultMessage: 'Reading installed apps…' },
  noApps: { id: 'ui.sidebar.no-apps', defaultMessage: 'No Flatpak apps are installed.' },
});

const ROW_HEIGHT = 56;

function SpecialIcon({ kind }: { kind: 'overview' | 'global' }) {
  return (
    <svg
      className={`app-icon special-icon special-icon--${kind}`}
      width={32}
      height={32}
      viewBox="0 0 32 32"
      aria-hidden="true"
    >
      <rect x="2" y="2" width="28" height="28" rx="7" />
      {kind === 'overview' ? (
        <path d="M16 7l8 3v6c0 5-3.5 8-8 9.5C11.5 24 8 21 8 16v-6z" />
      ) : (
        <path d="M10 12h12M10 16h12M10 20h8" />
      )}
    </svg>
  );
}

/** Why the list is empty, in the words of what narrowed it. */
function noMatch(query: string, filtered: boolean): string {
  const q = query.trim();
  if (!filtered) return t(M.noMatch, { query });
  return q === '' ? t(M.noMatchFilter) : t(M.noMatchBoth, { query });
}

export function Sidebar({ searchRef }: { searchRef: React.RefObject<HTMLInputElement | null> }) {
  const apps = useStore(selectApps);
  const { query, setQuery, selected, select, loading, sort, setSort, exposure, can, capabilities, changed } = useStore(
    useShallow((s) => ({
      query: s.query,
      setQuery: s.setQuery,
      selected: s.selected,
      select: s.select,
      // Apps listed before their audits are shown, unless what orders or filters them is missing.
      loading:
        s.catalogLoad.loading && (!s.catalog || (s.catalogListedOnly && (s.sort === 'exposure' || s.can.length > 0))),
      sort: s.sort,
      setSort: s.setSort,
      exposure: s.catalog?.exposure,
      can: s.can,
      capabilities: s.catalog?.capabilities,
      changed: s.catalog?.changed,
    })),
  );
  const visible = useMemo(
    () => filterApps(apps, query, sort, exposure, { wanted: can, of: capabilities ?? {} }),
    [apps, query, sort, exposure, can, capabilities],
  );
  const changedApps = useMemo(() => new Set(changed), [changed]);
  const reviewApps = useStore(selectPendingIds);
  const pages = useMemo<Page[]>(() => [OVERVIEW, GLOBAL, ...visible.map((a) => appPage(a.id))], [visible]);
  const FIXED = 2;
  const listRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: pages.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // Overview and All applications stay drawn, stuck above the apps, in reach whichever app
    // is picked; an app scrolled to is kept clear of them.
    rangeExtractor: (range) => [...new Set([0, 1, ...defaultRangeExtractor(range)])].filter((i) => i < pages.length),
    scrollPaddingStart: FIXED * ROW_HEIGHT,
  });
  const index = pages.findIndex((p) => samePage(p, selected));
  const { showContent, focus } = useLayout(useShallow((s) => ({ showContent: s.showContent, focus: s.focus })));
  // Opening an entry shows its page; in a narrow window that replaces the list.
  const open = (page: Page) => {
    select(page);
    showContent();
  };

  // Back from a page in a narrow window: the list takes focus on the entry that was open.
  useEffect(() => {
    if (focus !== 'list') return;
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
    listRef.current?.focus();
    useLayout.getState().focused();
  }, [focus, index, virtualizer]);

  useEffect(() => {
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [index, virtualizer]);

  const move = (to: number) => {
    const clamped = Math.max(0, Math.min(pages.length - 1, to));
    const page = pages[clamped];
    if (page !== undefined) select(page);
  };

  const onListKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((listRef.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(index + 1),
      ArrowUp: () => move(index - 1),
      Home: () => move(0),
      End: () => move(pages.length - 1),
      PageDown: () => move(index + page),
      PageUp: () => move(index - page),
    };
    const action = keys[e.key];
    if ((e.key === 'Enter' || e.key === ' ') && index >= 0) {
      // The arrows only choose; Enter or Space opens, which a narrow window needs to leave the list.
      e.preventDefault();
      showContent();
    } else if (action) {
      e.preventDefault();
      action();
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && e.key !== ' ') {
      // Type to search: the first letter goes to the search field.
      e.preventDefault();
      setQuery(query + e.key);
      searchRef.current?.focus();
    }
  };

  return (
    <nav className="sidebar" aria-label={t(M.label)}>
      <div className="sidebar__header">
        <SearchField
          ref={searchRef}
          placeholder={t(M.searchPlaceholder)}
          aria-label={t(M.searchLabel)}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'Enter') {
              e.preventDefault();
              if (visible[0] && (index <= 0 || e.key === 'Enter')) select(appPage(visible[0].id));
              listRef.current?.focus();
              if (e.key === 'Enter' && visible[0]) showContent();
            } else if (e.key === 'Escape') {
              setQuery('');
            }
          }}
        />
        <div className="sidebar__sort">
          <span className="sidebar__sort-label" id="sort-label">
            {t(M.sortBy)}
          </span>
          <Segmented<SortOrder>
            label={t(M.sortLabel)}
            value={sort}
            options={[
              { value: 'name', label: t(M.sortName) },
              { value: 'exposure', label: t(M.sortExposure) },
            ]}
            onChange={setSort}
          />
        </div>
        <CapabilityFilter />
      </div>
      <div
        ref={listRef}
        className="app-list"
        role="listbox"
        tabIndex={0}
        aria-label={t(M.listLabel)}
        aria-activedescendant={index >= 0 ? `app-row-${index}` : undefined}
        aria-busy={loading}
        onKeyDown={onListKey}
      >
        <div className="app-list__inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => {
            const page = pages[row.index] ?? GLOBAL;
            const app = row.index < FIXED ? undefined : visible[row.index - FIXED];
            const isSelected = samePage(page, selected);
            const overview = page.kind === 'overview';
            const worst = app ? exposure?.[app.id]?.worst : undefined;
            return (
              <div
                key={page.kind === 'app' ? page.appId : `*${page.kind}*`}
                id={`app-row-${row.index}`}
                role="option"
                aria-selected={isSelected}
                className={`app-row${isSelected ? ' app-row--selected' : ''}${app ? '' : ' app-row--fixed'}`}
                style={
                  app
                    ? { transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }
                    : { top: row.start, height: ROW_HEIGHT }
                }
                onClick={() => open(page)}
              >
                {app ? <AppIcon appId={app.id} size={32} /> : <SpecialIcon kind={overview ? 'overview' : 'global'} />}
                <div className="app-row__text">
                  <span className="app-row__title">
                    {/* A long name is cut by CSS; the tooltip shows it whole. */}
                    <span className="app-row__name" title={app?.name}>
                      {app ? app.name : t(overview ? COMMON.overview : COMMON.allApps)}
                    </span>
                    {app && changedApps.has(app.id) ? (
                      <span
                        className="changed-dot"
                        role="img"
                        aria-label={t(M.changedLabel)}
                        title={t(M.changedTooltip)}
                      />
                    ) : null}
                    {app && reviewApps.has(app.id) ? (
                      <span className="new-mark" role="img" aria-label={t(M.newTooltip)} title={t(M.newTooltip)}>
                        {t(M.newMark)}
                      </span>
                    ) : null}
                  </span>
                  <span className="app-row__id">{app ? app.id : t(overview ? M.overviewDetail : M.globalDetail)}</span>
                </div>
                {worst ? (
                  <span
                    className={`exposure-dot exposure-dot--${worst}`}
                    role="img"
                    aria-label={t(M.exposureLabel, { severity: SEVERITY_LABELS[worst] })}
                    title={t(M.worstTooltip, { severity: SEVERITY_LABELS[worst] })}
                  />
                ) : null}
                {app?.deployments[0] ? (
                  <span
                    className={`badge badge--${app.deployments[0].kind}`}
                    title={t(M.installedIn, {
                      installations: formatList(app.deployments.map((d) => installationLabel(d))),
                    })}
                  >
                    {installationLabel(app.deployments[0])}
                    {app.deployments.length > 1 ? ` +${formatNumber(app.deployments.length - 1)}` : ''}
                  </span>
                ) : null}
              </div>
            );
          })}
        </div>
        {loading ? <p className="app-list__note">{t(M.loading)}</p> : null}
        {!loading && visible.length === 0 && apps.length > 0 ? (
          <p className="app-list__note">{noMatch(query, can.length > 0)}</p>
        ) : null}
        {!loading && apps.length === 0 ? <p className="app-list__note">{t(M.noApps)}</p> : null}
      </div>
      <div className="sidebar__footer">
        <SystemIndicator />
      </div>
    </nav>
  );
}
