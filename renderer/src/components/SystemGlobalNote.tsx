// On the All applications page: the system-wide global override, which lies below the user's
// own for every app installed system-wide. Confine reads it and never writes it (as for the
// system overrides on an app's page), so the page says where it is and how it is changed.

import { systemOverrideCommand } from '../../../shared/flatpak/self-sandbox';
import type { PermissionsView } from '../store/permissions';
import { Banner } from './Banner';

type LayerState = PermissionsView['layers'][number];

export function SystemGlobalNote({ layer }: { layer: LayerState | undefined }) {
  if (!layer || layer.state === 'missing' || layer.state === 'unreadable') return null;
  if (layer.state === 'malformed') {
    return (
      <Banner kind="warning" title="The system-wide global override is malformed">
        <p>
          <code>{layer.path}</code>: {layer.message}. Flatpak refuses to run apps installed system-wide until it is
          fixed; run as an administrator: <code>{systemOverrideCommand(null, ['--reset'])}</code>
        </p>
      </Banner>
    );
  }
  return (
    <Banner kind="info" title="A system-wide global override is set">
      <p>
        Rows marked “System-wide” come from <code>{layer.path}</code>, which applies to apps installed system-wide,
        below your global override. Confine shows it but does not change it; what you set here wins over it. An
        administrator changes it with <code className="nowrap">flatpak override --system</code>.
      </p>
    </Banner>
  );
}
