import { dealSettingSchema } from '../schemas/crm';
import type { CollectionKindDescriptor } from './document-kind';

/** A CRM deal created from the chatbot's conversations of one bot response. */
export const dealSettingKind = {
  kind: 'deal_setting',
  label: 'Deal setting',
  cardinality: 'collection',
  schema: dealSettingSchema,
  references: [
    { field: 'botResponseId', catalog: 'crm', entry: 'Bot response' },
    { field: 'pipelineId', catalog: 'crm', entry: 'Pipeline' },
    { field: 'stageId', catalog: 'crm', entry: 'Stage' },
    { field: 'ownerId', catalog: 'crm', entry: 'Owner' },
    { field: 'sourceId', catalog: 'crm', entry: 'Source' },
  ],
  naturalKey: { field: 'botResponseId', caseInsensitive: false, duplicateMessage: 'dealSetting.botResponse.duplicate' },
  secretSections: [],
  routes: { list: 'listDealSettings', create: 'createDealSetting', put: 'putDealSetting', delete: 'deleteDealSetting' },
} as const satisfies CollectionKindDescriptor<'deal_setting', typeof dealSettingSchema>;
