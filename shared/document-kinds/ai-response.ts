import { AI_RESPONSE_DEFAULT, aiResponseReferences, aiResponseSchema } from '../schemas/ai-response';
import type { SingletonKindDescriptor } from './document-kind';

/** What the bot does once it reaches its threshold of failed replies. */
export const aiResponseKind = {
  kind: 'ai_response',
  label: 'AI Response',
  cardinality: 'one-per-tenant',
  schema: aiResponseSchema,
  defaults: AI_RESPONSE_DEFAULT,
  referencesOf: aiResponseReferences,
  references: [
    { field: 'divisionId', catalog: 'catalog', entry: 'Division' },
    { field: 'agentId', catalog: 'catalog', entry: 'Agent' },
  ],
  routes: { get: 'getAiResponse', put: 'putAiResponse' },
} as const satisfies SingletonKindDescriptor<'ai_response', typeof aiResponseSchema>;
