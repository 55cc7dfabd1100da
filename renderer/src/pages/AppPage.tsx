import { useShallow } from 'zustand/react/shallow';
import { DEFAULT_FLATPAK_VERSION, parseVersion } from '../../../shared/flatpak/version';
import type { AppInfo } from '../../../shared/model';
import { AppIcon } from '../components/AppIcon';
import { Banner } from '../components/Banner';
import { installationLabel } from '../components/installation';
import { PermissionGroups } from '../components/PermissionGroups';
import { useStore } from '../store';
import { GLOBAL } from '../store/selection';
import { selectSelectedApp } from '../store/selectors';

function formatDate(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d.toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
}

function AppHeader({ app }: { app: AppInfo }) {
  const primary = app.deployments[0];
  const facts: [string, string | undefined][] = [
    ['Developer', app.developer],
    ['Version', app.version],
    ['Updated', formatDate(primary?.updated)],
    ['Runtime', app.runtime],
    ['Branch', primary ? `${primary.branch} (${primary.arch})` : undefined],
  ];
  return (
    <header className="page-header">
      <AppIcon appId={app.id} size={64} />
      <div className="page-header__text">
        <h1 className="page-header__title">{app.name}</h1>
        {app.summary ? <p className="page-header__summary">{app.summary}</p> : null}
        <p className="page-header__id">
          <code>{app.id}</code>
          {app.deployments.map((d) => (
            <span key={d.installation} className={`badge badge--${d.kind}`} title={d.path}>
              {installationLabel(d)}
            </span>
          ))}
        </p>
        <dl className="facts">
          {facts
            .filter((f): f is [string, string] => !!f[1])
            .map(([k, v]) => (
              <div key={k} className="facts__item">
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
        </dl>
      </div>
    </header>
  );
}

export function PermissionsPage() {
  const { selected, view, viewError, viewFor, flatpakVersion } = useStore(
    useShallow((s) => ({ selected: s.selected, view: s.view, viewError: s.viewError, viewFor: s.viewFor, flatpakVersion: s.catalog?.flatpakVersion })),
  );
  const app = useStore(selectSelectedApp);
  const version = parseVersion(flatpakVersion ?? '') ?? DEFAULT_FLATPAK_VERSION;
  const isGlobal = selected === GLOBAL;
  const current = viewFor === selected ? view : null;
  return (
    <div className="page">
      {isGlobal ? (
        <header className="page-header">
          <AppIcon appId={null} size={64} />
          <div className="page-header__text">
            <h1 className="page-header__title">All applications</h1>
            <p className="page-header__summary">The global override: what you set here applies to every app, below each app’s own override.</p>
          </div>
        </header>
      ) : app ? (
        <AppHeader app={app} />
      ) : null}
      {viewError && viewFor === selected ? <Banner kind="error" title="Confine could not read these permissions">{viewError}</Banner> : null}
      {current?.error ? (
        <Banner kind="error" title={isGlobal ? 'The global override file is malformed' : 'Flatpak cannot read the permissions of this app'}>
          <p>{current.error}</p>
          <p>Flatpak refuses to run {isGlobal ? 'any app' : 'this app'} until the file is fixed or reset.</p>
        </Banner>
      ) : null}
      {current?.effective ? <PermissionGroups effective={current.effective} version={version} ownLayer={isGlobal ? 'user-global' : 'user-app'} /> : null}
    </div>
  );
}
