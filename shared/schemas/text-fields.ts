import { z } from 'zod';
import { encodeIssueMessage } from '../validation/issue-message';
import { textProblem, type TextRuleOptions } from '../validation/text-rule';
import { firstReservedKey, reservedKeyMessage } from '../validation/reserved-keys';

/**
 * Adds the shared rule for user-visible text (../validation/text-rule.ts: no control characters
 * except newline and tab in multi-line text, no lone surrogates, no bidi overrides or isolates, not
 * only invisible characters) to a refinement. Returns true when the text passed.
 */
export function checkVisibleText(value: string, ctx: z.RefinementCtx, options: TextRuleOptions, path?: (string | number)[]): boolean {
  const problem = textProblem(value, options);
  if (problem === null) return true;
  ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem, ...(path ? { path } : {}) });
  return false;
}

/** A single-line name as it is shown (catalog names, …): 1 to `max` characters under the shared rule. */
export function visibleName(max: number) {
  return z
    .string()
    .min(1)
    .max(max)
    .superRefine((value, ctx) => {
      checkVisibleText(value, ctx, { multiline: false });
    });
}

/**
 * A required, bounded, non-blank text under the shared rule for user-visible text. The stored
 * value is trimmed. `multiline` allows newline and tab (a description).
 */
export function requiredText(max: number, keyPrefix: string, options: { multiline?: boolean } = {}) {
  return z
    .string({ required_error: `${keyPrefix}.required`, invalid_type_error: `${keyPrefix}.required` })
    .superRefine((value, ctx) => {
      if (value.trim().length === 0) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${keyPrefix}.required` });
      } else if (value.trim().length > max) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: encodeIssueMessage(`${keyPrefix}.tooLong`, { max }) });
      } else {
        checkVisibleText(value.trim(), ctx, { multiline: options.multiline ?? false });
      }
    })
    .transform((value) => value.trim());
}

/**
 * A customer-facing message: bounded; may be empty when optional, never whitespace only; multi-line
 * text under the shared rule for user-visible text. Whether it is required depends on the mode, so
 * that rule lives in the owning schema.
 */
export function messageText(max: number) {
  return z
    .string({ invalid_type_error: 'message.type' })
    .superRefine((value, ctx) => {
      if (value.length > max) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: encodeIssueMessage('message.tooLong', { max }) });
      } else if (value.length > 0 && value.trim().length === 0) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'message.blank' });
      } else {
        checkVisibleText(value, ctx, { multiline: true, allowEmpty: true });
      }
    });
}

/** A bounded integer with one message for wrong type, fraction and range. */
export function boundedInt(min: number, max: number, key: string) {
  const message = encodeIssueMessage(key, { min, max });
  return z
    .number({ invalid_type_error: message, required_error: message })
    .int({ message })
    .min(min, { message })
    .max(max, { message });
}

/**
 * A record (object map) whose keys come from outside. zod's record drops a `__proto__` key without
 * a word; this refuses the reserved keys (`__proto__`, `constructor`, `prototype`) first, by name.
 */
export function safeRecord<K extends z.ZodType<string, z.ZodTypeDef, string>, V extends z.ZodTypeAny>(key: K, value: V) {
  return z
    .unknown()
    .superRefine((raw, ctx) => {
      const reserved = firstReservedKey(raw);
      if (reserved !== null) ctx.addIssue({ code: z.ZodIssueCode.custom, message: reservedKeyMessage(reserved), path: [reserved] });
    })
    .pipe(z.record(key, value));
}
