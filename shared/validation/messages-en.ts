import { decodeIssueMessage } from './issue-message';

/**
 * English text of every validation key. The renderer's English locale uses this table as it is;
 * its Indonesian locale translates the same keys (a unit test checks that none is missing).
 * `{name}`-style placeholders take the issue's parameters.
 */
export const VALIDATION_MESSAGES_EN = {
  'id.invalid': 'This id is not valid.',
  'catalogId.invalid': 'This reference is not valid.',
  'catalog.duplicateId': 'The catalog lists this id twice.',
  'document.kind.invalid': 'Unknown settings area.',

  'tenant.name.required': 'Tenant name is required.',
  'tenant.name.tooLong': 'Tenant name can be at most {max} characters.',
  'tenant.name.duplicate': 'A tenant with this name already exists.',
  'tenant.backendUrl.invalid': 'Backend URL must be a full URL, such as https://service-chat.qontak.com/api/open/v1.',
  'tenant.backendUrl.tooLong': 'Backend URL can be at most {max} characters.',
  'tenant.backendUrl.protocol': 'Backend URL must start with http:// or https://.',
  'tenant.backendUrl.credentials': 'Backend URL must not contain a user name or password.',

  'message.type': 'This message must be text.',
  'message.tooLong': 'This message can be at most {max} characters.',
  'message.blank': 'This message cannot be only spaces.',

  'aiResponse.threshold.range': 'Threshold must be a whole number from {min} to {max}.',
  'aiResponse.onThreshold.invalid': 'Choose what happens when the threshold is reached.',
  'aiResponse.division.required': 'Choose a division.',
  'aiResponse.agent.required': 'Choose an agent.',

  'idleAction.action.invalid': 'Choose an idle action.',
  'idleAction.idleHours.range': 'Hours must be a whole number from {min} to {max}.',
  'idleAction.idleMinutes.range': 'Minutes must be a whole number from {min} to {max}.',
  'idleAction.idleTime.zero': 'Customer idle time must be more than 0 minutes.',
  'idleAction.idleTime.tooLong': 'Customer idle time can be at most {maxHours} hours.',
  'idleAction.closingMessage.required': 'Closing message is required.',
  'idleAction.assignTo.invalid': 'Choose how the conversation is assigned.',
  'idleAction.division.required': 'Choose a division.',
  'idleAction.agent.required': 'Choose an agent.',

  'ref.division.removed': 'Division “{name}” is no longer in the catalog.',
  'ref.division.unknown': 'Division {id} is not in the catalog.',
  'ref.agent.removed': 'Agent “{name}” is no longer in the catalog.',
  'ref.agent.unknown': 'Agent {id} is not in the catalog.',
} as const;

export type ValidationMessageKey = keyof typeof VALIDATION_MESSAGES_EN;

export function isValidationMessageKey(key: string): key is ValidationMessageKey {
  return Object.prototype.hasOwnProperty.call(VALIDATION_MESSAGES_EN, key);
}

/** Fills `{name}` placeholders; unknown placeholders stay as they are. */
export function fillPlaceholders(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** An encoded issue message as English text (for RPC errors and logs). */
export function renderIssueMessageEn(message: string): string {
  const { key, params } = decodeIssueMessage(message);
  return isValidationMessageKey(key) ? fillPlaceholders(VALIDATION_MESSAGES_EN[key], params) : message;
}
