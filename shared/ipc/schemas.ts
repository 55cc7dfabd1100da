// Runtime schemas of the data that crosses the IPC border. Main checks every request against
// them before it reaches a service, and every response before it leaves.

import { z } from 'zod';
import { ERROR_CODES, type Failure } from '../errors';
import { PortalStepSchema, StoreIdSchema, StoreTableSchema } from '../portals/model';
import { checkPortalSet, checkPortalStored } from '../portals/vocabulary';
import { FLAG_KINDS } from '../flatpak/catalogue';
import {
  checkAppId,
  checkBusName,
  checkEnvName,
  checkEnvValue,
  checkPersistentPath,
  checkTypedHomePath,
} from '../flatpak/grammar';
import { parseFilesystem } from '../flatpak/filesystem';
import { LAYER_IDS } from '../flatpak/merge';
import { CAPABILITY_IDS } from '../hardening/capabilities';
import { isRuleId } from '../hardening/presets';
import { PRESETS } from '../hardening/preset-labels';
import {
  decodeBase64,
  envNameStorageProblem,
  flagNameProblem,
  isWellFormed,
  NEWEST_KNOWN_FLATPAK,
  overrideContentProblem,
} from './content';

const grammar = (check: (s: string) => string | undefined) => (value: string, ctx: z.RefinementCtx) => {
  const problem = check(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

/** Text that is valid Unicode (no lone surrogate): anything else changes on its way to a file or D-Bus. */
export const TextSchema = z.string().refine(isWellFormed, 'not valid Unicode text (a lone surrogate)');

export const AppIdSchema = z.string().max(255).superRefine(grammar(checkAppId));
/** A path typed below the user's home, relative to it (the filesystem form's completion). */
export const TypedHomePathSchema = TextSchema.max(1024).superRefine(grammar(checkTypedHomePath));
export const BusNameSchema = z.string().max(255).superRefine(grammar(checkBusName));
const FlagKindSchema = z.enum(FLAG_KINDS);
const FsModeSchema = z.enum(['none', 'ro', 'rw', 'create']);
const BusPolicySchema = z.enum(['none', 'see', 'talk', 'own']);
const LayerIdSchema = z.enum(LAYER_IDS);
/** A filesystem path as Flatpak would store it (already parsed: no mode suffix). */
const FilesystemPathSchema = z
  .string()
  .max(4096)
  .superRefine((path, ctx) => {
    // Flatpak's own check misses a location that ends in a lone `..` (`~/..`, `/..`: measured
    // with 1.14.10, which loads and writes them); they name the folder above, so never from here.
    if (path.split('/').includes('..'))
      return void ctx.addIssue({ code: 'custom', message: `Filesystem location "${path}" contains ".."` });
    const parsed = parseFilesystem(
      path.replace(/[\\:]/g, (c) => '\\' + c),
      false,
    );
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    else if (parsed.path !== path)
      ctx.addIssue({
        code: 'custom',
        message: `Filesystem path "${path}" is not in Flatpak's normal form (${parsed.path})`,
      });
  });

export const ChangeSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: FlagKindSchema, name: z.string().max(64), value: z.boolean().optional() })
    .strict()
    .superRefine((c, ctx) => {
      // A name Flatpak does not know would be dropped when the file is read back.
      const problem = flagNameProblem(c.kind, c.name);
      if (problem) ctx.addIssue({ code: 'custom', path: ['name'], message: problem });
    }),
  z.object({ kind: z.literal('filesystems'), path: FilesystemPathSchema, value: FsModeSchema.optional() }).strict(),
  z.object({ kind: z.literal('filesystem-reset'), value: z.literal(true).optional() }).strict(),
  z
    .object({
      kind: z.literal('persistent'),
      path: z.string().max(4096).superRefine(grammar(checkPersistentPath)),
      value: z.literal(true).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('environment'),
      name: z
        .string()
        .max(4096)
        .superRefine(grammar((name) => checkEnvName(name) ?? envNameStorageProblem(name))),
      value: TextSchema.max(65536).superRefine(grammar(checkEnvValue)).nullable().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('bus'),
      bus: z.enum(['session', 'system']),
      name: BusNameSchema,
      value: BusPolicySchema.optional(),
    })
    .strict(),
]);

const DeploymentSchema = z.object({
  installation: z.string(),
  kind: z.enum(['user', 'system', 'custom']),
  arch: z.string(),
  branch: z.string(),
  path: z.string(),
  updated: z.string().optional(),
});

// Without the icon's file: main keeps it and serves it as app://…/icons/ID (assets.ts), and a
// thousand such paths were a fifth of the list's answer.
export const AppInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  summary: z.string().optional(),
  developer: z.string().optional(),
  version: z.string().optional(),
  runtime: z.string().optional(),
  categories: z.array(z.string()).readonly(),
  deployments: z.array(DeploymentSchema).readonly(),
  problems: z.array(z.string()).readonly(),
});

