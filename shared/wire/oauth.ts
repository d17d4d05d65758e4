import { z } from 'zod';

/**
 * `POST /oauth/token`, as the platform's public API has it: a password grant once, then refresh
 * grants. The body may be JSON or a form (application/x-www-form-urlencoded) with the same fields.
 * Refresh tokens rotate: each refresh answers a new one and the old one stops working.
 */
export const passwordGrantSchema = z
  .object({
    grant_type: z.literal('password'),
    username: z.string().min(1).max(320),
    password: z.string().min(1).max(1024),
    /** The OAuth client, for backends that ask for it in the grant (Qontak's legacy chat-service). */
    client_id: z.string().min(1).max(200).optional(),
    client_secret: z.string().min(1).max(1024).optional(),
  })
  .strict();

export const refreshGrantSchema = z
  .object({
    grant_type: z.literal('refresh_token'),
    refresh_token: z.string().min(1).max(4096),
    client_id: z.string().min(1).max(200).optional(),
    client_secret: z.string().min(1).max(1024).optional(),
  })
  .strict();

export const tokenRequestSchema = z.discriminatedUnion('grant_type', [passwordGrantSchema, refreshGrantSchema]);
export type TokenRequest = z.infer<typeof tokenRequestSchema>;

/** Not wrapped in the success envelope: this is the OAuth 2.0 token response. */
export const tokenResponseSchema = z
  .object({
    access_token: z.string().min(1),
    token_type: z.literal('bearer'),
    /** Seconds the access token lives from `created_at`. */
    expires_in: z.number().int().positive(),
    refresh_token: z.string().min(1),
    /** Unix time in seconds. */
    created_at: z.number().int().nonnegative(),
  })
  .strict();
export type TokenResponse = z.infer<typeof tokenResponseSchema>;
