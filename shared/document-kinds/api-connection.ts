import { apiConnectionSchema } from '../schemas/api-connection';
import { API_CODE_DUPLICATE_KEY } from '../validation/api-connection-code';
import type { CollectionKindDescriptor } from './document-kind';

/** An integration the chatbot uses to reach the client's systems; its credentials are secrets. */
export const apiConnectionKind = {
  kind: 'api_connection',
  label: 'API connection',
  cardinality: 'collection',
  schema: apiConnectionSchema,
  references: [],
  naturalKey: { field: 'code', caseInsensitive: true, duplicateMessage: API_CODE_DUPLICATE_KEY },
  secretSections: ['settings', 'headers', 'token'],
  routes: { list: 'listApiConnections', create: 'createApiConnection', put: 'putApiConnection', delete: 'deleteApiConnection' },
} as const satisfies CollectionKindDescriptor<'api_connection', typeof apiConnectionSchema>;
