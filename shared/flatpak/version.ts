export type Version = readonly [number, number, number];

/** Parses "1.14.10", "Flatpak 1.14.10" or "1.15.6~rc1"; undefined when no version is found. */
export function parseVersion(text: string): Version | undefined {
  const m = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function atLeast(have: Version, since: Version): boolean {
  return compareVersions(have, since) >= 0;
}

export function formatVersion(v: Version): string {
  return v.join('.');
}

/** The Flatpak whose semantics Confine reproduces when no `flatpak` can be asked. */
export const DEFAULT_FLATPAK_VERSION: Version = [1, 14, 10];
