// The one IPC contract between the window and main: each channel with the schema of its
// request and of its response, and each event main pushes. Main validates against it, the
// preload lets only these channels through, and the renderer's client is typed from it.

import { z } from 'zod';
import { HELP_LINKS } from './links';
import { PortalStepSchema, PortalsViewSchema } from '../portals/model';
import { SystemStatusSchema } from '../system/model';
import { VerifyResultSchema } from '../verify/schema';
import type { Channel, EventName } from './names';
import {
  AppIdSchema,
  AuditSchema,
  Base64Schema,
  BatchSchema,
  CatalogListSchema,
  CatalogMarksSchema,
  CatalogPatchSchema,
  ChangeSchema,
  FailureSchema,
  HardeningPreviewSchema,
  InstallationIdSchema,
  OverrideContentSchema,
  OverrideWriteSchema,
  PageSchema,
  PermissionsViewSchema,
  PortalRestoreSchema,
  PortalSetSchema,
  PresetSchema,
  ProposalChoicesSchema,
  ReviewDecisionSchema,
  ReviewItemSchema,
  ReviewImportSchema,
  ReviewListSchema,
  ReviewSeenRestoreSchema,
  ReviewSeenStepSchema,
  ProposalIdSchema,
  TextSchema,
  TypedHomePathSchema,
  BatchFailureSchema,
} from './schemas';

export { CHANNEL_NAMES, EVENT_NAMES, isChannel, isEventName, type Bridge, type Channel, type EventName } from './names';

interface Entry {
  readonly request: z.ZodType;
  readonly response: z.ZodType;
}

const Target = z.object({ appId: AppIdSchema.nullable() }).strict();

/** All the bytes one undo may carry: far more than any real set of overrides, far less than memory. */
const MAX_RESTORE_CHARS = 64 * 1024 * 1024;
const chars = (v: readonly string[] | string | null) =>
  v === null ? 0 : typeof v === 'string' ? v.length : v.reduce((n, s) => n + s.length, 0);
function restoreSize(r: {
  files: readonly { expected: string | null; content: string | null }[];
  portals: readonly { expected: readonly string[] | null; content: readonly string[] | null }[];
  seen: readonly { seen: readonly string[]; unseen: readonly string[] }[];
}): number {
  const listed = r.seen.reduce((n, x) => n + chars(x.seen) + chars(x.unseen), 0);
  return [...r.files, ...r.portals].reduce((n, x) => n + chars(x.expected) + chars(x.content), listed);
}

