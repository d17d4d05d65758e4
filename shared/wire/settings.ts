import { aiResponseSchema } from '../schemas/ai-response';
import { idleActionSchema } from '../schemas/idle-action';
import { apiConnectionSchema } from '../schemas/api-connection';
import { collectionResourceSchema, singletonResourceSchema } from './resource';

/**
 * Chatbot settings on the wire. Request bodies are the domain values themselves; responses wrap
 * them with version and timestamps. API connections travel with their secrets (settings, headers,
 * token): the backend needs them to call the API. Only this transport ever carries them.
 */
export const aiResponseResourceSchema = singletonResourceSchema(aiResponseSchema);
export const idleActionResourceSchema = singletonResourceSchema(idleActionSchema);
export const apiConnectionResourceSchema = collectionResourceSchema(apiConnectionSchema);

export { aiResponseSchema as wireAiResponseBodySchema, idleActionSchema as wireIdleActionBodySchema, apiConnectionSchema as wireApiConnectionBodySchema };
