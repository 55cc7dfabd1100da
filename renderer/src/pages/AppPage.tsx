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
import { Loading } from '../components/Loading';
import { FindingsGroup } from '../components/Findings';
import { installationLabel } from '../components/installation';
import { permissionGroups } from '../components/page-summary';
import { PermissionGroups } from '../components/PermissionGroups';
import { LockRow, ReviewApp } from '../components/ReviewChanges';
import { PORTALS_TITLE, PortalsGroup } from '../components/PortalsGroup';
import { rich } from '../components/rich';
import { VerifyPanel } from '../components/VerifyPanel';
import { VerifyAfterOffer } from '../components/VerifyAfterOffer';
import { SystemGlobalNote } from '../components/SystemGlobalNote';
import { useStore } from '../store';
import { samePage } from '../store/selection';
import { selectSelectedApp } from '../store/selectors';
import { COMMON } from '../i18n/messages';
import { defineMessages, formatDateTime, t, type Message } from '../../../shared/i18n';

const M = defineMessages({
  stopsAny: {
    id: 'ui.app-page.stops.any-app',
    defaultMessage: 'any app',
    description: 'Whom a malformed override file stops Flatpak from running; read inside the malformed-file banner',
  },
  stopsSystem: {
    id: 'ui.app-page.stops.system-apps',
    defaultMessage: 'any app installed system-wide, this one among them',
    description: 'Whom a malformed system-wide global override stops; read inside the malformed-file banner',
  },
  stopsThis: {
    id: 'ui.app-page.stops.this-app',
    defaultMessage: 'this app',
    description: 'Whom a malformed override file of one app stops; read inside the malformed-file banner',
  },
  developer: {
    id: 'ui.app-page.fact.developer',
    defaultMessage: 'Developer',
    description: 'A fact about the app, in its page header',
  },
  version: {
    id: 'ui.app-page.fact.version',
    defaultMessage: 'Version',
    description: 'A fact about the app, in its page header',
  },
  updated: {
    id: 'ui.app-page.fact.updated',
    defaultMessage: 'Updated',
    description: 'A fact about the app, in its page header: the date it was last installed or updated',
  },
  runtime: {
    id: 'ui.app-page.fact.runtime',
    defaultMessage: 'Runtime',
    description: 'A fact about the app: the Flatpak runtime it runs on (org.gnome.Platform/x86_64/46)',
  },
  branch: {
    id: 'ui.app-page.fact.branch',
    defaultMessage: 'Branch',
    description: 'A fact about the app: the Flatpak branch installed (stable, beta)',
  },
  branchArch: {
    id: 'ui.app-page.fact.branch-value',
    defaultMessage: '{branch} ({arch})',
    description: 'The branch fact: branch is a Flatpak branch (stable), arch its processor architecture (x86_64)',
  },
  globalSummary: {
    id: 'ui.app-page.global-summary',
    defaultMessage: 'The global override: what you set here applies to every app, below each app’s own override.',
    description: 'Under the title of the All applications page',
  },
  reset: {
    id: 'ui.app-page.reset',
    defaultMessage: 'Reset',
    description: 'Button in the page header: removes your override',
  },
  resetTitle: {
    id: 'ui.app-page.reset.tooltip',
    defaultMessage: 'Remove your override; you can undo this',
    description: 'Tooltip of the Reset button',
  },
  resetNothing: {
    id: 'ui.app-page.reset.tooltip-nothing',
    defaultMessage: 'You have not changed anything here',
    description: 'Tooltip of the Reset button while it is disabled',
  },
  loading: {
    id: 'ui.app-page.loading',
    defaultMessage: 'Reading the permissions…',
    description: 'Shown under an app’s heading while its permissions are read',
  },
  unreadableView: {
    id: 'ui.app-page.error.unreadable-view',
    defaultMessage: 'Confine could not read these permissions',
    description: 'Title of an error banner; the reason follows under it',
  },
  flatpakCannotRead: {
    id: 'ui.app-page.error.flatpak-cannot-read',
    defaultMessage: 'Flatpak cannot read the permissions of this app',
    description: 'Title of an error banner; Flatpak’s own message follows under it',
  },
  unreadableFile: {
    id: 'ui.app-page.warning.unreadable-file',
    defaultMessage: 'A file could not be read',
    description: 'Title of a warning banner; which file and why follow under it',
  },
  symlinkTitle: {
    id: 'ui.app-page.warning.symlink.title',
    defaultMessage: 'Your override is a link',
    description: 'Title of a warning banner: the user’s override file is a symbolic link',
  },
  symlinkText: {
    id: 'ui.app-page.warning.symlink.text',
    defaultMessage:
      '{path} is a symbolic link. Flatpak follows it, and Confine shows what it holds, but Confine never writes through a link: changes here are refused. Edit the file it points to, or replace the link with a file.',
    description: 'The symlink warning; path is the override file’s path, shown as code',
  },
  onceReset: {
    id: 'ui.app-page.once-reset.label',
    defaultMessage: 'Once the file is reset',
    description: 'Accessible name of the section that previews the permissions after a malformed file is reset',
  },
  onceResetNote: {
    id: 'ui.app-page.once-reset.note',
    defaultMessage:
      'What Flatpak will enforce once the malformed file is reset. Nothing here can be changed until then.',
    description: 'Above the preview of the permissions after a malformed file is reset',
  },
});

