import { z } from 'zod';

/**
 * CRM routes' entries (GET /qontak/crm/pipelines, /pipelines/{id}/stages, /deals/info),
 * tolerant. CRM ids are integers on the wire (numeric strings are accepted too) and become
 * strings here, as the app keeps every catalog id.
 */
export const qontakCrmIdSchema = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)], { errorMap: () => ({ message: 'is not a whole number' }) })
  .transform((value) => String(value));

const optionalText = z.string().nullish().catch(null);
const optionalCrmId = qontakCrmIdSchema.nullish().catch(null);

export const qontakPipelineSchema = z.object({ id: qontakCrmIdSchema, name: optionalText, slug: optionalText });
export type QontakPipeline = z.infer<typeof qontakPipelineSchema>;

export const qontakStageSchema = z.object({
  id: qontakCrmIdSchema,
  name: optionalText,
  /** The pipeline the stage belongs to, when the CRM says (checked against the pipeline asked for). */
  pipeline_id: optionalCrmId,
  crm_pipeline_id: optionalCrmId,
  /** The CRM's order, when given; otherwise the list's order is the order. */
  order: z.number().nullish().catch(null),
});
export type QontakStage = z.infer<typeof qontakStageSchema>;

export const qontakDropdownEntrySchema = z.object({
  id: z.union([z.number(), z.string()]).nullish(),
  name: optionalText,
  email: optionalText,
});

export const qontakDealFieldSchema = z.object({
  name: z.string(),
  name_alias: optionalText,
  dropdown: z.array(qontakDropdownEntrySchema).nullish().catch(null),
});
export type QontakDealField = z.infer<typeof qontakDealFieldSchema>;
