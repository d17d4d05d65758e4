import { z } from 'zod';
import { LIMITS } from './limits';
import { catalogIdSchema } from './ids';
import { boundedInt, messageText } from './text-fields';
import { encodeIssueMessage } from '../validation/issue-message';

/** Idle Action: what happens when the customer stops replying. */
export const IDLE_ACTIONS = ['none', 'resolve_conversation', 'assign_conversation'] as const;
export type IdleActionKind = (typeof IDLE_ACTIONS)[number];

export const ASSIGN_TARGETS = ['auto', 'division', 'agent'] as const;
export type AssignTarget = (typeof ASSIGN_TARGETS)[number];

export const idleActionSchema = z
  .object({
    action: z.enum(IDLE_ACTIONS, { errorMap: () => ({ message: 'idleAction.action.invalid' }) }),
    /** `Customer idle time`, hours part. */
    idleHours: boundedInt(0, LIMITS.idleHoursMax, 'idleAction.idleHours.range'),
    /** `Customer idle time`, minutes part. */
    idleMinutes: boundedInt(0, LIMITS.idleMinutesMax, 'idleAction.idleMinutes.range'),
    assignTo: z.enum(ASSIGN_TARGETS, { errorMap: () => ({ message: 'idleAction.assignTo.invalid' }) }),
    divisionId: catalogIdSchema.nullable(),
    agentId: catalogIdSchema.nullable(),
    closingMessage: messageText(LIMITS.messageMax),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.action === 'none') return;
    const total = value.idleHours * 60 + value.idleMinutes;
    if (Number.isInteger(total) && total <= 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['idleHours'], message: 'idleAction.idleTime.zero' });
    } else if (total > LIMITS.idleTotalMinutesMax) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['idleHours'],
        message: encodeIssueMessage('idleAction.idleTime.tooLong', { maxHours: LIMITS.idleTotalMinutesMax / 60 }),
      });
    }
    if (value.closingMessage.trim().length === 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['closingMessage'], message: 'idleAction.closingMessage.required' });
    }
    if (value.action === 'assign_conversation') {
      if (value.assignTo === 'division' && !value.divisionId) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['divisionId'], message: 'idleAction.division.required' });
      }
      if (value.assignTo === 'agent' && !value.agentId) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['agentId'], message: 'idleAction.agent.required' });
      }
    }
  });

export type IdleAction = z.infer<typeof idleActionSchema>;

export const IDLE_ACTION_DEFAULT: IdleAction = {
  action: 'none',
  idleHours: 0,
  idleMinutes: 0,
  assignTo: 'auto',
  divisionId: null,
  agentId: null,
  closingMessage: '',
};

/** Which catalog references the setting uses in its current action (others are kept but ignored). */
export function idleActionReferences(value: IdleAction): { divisionId: string | null; agentId: string | null } {
  const assigning = value.action === 'assign_conversation';
  return {
    divisionId: assigning && value.assignTo === 'division' ? value.divisionId : null,
    agentId: assigning && value.assignTo === 'agent' ? value.agentId : null,
  };
}
