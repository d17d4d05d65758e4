import { z } from 'zod';
import { entityIdSchema } from './ids';

/**
 * What every long run started from the tenant list (publish, bulk pull, import) reports as it
 * moves: its id, whether it still runs, and how many items it has in all. Each run's progress
 * extends it with its own counts (and may narrow the states it ends in).
 */
export const runProgressSchema = z.object({
  runId: entityIdSchema,
  state: z.enum(['running', 'finished', 'cancelled']),
  total: z.number().int().nonnegative(),
});
export type RunProgress = z.infer<typeof runProgressSchema>;