export const contract = {
  /** Every installed app, with the installations and Flatpak's version, answered as soon as the
   *  apps are described: the list shows them while their permissions are read. */
  'catalog:list': { request: z.object({}).strict(), response: CatalogListSchema },
  /** The same read's marks of each app: errors, exposure, capabilities, changes. */
  'catalog:marks': { request: z.object({}).strict(), response: CatalogMarksSchema },
  /** The catalogue's entries of these apps only, after an outside change to them. */
  'catalog:apps': {
    request: z.object({ appIds: z.array(AppIdSchema).min(1).max(10_000) }).strict(),
    response: CatalogPatchSchema,
  },
  /** The permissions of one app (appId) or of the global override (null). */
  'permissions:get': {
    request: z.object({ appId: AppIdSchema.nullable(), installation: InstallationIdSchema.optional() }).strict(),
    response: PermissionsViewSchema,
  },
  /** Changes to the user's override; for an app each change asks for an effective value. */
  'override:change': {
    request: z.object({ appId: AppIdSchema.nullable(), changes: z.array(ChangeSchema).min(1).max(500) }).strict(),
    response: OverrideWriteSchema,
  },
  /** Removes the user's override of an app (or the global one) and the app's portal entries. */
  'override:reset': {
    request: Target,
    response: OverrideWriteSchema.extend({
      portals: z.array(PortalStepSchema).readonly(),
      portalFailures: z.array(FailureSchema).readonly(),
    }),
  },
  /**
   * Puts back exact bytes and portal entries (undo and redo), each only if it is still `expected`.
   * `expected` may be any bytes (it is what is on disk now); `content` must be a file Flatpak
   * loads, or null to delete it; a portal `content` must be a value the portal itself writes.
   */
  'override:restore': {
    request: z
      .object({
        files: z
          .array(
            z
              .object({
                appId: AppIdSchema.nullable(),
                expected: Base64Schema.nullable(),
                content: OverrideContentSchema.nullable(),
              })
              .strict(),
          )
          .max(10_000),
        portals: z.array(PortalRestoreSchema).max(10_000).default([]),
        /** What a review decision marked as seen, put back with its override. */
        seen: z.array(ReviewSeenRestoreSchema).max(10_000).default([]),
      })
      .strict()
      .refine((r) => r.files.length + r.portals.length > 0, 'nothing to restore')
      .refine((r) => restoreSize(r) <= MAX_RESTORE_CHARS, 'too much to restore at once'),
    response: BatchSchema,
  },
  /** An app's portal permissions from the permission store, or why they cannot be read. */
  'portals:get': { request: z.object({ appId: AppIdSchema }).strict(), response: PortalsViewSchema },
  /** Sets one portal entry of an app (null: back to not set); never creates an entry. */
  'portals:set': { request: PortalSetSchema, response: PortalStepSchema },
  /**
   * Starts the app's sandbox with the read-only probe and compares what it reaches with its
   * permissions; a runtime with no shell, a time-out or a failed start come back as data.
   * `before`, the app's user override as a batch gave it before a change (null: there was none),
   * makes each row also say what those permissions gave, to show what the change closed.
   */
  'sandbox:verify': {
    request: z.object({ appId: AppIdSchema, before: Base64Schema.nullable().optional() }).strict(),
    response: VerifyResultSchema,
  },
  /**
   * Ends the app's probes under way, their sandboxes with them (each answers `stopped`);
   * `stopped` counts them (0: none was running).
   */
  'sandbox:stop': {
    request: z.object({ appId: AppIdSchema }).strict(),
    response: z.object({ stopped: z.number().int().nonnegative() }),
  },
  /** Every app's exposure, the machine overview, and what Flatpak cannot restrict. */
  'audit:load': { request: z.object({}).strict(), response: AuditSchema },
  /** SELinux, AppArmor and the footing of Flatpak's sandbox on this machine, with advice. */
  'system:status': { request: z.object({}).strict(), response: SystemStatusSchema },
  /** What a preset would change for some apps (or all); `choices` ticks proposals per app. */
  'harden:preview': {
    request: z
      .object({
        appIds: z.union([z.literal('all'), z.array(AppIdSchema).min(1).max(10_000)]),
        preset: PresetSchema,
        choices: ProposalChoicesSchema.optional(),
      })
      .strict(),
    response: HardeningPreviewSchema,
  },
  /** Applies the ticked proposals, one override per app, as one batch. */
  'harden:apply': {
    request: z
      .object({
        preset: PresetSchema,
        items: z
          .array(z.object({ appId: AppIdSchema, proposalIds: z.array(ProposalIdSchema).max(200) }).strict())
          .min(1)
          .max(10_000),
      })
      .strict(),
    response: BatchSchema,
  },
  /** Saves all the user's overrides to a file the user picks, or as a system override folder. */
  'transfer:export': {
    request: z.object({ kind: z.enum(['file', 'system-tree']) }).strict(),
    response: z.object({ path: z.string().nullable(), files: z.number(), skipped: z.array(z.string()).readonly() }),
  },
  /** Opens an export the user picks and tells what importing it would change. */
  'transfer:import-preview': {
    request: z.object({}).strict(),
    response: z.object({
      path: z.string().nullable(),
      token: z.string(),
      items: z
        .array(
          z.object({
            app: z.string().nullable(),
            status: z.enum(['new', 'changed', 'same']),
            portals: z.number(),
            malformed: z.string().nullable(),
          }),
        )
        .readonly(),
      /** Overrides the window leaves to `confine import`: system ones and links. */
      elsewhere: z.array(z.string()).readonly(),
      /** The export's review state (what was seen, the locks), to merge as `confine import` does. */
      review: ReviewImportSchema.nullable(),
    }),
  },
  /** Imports the chosen overrides of an opened export, as one batch. */
  'transfer:import-apply': {
    request: z
      .object({
        token: z.string().regex(/^[0-9a-f]{32}$/),
        apps: z.array(AppIdSchema.nullable()).max(10_000),
        /** Also merge the export's review state. */
        review: z.boolean().optional(),
      })
      .strict()
      .refine((r) => r.apps.length > 0 || r.review === true, 'nothing to import'),
    response: BatchSchema.extend({ review: ReviewImportSchema.nullable() }),
  },
  /** Opens one of the documentation links in the user's browser. */
  'link:open': {
    request: z
      .object({ link: z.enum(Object.keys(HELP_LINKS) as [keyof typeof HELP_LINKS, ...(keyof typeof HELP_LINKS)[]]) })
      .strict(),
    response: z.object({}),
  },
  /** Copies text (such as the equivalent command) to the clipboard. */
  'clipboard:write': {
    request: z
      .object({ text: TextSchema.max(100_000).refine((t) => !t.includes('\0'), 'text with a NUL character') })
      .strict(),
    response: z.object({}),
  },
  /** Settings remembered between sessions. */
  'settings:get': { request: z.object({}).strict(), response: z.object({ page: PageSchema.nullable() }) },
  'settings:set': { request: z.object({ page: PageSchema }).strict(), response: z.object({}) },
  /**
   * Names of folders below the user's home that start with what is typed (`Documents/Pro`), for
   * the completion of a filesystem path: names only, never through a link out of the home.
   */
  'fs:completePath': {
    request: z.object({ path: TypedHomePathSchema }).strict(),
    response: z.object({ folder: z.string(), names: z.array(z.string()).max(100).readonly(), more: z.boolean() }),
  },
  /**
   * Where the user's user-dirs.dirs puts each XDG folder, by Flatpak's name for it
   * (`xdg-download` → `~/Téléchargements`); a folder it does not name is missing.
   */
  'fs:userFolders': {
    request: z.object({}).strict(),
    response: z.object({ folders: z.record(z.string(), z.string()) }),
  },
  /**
   * What updates changed in the apps' declared permissions since the user last looked; an app
   * seen for the first time is remembered as it is. With the locks.
   */
  'review:list': { request: z.object({}).strict(), response: ReviewListSchema },
  /**
   * Keeps (`deny` false) or denies what changed in these apps, or only `items` of one app, as
   * `confine review APP --accept|--deny` does; the overrides written travel back for Undo.
   */
  'review:decide': {
    request: z
      .object({
        appIds: z.array(AppIdSchema).min(1).max(10_000),
        deny: z.boolean(),
        items: z.array(ReviewItemSchema).min(1).max(500).optional(),
      })
      .strict()
      .refine((r) => r.items === undefined || r.appIds.length === 1, 'items are of one app'),
    response: z.object({
      decisions: z.array(ReviewDecisionSchema).readonly(),
      files: BatchSchema.shape.files,
      failures: z.array(BatchFailureSchema).readonly(),
      /** What each decision marked as seen, for Undo. */
      seen: z.array(ReviewSeenStepSchema).readonly(),
    }),
  },
  /** Locks or unlocks one app: a locked app's newly declared permissions are denied as they land. */
  'review:lock': {
    request: z.object({ appId: AppIdSchema, locked: z.boolean() }).strict(),
    response: ReviewListSchema.shape.locks,
  },
} as const satisfies Record<Channel, Entry>;

export type Contract = typeof contract;
export type Request<C extends Channel> = z.input<Contract[C]['request']>;
export type Response<C extends Channel> = z.output<Contract[C]['response']>;

/** Expected failures travel as data the window can show, not as thrown strings. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: z.infer<typeof FailureSchema> };

export const events = {
  /** Something changed: installed apps, override files, or (by anyone) the portal permission store. */
  'flatpak:changed': z
    .object({
      apps: z.boolean(),
      overrides: z.boolean(),
      portals: z.boolean(),
      /** The apps whose own override files changed, when that is all that changed; else null. */
      appIds: z.array(AppIdSchema).max(10_000).nullable(),
    })
    .strict(),
  /** Another start of Confine asked for an app's page (`confine --app ID`). */
  'app:open': z.object({ appId: AppIdSchema }).strict(),
  /** The lock watcher denied what an update of a locked app newly asked for. */
  'review:denied': z.object({ appId: AppIdSchema, items: z.array(z.string()).min(1).max(10_000) }).strict(),
} as const satisfies Record<EventName, z.ZodType>;

export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
