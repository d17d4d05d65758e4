import { z } from 'zod';
import { entityIdSchema, isoTimestampSchema } from './ids';
import { dealSettingSchema } from './crm';
import { validationIssueSchema } from './settings-document';

/**
 * CRM Integration over RPC: what the `dealSettings.*` channels take and give. A deal
 * setting is a list document (many per tenant, one per bot response) with a draft, the base last
 * known on the backend, and dirty / deleted flags, like an API connection.
 */
export const dealSettingDocumentSchema = z
  .object({
    id: entityIdSchema,
    tenantId: entityIdSchema,
    draft: dealSettingSchema,
    /** The last state known on the backend; null until it was pulled or published. */
    base: dealSettingSchema.nullable(),
    /** The backend has a version of it. */
    published: z.boolean(),
    /** There is something to publish: a new or changed deal setting, or the deletion of a published one. */
    dirty: z.boolean(),
    /** Deleted, and the deletion is not published yet: `dealSettings.undoDelete` brings it back. */
    deleted: z.boolean(),
    createdAt: isoTimestampSchema,
    updatedAt: isoTimestampSchema,
    /**
     * Issues against the cached CRM catalog now (a stage the CRM dropped, named as last seen).
     * A deal setting with issues is held back from publishing.
     */
    issues: z.array(validationIssueSchema),
  })
  .strict();
export type DealSettingDocument = z.infer<typeof dealSettingDocumentSchema>;

export const dealSettingListInputSchema = z.object({ tenantId: entityIdSchema }).strict();

export const dealSettingRefSchema = z.object({ tenantId: entityIdSchema, id: entityIdSchema }).strict();
export type DealSettingRef = z.infer<typeof dealSettingRefSchema>;

/** A new deal setting: the whole value (issue paths are `['draft', field]`). */
export const dealSettingCreateInputSchema = z.object({ tenantId: entityIdSchema, draft: dealSettingSchema }).strict();
export type DealSettingCreateInput = z.input<typeof dealSettingCreateInputSchema>;

/** `Save changes`: the whole new value of an existing deal setting. */
export const dealSettingUpdateInputSchema = z.object({ tenantId: entityIdSchema, id: entityIdSchema, draft: dealSettingSchema }).strict();
export type DealSettingUpdateInput = z.input<typeof dealSettingUpdateInputSchema>;
