import { z } from 'zod';

/**
 * Every successful answer except the OAuth token's has one envelope: `{ "status": "success",
 * "data": ... }`, where data is one object or a list (the whole list: no paging).
 */
export function successEnvelope<S extends z.ZodTypeAny>(data: S) {
  return z.object({ status: z.literal('success'), data }).strict();
}

export type SuccessEnvelope<T> = { status: 'success'; data: T };

export function success<T>(data: T): SuccessEnvelope<T> {
  return { status: 'success', data };
}

/** A list whose entries must have distinct ids. */
export function uniqueIdList<S extends z.ZodType<{ id: string }, z.ZodTypeDef, unknown>>(item: S) {
  return z.array(item).superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((entry, index) => {
      if (seen.has(entry.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [index, 'id'], message: 'catalog.duplicateId' });
      seen.add(entry.id);
    });
  });
}
