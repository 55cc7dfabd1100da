import { useShallow } from 'zustand/react/shallow';
import { DEFAULT_FLATPAK_VERSION, parseVersion } from '../../../shared/flatpak/version';
import type { LayerId } from '../../../shared/flatpak/merge';
import { systemOverrideCommand } from '../../../shared/flatpak/self-sandbox';
import type { AppInfo } from '../../../shared/model';
import { AppIcon } from '../components/AppIcon';
import { Banner } from '../components/Banner';
import { BrokenLayerBanner } from '../components/BrokenLayerBanner';
import { CommandPanel } from '../components/CommandPanel';
import { JumpList } from '../components/FoldGroup';
import { FindingsGroup } from '../components/Findings';
import { installationLabel } from '../components/installation';
import { permissionGroups } from '../components/page-summary';
import { PermissionGroups } from '../components/PermissionGroups';
import { PortalsGroup } from '../components/PortalsGroup';
import { VerifyPanel } from '../components/VerifyPanel';
import { SystemGlobalNote } from '../components/SystemGlobalNote';
import { useStore } from '../store';
import { samePage } from '../store/selection';
import { selectSelectedApp } from '../store/selectors';

function formatDate(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? undefined
    : d.toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
}

/** Whom a malformed layer stops Flatpak from running. */
function stopsOf(layer: LayerId, isGlobal: boolean): string {
  if (isGlobal) return 'any app';
  switch (layer) {
    case 'user-global':
      return 'any app';
    case 'system-global':
      return 'any app installed system-wide, this one among them';
    default:
      return 'this app';
  }
}

function Facts({ app }: { app: AppInfo }) {
  const primary = app.deployments[0];
  const facts: [string, string | undefined][] = [
    ['Developer', app.developer],
    ['Version', app.version],
    ['Updated', formatDate(primary?.updated)],
    ['Runtime', app.runtime],
    ['Branch', primary ? `${primary.branch} (${primary.arch})` : undefined],
  ];
  return (
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
  );
}

function Header({
  app,
  isGlobal,
  canReset,
  onReset,
}: {
  app: AppInfo | undefined;
  isGlobal: boolean;
  canReset: boolean;
  onReset: () => void;
}) {
  return (
    <header className="page-header">
      <AppIcon appId={isGlobal ? null : (app?.id ?? null)} size={64} />
      <div className="page-header__text">
        <h1 className="page-header__title" title={isGlobal ? undefined : app?.name}>
          {isGlobal ? 'All applications' : app?.name}
        </h1>
        <p className="page-header__summary">
          {isGlobal
            ? 'The global override: what you set here applies to every app, below each app’s own override.'
            : app?.summary}
        </p>
        {app && !isGlobal ? (
          <>
            <p className="page-header__id">
              <code>{app.id}</code>
              {app.deployments.map((d) => (
                <span key={d.installation} className={`badge badge--${d.kind}`} title={d.path}>
                  {installationLabel(d)}
                </span>
              ))}
            </p>
            <Facts app={app} />
          </>
        ) : null}
      </div>
      <div className="page-header__actions">
        <button
          type="button"
          className="button button--destructive"
          disabled={!canReset}
          onClick={onReset}
          title={canReset ? 'Remove your override; you can undo this' : 'You have not changed anything here'}
        >
          Reset
        </button>
      </div>
    </header>
  );
}

export function PermissionsPage() {
  const { selected, view, viewError, viewFor, flatpakVersion, resetOverride, openHarden, exposure } = useStore(
    useShallow((s) => ({
      selected: s.selected,
      view: s.view,
      viewError: s.viewLoad.error?.message,
      viewFor: s.viewFor,
      flatpakVersion: s.catalog?.flatpakVersion,
      resetOverride: s.resetOverride,
      openHarden: s.openHarden,
      exposure: s.catalog?.exposure,
    })),
  );
  const app = useStore(selectSelectedApp);
  const version = parseVersion(flatpakVersion ?? '') ?? DEFAULT_FLATPAK_VERSION;
  const isGlobal = selected?.kind === 'global';
  const current = samePage(viewFor, selected) ? view : null;
  const own = current?.layers.find((l) => l.id === (isGlobal ? 'user-global' : 'user-app'));
  // Flatpak stops at the first malformed file it loads; that one is shown, with its remedy.
  const broken = current?.error ? current.layers.find((l) => l.state === 'malformed') : undefined;
  const reset = () => void resetOverride();
  const shown = current?.effective ?? current?.onceReset;
  const groups = shown ? permissionGroups(shown, isGlobal ? 'user-global' : 'user-app') : [];
  if (shown && !isGlobal && app) groups.push({ id: 'group-portals', label: 'Portals', granted: 0, changed: 0 });
  return (
    <div className="page">
      <Header app={app} isGlobal={isGlobal} canReset={!!own && own.state !== 'missing'} onReset={reset} />
      {viewError && samePage(viewFor, selected) ? (
        <Banner kind="error" title="Confine could not read these permissions">
          {viewError}
        </Banner>
      ) : null}
      {broken && current ? (
        <BrokenLayerBanner
          layer={broken.id}
          path={broken.path}
          message={broken.message ?? current.error ?? ''}
          stops={stopsOf(broken.id, isGlobal)}
          {...(broken.id === 'system-global' || broken.id === 'system-app'
            ? { command: systemOverrideCommand(broken.id === 'system-app' ? (app?.id ?? null) : null, ['--reset']) }
            : {})}
          onReset={() => void resetOverride(broken.id === 'user-global' ? null : undefined)}
        />
      ) : current?.error ? (
        <Banner kind="error" title="Flatpak cannot read the permissions of this app">
          <p>{current.error}</p>
        </Banner>
      ) : null}
      {current?.layers.some((l) => l.state === 'unreadable') ? (
        <Banner kind="warning" title="A file could not be read">
          {current.layers
            .filter((l) => l.state === 'unreadable')
            .map((l) => (
              <p key={l.path}>{l.message}</p>
            ))}
        </Banner>
      ) : null}
      {own?.symlink ? (
        <Banner kind="warning" title="Your override is a link">
          <p>
            <code>{own.path}</code> is a symbolic link. Flatpak follows it, and Confine shows what it holds, but Confine
            never writes through a link: changes here are refused. Edit the file it points to, or replace the link with
            a file.
          </p>
        </Banner>
      ) : null}
      {isGlobal && current ? <SystemGlobalNote layer={current.layers.find((l) => l.id === 'system-global')} /> : null}
      {current?.findings && !isGlobal && app ? (
        <FindingsGroup
          findings={current.findings}
          score={exposure?.[app.id]?.score}
          disabled={!!current.error}
          onHarden={() => void openHarden([app.id])}
        />
      ) : null}
      {groups.length > 0 ? <JumpList groups={groups} /> : null}
      {current?.effective ? <PermissionGroups effective={current.effective} version={version} /> : null}
      {!current?.effective && current?.onceReset ? (
        <section aria-label="Once the file is reset">
          <p className="page-note">
            What Flatpak will enforce once the malformed file is reset. Nothing here can be changed until then.
          </p>
          <PermissionGroups effective={current.onceReset} version={version} />
        </section>
      ) : null}
      {!isGlobal && app ? <PortalsGroup /> : null}
      {!isGlobal && app && current && !current.error ? <VerifyPanel appId={app.id} /> : null}
      {current && !current.error ? <CommandPanel command={current.command} empty={own?.state === 'missing'} /> : null}
    </div>
  );
}
