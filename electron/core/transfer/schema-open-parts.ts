import { z } from 'zod';

/** The kinds of schema whose values are never objects nor arrays: they add no keys and no nesting. */
const SCALARS: ReadonlySet<z.ZodFirstPartyTypeKind> = new Set([
  z.ZodFirstPartyTypeKind.ZodString,
  z.ZodFirstPartyTypeKind.ZodNumber,
  z.ZodFirstPartyTypeKind.ZodBoolean,
  z.ZodFirstPartyTypeKind.ZodLiteral,
  z.ZodFirstPartyTypeKind.ZodEnum,
]);

/** A path from a schema's value to one of its open parts: keys, and '*' for every item of an array. */
export type OpenPartPath = readonly (string | '*')[];

/**
 * What a schema leaves open to a walk looking for keys (reserved or secret) and nesting: the parts
 * of a value it accepts whose keys and depth it does not fix. A strict object fixes its keys (its
 * shape's), an array or a primitive adds none; a record, an unknown value or a value preprocessed
 * before its schema sees it is open. Null when the
 * schema cannot bound what it accepts this way (an object that lets unknown keys through, a kind
 * of schema not handled here, or a fixed key that `badKey` refuses): a value must then be walked
 * whole.
 *
 * `badKey(key, schema)` says whether a fixed key, with the schema of its value, would be reported by
 * the walk (a reserved or secret key, or a key the walk reads by its value's shape).
 */
export function schemaOpenParts(schema: z.ZodTypeAny, badKey: (key: string, value: z.ZodTypeAny) => boolean): { open: OpenPartPath[]; depth: number } | null {
  const open: OpenPartPath[] = [];
  let depth = 0;
  const visit = (node: z.ZodTypeAny, path: (string | '*')[], level: number): boolean => {
    const def = node._def as { typeName: z.ZodFirstPartyTypeKind };
    if (SCALARS.has(def.typeName)) return true;
    switch (def.typeName) {
      case z.ZodFirstPartyTypeKind.ZodNullable:
      case z.ZodFirstPartyTypeKind.ZodOptional:
        return visit((node as z.ZodNullable<z.ZodTypeAny>)._def.innerType, path, level);
      case z.ZodFirstPartyTypeKind.ZodEffects: {
        const effects = node as z.ZodEffects<z.ZodTypeAny>;
        if (effects._def.effect.type !== 'preprocess') return visit(effects._def.schema, path, level);
        // A preprocess sees the input before its schema does: the schema no longer says what it accepts.
        open.push(path);
        return true;
      }
      case z.ZodFirstPartyTypeKind.ZodPipeline:
        // The input must pass the first schema: what it leaves open is what the pipeline does.
        return visit((node as z.ZodPipeline<z.ZodTypeAny, z.ZodTypeAny>)._def.in, path, level);
      case z.ZodFirstPartyTypeKind.ZodArray:
        depth = Math.max(depth, level + 1);
        return visit((node as z.ZodArray<z.ZodTypeAny>)._def.type, [...path, '*'], level + 1);
      case z.ZodFirstPartyTypeKind.ZodObject: {
        const object = node as z.AnyZodObject;
        if (object._def.unknownKeys !== 'strict' || !(object._def.catchall instanceof z.ZodNever)) return false;
        depth = Math.max(depth, level + 1);
        for (const [key, value] of Object.entries(object.shape as Record<string, z.ZodTypeAny>)) {
          if (badKey(key, value) || !visit(value, [...path, key], level + 1)) return false;
        }
        return true;
      }
      case z.ZodFirstPartyTypeKind.ZodRecord:
      case z.ZodFirstPartyTypeKind.ZodUnknown:
      case z.ZodFirstPartyTypeKind.ZodAny:
        open.push(path);
        return true;
      default:
        return false;
    }
  };
  return visit(schema, [], 0) ? { open, depth } : null;
}

/** Whether a schema accepts arrays, primitives or null only (never a plain object). */
export function acceptsNoObject(schema: z.ZodTypeAny): boolean {
  const def = schema._def as { typeName: z.ZodFirstPartyTypeKind };
  if (SCALARS.has(def.typeName)) return true;
  switch (def.typeName) {
    case z.ZodFirstPartyTypeKind.ZodArray:
      return true;
    case z.ZodFirstPartyTypeKind.ZodNullable:
    case z.ZodFirstPartyTypeKind.ZodOptional:
      return acceptsNoObject((schema as z.ZodNullable<z.ZodTypeAny>)._def.innerType);
    case z.ZodFirstPartyTypeKind.ZodEffects:
      return (schema as z.ZodEffects<z.ZodTypeAny>)._def.effect.type !== 'preprocess' && acceptsNoObject((schema as z.ZodEffects<z.ZodTypeAny>)._def.schema);
    case z.ZodFirstPartyTypeKind.ZodPipeline:
      return acceptsNoObject((schema as z.ZodPipeline<z.ZodTypeAny, z.ZodTypeAny>)._def.in);
    default:
      return false;
  }
}
