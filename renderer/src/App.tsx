import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { DisposableStack } from '../../shared/disposable';
import { subscribe, call } from './api';
import { Banner } from './components/Banner';
import { Loading } from './components/Loading';
import { Sidebar } from './components/Sidebar';
import { Toast } from './components/Toast';
import { PermissionsPage } from './pages/AppPage';
import { settledOnce, useStore } from './store';
import { isNarrow, useLayout, useNarrow } from './store/layout';
import { appPage, OVERVIEW, showsPermissions } from './store/selection';
import { SystemPage } from './pages/SystemPage';
import { HardenDialog } from './components/HardenDialog';
import { VerifyAfterDialog } from './components/VerifyAfterDialog';
import { ImportDialog } from './components/ImportDialog';
import { OverviewPage } from './pages/OverviewPage';
import { itemLabel } from './components/ReviewChanges';
import { DEFAULT_FLATPAK_VERSION, parseVersion } from '../../shared/flatpak/version';
import { defineMessages, t } from '../../shared/i18n';

const M = defineMessages({
  notInstalled: {
    id: 'ui.app.not-installed',
    defaultMessage: '{appId} is not installed',
    description: 'A toast when another program asked to open an app that is gone; appId is a Flatpak app ID',
  },
  backLabel: { id: 'ui.app.back-label', defaultMessage: 'Back to the list' },
  backTooltip: {
    id: 'ui.app.back-tooltip',
    defaultMessage: 'Back to the list (Alt+Left)',
    description: 'Tooltip of the Back button of a narrow window, with its keyboard shortcut',
  },
  back: { id: 'ui.app.back', defaultMessage: 'Back', description: 'Button of a narrow window: back to the app list' },
  catalogError: { id: 'ui.app.catalog-error', defaultMessage: 'Confine could not read the installed apps' },
  noFlatpakTitle: { id: 'ui.app.no-flatpak.title', defaultMessage: 'Flatpak was not found' },
  noFlatpak: {
    id: 'ui.app.no-flatpak.detail',
    defaultMessage: 'Confine shows what Flatpak {version} would do; install Flatpak to manage apps.',
    description: 'version is the Flatpak version Confine assumes, such as 1.14.10',
  },
  loading: { id: 'ui.app.loading', defaultMessage: 'Reading the installed apps…' },
});

