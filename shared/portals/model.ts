// Portal permissions as Confine shows them: what xdg-desktop-portal remembers an app may do
// (camera, location, running in the background, …), kept in the permission store, not in
// Flatpak's override files. Schemas, because the shapes cross the IPC border.

import { z } from 'zod';

/** One app's permission strings for one entry, as the store holds them; null is "not set". */
export const PortalValueSchema = z.array(z.string().max(1000)).max(64).nullable();
export type PortalValue = z.infer<typeof PortalValueSchema>;

/** A table is a file of the store's folder: a plain name, never a path or a hidden file. */
export const StoreTableSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/, 'not a permission store table');
/** Entry IDs only travel over D-Bus (a token, a content type such as text/plain, a USB device). */
export const StoreIdSchema = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^[^\p{Cc}]+$/u, 'not a permission store entry');

export const PortalStateSchema = z.enum(['allowed', 'denied', 'not-set', 'other']);
export type PortalState = z.infer<typeof PortalStateSchema>;

export const PortalRowSchema = z.object({
  /** A catalogue key (camera, location, …) or `table/id` for an entry Confine has no words for. */
  key: z.string(),
  table: z.string(),
  id: z.string(),
  label: z.string(),
  description: z.string(),
  state: PortalStateSchema,
  value: PortalValueSchema,
  /** Why it cannot be changed, when it cannot: the portal has not made the entry yet. */
  unavailable: z.string().optional(),
  known: z.boolean(),
});
export type PortalRow = z.infer<typeof PortalRowSchema>;

export const PortalsViewSchema = z.discriminatedUnion('available', [
  z.object({ available: z.literal(true), version: z.number(), rows: z.array(PortalRowSchema).readonly() }),
  z.object({ available: z.literal(false), reason: z.string() }),
]);
export type PortalsView = z.infer<typeof PortalsViewSchema>;

/** One app's entry before and after a write, for undo, redo and reset. */
export const PortalStepSchema = z
  .object({
    appId: z.string(),
    table: StoreTableSchema,
    id: StoreIdSchema,
    before: PortalValueSchema,
    after: PortalValueSchema,
  })
  .strict();
export type PortalStep = z.infer<typeof PortalStepSchema>;
