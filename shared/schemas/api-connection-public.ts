import { z } from 'zod';
import { isoTimestampSchema } from './ids';

/**
 * The two secret-free shapes of an API connection:
 * - the public part, what SQLite (drafts, bases, revisions, exports) may hold: names, code, base
 *   URL, settings keys, header names, the token's non-secret fields, and flags that a value is set;
 * - the view, what the renderer receives: the public part plus, per secret, "set or not" and at
 *   most a masked preview. Neither ever carries a secret value.
 */
export const apiConnectionPublicSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    code: z.string(),
    baseUrl: z.string(),
    /** Keys of `Settings` in order; every value is a secret in the vault. Null: no settings. */
    settingsKeys: z.array(z.string()).nullable(),
    /** Header names in order; `set` is false for an empty value (nothing in the vault). Null: no headers. */
    headers: z.array(z.object({ name: z.string(), set: z.boolean() }).strict()).nullable(),
    token: z
      .object({
        token_type: z.string(),
        expires_in: z.number().int(),
        created_at: z.number().int(),
        accessTokenSet: z.boolean(),
        refreshTokenSet: z.boolean(),
      })
      .strict()
      .nullable(),
  })
  .strict();
export type ApiConnectionPublic = z.infer<typeof apiConnectionPublicSchema>;

/** One secret as the renderer sees it: whether it is set, and a masked preview when the vault could be read. */
export const secretSlotSchema = z.object({ set: z.boolean(), preview: z.string().nullable() }).strict();
export type SecretSlot = z.infer<typeof secretSlotSchema>;

export const apiConnectionViewSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    code: z.string(),
    baseUrl: z.string(),
    settings: z.array(z.object({ key: z.string(), secret: secretSlotSchema }).strict()).nullable(),
    headers: z.array(z.object({ name: z.string(), secret: secretSlotSchema }).strict()).nullable(),
    token: z
      .object({
        token_type: z.string(),
        expires_in: z.number().int(),
        created_at: z.number().int(),
        /** created_at + expires_in. */
        expiresAt: isoTimestampSchema,
        expired: z.boolean(),
        access_token: secretSlotSchema,
        refresh_token: secretSlotSchema,
      })
      .strict()
      .nullable(),
  })
  .strict();
export type ApiConnectionView = z.infer<typeof apiConnectionViewSchema>;
