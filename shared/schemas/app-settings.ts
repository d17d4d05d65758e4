import { z } from 'zod';

/**
 * The app's own settings (not a tenant's): for now the CA certificate file trusted on top of the
 * bundled roots for every request the core makes (corporate networks with TLS inspection).
 */
export const appSettingsSchema = z
  .object({
    /** Absolute path of a PEM file of CA certificates; null: none. */
    caFile: z.string().max(4096).nullable(),
  })
  .strict();
export type AppSettings = z.infer<typeof appSettingsSchema>;

export const appSettingsInputSchema = z
  .object({
    caFile: z
      .string()
      .trim()
      .max(4096, { message: 'appSettings.caFile.invalid' })
      .nullable()
      .transform((value) => (value === '' ? null : value)),
  })
  .strict();
