import { z } from 'zod';
import { checkCrmPipelines, crmPipelineSchema, dealSettingSchema } from '../schemas/crm';
import { collectionResourceSchema } from './resource';

/**
 * The CRM side as the omnichannel backend exposes it. Catalog entries are the shared CRM schemas;
 * `GET /crm/pipelines` is checked as a whole (unique ids, every stage names the pipeline it is
 * listed under), so a broken catalog response is rejected before it reaches any cache.
 */
export const wirePipelineListSchema = z.array(crmPipelineSchema).superRefine((pipelines, ctx) => checkCrmPipelines(pipelines, ctx));

export const dealSettingResourceSchema = collectionResourceSchema(dealSettingSchema);

export { dealSettingSchema as wireDealSettingBodySchema };
