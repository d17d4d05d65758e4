import type { AiResponse } from '../schemas/ai-response';
import type { IdleAction } from '../schemas/idle-action';
import { option, reference, text, type FieldValues, type SheetNames } from './sheet-values';

/** AI Response as the web page shows it: the handover fields only when the conversation is handed over. */
export function aiResponseFields(value: AiResponse, names: SheetNames): FieldValues {
  const fields: FieldValues = [
    ['threshold', { type: 'number', value: value.threshold }],
    ['onThreshold', option(value.onThreshold)],
  ];
  if (value.onThreshold === 'specific_division') fields.push(['division', reference(names, 'division', value.divisionId)]);
  if (value.onThreshold === 'specific_agent') fields.push(['agent', reference(names, 'agent', value.agentId)]);
  if (value.onThreshold !== 'continue_with_bot') fields.push(['handoverMessage', text(value.handoverMessage)]);
  return fields;
}

/** Idle Action as the web page shows it: idle time and closing message unless the action is None. */
export function idleActionFields(value: IdleAction, names: SheetNames): FieldValues {
  const fields: FieldValues = [['idleAction', option(value.action)]];
  if (value.action === 'none') return fields;
  fields.push(['idleTime', { type: 'duration', hours: value.idleHours, minutes: value.idleMinutes }]);
  if (value.action === 'assign_conversation') {
    fields.push(['assignTo', option(value.assignTo)]);
    if (value.assignTo === 'division') fields.push(['division', reference(names, 'division', value.divisionId)]);
    if (value.assignTo === 'agent') fields.push(['agent', reference(names, 'agent', value.agentId)]);
  }
  fields.push(['closingMessage', text(value.closingMessage)]);
  return fields;
}
