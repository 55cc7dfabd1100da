// The one IPC contract between the window and main: each channel with the schema of its
// request and of its response, and each event main pushes. Main validates against it, the
// preload lets only these channels through, and the renderer's client is typed from it.

import { z } from 'zod';
import type { Channel, EventName } from './names';
import type { FailureSchema} from './schemas';
import { AppIdSchema, Base64Schema, CatalogSchema, ChangeSchema, OverrideWriteSchema, PermissionsViewSchema } from './schemas';

export { CHANNEL_NAMES, EVENT_NAMES, isChannel, isEventName, type Bridge, type Channel, type EventName } from './names';

interface Entry {
  readonly request: z.ZodType;
  readonly response: z.ZodType;
}

/** Documentation links the window may open in the user's browser, and nothing else. */
export const HELP_LINKS = {
  overrides: 'https://docs.flatpak.org/en/latest/flatpak-command-reference.html#flatpak-override',
  permissions: 'https://docs.flatpak.org/en/latest/sandbox-permissions.html',
  portals: 'https://docs.flatpak.org/en/latest/portal-api-reference.html',
} as const;

const Target = z.object({ appId: AppIdSchema.nullable() }).strict();

export const contract = {
  /** Every installed app, with the installations and Flatpak's version. */
  'catalog:load': { request: z.object({}).strict(), response: CatalogSchema },
  /** The permissions of one app (appId) or of the global override (null). */
  'permissions:get': {
    request: z.object({ appId: AppIdSchema.nullable(), installation: z.string().max(80).optional() }).strict(),
    response: PermissionsViewSchema,
  },
  /** Changes to the user's override; for an app each change asks for an effective value. */
  'override:change': {
    request: z.object({ appId: AppIdSchema.nullable(), changes: z.array(ChangeSchema).min(1).max(500) }).strict(),
    response: OverrideWriteSchema,
  },
  /** Removes the user's override of an app (or the global one). */
  'override:reset': { request: Target, response: OverrideWriteSchema },
  /** Puts back exact bytes (undo and redo), only if the file is still `expected`. */
  'override:restore': {
    request: z.object({ appId: AppIdSchema.nullable(), expected: Base64Schema.nullable(), content: Base64Schema.nullable() }).strict(),
    response: z.object({ restored: z.literal(true) }),
  },
  /** Opens one of the documentation links in the user's browser. */
  'link:open': { request: z.object({ link: z.enum(Object.keys(HELP_LINKS) as [keyof typeof HELP_LINKS, ...(keyof typeof HELP_LINKS)[]]) }).strict(), response: z.object({}) },
  /** Copies text (such as the equivalent command) to the clipboard. */
  'clipboard:write': { request: z.object({ text: z.string().max(100_000) }).strict(), response: z.object({}) },
  /** Settings remembered between sessions. */
  'settings:get': { request: z.object({}).strict(), response: z.object({ selectedApp: z.string().nullable() }) },
  'settings:set': { request: z.object({ selectedApp: AppIdSchema.nullable() }).strict(), response: z.object({}) },
} as const satisfies Record<Channel, Entry>;

export type Contract = typeof contract;
export type Request<C extends Channel> = z.input<Contract[C]['request']>;
export type Response<C extends Channel> = z.output<Contract[C]['response']>;

/** Expected failures travel as data the window can show, not as thrown strings. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: z.infer<typeof FailureSchema> };

export const events = {
  /** Something changed on disk: installed apps, or override files. */
  'flatpak:changed': z.object({ apps: z.boolean(), overrides: z.boolean() }).strict(),
} as const satisfies Record<EventName, z.ZodType>;

export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
