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
 * `schema` compiled and zod's own parse on one value: the compiled schema answers exactly zod's
 * output, or refuses (REFUSED) exactly what zod refuses. Each side parses its own copy (a compiled
 * schema may answer its input itself). Whether zod refused it.
 */
export function expectSameAsZod(schema: z.ZodTypeAny, value: unknown, label = ''): boolean {
  const zod = schema.safeParse(structuredClone(value));
  const compiled = compileSchema(schema)(structuredClone(value));
  const what = `${label}: ${JSON.stringify(value)}`;
  if (zod.success) expect(compiled, what).toStrictEqual(zod.data);
  else expect(compiled, what).toBe(REFUSED);
  return !zod.success;
}

/**
 * `expectSameAsZod` on `value` and each of its variants (schemaVariants). Returns how many
 * variants were checked and how many zod refused (a test checks the variants reached both answers).
 */
export function expectCompiledLikeZod(schema: z.ZodTypeAny, value: unknown, label: string): { checked: number; refused: number } {
  const variants = schemaVariants(value);
  const refused = variants.filter((variant) => expectSameAsZod(schema, variant, label)).length;
  return { checked: variants.length, refused };
}
