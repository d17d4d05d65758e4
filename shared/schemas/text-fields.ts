import { z } from 'zod';
import { encodeIssueMessage } from '../validation/issue-message';

/** A required, bounded, non-blank text. The stored value is trimmed. */
export function requiredText(max: number, keyPrefix: string) {
  return z
    .string({ required_error: `${keyPrefix}.required`, invalid_type_error: `${keyPrefix}.required` })
    .superRefine((value, ctx) => {
      if (value.trim().length === 0) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${keyPrefix}.required` });
      } else if (value.trim().length > max) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: encodeIssueMessage(`${keyPrefix}.tooLong`, { max }) });
      }
    })
    .transform((value) => value.trim());
}

/**
 * A customer-facing message: bounded; may be empty when optional, never whitespace only.
 * Whether it is required depends on the mode, so that rule lives in the owning schema.
 */
export function messageText(max: number) {
  return z
    .string({ invalid_type_error: 'message.type' })
    .superRefine((value, ctx) => {
      if (value.length > max) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: encodeIssueMessage('message.tooLong', { max }) });
      } else if (value.length > 0 && value.trim().length === 0) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'message.blank' });
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
