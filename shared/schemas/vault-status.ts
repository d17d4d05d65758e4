import { z } from 'zod';
import { isoTimestampSchema } from './ids';

/**
 * The OS keychain as the renderer sees it (`vault.status`): whether secrets can be saved now and,
 * if not, why (each reason has its own message, written by the core), plus how the clean-up of
 * keychain entries that belong to nothing went.
 */
export const VAULT_REASONS = ['NO_DBUS', 'NO_SECRET_SERVICE', 'LOCKED', 'MISSING_VALUE', 'UNKNOWN'] as const;
export const vaultReasonSchema = z.enum(VAULT_REASONS);
export type VaultReason = z.infer<typeof vaultReasonSchema>;

/**
 * - `idle`: nothing to clean (this store never saved a secret);
 * - `running`: the start-up sweep is under way;
 * - `done`: the last clean-up succeeded;
 * - `failed`: the last clean-up could not finish; what is left is retried at the next start.
 */
export const VAULT_CLEANUP_STATES = ['idle', 'running', 'done', 'failed'] as const;

export const vaultCleanupSchema = z
  .object({
    state: z.enum(VAULT_CLEANUP_STATES),
    /** Entries removed by the clean-ups of this session. */
    removed: z.number().int().nonnegative(),
    /** Why the last clean-up failed (never a secret); null otherwise. */
    message: z.string().nullable(),
    finishedAt: isoTimestampSchema.nullable(),
  })
  .strict();
export type VaultCleanup = z.infer<typeof vaultCleanupSchema>;

export const vaultStatusSchema = z
  .object({
    state: z.enum(['available', 'unavailable']),
    reason: vaultReasonSchema.optional(),
    message: z.string(),
    cleanup: vaultCleanupSchema,
  })
  .strict();
export type VaultStatusView = z.infer<typeof vaultStatusSchema>;
