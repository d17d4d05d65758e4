import { z } from 'zod';
import { entityIdSchema } from './ids';
import { encodeIssueMessage } from '../validation/issue-message';
import { textProblem } from '../validation/text-rule';

/**
 * Tenant tags: short labels a consultant puts on many tenants ("jakarta", "vip") to
 * filter and find them. Normalised so that "  VIP " and "vip" are one tag: Unicode NFC, trimmed,
 * inner whitespace collapsed, lower-cased. Separators of the CSV tags cell (`;`, `,`, `|`) are not
 * allowed inside a tag, and the shared rule for user-visible text applies (../validation/text-rule.ts).
 */
export const TAG_LIMITS = {
  tagMax: 40,
  tagsPerTenantMax: 20,
  /** Tenants one add/remove call may touch. */
  tenantsPerCallMax: 10_000,
  /** Tags one add/remove call may name. */
  tagsPerCallMax: 20,
} as const;

const SEPARATORS = /[;,|]/;

export function normaliseTag(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The reason a (normalised) tag is refused, as an encoded message key, or null. */
export function tagProblem(tag: string): string | null {
  if (tag.length === 0) return 'tag.required';
  if (tag.length > TAG_LIMITS.tagMax) return encodeIssueMessage('tag.tooLong', { max: TAG_LIMITS.tagMax });
  if (SEPARATORS.test(tag)) return 'tag.charset';
  return textProblem(tag, { multiline: false });
}

export const tagSchema = z
  .string({ invalid_type_error: 'tag.required', required_error: 'tag.required' })
  .max(TAG_LIMITS.tagMax * 4, { message: encodeIssueMessage('tag.tooLong', { max: TAG_LIMITS.tagMax }) })
  .transform(normaliseTag)
  .superRefine((tag, ctx) => {
    const problem = tagProblem(tag);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

/** Unique tags, in the order given. */
function uniqueTags(tags: string[]): string[] {
  return [...new Set(tags)];
}

export const tagsEditInputSchema = z
  .object({
    tenantIds: z.array(entityIdSchema).min(1, { message: 'tags.tenants.required' }).max(TAG_LIMITS.tenantsPerCallMax),
    tags: z.array(tagSchema).min(1, { message: 'tags.required' }).max(TAG_LIMITS.tagsPerCallMax).transform(uniqueTags),
  })
  .strict();
export type TagsEditInput = z.input<typeof tagsEditInputSchema>;

/** What an add or remove did: the tenants' tags after it. */
export const tenantTagsSchema = z.object({ tenantId: entityIdSchema, tags: z.array(z.string()) });
export type TenantTags = z.infer<typeof tenantTagsSchema>;

export const tagCountSchema = z.object({ tag: z.string(), count: z.number().int().nonnegative() });
export type TagCount = z.infer<typeof tagCountSchema>;
