// "New since you last looked": what updates added to or removed from apps' declared permissions,
// each in Flatpak's words and in the label the app page gives it, with Keep and Deny per item,
// per app and for all. On the app page, the lock that denies what the app's updates add.

import { useShallow } from 'zustand/react/shallow';
import {
  BUS_POLICIES,
  FILESYSTEM_MODE,
  FILESYSTEM_RESET,
  filesystemLabel,
  flagOption,
} from '../../../shared/flatpak/catalogue';
import { itemChanges } from '../../../shared/flatpak/declared';
import { DEFAULT_FLATPAK_VERSION, parseVersion, type Version } from '../../../shared/flatpak/version';
import { defineMessages, t } from '../../../shared/i18n';
import { useStore } from '../store';
import { selectLock, selectPending, selectPendingOf, type PendingReview } from '../store/review';
import { appPage } from '../store/selection';
import { targetName } from '../store/selectors';
import type { Deployment } from '../../../shared/model';
import { AppIcon } from './AppIcon';
import { Group, Switch } from './Controls';
import { installationLabel } from './installation';
import { rich } from './rich';

const M = defineMessages({
  title: {
    id: 'ui.review.title',
    defaultMessage: 'New since you last looked',
    description: 'Heading of the list of permissions that apps’ updates added or removed',
  },
  overviewHelp: {
    id: 'ui.review.overview-help',
    defaultMessage:
      'Updates changed what these apps ask for. Keep what you accept; Deny writes it into your override, so it stays denied through later updates.',
  },
  appHelp: {
    id: 'ui.review.app-help',
    defaultMessage:
      'An update changed what this app asks for. Keep what you accept; Deny writes it into your override, so it stays denied through later updates.',
  },
  added: { id: 'ui.review.added', defaultMessage: 'added', description: 'Beside a permission an update added' },
  removed: { id: 'ui.review.removed', defaultMessage: 'removed', description: 'Beside a permission an update removed' },
  keep: { id: 'ui.review.keep', defaultMessage: 'Keep', description: 'Button: accept one change an update made' },
  deny: {
    id: 'ui.review.deny',
    defaultMessage: 'Deny',
    description: 'Button: take back one permission an update added',
  },
  keepItem: {
    id: 'ui.review.keep-item',
    defaultMessage: 'Keep {item} for {app}',
    description: 'Accessible name of a Keep button; item is a permission’s label, app an app’s name',
  },
  denyItem: {
    id: 'ui.review.deny-item',
    defaultMessage: 'Deny {item} for {app}',
    description: 'Accessible name of a Deny button; item is a permission’s label, app an app’s name',
  },
  keepAll: { id: 'ui.review.keep-all', defaultMessage: 'Keep all', description: 'Button: accept every change listed' },
  denyAll: {
    id: 'ui.review.deny-all',
    defaultMessage: 'Deny all',
    description: 'Button: take back every permission the updates listed added',
  },
  keepAllOf: {
    id: 'ui.review.keep-all-of',
    defaultMessage: 'Keep all for {app}',
    description: 'Accessible name of an app’s Keep all button',
  },
  denyAllOf: {
    id: 'ui.review.deny-all-of',
    defaultMessage: 'Deny all for {app}',
    description: 'Accessible name of an app’s Deny all button',
  },
  keepEverything: {
    id: 'ui.review.keep-everything',
    defaultMessage: 'Keep all, in every app',
    description: 'Accessible name of the Overview’s Keep all button',
  },
  denyEverything: {
    id: 'ui.review.deny-everything',
    defaultMessage: 'Deny all, in every app',
    description: 'Accessible name of the Overview’s Deny all button',
  },
  changesOf: {
    id: 'ui.review.changes-of',
    defaultMessage: 'Changes of {app}',
    description: 'Accessible name of the list of one app’s changes',
  },
  inInstallation: {
    id: 'ui.review.in-installation',
    defaultMessage: '{installation} installation',
    description:
      'Above the changes in one of an app’s installations; installation is the badge the app list shows (User, System) or an installation’s own name',
  },
  revoked: {
    id: 'ui.review.item-revoked',
    defaultMessage: '{what}: revoked',
    description: 'A permission the app now declares it does without; what is its label (Network)',
  },
  withMode: {
    id: 'ui.review.item-mode',
    defaultMessage: '{what} ({mode})',
    description: 'A folder with its access: “Home folder (read only)”',
  },
  count: {
    id: 'ui.review.count',
    defaultMessage: '{changes, plural, one {# change} other {# changes}} in {apps, plural, one {# app} other {# apps}}',
    description: 'Beside Keep all and Deny all on the Overview',
  },
  lock: {
    id: 'ui.review.lock',
    defaultMessage: 'Lock: deny anything an update adds',
    description: 'Label of the switch that locks an app',
  },
  lockHelp: {
    id: 'ui.review.lock-help',
    defaultMessage:
      'While Confine or {command} runs, a permission an update of this app newly asks for is denied at once, and you are told.',
    description: 'Under the lock switch; command is confine watch',
  },
  lockAll: {
    id: 'ui.review.lock-all',
    defaultMessage: 'Every app is locked ({command}); {unlock} lifts it.',
    description:
      'Under the lock switch when all apps are locked; command is confine lock --all, unlock confine unlock --all',
  },
});

