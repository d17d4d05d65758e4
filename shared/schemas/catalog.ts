import { z } from 'zod';
import { LIMITS } from './limits';
import { catalogIdSchema, isoTimestampSchema } from './ids';
import { visibleName } from './text-fields';

/**
 * Catalogs are the tenant's reference data from the backend (agents, divisions; CRM data later),
 * cached locally so that forms can be filled and validated offline.
 */
/** Names as the app stores and shows them: under the shared rule for user-visible text. */
const catalogName = visibleName(LIMITS.catalogNameMax);

export const divisionSchema = z.object({ id: catalogIdSchema, name: catalogName }).strict();
export type Division = z.infer<typeof divisionSchema>;

export const agentSchema = z
  .object({
    id: catalogIdSchema,
    name: catalogName,
    email: z.string().max(320).optional(),
    divisionIds: z.array(catalogIdSchema).default([]),
    online: z.boolean().optional(),
  })
  .strict();
export type Agent = z.infer<typeof agentSchema>;

/** What replaces a tenant's catalog: the full current lists. */
export const catalogSnapshotSchema = z
  .object({
    divisions: z.array(divisionSchema),
    agents: z.array(agentSchema),
  })
  .strict()
  .superRefine((value, ctx) => {
    for (const [list, items] of [['divisions', value.divisions], ['agents', value.agents]] as const) {
      const seen = new Set<string>();
      items.forEach((item, index) => {
        if (seen.has(item.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [list, index, 'id'], message: 'catalog.duplicateId' });
        seen.add(item.id);
      });
    }
  });
export type CatalogSnapshot = z.infer<typeof catalogSnapshotSchema>;

/**
 * A cached catalog entry. Entries the backend no longer lists are kept with `removed: true`, so
 * that a reference to them can be named in the error ("Division “Sales” is no longer ...").
 */
const withRemoved = { removed: z.boolean() };
export const catalogViewSchema = z.object({
  divisions: z.array(divisionSchema.extend(withRemoved)),
  agents: z.array(agentSchema.extend(withRemoved)),
  /** When the catalog was last replaced; null when it never was. */
  fetchedAt: isoTimestampSchema.nullable(),
});
export type CatalogView = z.infer<typeof catalogViewSchema>;

export const EMPTY_CATALOG: CatalogView = { divisions: [], agents: [], fetchedAt: null };
