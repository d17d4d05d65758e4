import type { z } from 'zod';
import { aiResponseSchema } from '../../shared/schemas/ai-response';
import { idleActionSchema } from '../../shared/schemas/idle-action';
import { apiConnectionSchema } from '../../shared/schemas/api-connection';
import { botResponseSchema, crmConnectionSchema, crmOwnerSchema, crmPipelineSchema, crmSourceSchema, dealSettingSchema } from '../../shared/schemas/crm';
import { tokenRequestSchema, tokenResponseSchema } from '../../shared/wire/oauth';
import { wireDivisionSchema, wireUserSchema } from '../../shared/wire/directory';
import { aiResponseResourceSchema, apiConnectionResourceSchema, idleActionResourceSchema } from '../../shared/wire/settings';
import { dealSettingResourceSchema } from '../../shared/wire/crm';
import { wireErrorSchema } from '../../shared/wire/errors';

/**
 * The names the document gives to the shared schemas (components/schemas). A route's body or
 * data item found here is written as a $ref; anything else is inlined.
 */
export const NAMED_SCHEMAS: readonly (readonly [string, z.ZodTypeAny])[] = [
  ['TokenRequest', tokenRequestSchema],
  ['TokenResponse', tokenResponseSchema],
  ['Division', wireDivisionSchema],
  ['User', wireUserSchema],
  ['AiResponse', aiResponseSchema],
  ['AiResponseResource', aiResponseResourceSchema],
  ['IdleAction', idleActionSchema],
  ['IdleActionResource', idleActionResourceSchema],
  ['ApiConnection', apiConnectionSchema],
  ['ApiConnectionResource', apiConnectionResourceSchema],
  ['CrmConnection', crmConnectionSchema],
  ['CrmPipeline', crmPipelineSchema],
  ['CrmOwner', crmOwnerSchema],
  ['CrmSource', crmSourceSchema],
  ['BotResponse', botResponseSchema],
  ['DealSetting', dealSettingSchema],
  ['DealSettingResource', dealSettingResourceSchema],
  ['Error', wireErrorSchema],
];
