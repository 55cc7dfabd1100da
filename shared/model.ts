// The plain data that services hand to the CLI and, through IPC, to the window.

export type InstallationKind = 'user' | 'system' | 'custom';

export interface InstallationInfo {
  /** `user`, `default` or the ID of a custom installation. */
  readonly id: string;
  readonly kind: InstallationKind;
  readonly path: string;
  readonly displayName: string;
  readonly priority: number;
}

export interface Deployment {
  readonly installation: string;
  readonly kind: InstallationKind;
  readonly arch: string;
  readonly branch: string;
  /** The deployed folder (`…/active`) */
  readonly path: string;
  /** When the deployment was last changed (ISO 8601), if known. */
  readonly updated?: string;
}

export interface AppInfo {
  readonly id: string;
  readonly name: string;
  readonly summary?: string;
  readonly developer?: string;
  readonly version?: string;
  /** Absolute path of the best icon found, if any. */
  readonly icon?: string;
  /** The runtime ref from the metadata, e.g. `org.gnome.Platform/x86_64/47`. */
  readonly runtime?: string;
  readonly categories: readonly string[];
  /** Every installation that holds the app; the first is the one Flatpak uses by default. */
  readonly deployments: readonly Deployment[];
  /** Problems met while reading the app's files, in words. */
  readonly problems: readonly string[];
}
