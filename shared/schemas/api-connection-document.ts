import { z } from 'zod';
import { entityIdSchema, isoTimestampSchema } from './ids';
import { apiConnectionSchema } from './api-connection';
import { apiConnectionEditSchema } from './api-connection-edit';
import { apiConnectionViewSchema } from './api-connection-public';
import { testConnectionPathSchema } from './api-connection-test';
import { vaultReasonSchema } from './vault-status';

/**
 * API Integration over RPC: what the `apiConnections.*` channels take and give. The
 * renderer never receives a stored secret: views say whether each one is set, with a masked
 * preview at most (see api-connection-public.ts).
 */

/** Where a connection stands locally. */
const stateFields = {
  id: entityIdSchema,
  tenantId: entityIdSchema,
  /** The backend has a version of it (it was pulled or published once). */
  published: z.boolean(),
  /** There is something to publish: a new or changed connection, or a deletion of a published one. */
  dirty: z.boolean(),
  /** Deleted and not yet purged: `apiConnections.undoDelete` brings it back. */
  deleted: z.boolean(),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
};

export const apiConnectionListItemSchema = z
  .object({
    ...stateFields,
    name: z.string(),
    description: z.string(),
    code: z.string(),
    baseUrl: z.string(),
    /** Null when the connection has no token. */
    tokenExpired: z.boolean().nullable(),
  })
  .strict();
export type ApiConnectionListItem = z.infer<typeof apiConnectionListItemSchema>;

/**
 * Whether the secrets' previews could be read: `missingFields` are vault field names
 * (`headers/apikey`, `token/access_token` ...) the keychain no longer holds; `reason`/`message`
 * say why the keychain could not be read at all.
 */
export const secretsReadSchema = z
  .object({
    readable: z.boolean(),
    reason: vaultReasonSchema.nullable(),
    message: z.string().nullable(),
    missingFields: z.array(z.string()),
  })
  .strict();
export type SecretsRead = z.infer<typeof secretsReadSchema>;

export const apiConnectionDocumentSchema = z
  .object({
    ...stateFields,
    connection: apiConnectionViewSchema,
    secrets: secretsReadSchema,
  })
  .strict();
export type ApiConnectionDocument = z.infer<typeof apiConnectionDocumentSchema>;

export const apiConnectionListInputSchema = z.object({ tenantId: entityIdSchema }).strict();
export const apiConnectionRefSchema = z.object({ tenantId: entityIdSchema, id: entityIdSchema }).strict();
export type ApiConnectionRef = z.infer<typeof apiConnectionRefSchema>;

/** Add: the whole connection, secrets included (issue paths are the fields': ['code'], ['headers', 'X-Key'] ...). */
export const apiConnectionCreateInputSchema = apiConnectionSchema.extend({ tenantId: entityIdSchema }).strict();
export type ApiConnectionCreateInput = z.input<typeof apiConnectionCreateInputSchema>;

/** Save an edit: the plain fields, and per secret section keep / clear / replace / patch (api-connection-edit.ts). */
export const apiConnectionUpdateInputSchema = apiConnectionEditSchema.extend({ tenantId: entityIdSchema, id: entityIdSchema }).strict();
export type ApiConnectionUpdateInput = z.input<typeof apiConnectionUpdateInputSchema>;

/** What `Test connection` may take from the form before it is saved: the parts that shape the request. */
export const apiConnectionTestEditSchema = apiConnectionEditSchema.pick({ baseUrl: true, headers: true, token: true }).strict();
export type ApiConnectionTestEdit = z.output<typeof apiConnectionTestEditSchema>;

/**
 * `Test connection` of a saved connection (`id`), of the form's unsaved state (`edit`: with an
 * `id`, applied to the saved one; without, a new connection), or both. One of them is required.
 */
export const apiConnectionTestInputSchema = z
  .object({
    tenantId: entityIdSchema,
    id: entityIdSchema.optional(),
    edit: apiConnectionTestEditSchema.optional(),
    path: testConnectionPathSchema.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.id === undefined && input.edit === undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'id.invalid', path: ['id'] });
  });
export type ApiConnectionTestInput = z.input<typeof apiConnectionTestInputSchema>;