function formatDate(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : formatDateTime(d, { year: 'numeric', month: 'long', day: 'numeric' });
}

/** Whom a malformed layer stops Flatpak from running. */
function stopsOf(layer: LayerId, isGlobal: boolean): string {
  if (isGlobal) return t(M.stopsAny);
  switch (layer) {
    case 'user-global':
      return t(M.stopsAny);
    case 'system-global':
      return t(M.stopsSystem);
    default:
      return t(M.stopsThis);
  }
}

function Facts({ app }: { app: AppInfo }) {
  const primary = app.deployments[0];
  const facts: [string, Message, string | undefined][] = [
    ['developer', M.developer, app.developer],
    ['version', M.version, app.version],
    ['updated', M.updated, formatDate(primary?.updated)],
    ['runtime', M.runtime, app.runtime],
    ['branch', M.branch, primary ? t(M.branchArch, { branch: primary.branch, arch: primary.arch }) : undefined],
  ];
  return (
    <dl className="facts">
      {facts
        .filter((f): f is [string, Message, string] => !!f[2])
        .map(([k, label, v]) => (
          <div key={k} className="facts__item">
            <dt>{t(label)}</dt>
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
          {isGlobal ? t(COMMON.allApps) : app?.name}
        </h1>
        <p className="page-header__summary">{isGlobal ? t(M.globalSummary) : app?.summary}</p>
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
          title={t(canReset ? M.resetTitle : M.resetNothing)}
        >
          {t(M.reset)}
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
  if (shown && !isGlobal && app) groups.push({ id: 'group-portals', label: t(PORTALS_TITLE), granted: 0, changed: 0 });
  return (
    <div className="page">
      <Header app={app} isGlobal={isGlobal} canReset={!!own && own.state !== 'missing'} onReset={reset} />
      {viewError && samePage(viewFor, selected) ? (
        <Banner kind="error" title={t(M.unreadableView)}>
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
        <Banner kind="error" title={t(M.flatpakCannotRead)}>
          <p>{current.error}</p>
        </Banner>
      ) : null}
      {current?.layers.some((l) => l.state === 'unreadable') ? (
        <Banner kind="warning" title={t(M.unreadableFile)}>
          {current.layers
            .filter((l) => l.state === 'unreadable')
            .map((l) => (
              <p key={l.path}>{l.message}</p>
            ))}
        </Banner>
      ) : null}
      {own?.symlink ? (
        <Banner kind="warning" title={t(M.symlinkTitle)}>
          <p>{rich(M.symlinkText, {}, { path: <code>{own.path}</code> })}</p>
        </Banner>
      ) : null}
      {!current && !(viewError && samePage(viewFor, selected)) ? <Loading what={t(M.loading)} inPage /> : null}
      {isGlobal && current ? <SystemGlobalNote layer={current.layers.find((l) => l.id === 'system-global')} /> : null}
      {!isGlobal && app ? <ReviewApp appId={app.id} /> : null}
      {!isGlobal && app && current && !current.error ? <VerifyAfterOffer appId={app.id} /> : null}
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
        <section aria-label={t(M.onceReset)}>
          <p className="page-note">{t(M.onceResetNote)}</p>
          <PermissionGroups effective={current.onceReset} version={version} />
        </section>
      ) : null}
      {!isGlobal && app ? <PortalsGroup /> : null}
      {/* With the permissions it sits below: alone under the loading note, it would be the first
          switch a quick click meets. */}
      {!isGlobal && app && current ? <LockRow appId={app.id} /> : null}
      {!isGlobal && app && current && !current.error ? <VerifyPanel appId={app.id} /> : null}
      {current && !current.error ? <CommandPanel command={current.command} empty={own?.state === 'missing'} /> : null}
    </div>
  );
}