/** A field that takes text, where Ctrl+Z belongs to the field (a checkbox or radio takes none). */
function isTyping(target: HTMLElement | null): boolean {
  if (target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !NOT_TYPED.has(target.type);
}
const NOT_TYPED = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file']);

export function App() {
  const searchRef = useRef<HTMLInputElement>(null);
  const contentRef = useRef<HTMLElement>(null);
  const { selected, catalogError, catalog } = useStore(
    useShallow((s) => ({ selected: s.selected, catalogError: s.catalogLoad.error?.message, catalog: s.catalog })),
  );

  const narrow = useNarrow();
  const { pane, focus, showList } = useLayout(
    useShallow((s) => ({ pane: s.pane, focus: s.focus, showList: s.showList })),
  );

  // Going forward in a narrow window lands on the page's heading, so a screen reader starts
  // reading the page from its name. The list's side is the Sidebar's to focus.
  useEffect(() => {
    if (focus !== 'content') return;
    if (narrow) {
      const heading = contentRef.current?.querySelector('h1');
      if (heading) {
        // A heading takes focus only when asked; Tab still skips it.
        heading.tabIndex = -1;
        heading.focus();
      }
    }
    useLayout.getState().focused();
  }, [focus, narrow, selected]);

  // A newly chosen app starts at the top of its page.
  useEffect(() => {
    contentRef.current?.scrollTo({ top: 0 });
  }, [selected]);

  useEffect(() => {
    const { loadCatalog, loadAudit, select, loadSystem, heardChange } = useStore.getState();
    // Everything this effect subscribes to, let go of when the window's root unmounts.
    const held = new DisposableStack();
    // The list and the remembered page are asked for at once; a page that is not an app's
    // starts reading its own data (the Overview's audit) without waiting for the list. The
    // settings are asked first: answered at once, they are not queued behind the list (at a
    // thousand apps, half a megabyte the page then lays out), which held the Overview's start.
    const settingsRead = call('settings:get', {});
    const catalogRead = loadCatalog();
    // The Overview's ranking too, before the remembered page is known: the window opens on the
    // Overview unless the user left it elsewhere, and this is its longest wait (a thousand apps
    // audited), which otherwise began only once the settings' answer came back. Elsewhere it is
    // dropped: picking the Overview later reads it anew.
    void loadAudit();
    void (async () => {
      const settings = await settingsRead;
      const remembered = settings.ok ? settings.value.page : null;
      // Something the user picked while the list was loading stays picked.
      if (remembered?.kind !== 'app' && useStore.getState().selected === null)
        select(remembered ?? OVERVIEW, { atStart: true });
      await catalogRead;
      if (useStore.getState().selected === null) {
        // An app that is no longer installed gives way to the overview.
        const apps = useStore.getState().catalog?.apps ?? [];
        const gone = remembered?.kind === 'app' && !apps.some((a) => a.id === remembered.appId);
        select(remembered && !gone ? remembered : OVERVIEW, { atStart: true });
      }
      // The sidebar's protection indicator, once the first page has what it shows: both reads
      // at once would slow the one the user is waiting for. (Not the ranking asked at start
      // when the first page is another.)
      await settledOnce((s) => (s.selected?.kind === 'overview' ? !s.auditLoad.loading : !s.viewLoad.loading));
      if (useStore.getState().selected?.kind !== 'system') void loadSystem();
      // What updates changed since the user last looked: the list's marks and the Overview's section.
      void useStore.getState().loadReview();
    })();
    // Changes made outside (a terminal, an update, a portal) show up without a restart.
    held.add(subscribe('flatpak:changed', heardChange));
    held.add(
      subscribe('review:denied', ({ appId, items }) => {
        const version = parseVersion(useStore.getState().catalog?.flatpakVersion ?? '') ?? DEFAULT_FLATPAK_VERSION;
        void useStore.getState().noteWatcherDenial(
          appId,
          items.map((i) => itemLabel(i, version)),
        );
      }),
    );
    held.add(
      // A second start can ask for an app while the list is still being read: it is looked up
      // once the list is there, not reported missing.
      subscribe(
        'app:open',
        ({ appId }) =>
          void catalogRead.then(() => {
            const state = useStore.getState();
            if (state.catalog?.apps.some((a) => a.id === appId)) {
              state.select(appPage(appId));
              useLayout.getState().showContent();
            } else state.showToast({ kind: 'error', message: t(M.notInstalled, { appId }) });
          }),
      ),
    );
    const onKey = (e: KeyboardEvent) => {
      const ctrl = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (ctrl && key === 'f') {
        e.preventDefault();
        // From within a page that has a find box of its own (the Overview's ranking, mostly
        // undrawn, which the browser's find cannot see), Ctrl+F goes there; else to the list's.
        const from = e.target instanceof Element ? e.target : null;
        const pageFind = contentRef.current?.querySelector<HTMLInputElement>('[data-page-find]');
        const find = pageFind && from !== pageFind && from?.closest('main.content') ? pageFind : searchRef.current;
        find?.focus();
        find?.select();
        return;
      }
      const target = e.target as HTMLElement | null;
      // Back to the list in a narrow window, as in a browser (Alt+Left) or a phone's page (Escape).
      // Escape in a text field or a dialog, or one a control already used, is theirs.
      const back =
        (e.altKey && e.key === 'ArrowLeft') || (e.key === 'Escape' && !e.defaultPrevented && !isTyping(target));
      if (back && !document.querySelector('dialog[open]')) {
        const layout = useLayout.getState();
        if (layout.pane === 'content' && isNarrow()) {
          e.preventDefault();
          layout.showList();
          return;
        }
      }
      // In a text field, Ctrl+Z undoes typing; elsewhere it undoes the last saved change.
      if (isTyping(target)) return;
      // A dialog is modal: nothing behind it changes while it is open.
      if (target?.closest('dialog')) return;
      if (ctrl && ((key === 'z' && e.shiftKey) || key === 'y')) {
        e.preventDefault();
        void useStore.getState().redo();
      } else if (ctrl && key === 'z') {
        e.preventDefault();
        void useStore.getState().undo();
      }
    };
    window.addEventListener('keydown', onKey);
    held.add(() => window.removeEventListener('keydown', onKey));
    // Nothing typed is lost when the window closes within the save delay.
    const flush = () => void useStore.getState().flush();
    window.addEventListener('beforeunload', flush);
    held.add(() => window.removeEventListener('beforeunload', flush));
    return () => held.dispose();
  }, []);

  return (
    // In a narrow window styles.css shows only the pane named here.
    <div className={narrow ? 'app app--narrow' : 'app'} data-pane={pane}>
      {/* Alone in a narrow window, the list is the window's main content, and reads as such. */}
      <div className="list-pane" role={narrow && pane === 'list' ? 'main' : undefined}>
        {narrow && pane === 'list' ? <h1 className="visually-hidden">Confine</h1> : null}
        <Sidebar searchRef={searchRef} />
      </div>
      {/* Focusable from script only: focus falls back here when what held it goes away. */}
      <main className="content" ref={contentRef} tabIndex={-1}>
        {narrow ? (
          <div className="content-bar">
            <button
              type="button"
              className="button button--flat back-button"
              aria-label={t(M.backLabel)}
              aria-keyshortcuts="Alt+ArrowLeft Escape"
              title={t(M.backTooltip)}
              onClick={showList}
            >
              <svg className="back-button__icon" viewBox="0 0 16 16" aria-hidden="true">
                <path d="M10 3L5 8l5 5" />
              </svg>
              {t(M.back)}
            </button>
          </div>
        ) : null}
        {catalogError ? (
          <Banner kind="error" title={t(M.catalogError)}>
            {catalogError}
          </Banner>
        ) : null}
        {catalog && !catalog.flatpakDetected ? (
          <Banner kind="warning" title={t(M.noFlatpakTitle)}>
            {t(M.noFlatpak, { version: catalog.flatpakVersion })}
          </Banner>
        ) : null}
        {selected?.kind === 'overview' ? (
          <OverviewPage />
        ) : selected?.kind === 'system' ? (
          <SystemPage />
        ) : showsPermissions(selected) ? (
          <PermissionsPage />
        ) : catalogError ? null : (
          <Loading what={t(M.loading)} />
        )}
      </main>
      <HardenDialog />
      <VerifyAfterDialog />
      <ImportDialog />
      <Toast />
    </div>
  );
}
