import { z } from 'zod';
import { isoTimestampSchema } from '../../schemas/ids';

/**
 * What a tenant's backend offers, as last found out (after sign-in and on each pull), with when.
 * A missing capability is a fact to show, not an error: publishing goes by change sheet when the
 * settings routes are not offered for writing.
 */
export const backendCapabilitiesSchema = z
  .object({
    /** Divisions and agents can be listed. */
    chatCatalogs: z.boolean(),
    /** The CRM routes answer (pipelines, stages, deal form). */
    crmCatalogs: z.boolean(),
    /** The company's CRM is connected; null when the CRM routes could not tell. */
    crmConnected: z.boolean().nullable(),
    /** The chatbot settings routes (this project's contract) can be read / written. */
    settingsRead: z.boolean(),
    settingsWrite: z.boolean(),
    /** The chatbot's bot responses can be listed. */
    botResponses: z.boolean(),
    /** How publishing works for this tenant. */
    publishing: z.enum(['backend', 'change_sheet']),
    checkedAt: isoTimestampSchema,
  })
  .strict();
export type BackendCapabilities = z.infer<typeof backendCapabilitiesSchema>;
