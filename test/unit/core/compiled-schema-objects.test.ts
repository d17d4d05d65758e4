import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileSchema, REFUSED } from '../../../electron/core/validation/compiled-schema';

const strict = z.object({ a: z.string(), b: z.number().optional(), c: z.string().trim().nullable() }).strict();
const strip = z.object({ a: z.string(), b: z.number().optional() }).strip();

function sameAsZod(schema: z.ZodTypeAny, value: unknown): unknown {
  const compiled = compileSchema(schema)(value);
  const zod = schema.safeParse(value);
  if (zod.success) {
    expect(compiled).toStrictEqual(zod.data);
    expect(compiled === REFUSED ? [] : Object.keys(compiled as object)).toEqual(Object.keys(zod.data as object));
  } else expect(compiled).toBe(REFUSED);
  return compiled;
}

describe('a compiled object schema', () => {
  it('answers the input itself when its keys are in the shape’s order and every field parses to itself', () => {
    const value = { a: 'x', b: 1, c: 'y' };
    expect(sameAsZod(strict, value)).toBe(value);
    const withoutOptional = { a: 'x', c: null };
    expect(sameAsZod(strict, withoutOptional)).toBe(withoutOptional);
  });

  it('answers zod’s copy when a field changes, the keys are out of order, or a key holds undefined', () => {
    const trimmed = { a: 'x', b: 1, c: ' y ' };
    expect(sameAsZod(strict, trimmed)).not.toBe(trimmed);
    const shuffled = { c: 'y', a: 'x', b: 1 };
    expect(sameAsZod(strict, shuffled)).not.toBe(shuffled);
    sameAsZod(strict, { a: 'x', b: undefined, c: null });
    sameAsZod(strip, { a: 'x', extra: true, b: 2 });
    sameAsZod(strip, { extra: true, a: 'x' });
  });

  it('refuses what zod refuses: unknown keys of a strict object, a missing required field, a bad value', () => {
    sameAsZod(strict, { a: 'x', c: null, extra: 1 });
    sameAsZod(strict, { b: 1, c: null });
    sameAsZod(strict, { a: 'x', b: 'one', c: null });
    sameAsZod(strict, Object.assign(Object.create({ a: 'inherited' }) as object, { c: null }));
    sameAsZod(strict, [1]);
  });
});
