// On the All applications page: the system-wide global override, which lies below the user's
// own for every app installed system-wide. Confine reads it and never writes it (as for the
// system overrides on an app's page), so the page says where it is and how it is changed.

import { systemOverrideCommand } from '../../../shared/flatpak/self-sandbox';
import type { PermissionsView } from '../store/permissions';
import { Banner } from './Banner';
import { defineMessages, t } from '../../../shared/i18n';
import { rich } from './rich';

const M = defineMessages({
  malformedTitle: {
    id: 'ui.system-global.malformed.title',
    defaultMessage: 'The system-wide global override is malformed',
  },
  malformed: {
    id: 'ui.system-global.malformed.detail',
    defaultMessage:
      '{path}: {problem}. Flatpak refuses to run apps installed system-wide until it is fixed; run as an administrator: {command}',
    description:
      'path is the file, problem what is wrong with it (in English, from the parser), command a flatpak command',
  },
  setTitle: { id: 'ui.system-global.set.title', defaultMessage: 'A system-wide global override is set' },
  set: {
    id: 'ui.system-global.set.detail',
    defaultMessage:
      'Rows marked “System-wide” come from {path}, which applies to apps installed system-wide, below your global override. Confine shows it but does not change it; what you set here wins over it. An administrator changes it with {command}.',
    description: 'path is the file; command is “flatpak override --system”. “System-wide” is the badge of such rows',
  },
});

type LayerState = PermissionsView['layers'][number];

export function SystemGlobalNote({ layer }: { layer: LayerState | undefined }) {
  if (!layer || layer.state === 'missing' || layer.state === 'unreadable') return null;
  if (layer.state === 'malformed') {
    return (
      <Banner kind="warning" title={t(M.malformedTitle)}>
        <p>
          {rich(
            M.malformed,
            { problem: layer.message },
            { path: <code>{layer.path}</code>, command: <code>{systemOverrideCommand(null, ['--reset'])}</code> },
          )}
        </p>
      </Banner>
    );
  }
  return (
    <Banner kind="info" title={t(M.setTitle)}>
      <p>
        {rich(
          M.set,
          {},
          { path: <code>{layer.path}</code>, command: <code className="nowrap">flatpak override --system</code> },
        )}
      </p>
    </Banner>
  );
}
