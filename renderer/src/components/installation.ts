import type { Deployment } from '../../../shared/model';
import { defineMessages, t } from '../../../shared/i18n';

const M = defineMessages({
  user: {
    id: 'ui.installation.user',
    defaultMessage: 'User',
    description: 'Badge of an app installed for the user alone (flatpak --user)',
  },
  system: {
    id: 'ui.installation.system',
    defaultMessage: 'System',
    description: 'Badge of an app installed for every user of the computer (flatpak --system)',
  },
});

/** The badge of where an app is installed: its user or system installation, or another by name. */
export function installationLabel(d: Pick<Deployment, 'installation' | 'kind'>): string {
  if (d.kind === 'user') return t(M.user);
  if (d.kind === 'system') return t(M.system);
  return d.installation;
}
