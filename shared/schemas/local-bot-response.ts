import { z } from 'zod';
import { LIMITS } from './limits';
import { entityIdSchema } from './ids';
import { visibleName } from './text-fields';

/**
 * A bot response named by the user, as the web app shows it, for a backend that lists none (the
 * Mekari API has no such route): kept in the tenant's CRM catalog with an id marked `local:`, so
 * that deal settings can still be prepared and carried by the change sheet.
 */
export const LOCAL_BOT_RESPONSE_PREFIX = 'local:';

export function isLocalBotResponseId(id: string): boolean {
  return id.startsWith(LOCAL_BOT_RESPONSE_PREFIX);
}

export const addLocalBotResponseInputSchema = z.object({ tenantId: entityIdSchema, name: visibleName(LIMITS.catalogNameMax) }).strict();
