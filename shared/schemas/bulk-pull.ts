import { z } from 'zod';
import { entityIdSchema } from './ids';
import { runProgressSchema } from './run-progress';

/**
 * A pull over many tenants, as it moves: how many are pulled, how many failed (with the reason,
 * which never holds a secret), and the time left at the pace of the tenants still to go (Qontak
 * credentials are paced per credential; null when nothing left is paced). It cannot be cancelled.
 */
export const pullProgressSchema = runProgressSchema.extend({
  state: z.enum(['running', 'finished']),
  done: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  msLeft: z.number().int().nonnegative().nullable(),
  failures: z.array(z.object({ tenantId: entityIdSchema, message: z.string() })),
});
export type PullProgress = z.infer<typeof pullProgressSchema>;