const UnaskedSchema = z.literal(true).optional();
const FlagEntrySchema = z.object({
  name: z.string(),
  allowed: z.boolean(),
  source: LayerIdSchema,
  unasked: UnaskedSchema,
});
const BusEntrySchema = z.object({
  name: z.string(),
  policy: BusPolicySchema,
  source: LayerIdSchema,
  unasked: UnaskedSchema,
});
export const EffectiveReportSchema = z.object({
  shared: z.array(FlagEntrySchema).readonly(),
  sockets: z.array(FlagEntrySchema).readonly(),
  devices: z.array(FlagEntrySchema).readonly(),
  features: z.array(FlagEntrySchema).readonly(),
  filesystems: z
    .array(z.object({ path: z.string(), mode: FsModeSchema, source: LayerIdSchema, unasked: UnaskedSchema }))
    .readonly(),
  filesystemReset: LayerIdSchema.optional(),
  removedByReset: z
    .array(z.object({ path: z.string(), mode: FsModeSchema, source: LayerIdSchema, removedBy: LayerIdSchema }))
    .readonly()
    .optional(),
  persistent: z.array(z.object({ path: z.string(), source: LayerIdSchema })).readonly(),
  environment: z.array(z.object({ name: z.string(), value: z.string().nullable(), source: LayerIdSchema })).readonly(),
  sessionBus: z.array(BusEntrySchema).readonly(),
  systemBus: z.array(BusEntrySchema).readonly(),
  policies: z
    .array(z.object({ key: z.string(), values: z.array(z.string()).readonly(), source: LayerIdSchema }))
    .readonly(),
});

export const LayerStateSchema = z.object({
  id: LayerIdSchema,
  path: z.string(),
  state: z.enum(['ok', 'missing', 'malformed', 'unreadable']),
  message: z.string().optional(),
  symlink: z.boolean().optional(),
  warnings: z.array(z.string()).readonly().optional(),
});

const SeveritySchema = z.enum(['escape', 'high', 'medium', 'low']);
const FindingSchema = z.object({
  id: z.string(),
  severity: SeveritySchema,
  title: z.string(),
  detail: z.string(),
  permission: z.string(),
});

/** Everything the window shows about the permissions of one app, or of all apps (global). */
export const PermissionsViewSchema = z.object({
  appId: z.string().nullable(),
  installation: z.string().optional(),
  layers: z.array(LayerStateSchema).readonly(),
  /** Set when Flatpak itself would refuse the app because a file is malformed. */
  error: z.string().optional(),
  effective: EffectiveReportSchema.optional(),
  /** With `error`: what Flatpak enforces once the malformed files are reset. */
  onceReset: EffectiveReportSchema.optional(),
  /** The user's own override layer of this app (or the global one), entry by entry. */
  userLayer: EffectiveReportSchema.optional(),
  /** What `flatpak info --show-permissions` prints. */
  show: z.string().optional(),
  /** The `flatpak override` command that recreates the user's override. */
  command: z.string(),
  /** What the app can do with its effective permissions (apps only). */
  findings: z.array(FindingSchema).readonly().optional(),
});

export const CatalogSchema = z.object({
  flatpakVersion: z.string(),
  flatpakDetected: z.boolean(),
  installations: z
    .array(
      z.object({
        id: z.string(),
        kind: z.enum(['user', 'system', 'custom']),
        path: z.string(),
        displayName: z.string(),
        priority: z.number(),
      }),
    )
    .readonly(),
  apps: z.array(AppInfoSchema).readonly(),
  /** Apps whose permissions Flatpak would refuse to compute, with the reason. */
  errors: z.record(z.string(), z.string()),
  /** Each app's exposure score, ways out and worst finding's severity, for sorting and badges. */
  exposure: z.record(
    z.string(),
    z.object({ score: z.number(), escapes: z.number(), worst: z.enum(['escape', 'high', 'medium', 'low']).nullable() }),
  ),
  /** What each app can do (capabilities.ts), for the list's filter. */
  capabilities: z.record(z.string(), z.array(z.enum(CAPABILITY_IDS))),
  /** The apps with an override of the user's own, marked in the list. */
  changed: z.array(z.string()),
  warnings: z.array(z.string()).readonly(),
});

/** What the list marks each app with, from its permissions and audit (catalog:marks). */
export const CatalogMarksSchema = CatalogSchema.pick({
  errors: true,
  exposure: true,
  capabilities: true,
  changed: true,
});

