// The options of `flatpak override` that change an override, by name: what the CLI's option
// table needs at start. Reading their values is override-args.ts, loaded only by a command that
// takes changes.

import type { FlagKind } from './catalogue';
import type { BusKind, BusPolicy } from './context';

export const FLAG_OPTIONS: Readonly<Record<string, { kind: FlagKind; value: boolean; noun: string }>> = {
  share: { kind: 'shared', value: true, noun: 'share' },
  unshare: { kind: 'shared', value: false, noun: 'share' },
  socket: { kind: 'sockets', value: true, noun: 'socket' },
  nosocket: { kind: 'sockets', value: false, noun: 'socket' },
  device: { kind: 'devices', value: true, noun: 'device' },
  nodevice: { kind: 'devices', value: false, noun: 'device' },
  allow: { kind: 'features', value: true, noun: 'feature' },
  disallow: { kind: 'features', value: false, noun: 'feature' },
};

export const BUS_OPTIONS: Readonly<Record<string, { bus: BusKind; policy: BusPolicy }>> = {
  'own-name': { bus: 'session', policy: 'own' },
  'talk-name': { bus: 'session', policy: 'talk' },
  'see-name': { bus: 'session', policy: 'see' },
  'no-talk-name': { bus: 'session', policy: 'none' },
  'system-own-name': { bus: 'system', policy: 'own' },
  'system-talk-name': { bus: 'system', policy: 'talk' },
  'system-see-name': { bus: 'system', policy: 'see' },
  'system-no-talk-name': { bus: 'system', policy: 'none' },
};

/** Options that change an override, each taking a value. */
export const CHANGE_OPTIONS = [
  ...Object.keys(FLAG_OPTIONS),
  'filesystem',
  'nofilesystem',
  'persist',
  'env',
  'unset-env',
  ...Object.keys(BUS_OPTIONS),
  'default',
];
