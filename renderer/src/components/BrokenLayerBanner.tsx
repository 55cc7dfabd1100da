// The one way a malformed file is shown, wherever it stops apps: on the Overview (a global
// override stops many apps at once) and on an app's page (any of its layers).

import type { LayerId } from '../../../shared/flatpak/merge';
import { Banner } from './Banner';
import { CopyButton } from './CopyButton';
import { defineMessages, t, type Message } from '../../../shared/i18n';
import { rich } from './rich';

const TITLES: Readonly<Record<LayerId, Message>> = defineMessages({
  app: { id: 'ui.broken-layer.title.app', defaultMessage: 'The app’s own metadata is malformed' },
  'system-global': {
    id: 'ui.broken-layer.title.system-global',
    defaultMessage: 'The system-wide global override file is malformed',
  },
  'system-app': {
    id: 'ui.broken-layer.title.system-app',
    defaultMessage: 'The system-wide override file of this app is malformed',
  },
  'user-global': { id: 'ui.broken-layer.title.user-global', defaultMessage: 'Your global override file is malformed' },
  'user-app': { id: 'ui.broken-layer.title.user-app', defaultMessage: 'Your override file of this app is malformed' },
});

/** Whom a malformed file stops, for the banner's `stops`: formatted by those who show the banner. */
export const STOPS = defineMessages({
  thisApp: {
    id: 'ui.broken-layer.stops.this-app',
    defaultMessage: 'this app',
    description: 'Fills {stops} in ui.broken-layer.refuses: “Flatpak refuses to run this app until…”',
  },
  anyApp: {
    id: 'ui.broken-layer.stops.any-app',
    defaultMessage: 'any app',
    description: 'Fills {stops} in ui.broken-layer.refuses: “Flatpak refuses to run any app until…”',
  },
  systemApps: {
    id: 'ui.broken-layer.stops.system-apps',
    defaultMessage: 'the {count, plural, one {# app} other {# apps}} installed system-wide',
    description:
      'Fills {stops} in ui.broken-layer.refuses: “Flatpak refuses to run the 12 apps installed system-wide until…”',
  },
});

const M = defineMessages({
  reset: { id: 'ui.broken-layer.reset', defaultMessage: 'Reset', description: 'Button: remove the malformed file' },
  copyLabel: { id: 'ui.broken-layer.copy-label', defaultMessage: 'Copy the reset command' },
  refuses: {
    id: 'ui.broken-layer.refuses',
    defaultMessage: 'Flatpak refuses to run {stops} until the file is fixed or reset.',
    description: 'stops is one of ui.broken-layer.stops.*',
  },
  yours: {
    id: 'ui.broken-layer.yours',
    defaultMessage: 'Confine will not change it; Reset removes it (you can undo that).',
  },
  admin: {
    id: 'ui.broken-layer.admin',
    defaultMessage: 'Confine does not write system files; an administrator resets it with: {command}',
    description: 'command is a flatpak command line',
  },
  notOurs: {
    id: 'ui.broken-layer.not-ours',
    defaultMessage: 'Confine does not write this file; fix it, or reinstall the app.',
  },
});

export function BrokenLayerBanner({
  layer,
  path,
  message,
  stops,
  command,
  onReset,
}: {
  layer: LayerId;
  path: string;
  message: string;
  /** Whom Flatpak refuses to run: "this app", "every app", "the 12 apps installed system-wide". */
  stops: string;
  /** For a file Confine does not write: the command that resets it. */
  command?: string;
  onReset?: () => void;
}) {
  const yours = layer === 'user-app' || layer === 'user-global';
  return (
    <Banner
      kind="error"
      title={t(TITLES[layer])}
      actions={
        yours && onReset ? (
          <button type="button" className="button button--destructive" onClick={onReset}>
            {t(M.reset)}
          </button>
        ) : command ? (
          <CopyButton text={command} name={t(M.copyLabel)} />
        ) : undefined
      }
    >
      <p>
        <code>{path}</code>: {message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message}
      </p>
      <p>
        {t(M.refuses, { stops })}{' '}
        {yours ? t(M.yours) : command ? rich(M.admin, {}, { command: <code>{command}</code> }) : t(M.notOurs)}
      </p>
    </Banner>
  );
}
