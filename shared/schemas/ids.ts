import { z } from 'zod';
import { LIMITS } from './limits';

/** Ids the app creates itself (tenants, documents). */
export const entityIdSchema = z.string({ invalid_type_error: 'id.invalid', required_error: 'id.invalid' }).uuid({ message: 'id.invalid' });

/** Ids that come from a backend catalog (agents, divisions, pipelines ...): opaque strings. */
export const catalogIdSchema = z
  .string({ invalid_type_error: 'catalogId.invalid' })
  .min(1, { message: 'catalogId.invalid' })
  .max(LIMITS.catalogIdMax, { message: 'catalogId.invalid' });

export const isoTimestampSchema = z.string().datetime({ offset: true });
