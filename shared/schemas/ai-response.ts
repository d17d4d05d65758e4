import { z } from 'zod';
import { LIMITS } from './limits';
import { catalogIdSchema } from './ids';
import { boundedInt, messageText } from './text-fields';

/**
 * AI Response: when the bot has failed to answer `threshold` times, the conversation either
 * continues with the bot or is handed over.
 */
export const HANDOVER_MODES = ['continue_with_bot', 'any_available_agent', 'specific_division', 'specific_agent'] as const;
export type HandoverMode = (typeof HANDOVER_MODES)[number];

export const aiResponseSchema = z
  .object({
    threshold: boundedInt(LIMITS.thresholdMin, LIMITS.thresholdMax, 'aiResponse.threshold.range'),
    onThreshold: z.enum(HANDOVER_MODES, { errorMap: () => ({ message: 'aiResponse.onThreshold.invalid' }) }),
    divisionId: catalogIdSchema.nullable(),
    agentId: catalogIdSchema.nullable(),
    /** `Handover message`: optional; empty means none. */
    handoverMessage: messageText(LIMITS.messageMax),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.onThreshold === 'specific_division' && !value.divisionId) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['divisionId'], message: 'aiResponse.division.required' });
    }
    if (value.onThreshold === 'specific_agent' && !value.agentId) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['agentId'], message: 'aiResponse.agent.required' });
    }
  });

export type AiResponse = z.infer<typeof aiResponseSchema>;

export const AI_RESPONSE_DEFAULT: AiResponse = {
  threshold: LIMITS.thresholdDefault,
  onThreshold: 'continue_with_bot',
  divisionId: null,
  agentId: null,
  handoverMessage: '',
};

/** Which catalog references the setting uses in its current mode (others are kept but ignored). */
export function aiResponseReferences(value: AiResponse): { divisionId: string | null; agentId: string | null } {
  return {
    divisionId: value.onThreshold === 'specific_division' ? value.divisionId : null,
    agentId: value.onThreshold === 'specific_agent' ? value.agentId : null,
  };
}
