import { expect } from 'vitest';
import type { z } from 'zod';
import { compileSchema, REFUSED } from '../../../electron/core/validation/compiled-schema';

const REMOVE = Symbol('remove');
const OTHERS: unknown[] = [null, 7, 'x', true, [], {}];

/**
 * A value and altered copies of it: every value in it removed, nulled or replaced by another
 * type, and an unknown key added to every object — what a differential test of a schema's
 * compiled form against zod runs both on.
 */
export function schemaVariants(value: unknown): unknown[] {
  const out: unknown[] = [value];
  const visit = (node: unknown, replace: (next: unknown) => unknown) => {
    out.push(replace(REMOVE));
    for (const other of OTHERS) out.push(replace(other));
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, (next) => replace(next === REMOVE ? node.filter((_, j) => j !== i) : node.map((x, j) => (j === i ? next : x)))));
    } else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      out.push(replace({ ...record, unexpected: 1 }));
      for (const key of Object.keys(record)) {
        visit(record[key], (next) => {
          if (next !== REMOVE) return replace({ ...record, [key]: next });
          const { [key]: _removed, ...rest } = record;
          return replace(rest);
        });
      }
    }
  };
  visit(value, (next) => (next === REMOVE ? undefined : next));
  return out;
}

/**
 * Runs `schema` compiled and zod's own parse on `value` and its variants: the compiled schema
 * answers exactly zod's output, and refuses exactly what zod refuses. Returns how many variants
 * were checked and how many zod refused (a test checks the variants reached both answers).
 */
export function expectCompiledLikeZod(schema: z.ZodTypeAny, value: unknown, label: string): { checked: number; refused: number } {
  const parse = compileSchema(schema);
  let refused = 0;
  const variants = schemaVariants(value);
  for (const variant of variants) {
    // The compiled schema may answer its input itself: each side gets its own copy.
    const zod = schema.safeParse(structuredClone(variant));
    const compiled = parse(structuredClone(variant));
    if (zod.success) expect(compiled, `${label}: ${JSON.stringify(variant)}`).toStrictEqual(zod.data);
    else {
      expect(compiled, `${label}: ${JSON.stringify(variant)}`).toBe(REFUSED);
      refused++;
    }
  }
  return { checked: variants.length, refused };
}
