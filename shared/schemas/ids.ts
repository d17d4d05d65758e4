import { datetimeRegex, z } from 'zod';
import { LIMITS } from './limits';

/** Ids the app creates itself (tenants, documents). */
export const entityIdSchema = z.string({ invalid_type_error: 'id.invalid', required_error: 'id.invalid' }).uuid({ message: 'id.invalid' });

/** Ids that come from a backend catalog (agents, divisions, pipelines ...): opaque strings. */
export const catalogIdSchema = z
  .string({ invalid_type_error: 'catalogId.invalid' })
  .min(1, { message: 'catalogId.invalid' })
  .max(LIMITS.catalogIdMax, { message: 'catalogId.invalid' });

/**
 * An ISO 8601 timestamp with `Z` or a numeric offset: zod's `datetime({ offset: true })`, whose
 * check zod 3 compiles into a new regular expression for every value it parses (the tenant list
 * alone carries thousands of timestamps). This string schema keeps that check (so OpenAPI and
 * introspection see a date-time) and tests a value against the same expression built once; only
 * a value it refuses goes through zod's own check, so the issue and its message are zod's.
 */
const ISO_TIMESTAMP = datetimeRegex({ precision: null, offset: true, local: false });

class IsoTimestampString extends z.ZodString {
  override _parse(input: z.ParseInput): z.ParseReturnType<string> {
    if (typeof input.data === 'string' && ISO_TIMESTAMP.test(input.data)) return z.OK(input.data);
    return super._parse(input);
  }
}

export const isoTimestampSchema: z.ZodString = new IsoTimestampString({ ...z.string().datetime({ offset: true })._def });
