// Runtime schemas of the data that crosses the IPC border. Main checks every request against
// them before it reaches a service, and every response before it leaves.

import { z } from 'zod';
import { PortalStepSchema } from '../portals/model';
import { FLAG_KINDS } from '../flatpak/catalogue';
import { checkAppId, checkBusName, checkEnvName, checkEnvValue, checkPersistentPath } from '../flatpak/grammar';
import { parseFilesystem } from '../flatpak/filesystem';
import { LAYER_IDS } from '../flatpak/merge';

const grammar = (check: (s: string) => string | undefined) => (value: string, ctx: z.RefinementCtx) => {
  const problem = check(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

export const AppIdSchema = z.string().max(255).superRefine(grammar(checkAppId));
export const BusNameSchema = z.string().max(255).superRefine(grammar(checkBusName));
const FlagKindSchema = z.enum(FLAG_KINDS);
const FlagNameSchema = z.string().regex(/^[a-z0-9-]{1,40}$/, 'not a permission name');
const FsModeSchema = z.enum(['none', 'ro', 'rw', 'create']);
const BusPolicySchema = z.enum(['none', 'see', 'talk', 'own']);
const LayerIdSchema = z.enum(LAYER_IDS);
/** A filesystem path as Flatpak would store it (already parsed: no mode suffix). */
const FilesystemPathSchema = z
  .string()
  .max(4096)
  .superRefine((path, ctx) => {
    const parsed = parseFilesystem(path.replace(/[\\:]/g, (c) => '\\' + c), false);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    else if (parsed.path !== path) ctx.addIssue({ code: 'custom', message: `Filesystem path "${path}" is not in Flatpak's normal form (${parsed.path})` });
  });

export const ChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: FlagKindSchema, name: FlagNameSchema, value: z.boolean().optional() }).strict(),
  z.object({ kind: z.literal('filesystems'), path: FilesystemPathSchema, value: FsModeSchema.optional() }).strict(),
  z.object({ kind: z.literal('filesystem-reset'), value: z.literal(true).optional() }).strict(),
  z.object({ kind: z.literal('persistent'), path: z.string().max(4096).superRefine(grammar(checkPersistentPath)), value: z.literal(true).optional() }).strict(),
  z
    .object({
      kind: z.literal('environment'),
      name: z.string().max(4096).superRefine(grammar(checkEnvName)),
      value: z.string().max(65536).superRefine(grammar(checkEnvValue)).nullable().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('bus'), bus: z.enum(['session', 'system']), name: BusNameSchema, value: BusPolicySchema.optional() }).strict(),
]);

const DeploymentSchema = z.object({
  installation: z.string(),
  kind: z.enum(['user', 'system', 'custom']),
  arch: z.string(),
  branch: z.string(),
  path: z.string(),
  updated: z.string().optional(),
});

export const AppInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  summary: z.string().optional(),
  developer: z.string().optional(),
  version: z.string().optional(),
  icon: z.string().optional(),
  runtime: z.string().optional(),
  categories: z.array(z.string()).readonly(),
  deployments: z.array(DeploymentSchema).readonly(),
  problems: z.array(z.string()).readonly(),
});

const FlagEntrySchema = z.object({ name: z.string(), allowed: z.boolean(), source: LayerIdSchema });
export const EffectiveReportSchema = z.object({
  shared: z.array(FlagEntrySchema).readonly(),
  sockets: z.array(FlagEntrySchema).readonly(),
  devices: z.array(FlagEntrySchema).readonly(),
  features: z.array(FlagEntrySchema).readonly(),
  filesystems: z.array(z.object({ path: z.string(), mode: FsModeSchema, source: LayerIdSchema })).readonly(),
  filesystemReset: LayerIdSchema.optional(),
  persistent: z.array(z.object({ path: z.string(), source: LayerIdSchema })).readonly(),
  environment: z.array(z.object({ name: z.string(), value: z.string().nullable(), source: LayerIdSchema })).readonly(),
  sessionBus: z.array(z.object({ name: z.string(), policy: BusPolicySchema, source: LayerIdSchema })).readonly(),
  systemBus: z.array(z.object({ name: z.string(), policy: BusPolicySchema, source: LayerIdSchema })).readonly(),
  policies: z.array(z.object({ key: z.string(), values: z.array(z.string()).readonly(), source: LayerIdSchema })).readonly(),
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
const FindingSchema = z.object({ id: z.string(), severity: SeveritySchema, title: z.string(), detail: z.string(), permission: z.string() });

/** Everything the window shows about the permissions of one app, or of all apps (global). */
export const PermissionsViewSchema = z.object({
  appId: z.string().nullable(),
  installation: z.string().optional(),
  layers: z.array(LayerStateSchema).readonly(),
  /** Set when Flatpak itself would refuse the app because a file is malformed. */
  error: z.string().optional(),
  effective: EffectiveReportSchema.optional(),
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
  installations: z.array(z.object({ id: z.string(), kind: z.enum(['user', 'system', 'custom']), path: z.string(), displayName: z.string(), priority: z.number() })).readonly(),
  apps: z.array(AppInfoSchema).readonly(),
  /** Apps whose permissions Flatpak would refuse to compute, with the reason. */
  errors: z.record(z.string(), z.string()),
  /** Each app's exposure score, ways out and worst finding's severity, for sorting and badges. */
  exposure: z.record(z.string(), z.object({ score: z.number(), escapes: z.number(), worst: z.enum(['escape', 'high', 'medium', 'low']).nullable() })),
  warnings: z.array(z.string()).readonly(),
});

/** An override file before and after a write, base64, so an undo puts back the exact bytes. */
export const OverrideWriteSchema = z.object({
  path: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  changed: z.boolean(),
});

export const FailureSchema = z.object({
  code: z.enum(['invalid-input', 'not-installed', 'malformed', 'conflict', 'unsafe-path', 'permission-denied', 'io']),
  message: z.string(),
  path: z.string().optional(),
});

export const Base64Schema = z.string().max(4 * 1024 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');


export const AuditSchema = z.object({
  apps: z.array(z.object({ id: z.string(), name: z.string(), score: z.number(), findings: z.array(FindingSchema).readonly(), error: z.string().optional() })).readonly(),
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

export const PresetSchema = z.enum(['recommended', 'strict', 'offline']);
const ProposalIdSchema = z.string().max(300).regex(/^[\w:./~+@-]+$/, 'not a proposal ID');

export const HardeningPreviewSchema = z.array(
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
).readonly();

/** Files before and after a batch (base64), for one undo of the whole batch. */
export const BatchSchema = z.object({
  files: z.array(z.object({ appId: z.string().nullable(), before: z.string().nullable(), after: z.string().nullable() })).readonly(),
  /** Portal entries written, each with its value before and after. */
  portals: z.array(PortalStepSchema).readonly(),
  failures: z.array(z.object({ appId: z.string().nullable(), error: z.string() })).readonly(),
});

export { ProposalIdSchema };
