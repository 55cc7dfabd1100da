// Flathub's own word on an app's permissions: the linter (flatpak-builder-lint) fails any app
// that asks for certain permissions, unless Flathub's reviewers accepted them for that app. Such
// an exception is a declared need, which Confine's presets respect. The data is the linter's
// exceptions file, cut down to the checks read here (see data/flathub-exceptions.json).

import data from './data/flathub-exceptions.json' with { type: 'json' };

interface ExceptionsFile {
  readonly source: { readonly repo: string; readonly commit: string; readonly date: string; readonly path: string };
  readonly exceptions: Readonly<Record<string, readonly string[]>>;
}

const FILE = data as ExceptionsFile;

export const FLATHUB_SOURCE = FILE.source;

/** The lint checks Flathub accepted for an app (`finish-args-flatpak-spawn-access`, …). */
export function flathubExceptions(appId: string): readonly string[] {
  return Object.hasOwn(FILE.exceptions, appId) ? (FILE.exceptions[appId] ?? []) : [];
}
