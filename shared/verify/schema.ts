// The result of a sandbox probe as it crosses the IPC border.

import { z } from 'zod';

const AccessSchema = z.enum([
  'none',
  'hidden',
  'read',
  'write',
  'usable',
  'filtered',
  'direct',
  'present',
  'shared',
  'loopback',
]);

export const VerifyRowSchema = z.object({
  id: z.string(),
  group: z.enum(['folders', 'sensitive', 'sockets', 'buses', 'devices', 'network']),
  label: z.string(),
  target: z.string(),
  expected: AccessSchema,
  before: AccessSchema.optional(),
  observed: AccessSchema,
  verdict: z.enum(['same', 'explained', 'unexplained', 'not-on-host']),
  via: z.string().optional(),
  note: z.string().optional(),
  detail: z.array(z.string()).readonly().optional(),
});

export const VerifyResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    appId: z.string(),
    dataFolderExisted: z.boolean(),
    rows: z.array(VerifyRowSchema).readonly(),
    summary: z.object({ same: z.number(), explained: z.number(), unexplained: z.number(), notOnHost: z.number() }),
    /** What the probe ran against: the user override (base64, null: none) and a digest of the layers below. */
    basis: z.object({ override: z.string().nullable(), below: z.string() }).optional(),
  }),
  z.object({
    ok: z.literal(false),
    appId: z.string(),
    reason: z.enum(['no-shell', 'timeout', 'failed', 'permissions', 'stopped']),
    message: z.string(),
  }),
]);