/** A declared item (`--share=network`) in the words the app page gives its permission. */
export function itemLabel(item: string, version: Version): string {
  const change = itemChanges(item, version)?.at(-1);
  if (!change) return item;
  switch (change.kind) {
    case 'filesystems': {
      const what = filesystemLabel(change.path);
      const mode = change.value ?? 'rw';
      return mode === 'rw' ? what : t(M.withMode, { what, mode: FILESYSTEM_MODE[mode].label });
    }
    case 'filesystem-reset':
      return FILESYSTEM_RESET.label;
    case 'persistent':
      return `~/${change.path}`;
    case 'environment':
      return change.name;
    case 'bus': {
      // The policy in the words of the app page's D-Bus group (Talk, Own), not Flatpak's token.
      const policy = BUS_POLICIES.find((p) => p.name === change.value);
      return policy ? t(M.withMode, { what: change.name, mode: policy.label }) : change.name;
    }
    default: {
      const what = flagOption(change.kind, change.name)?.label ?? change.name;
      return change.value === false ? t(M.revoked, { what }) : what;
    }
  }
}

function useVersion(): Version {
  const text = useStore((s) => s.catalog?.flatpakVersion);
  return parseVersion(text ?? '') ?? DEFAULT_FLATPAK_VERSION;
}

function Item({
  appId,
  app,
  item,
  kind,
  version,
}: {
  appId: string;
  app: string;
  item: string;
  kind: 'added' | 'removed';
  version: Version;
}) {
  const { decide, busy } = useStore(useShallow((s) => ({ decide: s.decideReview, busy: s.reviewBusy })));
  const label = itemLabel(item, version);
  const words = (i: string) => itemLabel(i, version);
  return (
    <li className={`review-item review-item--${kind}`}>
      <span className="review-item__text">
        <span className="review-item__label">{label}</span>
        <span className="review-item__detail">
          <code>{item}</code> <span className={`review-chip review-chip--${kind}`}>{t(M[kind])}</span>
        </span>
      </span>
      <span className="review-item__actions">
        <button
          type="button"
          className="button"
          disabled={busy}
          aria-label={t(M.keepItem, { item: label, app })}
          onClick={() => void decide([appId], false, words, [item])}
        >
          {t(M.keep)}
        </button>
        {kind === 'added' ? (
          <button
            type="button"
            className="button button--destructive"
            disabled={busy}
            aria-label={t(M.denyItem, { item: label, app })}
            onClick={() => void decide([appId], true, words, [item])}
          >
            {t(M.deny)}
          </button>
        ) : null}
      </span>
    </li>
  );
}

/** Keep all and Deny all, for one app or (appId undefined) every app listed. */
function AllButtons({ appId, app, version }: { appId?: string; app?: string; version: Version }) {
  const { decide, busy } = useStore(useShallow((s) => ({ decide: s.decideReview, busy: s.reviewBusy })));
  const words = (i: string) => itemLabel(i, version);
  const ids = appId === undefined ? 'all' : [appId];
  return (
    <span className="review-all">
      <button
        type="button"
        className="button"
        disabled={busy}
        aria-label={app === undefined ? t(M.keepEverything) : t(M.keepAllOf, { app })}
        onClick={() => void decide(ids, false, words)}
      >
        {t(M.keepAll)}
      </button>
      <button
        type="button"
        className="button button--destructive"
        disabled={busy}
        aria-label={app === undefined ? t(M.denyEverything) : t(M.denyAllOf, { app })}
        onClick={() => void decide(ids, true, words)}
      >
        {t(M.denyAll)}
      </button>
    </span>
  );
}

