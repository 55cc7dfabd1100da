import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { DisposableStack } from '../../shared/disposable';
import { subscribe, call } from './api';
import { Banner } from './components/Banner';
import { Loading } from './components/Loading';
import { Sidebar } from './components/Sidebar';
import { Toast } from './components/Toast';
import { PermissionsPage } from './pages/AppPage';
import { useStore } from './store';
import { appPage, OVERVIEW, showsPermissions } from './store/selection';
import { SystemPage } from './pages/SystemPage';
import { HardenDialog } from './components/HardenDialog';
import { ImportDialog } from './components/ImportDialog';
import { OverviewPage } from './pages/OverviewPage';

export function App() {
  const searchRef = useRef<HTMLInputElement>(null);
  const contentRef = useRef<HTMLElement>(null);
  const { selected, catalogError, catalog } = useStore(
    useShallow((s) => ({ selected: s.selected, catalogError: s.catalogLoad.error?.message, catalog: s.catalog })),
  );

  // A newly chosen app starts at the top of its page.
  useEffect(() => {
    contentRef.current?.scrollTo({ top: 0 });
  }, [selected]);

  useEffect(() => {
    const { loadCatalog, select, loadPermissions, loadSystem } = useStore.getState();
    // Everything this effect subscribes to, let go of when the window's root unmounts.
    const held = new DisposableStack();
    void (async () => {
      const settings = await call('settings:get', {});
      await loadCatalog();
      // The sidebar's protection indicator; after the list, whose reading it reuses.
      void loadSystem();
      const remembered = settings.ok ? settings.value.page : null;
      const apps = useStore.getState().catalog?.apps ?? [];
      // Something the user picked while the list was loading stays picked.
      if (useStore.getState().selected !== null) return;
      // An app that is no longer installed gives way to the overview.
      const gone = remembered?.kind === 'app' && !apps.some((a) => a.id === remembered.appId);
      select(remembered && !gone ? remembered : OVERVIEW);
    })();
    // Changes made outside (a terminal, an update, a portal) show up without a restart. A
    // change to some apps' own overrides rereads just those apps; anything else (an install,
    // a global override, portal grants) may concern every app, and the list is read again.
    held.add(
      subscribe('flatpak:changed', (changed) => {
        const state = useStore.getState();
        if (changed.appIds !== null && !changed.apps && !changed.portals) void state.reloadApps(changed.appIds);
        else void state.loadCatalog();
        if (state.selected?.kind === 'overview') void state.loadAudit();
        else if (showsPermissions(state.selected)) void loadPermissions();
        if (changed.portals) void state.loadPortals();
      }),
    );
    held.add(
      subscribe('app:open', ({ appId }) => {
        const state = useStore.getState();
        if (state.catalog?.apps.some((a) => a.id === appId)) state.select(appPage(appId));
        else state.showToast({ kind: 'error', message: `${appId} is not installed` });
      }),
    );
    const onKey = (e: KeyboardEvent) => {
      const ctrl = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (ctrl && key === 'f') {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
        return;
      }
      // In a text field, Ctrl+Z undoes typing; elsewhere it undoes the last saved change.
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
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
    <div className="app">
      <Sidebar searchRef={searchRef} />
      {/* Focusable from script only: focus falls back here when what held it goes away. */}
      <main className="content" ref={contentRef} tabIndex={-1}>
        {catalogError ? (
          <Banner kind="error" title="Confine could not read the installed apps">
            {catalogError}
          </Banner>
        ) : null}
        {catalog && !catalog.flatpakDetected ? (
          <Banner kind="warning" title="Flatpak was not found">
            Confine shows what Flatpak {catalog.flatpakVersion} would do; install Flatpak to manage apps.
          </Banner>
        ) : null}
        {selected?.kind === 'overview' ? (
          <OverviewPage />
        ) : selected?.kind === 'system' ? (
          <SystemPage />
        ) : showsPermissions(selected) ? (
          <PermissionsPage />
        ) : catalogError ? null : (
          <Loading what="Reading the installed apps…" />
        )}
      </main>
      <HardenDialog />
      <ImportDialog />
      <Toast />
    </div>
  );
}
