// What an app can do, asked as a yes or no of its effective permissions ("which apps can use the
// camera?"): one table the app list's filter and `confine list --can` both read, so the window
// and the CLI answer the same question the same way.

import type { Context } from '../flatpak/context';
import { has, reach, usesX11 } from './access';
import { auditApp, type AppAudit, type PortalGrant } from './audit';

/** What a capability is decided from: the effective permissions, the portal grants, the audit. */
export interface CapabilityFacts {
  readonly ctx: Context;
  readonly grants: readonly PortalGrant[];
  readonly audit: AppAudit;
}

export interface Capability {
  readonly id: string;
  /** Short, as a filter chip shows it: "Network". */
  readonly label: string;
  /** One line in plain words: what an app with it can do. */
  readonly description: string;
  readonly test: (facts: CapabilityFacts) => boolean;
}

const granted = (facts: CapabilityFacts, key: string): boolean => facts.grants.some((g) => g.key === key);

/** `host`, `host-os` and `host-etc` all open the host's own files (Flatpak's `host*` entries). */
const HOST_ENTRIES = ['host', 'host-os', 'host-etc'];

export const CAPABILITIES = [
  {
    id: 'network',
    label: 'Network',
    description: 'Reaches the internet and the local network.',
    test: ({ ctx }) => has(ctx, 'shared', 'network'),
  },
  {
    id: 'camera',
    label: 'Camera',
    // Flatpak 1.14 has no camera device of its own: webcams come with all devices, or through
    // the camera portal once it was allowed.
    description: 'Can use the camera: with all devices, or through the portal without asking.',
    test: (f) => has(f.ctx, 'devices', 'all') || granted(f, 'camera'),
  },
  {
    id: 'microphone',
    label: 'Microphone',
    // PulseAudio's socket records as well as it plays; all devices include the sound cards.
    description: 'Can record sound: through PulseAudio, with all devices, or through the portal without asking.',
    test: (f) => has(f.ctx, 'sockets', 'pulseaudio') || has(f.ctx, 'devices', 'all') || granted(f, 'microphone'),
  },
  {
    id: 'home',
    label: 'Home folder',
    description: 'Can read your home folder, through home or the whole host.',
    test: ({ ctx }) => reach(ctx, '~').read,
  },
  {
    id: 'host',
    label: 'Host files',
    description: 'Sees the host’s own files (filesystem=host, host-os or host-etc).',
    test: ({ ctx }) => HOST_ENTRIES.some((e) => (ctx.filesystems.get(e) ?? 'none') !== 'none'),
  },
  {
    id: 'display-x11',
    label: 'X11',
    description: 'Uses X11, where any window can read the keyboard and the screen of the others.',
    test: ({ ctx }) => usesX11(ctx),
  },
  {
    id: 'escape',
    label: 'Can escape',
    description: 'Has a way out of the sandbox, as the audit finds it.',
    test: ({ audit }) => audit.findings.some((f) => f.severity === 'escape'),
  },
  {
    id: 'devices-all',
    label: 'All devices',
    description: 'Uses every device: webcams, microphones, USB and storage devices.',
    test: ({ ctx }) => has(ctx, 'devices', 'all'),
  },
  {
    id: 'session-bus',
    label: 'Session bus',
    description: 'Talks to every service of your desktop session unfiltered.',
    test: ({ ctx }) => has(ctx, 'sockets', 'session-bus'),
  },
] as const satisfies readonly Capability[];

export type CapabilityId = (typeof CAPABILITIES)[number]['id'];

export const CAPABILITY_IDS: readonly CapabilityId[] = CAPABILITIES.map((c) => c.id);

export const isCapabilityId = (word: string): word is CapabilityId =>
  (CAPABILITY_IDS as readonly string[]).includes(word);

export const capabilityLabel = (id: CapabilityId): string => CAPABILITIES.find((c) => c.id === id)?.label ?? id;

/** The capabilities an app has, in the table's order. The audit is taken when already at hand. */
export function capabilitiesOf(
  ctx: Context,
  grants: readonly PortalGrant[] = [],
  audit: AppAudit = auditApp(ctx, grants),
): CapabilityId[] {
  const facts: CapabilityFacts = { ctx, grants, audit };
  return CAPABILITIES.filter((c: Capability) => c.test(facts)).map((c) => c.id);
}

/** Whether an app has every one of the capabilities asked for (none asked: every app does). */
export const hasAll = (have: readonly CapabilityId[], wanted: readonly CapabilityId[]): boolean =>
  wanted.every((w) => have.includes(w));
