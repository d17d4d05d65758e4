import { z } from 'zod';
import { isoTimestampSchema } from '../schemas/ids';
import { WIRE_VERSION_PATTERN } from './http';

/**
 * A stored settings document on the wire: its value (exactly the shared domain schema) with the
 * backend's version (also sent as the `ETag` header) and timestamps.
 */
export const wireVersionSchema = z.string().regex(WIRE_VERSION_PATTERN);

/** Ids the backend gives to the documents of a collection. */
export const wireResourceIdSchema = z.string().min(1).max(128);

/** One per tenant (AI response, idle action). */
export function singletonResourceSchema<S extends z.ZodTypeAny>(value: S) {
  return z.object({ version: wireVersionSchema, updatedAt: isoTimestampSchema, value }).strict();
}

/** One of a collection (API connections, deal settings). */
export function collectionResourceSchema<S extends z.ZodTypeAny>(value: S) {
  return z
    .object({ id: wireResourceIdSchema, version: wireVersionSchema, createdAt: isoTimestampSchema, updatedAt: isoTimestampSchema, value })
    .strict();
}
