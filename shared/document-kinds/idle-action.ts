import { IDLE_ACTION_DEFAULT, idleActionReferences, idleActionSchema } from '../schemas/idle-action';
import type { SingletonKindDescriptor } from './document-kind';

/** What happens to a conversation whose customer stopped replying. */
export const idleActionKind = {
  kind: 'idle_action',
  label: 'Idle Action',
  cardinality: 'one-per-tenant',
  schema: idleActionSchema,
  defaults: IDLE_ACTION_DEFAULT,
  referencesOf: idleActionReferences,
  references: [
    { field: 'divisionId', catalog: 'catalog', entry: 'Division' },
    { field: 'agentId', catalog: 'catalog', entry: 'Agent' },
  ],
  routes: { get: 'getIdleAction', put: 'putIdleAction' },
} as const satisfies SingletonKindDescriptor<'idle_action', typeof idleActionSchema>;
