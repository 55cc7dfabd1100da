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
