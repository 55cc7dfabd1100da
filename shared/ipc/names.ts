// The names on the IPC border, with no dependencies, so the sandboxed preload stays tiny.

export const INVOKE_CHANNEL = 'confine:invoke';
export const EVENT_CHANNEL = 'confine:event';

export const CHANNEL_NAMES = [
  'catalog:list',
  'catalog:marks',
  'catalog:apps',
  'permissions:get',
  'override:change',
  'override:reset',
  'override:restore',
  'portals:get',
  'portals:set',
  'sandbox:verify',
  'sandbox:stop',
  'audit:load',
  'system:status',
  'harden:preview',
  'harden:apply',
  'transfer:export',
  'transfer:import-preview',
  'transfer:import-apply',
  'link:open',
  'clipboard:write',
  'settings:get',
  'settings:set',
  'fs:completePath',
  'fs:userFolders',
  'review:list',
  'review:decide',
  'review:lock',
] as const;
export type Channel = (typeof CHANNEL_NAMES)[number];

export const EVENT_NAMES = ['flatpak:changed', 'app:open', 'review:denied'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNEL_NAMES as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}

/** The bridge the preload exposes as `window.confine`: invoke a channel, subscribe to an event. */
export interface Bridge {
  invoke(channel: string, request: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}
