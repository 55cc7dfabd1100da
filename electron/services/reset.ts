// Resetting an app: the one decision behind the window's Reset and `confine override APP --reset`,
// so both leave the same state: no user override, and the app in no portal entry.

import type { Failure } from '../../shared/errors';
import type { PortalStep } from '../../shared/portals/model';
import type { FlatpakCore } from './core';
import type { OverrideChange } from './overrides';
import { resetPortals } from './portals';

export interface AppReset {
  readonly file: OverrideChange;
  /** The portal entries taken out, each with what it held (for undo). */
  readonly portals: readonly PortalStep[];
  readonly portalFailures: readonly Failure[];
  /**
   * Why the portal entries were not looked at: there is no permission store to ask. Absent when
   * they were, and for the global override, which has none.
   */
  readonly portalsUnavailable?: string;
}

/**
 * Removes the user's override of `app` (null: the global one) and then the app's portal entries,
 * as `flatpak override --user --reset` and `flatpak permission-reset` would. The file goes first:
 * when it cannot be removed, the portal entries are left as they are.
 */
export async function resetApp(core: FlatpakCore, app: string | null): Promise<AppReset> {
  const file = await core.reset({ scope: 'user', app });
  if (app === null) return { file, portals: [], portalFailures: [] };
  const connection = await core.portals();
  if (!connection.ok) return { file, portals: [], portalFailures: [], portalsUnavailable: connection.reason };
  const { steps, failures } = await resetPortals(connection, app);
  return { file, portals: steps, portalFailures: failures };
}
