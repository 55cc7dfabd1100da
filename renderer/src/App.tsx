import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { subscribe, call } from './api';
import { Banner } from './components/Banner';
import { Sidebar } from './components/Sidebar';
import { PermissionsPage } from './pages/AppPage';
import { useStore } from './store';
import { GLOBAL } from './store/selection';

export function App() {
  const searchRef = useRef<HTMLInputElement>(null);
  const { selected, catalogError, catalog } = useStore(useShallow((s) => ({ selected: s.selected, catalogError: s.catalogError, catalog: s.catalog })));

  useEffect(() => {
    const { loadCatalog, select, loadPermissions } = useStore.getState();
    void (async () => {
      const settings = await call('settings:get', {});
      await loadCatalog();
      const remembered = settings.ok ? settings.value.selectedApp : null;
      const apps = useStore.getState().catalog?.apps ?? [];
      select(remembered && apps.some((a) => a.id === remembered) ? remembered : GLOBAL);
    })();
    // Changes made outside (a terminal, an update) show up without a restart.
    const off = subscribe('flatpak:changed', (changed) => {
      if (changed.apps) void useStore.getState().loadCatalog();
      void loadPermissions();
    });
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      off();
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  return (
    <div className="app">
      <Sidebar searchRef={searchRef} />
      <main className="content" aria-live="polite">
        {catalogError ? <Banner kind="error" title="Confine could not read the installed apps">{catalogError}</Banner> : null}
        {catalog && !catalog.flatpakDetected ? (
          <Banner kind="warning" title="Flatpak was not found">Confine shows what Flatpak {catalog.flatpakVersion} would do; install Flatpak to manage apps.</Banner>
        ) : null}
        {selected !== null ? <PermissionsPage /> : null}
      </main>
    </div>
  );
}
