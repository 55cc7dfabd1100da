// Types of lockfile-resolved.mjs, which stays plain JavaScript so the Flatpak build runs it with
// nothing but the SDK's node.

export interface LockEntry {
  readonly version?: string;
  readonly resolved?: string;
  readonly integrity?: string;
  readonly name?: string;
  readonly link?: boolean;
  readonly [key: string]: unknown;
}

export interface Lockfile {
  readonly lockfileVersion: number;
  readonly packages?: Readonly<Record<string, LockEntry>>;
  readonly [key: string]: unknown;
}

export declare const NPM_REGISTRY: string;
export declare function packageName(path: string, entry: LockEntry): string | undefined;
export declare function registryTarball(name: string, version: string): string;
export declare function withResolved(lock: Lockfile): Lockfile;
