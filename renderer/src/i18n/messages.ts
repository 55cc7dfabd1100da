// Words of the window that more than one of its parts shows, in one place, so each has one
// message: the sidebar and the page it opens name the page the same way.

import { defineMessages } from '../../../shared/i18n';

export const COMMON = defineMessages({
  overview: { id: 'ui.common.overview', defaultMessage: 'Overview', description: 'The page of every app’s exposure' },
  allApps: {
    id: 'ui.common.all-applications',
    defaultMessage: 'All applications',
    description: 'The entry for the global override, which applies to every app',
  },
  system: {
    id: 'ui.common.system',
    defaultMessage: 'System',
    description: 'The page about the machine’s protection (SELinux, AppArmor)',
  },
  preset: {
    id: 'ui.common.preset',
    defaultMessage: 'Preset',
    description: 'Label of the choice of a hardening preset (recommended, strict…)',
  },
  reading: { id: 'ui.common.reading', defaultMessage: 'Reading…', description: 'Shown while something is read' },
});
