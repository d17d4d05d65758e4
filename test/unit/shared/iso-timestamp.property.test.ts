import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { isoTimestampSchema } from '../../../shared/schemas/ids';

/** zod's own check, which `isoTimestampSchema` replaces with one prebuilt regular expression. */
const zodDatetime = z.string().datetime({ offset: true });

const nearTimestamp = fc.stringMatching(/^\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-6]\d(:[0-6]\d(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2}|z)?$/);

describe('isoTimestampSchema', () => {
  it('accepts what zod datetime({ offset: true }) accepts and refuses the rest with the same issues', () => {
    fc.assert(
      fc.property(fc.oneof(nearTimestamp, fc.string()), (value) => {
        const ours = isoTimestampSchema.safeParse(value);
        const zods = zodDatetime.safeParse(value);
        expect(ours.success).toBe(zods.success);
        if (!ours.success && !zods.success) expect(ours.error.issues).toEqual(zods.error.issues);
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts the timestamps the app writes and refuses calendar mistakes', () => {
    expect(isoTimestampSchema.safeParse(new Date(0).toISOString()).success).toBe(true);
    expect(isoTimestampSchema.safeParse('2024-02-29T10:00:00+07:00').success).toBe(true);
    expect(isoTimestampSchema.safeParse('2023-02-29T10:00:00Z').success).toBe(false);
    expect(isoTimestampSchema.safeParse('2024-01-01T10:00:00').success).toBe(false);
    expect(isoTimestampSchema.safeParse(42).success).toBe(false);
  });
});