/** The apps as soon as they are described, before their permissions are read (catalog:list). */
export const CatalogListSchema = CatalogSchema.pick({
  flatpakVersion: true,
  flatpakDetected: true,
  installations: true,
  apps: true,
  warnings: true,
});

/** The catalogue's entries of a few apps, read again after an outside change (catalog:apps). */
export const CatalogPatchSchema = CatalogSchema.pick({
  apps: true,
  errors: true,
  exposure: true,
  capabilities: true,
  changed: true,
}).extend({
  /** Asked-for apps that are not installed (any more). */
  gone: z.array(z.string()),
});

/** An override file before and after a write, base64, so an undo puts back the exact bytes. */
export const OverrideWriteSchema = z.object({
  path: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  changed: z.boolean(),
});

/** What the window shows: one of its own pages, the global override, or one app. */
export const PageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('overview') }).strict(),
  z.object({ kind: z.literal('system') }).strict(),
  z.object({ kind: z.literal('global') }).strict(),
  z.object({ kind: z.literal('app'), appId: AppIdSchema }).strict(),
]);
export type Page = z.infer<typeof PageSchema>;

/** A failure as it crosses the border, so the window can act on its code (a conflict offers Reload). */
export const FailureSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  appId: z.string().optional(),
  path: z.string().optional(),
}) satisfies z.ZodType<Failure>;

/** One item of a batch that was left as it was: the app (null: the global override) and why. */
export const BatchFailureSchema = z.object({ appId: z.string().nullable(), error: FailureSchema });

/** Bytes as canonical padded base64, exactly as main sends them (Buffer#toString('base64')). */
export const Base64Schema = z
  .string()
  .max(4 * 1024 * 1024)
  .refine((s) => decodeBase64(s) !== undefined, 'not base64');

/**
 * The bytes of an override file Flatpak would load: an undo or redo must never write a file that
 * makes Flatpak refuse the app. The schema has no Flatpak version, so it reads with the newest
 * grammar Confine knows; the handler checks again with the running version.
 */
export const OverrideContentSchema = z
  .string()
  .max(4 * 1024 * 1024)
  .superRefine((s, ctx) => {
    const bytes = decodeBase64(s);
    if (bytes === undefined) return void ctx.addIssue({ code: 'custom', message: 'not base64' });
    const problem = overrideContentProblem(bytes, NEWEST_KNOWN_FLATPAK);
    if (problem) ctx.addIssue({ code: 'custom', message: `Flatpak would refuse this override file: ${problem}` });
  });

/** Where an app is installed: `user`, `default` or a custom installation's ID
 *  (flatpak-dir.c is_good_installation_id: printable ASCII, no space or `/`, at most 80). */
export const InstallationIdSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[\x21-\x2e\x30-\x7e]+$/, 'not an installation ID');

/** A permission-store table and entry as the window names them (valid Unicode, for D-Bus). */
export const StoreTableRequestSchema = StoreTableSchema.refine(isWellFormed, 'not a permission store table');
export const StoreIdRequestSchema = StoreIdSchema.refine(isWellFormed, 'not a permission store entry');
/** A value as the store may hold it now (`expected` of an undo): compared, never written. */
export const StoredValueSchema = z.array(TextSchema.max(1000)).max(64).nullable();

/** One entry set from the window: only "not set", or the catalogue's own allowed and denied values. */
export const PortalSetSchema = z
  .object({ appId: AppIdSchema, table: StoreTableRequestSchema, id: StoreIdRequestSchema, value: StoredValueSchema })
  .strict()
  .superRefine((r, ctx) => {
    const problem = checkPortalSet(r.table, r.id, r.value);
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
  });

/** One entry put back by an undo or redo: a value a portal itself writes in that table. */
export const PortalRestoreSchema = z
  .object({
    appId: AppIdSchema,
    table: StoreTableRequestSchema,
    id: StoreIdRequestSchema,
    expected: StoredValueSchema,
    content: StoredValueSchema,
  })
  .strict()
  .superRefine((r, ctx) => {
    const problem = checkPortalStored(r.table, r.id, r.content);
    if (problem) ctx.addIssue({ code: 'custom', path: ['content'], message: problem });
  });

// The Overview ranks apps by the worst of their findings; each app's page reads all of them. Sending
// every finding of a thousand apps made the answer five times as large, for nothing shown; the
// worst one goes as the ranking shows it (its severity and title), which halves it again.
export const AuditSchema = z.object({
  apps: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        score: z.number(),
        worst: FindingSchema.pick({ severity: true, title: true }).optional(),
        error: z.string().optional(),
        onceReset: z.boolean().optional(),
      }),
    )
    .readonly(),
  brokenGlobals: z
    .array(
      z.object({
        scope: z.enum(['user', 'system']),
        path: z.string(),
        message: z.string(),
        apps: z.array(z.string()).readonly(),
        command: z.string().optional(),
      }),
    )
    .readonly(),
  overview: z.object({
    apps: z.number(),
    canEscape: z.number(),
    readHome: z.number(),
    network: z.number(),
    x11: z.number(),
    bySeverity: z.object({ escape: z.number(), high: z.number(), medium: z.number(), low: z.number() }),
  }),
  limits: z.array(z.string()).readonly(),
});