/** An installation as the list's badges name it (User, System), or by its own name. */
function whereInstalled(installation: string, deployments: readonly Deployment[] | undefined): string {
  const d = deployments?.find((x) => x.installation === installation);
  return d ? installationLabel(d) : installation;
}

/** One app's changes, across its installations (named where it has more than one). */
function AppChanges({ entries, withHeader }: { entries: readonly PendingReview[]; withHeader: boolean }) {
  const first = entries[0];
  const app = useStore((s) => (first ? targetName(s, first.appId) : ''));
  const deployments = useStore((s) => s.catalog?.apps.find((a) => a.id === first?.appId)?.deployments);
  const select = useStore((s) => s.select);
  const version = useVersion();
  if (!first) return null;
  const several = entries.length > 1;
  return (
    <div className="review-app">
      {withHeader ? (
        <div className="review-app__head">
          <AppIcon appId={first.appId} size={32} />
          <button type="button" className="review-app__name" onClick={() => select(appPage(first.appId))}>
            <span className="review-app__title">{app}</span>
            <span className="review-app__id">{first.appId}</span>
          </button>
          <AllButtons appId={first.appId} app={app} version={version} />
        </div>
      ) : null}
      {entries.map((p) => (
        <ul key={p.installation} className="review-items" aria-label={t(M.changesOf, { app })}>
          {several ? (
            <li className="review-items__installation">
              {t(M.inInstallation, { installation: whereInstalled(p.installation, deployments) })}
            </li>
          ) : null}
          {p.added.map((item) => (
            <Item key={`+${item}`} appId={p.appId} app={app} item={item} kind="added" version={version} />
          ))}
          {p.removed.map((item) => (
            <Item key={`-${item}`} appId={p.appId} app={app} item={item} kind="removed" version={version} />
          ))}
        </ul>
      ))}
    </div>
  );
}

/** The Overview's section: every app with something new, or nothing at all. */
export function ReviewOverview() {
  const pending = useStore(selectPending);
  const version = useVersion();
  if (pending.length === 0) return null;
  const byApp = new Map<string, PendingReview[]>();
  for (const p of pending) byApp.set(p.appId, [...(byApp.get(p.appId) ?? []), p]);
  return (
    <Group title={t(M.title)} description={t(M.overviewHelp)} id="group-review">
      <div className="bulk-bar review-bar">
        <span className="review-bar__count">
          {t(M.count, {
            changes: pending.reduce((n, p) => n + p.added.length + p.removed.length, 0),
            apps: byApp.size,
          })}
        </span>
        <AllButtons version={version} />
      </div>
      {[...byApp.values()].map((entries) => (
        <AppChanges key={entries[0]?.appId} entries={entries} withHeader />
      ))}
    </Group>
  );
}

/** The app page's section of what is new in this app, at its top; nothing when nothing is. */
export function ReviewApp({ appId }: { appId: string }) {
  const entries = useStore((s) => selectPendingOf(s, appId));
  const app = useStore((s) => targetName(s, appId));
  const version = useVersion();
  if (entries.length === 0) return null;
  return (
    <Group title={t(M.title)} description={t(M.appHelp)} id="group-review">
      <div className="bulk-bar review-bar">
        <AllButtons appId={appId} app={app} version={version} />
      </div>
      <AppChanges entries={entries} withHeader={false} />
    </Group>
  );
}

/** The app's lock, below its permissions: the first screen stays the app's own permissions. */
export function LockRow({ appId }: { appId: string }) {
  const { locked, all } = useStore(useShallow((s) => selectLock(s, appId)));
  const { setLock, known } = useStore(useShallow((s) => ({ setLock: s.setAppLock, known: s.review !== null })));
  return (
    <>
      {known ? (
        <div className="group lock-row">
          <div className="group__box">
            <div className="row">
              <div className="row__text">
                <span className="row__title">{t(M.lock)}</span>
                <span className="row__subtitle">
                  {all
                    ? rich(
                        M.lockAll,
                        {},
                        { command: <code>confine lock --all</code>, unlock: <code>confine unlock --all</code> },
                      )
                    : rich(M.lockHelp, {}, { command: <code>confine watch</code> })}
                </span>
              </div>
              <div className="row__controls">
                <Switch
                  checked={locked}
                  label={t(M.lock)}
                  disabled={all}
                  onChange={(value) => void setLock(appId, value)}
                />
              </div>
            </div>
          </div>
        </div>
      ) : null}
    </>
  );
}
