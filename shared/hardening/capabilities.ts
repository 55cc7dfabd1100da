// What an app can do, asked as a yes or no of its effective permissions ("which apps can use the
// camera?"): one table the app list's filter and `confine list --can` both read, so the window
// and the CLI answer the same question the same way.

import type { Context } from '../flatpak/context';
import { has, reach, usesX11 } from './access';
import { auditApp, type AppAudit, type PortalGrant } from './audit';
import { defineMessages, formatList, t } from '../i18n';

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

const M = defineMessages({
  network: {
    id: 'capability.network.label',
    defaultMessage: 'Network',
    description: 'A filter chip over the app list: show only apps that can do this',
  },
  networkDescription: {
    id: 'capability.network.description',
    defaultMessage: 'Reaches the internet and the local network.',
    description: 'Tooltip of the filter chip "Network"',
  },
  camera: {
    id: 'capability.camera.label',
    defaultMessage: 'Camera',
    description: 'A filter chip over the app list: show only apps that can do this',
  },
  cameraDescription: {
    id: 'capability.camera.description',
    defaultMessage: 'Can use the camera: with all devices, or through the portal without asking.',
    description: 'Tooltip of the filter chip "Camera"',
  },
  microphone: {
    id: 'capability.microphone.label',
    defaultMessage: 'Microphone',
    description: 'A filter chip over the app list: show only apps that can do this',
  },
  microphoneDescription: {
    id: 'capability.microphone.description',
    defaultMessage: 'Can record sound: through PulseAudio, with all devices, or through the portal without asking.',
    description: 'Tooltip of the filter chip "Microphone"',
  },
  home: {
    id: 'capability.home.label',
    defaultMessage: 'Home folder',
    description: 'A filter chip over the app list: show only apps that can do this',
  },
  homeDescription: {
    id: 'capability.home.description',
    defaultMessage: 'Can read your home folder, through {home} or {host}.',
    description: 'Tooltip of the filter chip "Home folder"; home and host are the Flatpak entries home and host',
  },
  host: {
    id: 'capability.host.label',
    defaultMessage: 'Host files',
    description: 'A filter chip over the app list: show only apps that can do this',
  },
  hostDescription: {
    id: 'capability.host.description',
    defaultMessage: 'Sees the host’s own files ({entries}).',
    description:
      'Tooltip of the filter chip "Host files"; entries: the Flatpak entries, "filesystem=host, host-os or host-etc"',
  },
  displayX11: {
    id: 'capability.display-x11.label',
    defaultMessage: 'X11',
    description: 'A filter chip over the app list: show only apps that can do this',
  },
  displayX11Description: {
    id: 'capability.display-x11.description',
    defaultMessage: 'Uses X11, where any window can read the keyboard and the screen of the others.',
    description: 'Tooltip of the filter chip "X11"',
  },
  escape: {
    id: 'capability.escape.label',
    defaultMessage: 'Can escape',
    description: 'A filter chip over the app list: show only apps that can do this',
  },
  escapeDescription: {
    id: 'capability.escape.description',
    defaultMessage: 'Has a way out of the sandbox, as the audit finds it.',
    description: 'Tooltip of the filter chip "Can escape"',
  },
  devicesAll: {
    id: 'capability.devices-all.label',
    defaultMessage: 'All devices',
    description: 'A filter chip over the app list: show only apps that can do this',
  },
  devicesAllDescription: {
    id: 'capability.devices-all.description',
    defaultMessage: 'Uses every device: webcams, microphones, USB and storage devices.',
    description: 'Tooltip of the filter chip "All devices"',
  },
  sessionBus: {
    id: 'capability.session-bus.label',
    defaultMessage: 'Session bus',
    description: 'A filter chip over the app list: show only apps that can do this',
  },
  sessionBusDescription: {
    id: 'capability.session-bus.description',
    defaultMessage: 'Talks to every service of your desktop session unfiltered.',
    description: 'Tooltip of the filter chip "Session bus"',
  },
});

export const CAPABILITIES = [
  {
    id: 'network',
    get label() {
      return t(M.network);
    },
    get description() {
      return t(M.networkDescription);
    },
    test: ({ ctx }) => has(ctx, 'shared', 'network'),
  },
  {
    id: 'camera',
    get label() {
      return t(M.camera);
    },
    // Flatpak 1.14 has no camera device of its own: webcams come with all devices, or through
    // the camera portal once it was allowed.
    get description() {
      return t(M.cameraDescription);
    },
    test: (f) => has(f.ctx, 'devices', 'all') || granted(f, 'camera'),
  },
  {
    id: 'microphone',
    get label() {
      return t(M.microphone);
    },
    // PulseAudio's socket records as well as it plays; all devices include the sound cards.
    get description() {
      return t(M.microphoneDescription);
    },
    test: (f) => has(f.ctx, 'sockets', 'pulseaudio') || has(f.ctx, 'devices', 'all') || granted(f, 'microphone'),
  },
  {
    id: 'home',
    get label() {
      return t(M.home);
    },
    get description() {
      return t(M.homeDescription, { home: 'home', host: 'host' });
    },
    test: ({ ctx }) => reach(ctx, '~').read,
  },
  {
    id: 'host',
    get label() {
      return t(M.host);
    },
    get description() {
      return t(M.hostDescription, { entries: formatList(['filesystem=host', 'host-os', 'host-etc'], 'disjunction') });
    },
    test: ({ ctx }) => HOST_ENTRIES.some((e) => (ctx.filesystems.get(e) ?? 'none') !== 'none'),
  },
  {
    id: 'display-x11',
    get label() {
      return t(M.displayX11);
    },
    get description() {
      return t(M.displayX11Description);
    },
    test: ({ ctx }) => usesX11(ctx),
  },
  {
    id: 'escape',
    get label() {
      return t(M.escape);
    },
    get description() {
      return t(M.escapeDescription);
    },
    test: ({ audit }) => audit.findings.some((f) => f.severity === 'escape'),
  },
  {
    id: 'devices-all',
    get label() {
      return t(M.devicesAll);
    },
    get description() {
      return t(M.devicesAllDescription);
    },
    test: ({ ctx }) => has(ctx, 'devices', 'all'),
  },
  {
    id: 'session-bus',
    get label() {
      return t(M.sessionBus);
    },
    get description() {
      return t(M.sessionBusDescription);
    },
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
