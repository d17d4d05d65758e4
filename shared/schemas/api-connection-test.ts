import { z } from 'zod';
import { API_CONNECTION_LIMITS as L } from './api-connection-limits';
import { encodeIssueMessage } from '../validation/issue-message';
import { hasControlCharacter } from './api-connection';

/**
 * `Test connection`: the optional path the user adds to the base URL, and the result
 * the core reports. The result never holds a secret or a URL (a redirect could carry one).
 */
export const testConnectionPathSchema = z
  .string({ invalid_type_error: 'apiConnection.testPath.invalid' })
  .max(L.testPathMax, { message: encodeIssueMessage('apiConnection.testPath.tooLong', { max: L.testPathMax }) })
  .superRefine((path, ctx) => {
    // Must stay on the base URL's origin: `//host` or `https://host` would go elsewhere with the credentials.
    const bad = path !== '' && (!path.startsWith('/') || path.startsWith('//') || /[\s#\\]/.test(path) || hasControlCharacter(path));
    if (bad) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'apiConnection.testPath.invalid' });
  });

export const TEST_CONNECTION_ERROR_KINDS = ['DNS', 'TLS', 'TIMEOUT', 'REFUSED', 'HTTP', 'OTHER'] as const;
export type TestConnectionErrorKind = (typeof TEST_CONNECTION_ERROR_KINDS)[number];

export const testConnectionResultSchema = z
  .object({
    /** True when the server answered with a 2xx status. */
    ok: z.boolean(),
    /** The final HTTP status, or null when no response came. */
    status: z.number().int().nullable(),
    /** From sending the request to the final response (or failure), redirects included. */
    timeMs: z.number().nonnegative(),
    /** Redirects followed. */
    redirects: z.number().int().nonnegative(),
    error: z.object({ kind: z.enum(TEST_CONNECTION_ERROR_KINDS), message: z.string() }).strict().optional(),
  })
  .strict();
export type TestConnectionResult = z.infer<typeof testConnectionResultSchema>;
