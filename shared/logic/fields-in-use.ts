import type { AiResponse } from '../schemas/ai-response';
import type { IdleAction } from '../schemas/idle-action';
import type { SingletonKind } from '../schemas/settings-document';

/**
 * The top-level fields of a one-per-tenant document that its chosen mode uses — what the web page
 * shows for it (as in change-sheet/singleton-fields.ts): a Division only for "Specific division",
 * the idle time and closing message only when the idle action does something. A change to a field
 * the mode does not use changes nothing anyone sees.
 */
export function singletonFieldsInUse(kind: SingletonKind, value: unknown): ReadonlySet<string> {
  if (kind === 'ai_response') {
    const draft = value as AiResponse;
    const fields = ['threshold', 'onThreshold'];
    if (draft.onThreshold === 'specific_division') fields.push('divisionId');
    if (draft.onThreshold === 'specific_agent') fields.push('agentId');
    if (draft.onThreshold !== 'continue_with_bot') fields.push('handoverMessage');
    return new Set(fields);
  }
  const draft = value as IdleAction;
  const fields = ['action'];
  if (draft.action !== 'none') fields.push('idleHours', 'idleMinutes', 'closingMessage');
  if (draft.action === 'assign_conversation') {
    fields.push('assignTo');
    if (draft.assignTo === 'division') fields.push('divisionId');
    if (draft.assignTo === 'agent') fields.push('agentId');
  }
  return new Set(fields);
}
