// Permissions written as an app's finish-args (`--socket=x11`), read with Confine's own parser
// of `flatpak override` options: the way tests state an app's permissions as Flatpak users do.

import type { Context } from '../../shared/flatpak/context';
import { layerFromChanges, parseChangeOption } from '../../shared/flatpak/override-args';
import { DEFAULT_FLATPAK_VERSION } from '../../shared/flatpak/version';

export function contextOf(finishArgs: readonly string[]): Context {
  return layerFromChanges(
    finishArgs.flatMap((arg) => {
      const [, name = '', value = ''] = /^--([a-z-]+)=(.*)$/.exec(arg) ?? [];
      const parsed = parseChangeOption(name, value, DEFAULT_FLATPAK_VERSION);
      if (!parsed.ok) throw new Error(`${arg}: ${parsed.message}`);
      return parsed.changes;
    }),
  );
}

/** The sandbox Confine's own Flatpak asks for, decided with the self-sandbox test; the manifest
 *  test holds packaging/flatpak/dev.confine.Confine.yml to it. */
export const CONFINE_FINISH_ARGS: readonly string[] = [
  '--share=ipc',
  '--socket=wayland',
  '--socket=fallback-x11',
  '--device=dri',
  '--filesystem=xdg-data/flatpak:ro',
  '--filesystem=xdg-data/flatpak/overrides:create',
  '--filesystem=/var/lib/flatpak:ro',
  '--filesystem=host-etc:ro',
  '--talk-name=org.freedesktop.impl.portal.PermissionStore',
];
