// The one way a malformed file is shown, wherever it stops apps: on the Overview (a global
// override stops many apps at once) and on an app's page (any of its layers).

import type { LayerId } from '../../../shared/flatpak/merge';
import { Banner } from './Banner';
import { CopyButton } from './CopyButton';

const TITLES: Readonly<Record<LayerId, string>> = {
  app: 'The app’s own metadata is malformed',
  'system-global': 'The system-wide global override file is malformed',
  'system-app': 'The system-wide override file of this app is malformed',
  'user-global': 'Your global override file is malformed',
  'user-app': 'Your override file of this app is malformed',
};

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
      title={TITLES[layer]}
      actions={
        yours && onReset ? (
          <button type="button" className="button button--destructive" onClick={onReset}>
            Reset
          </button>
        ) : command ? (
          <CopyButton text={command} name="Copy the reset command" />
        ) : undefined
      }
    >
      <p>
        <code>{path}</code>: {message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message}
      </p>
      <p>
        Flatpak refuses to run {stops} until the file is fixed or reset.{' '}
        {yours
          ? 'Confine will not change it; Reset removes it (you can undo that).'
          : command
            ? `Confine does not write system files; an administrator resets it with: `
            : 'Confine does not write this file; fix it, or reinstall the app.'}
        {!yours && command ? <code>{command}</code> : null}
      </p>
    </Banner>
  );
}