export const PresetSchema = z.enum(PRESETS);
/** A proposal is named after the preset rule that makes it (presets.ts RULE_IDS). */
const ProposalIdSchema = z
  .string()
  .max(300)
  .refine((id) => isRuleId(id), 'not a proposal ID');

export const HardeningPreviewSchema = z
  .array(
    z.object({
      appId: z.string(),
      name: z.string(),
      proposals: z
        .array(
          z.object({
            id: z.string(),
            title: z.string(),
            reason: z.string(),
            loses: z.string(),
            cost: z.enum(['none', 'feature', 'core']),
            evidence: z.array(z.string()).readonly(),
            changes: z.array(ChangeSchema).readonly(),
            prepare: z.array(z.string()).readonly(),
            selected: z.boolean(),
          }),
        )
        .readonly(),
      selected: z.array(z.string()).readonly(),
      before: z.object({ score: z.number(), findings: z.number() }),
      after: z.object({ score: z.number(), findings: z.number() }),
      command: z.string(),
      error: z.string().optional(),
    }),
  )
  .readonly();

/** Files before and after a batch (base64), for one undo of the whole batch. */
export const BatchSchema = z.object({
  files: z
    .array(z.object({ appId: z.string().nullable(), before: z.string().nullable(), after: z.string().nullable() }))
    .readonly(),
  /** Portal entries written, each with its value before and after. */
  portals: z.array(PortalStepSchema).readonly(),
  failures: z.array(BatchFailureSchema).readonly(),
});

/**
 * The proposals ticked per app. zod's record skips an own `__proto__` key (which structured clone
 * can deliver) rather than check it, so such a key would pass unseen; it is refused first.
 */
export const ProposalChoicesSchema = z
  .custom<Record<string, readonly string[]>>(
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      !Object.prototype.hasOwnProperty.call(v, '__proto__') &&
      Object.keys(v).length <= 10_000,
    'not a map of at most 10000 app IDs',
  )
  .pipe(z.record(AppIdSchema, z.array(ProposalIdSchema).max(200)));

export { ProposalIdSchema };

/** One declared permission in `flatpak override`'s words (`--share=network`), as review lists it. */
export const ReviewItemSchema = TextSchema.min(3)
  .max(4200)
  .refine((s) => s.startsWith('--') && !s.includes('\0'), 'not a Flatpak option');

const ReviewItemsSchema = z.array(z.string()).max(10_000).readonly();

/** What updates changed in apps' declared permissions since the user last looked, and the locks. */
export const ReviewListSchema = z.object({
  pending: z
    .array(
      z.object({
        appId: z.string(),
        installation: z.string(),
        added: ReviewItemsSchema,
        removed: ReviewItemsSchema,
        locked: z.boolean(),
      }),
    )
    .readonly(),
  locks: z.object({ all: z.boolean(), apps: z.array(z.string()).readonly() }),
});

/** What Keep or Deny did for one app: the items kept, denied, and the ones Flatpak cannot take back. */
export const ReviewDecisionSchema = z.object({
  appId: z.string(),
  kept: ReviewItemsSchema,
  denied: ReviewItemsSchema,
  notDeniable: ReviewItemsSchema,
});

/** What a Keep or Deny marked as seen (added) and as no longer declared (removed) in one app
 *  and installation, kept in the undo history so Undo makes the changes new again. */
export const ReviewSeenStepSchema = z.object({
  appId: z.string(),
  installation: z.string(),
  added: ReviewItemsSchema,
  removed: ReviewItemsSchema,
});

const ReviewItemListSchema = z.array(ReviewItemSchema).max(10_000).readonly();

/** Undo or Redo of a decision's seen items: `seen` marked as seen, `unseen` as new again. */
export const ReviewSeenRestoreSchema = z
  .object({
    appId: AppIdSchema,
    installation: InstallationIdSchema,
    seen: ReviewItemListSchema,
    unseen: ReviewItemListSchema,
  })
  .strict();

/** The review state an import merges: how many apps' seen permissions, the locks, and the
 *  export's installations this machine lacks. */
export const ReviewImportSchema = z.object({
  apps: z.number(),
  locks: z.object({ all: z.boolean(), apps: z.array(z.string()).readonly() }),
  missing: z.array(z.string()).readonly(),
});
