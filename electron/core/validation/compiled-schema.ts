import { z } from 'zod';

/** A value that a compiled schema refused: the caller asks zod itself for the issues. */
export const REFUSED: unique symbol = Symbol('refused');
type Parse = (value: unknown) => unknown;

/**
 * A zod 3 schema turned into plain functions for a bulk reader (ten thousand tenants of an import
 * file): the same checks, refinements and transforms in the same order, without zod's per-value
 * contexts, issue lists and status objects. It only ever answers a value equal to zod's output, or
 * REFUSED at the first problem: the caller then parses with the schema itself, so every message
 * stays zod's. Kinds of schema or checks it does not handle are handed to zod as they are.
 *
 * Where zod's output would be a copy equal to the input — a plain object with the shape's keys in
 * the shape's order, an array or a record whose values all parse to themselves — the input itself
 * is answered, so that a bulk reader holds one tree instead of building a second one beside it.
 * A caller must therefore not change the input afterwards (a file's parsed JSON is used once).
 */
export function compileSchema<S extends z.ZodTypeAny>(schema: S): (value: unknown) => z.output<S> | typeof REFUSED {
  return compile(schema) as (value: unknown) => z.output<S> | typeof REFUSED;
}

/**
 * `schema.safeParse`, answered by the compiled schema whenever it accepts the value: zod itself
 * runs only for a value the compiled schema refuses, so that an error is always zod's. For values
 * read in bulk (a publish's answers, stored JSON columns). As with `compileSchema`, the answer may
 * be the input itself: the input must be a fresh value nobody changes afterwards (JSON.parse's).
 */
export function compiledSafeParse<S extends z.ZodTypeAny>(schema: S): (value: unknown) => z.SafeParseReturnType<z.input<S>, z.output<S>> {
  const compiled = compileSchema(schema);
  return (value) => {
    const data = compiled(value);
    return data === REFUSED ? schema.safeParse(value) : { success: true, data };
  };
}

const byZod =
  (schema: z.ZodTypeAny): Parse =>
  (value) => {
    const result = schema.safeParse(value);
    return result.success ? (result.data as unknown) : REFUSED;
  };

/**
 * A refinement or transform's context: any issue refuses the value. One per effect, made once and
 * cleared before each call (parsing is synchronous, and an effect never runs inside itself: a
 * recursive schema is handed to zod).
 */
interface IssueFlag {
  failed: boolean;
  readonly path: (string | number)[];
  addIssue(): void;
}

function issueFlag(): IssueFlag {
  const flag: IssueFlag = {
    failed: false,
    path: [],
    addIssue() {
      flag.failed = true;
    },
  };
  return flag;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Map) && !(value instanceof Set) && !(value instanceof Promise);
}

function compile(schema: z.ZodTypeAny): Parse {
  const def = schema._def as { typeName: z.ZodFirstPartyTypeKind; coerce?: boolean };
  switch (def.typeName) {
    case z.ZodFirstPartyTypeKind.ZodString:
      return def.coerce ? byZod(schema) : compileString(schema as z.ZodString);
    case z.ZodFirstPartyTypeKind.ZodNumber:
      return def.coerce ? byZod(schema) : compileNumber(schema as z.ZodNumber);
    case z.ZodFirstPartyTypeKind.ZodBoolean:
      return def.coerce ? byZod(schema) : (value) => (typeof value === 'boolean' ? value : REFUSED);
    case z.ZodFirstPartyTypeKind.ZodLiteral: {
      const literal = (schema as z.ZodLiteral<unknown>)._def.value;
      return (value) => (value === literal ? value : REFUSED);
    }
    case z.ZodFirstPartyTypeKind.ZodEnum: {
      const values = new Set<unknown>((schema as z.ZodEnum<[string, ...string[]]>)._def.values);
      return (value) => (typeof value === 'string' && values.has(value) ? value : REFUSED);
    }
    case z.ZodFirstPartyTypeKind.ZodUnknown:
    case z.ZodFirstPartyTypeKind.ZodAny:
      return (value) => value;
    case z.ZodFirstPartyTypeKind.ZodNullable: {
      const inner = compile((schema as z.ZodNullable<z.ZodTypeAny>)._def.innerType);
      return (value) => (value === null ? null : inner(value));
    }
    case z.ZodFirstPartyTypeKind.ZodOptional: {
      const inner = compile((schema as z.ZodOptional<z.ZodTypeAny>)._def.innerType);
      return (value) => (value === undefined ? undefined : inner(value));
    }
    case z.ZodFirstPartyTypeKind.ZodArray:
      return compileArray(schema as z.ZodArray<z.ZodTypeAny>);
    case z.ZodFirstPartyTypeKind.ZodObject:
      return compileObject(schema as z.AnyZodObject);
    case z.ZodFirstPartyTypeKind.ZodRecord:
      return compileRecord(schema as z.ZodRecord);
    case z.ZodFirstPartyTypeKind.ZodEffects:
      return compileEffects(schema as z.ZodEffects<z.ZodTypeAny>);
    case z.ZodFirstPartyTypeKind.ZodPipeline: {
      const { in: first, out: then } = (schema as z.ZodPipeline<z.ZodTypeAny, z.ZodTypeAny>)._def;
      const a = compile(first);
      const b = compile(then);
      return (value) => {
        const middle = a(value);
        return middle === REFUSED ? REFUSED : b(middle);
      };
    }
    default:
      return byZod(schema);
  }
}

function compileString(schema: z.ZodString): Parse {
  const steps: Array<(value: string) => string | typeof REFUSED> = [];
  for (const check of schema._def.checks) {
    switch (check.kind) {
      case 'min':
        steps.push((s) => (s.length < check.value ? REFUSED : s));
        break;
      case 'max':
        steps.push((s) => (s.length > check.value ? REFUSED : s));
        break;
      case 'length':
        steps.push((s) => (s.length !== check.value ? REFUSED : s));
        break;
      case 'regex':
        steps.push((s) => {
          check.regex.lastIndex = 0;
          return check.regex.test(s) ? s : REFUSED;
        });
        break;
      case 'trim':
        steps.push((s) => s.trim());
        break;
      case 'toLowerCase':
        steps.push((s) => s.toLowerCase());
        break;
      case 'toUpperCase':
        steps.push((s) => s.toUpperCase());
        break;
      default:
        return byZod(schema); // formats (uuid, datetime, …): zod's own
    }
  }
  return (value) => {
    if (typeof value !== 'string') return REFUSED;
    let s = value;
    for (const step of steps) {
      const next = step(s);
      if (next === REFUSED) return REFUSED;
      s = next;
    }
    return s;
  };
}

function compileNumber(schema: z.ZodNumber): Parse {
  const checks = schema._def.checks;
  for (const check of checks) if (check.kind === 'multipleOf') return byZod(schema);
  return (value) => {
    if (typeof value !== 'number' || Number.isNaN(value)) return REFUSED;
    for (const check of checks) {
      if (check.kind === 'int' && !Number.isInteger(value)) return REFUSED;
      if (check.kind === 'min' && (check.inclusive ? value < check.value : value <= check.value)) return REFUSED;
      if (check.kind === 'max' && (check.inclusive ? value > check.value : value >= check.value)) return REFUSED;
      if (check.kind === 'finite' && !Number.isFinite(value)) return REFUSED;
    }
    return value;
  };
}

function compileArray(schema: z.ZodArray<z.ZodTypeAny>): Parse {
  const { exactLength, minLength, maxLength } = schema._def;
  const item = compile(schema._def.type);
  return (value) => {
    if (!Array.isArray(value)) return REFUSED;
    if (exactLength && value.length !== exactLength.value) return REFUSED;
    if (minLength && value.length < minLength.value) return REFUSED;
    if (maxLength && value.length > maxLength.value) return REFUSED;
    // The input itself while every item parses to itself; a copy from the first that does not.
    let out: unknown[] | null = Object.getPrototypeOf(value) === Array.prototype ? null : [];
    for (let i = 0; i < value.length; i++) {
      const parsed = item(value[i]);
      if (parsed === REFUSED) return REFUSED;
      if (out === null && parsed !== value[i]) out = value.slice(0, i);
      if (out !== null) out[i] = parsed;
    }
    return out ?? value;
  };
}

function compileObject(schema: z.AnyZodObject): Parse {
  const { unknownKeys, catchall } = schema._def;
  if (!(catchall instanceof z.ZodNever) || (unknownKeys !== 'strict' && unknownKeys !== 'strip')) return byZod(schema);
  const shape = schema.shape as Record<string, z.ZodTypeAny>;
  const keys = Object.keys(shape);
  const known = new Set(keys);
  const parsers = keys.map((key) => compile(shape[key]!));
  const strict = unknownKeys === 'strict';
  /** zod's copy: each field present in the input, or parsed to a value, in the shape's order. */
  const copy = (value: Record<string, unknown>, parsed: unknown[]): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (key !== '__proto__' && (parsed[i] !== undefined || key in value)) out[key] = parsed[i];
    }
    return out;
  };
  const parseFields = fieldsByName(keys, parsers, copy);
  if (!parseFields) return byZod(schema);
  return (value) => {
    if (!isObject(value)) return REFUSED;
    // One pass over the input's keys: an unknown one refuses a strict object; the input can stand
    // for zod's copy only when it is a plain object whose keys are shape keys in the shape's order.
    let inShapeOrder = Object.getPrototypeOf(value) === Object.prototype;
    let next = 0;
    for (const key in value) {
      if (strict && !known.has(key)) return REFUSED;
      if (!inShapeOrder) continue;
      while (next < keys.length && keys[next] !== key) next++;
      if (next === keys.length) inShapeOrder = false;
      else next++;
    }
    // The input itself while every field parses to itself; zod's copy otherwise.
    return parseFields(value, inShapeOrder);
  };
}

/**
 * An object's fields parsed in the shape's order (REFUSED at the first refused one), then the
 * input itself when `inShapeOrder` and every field parsed to itself (a missing one to undefined),
 * else `copy` of the parsed values.
 */
type ParseFields = (value: Record<string, unknown>, inShapeOrder: boolean) => unknown;
type Copy = (value: Record<string, unknown>, parsed: unknown[]) => Record<string, unknown>;

/**
 * The function written out for one shape, each field read by its own name (a property access the
 * engine specialises per shape, where a key held in a variable is looked up each time): faster
 * over the tens of thousands of objects of an import file. The code holds the shape's own keys
 * only, quoted as JSON, never anything of the input. Null where the runtime refuses code from
 * strings (the object is then parsed by zod itself).
 */
function fieldsByName(keys: readonly string[], parsers: readonly Parse[], copy: Copy): ParseFields | null {
  const names = keys.map((key) => JSON.stringify(key));
  const body = [
    ...names.map((_, i) => `const f${i} = parsers[${i}];`),
    'return function parseFields(value, inShapeOrder) {',
    'let same = inShapeOrder;',
    ...names.map(
      (name, i) =>
        `const v${i} = value[${name}]; const p${i} = f${i}(v${i}); if (p${i} === REFUSED) return REFUSED; same = same && (${name} in value ? p${i} === v${i} : p${i} === undefined);`,
    ),
    `return same ? value : copy(value, [${names.map((_, i) => `p${i}`).join(', ')}]);`,
    '};',
  ].join('\n');
  try {
    return new Function('parsers', 'REFUSED', 'copy', body)(parsers, REFUSED, copy) as ParseFields;
  } catch {
    return null;
  }
}

function compileRecord(schema: z.ZodRecord): Parse {
  const keyOf = compile(schema._def.keyType);
  const valueOf = compile(schema._def.valueType);
  return (value) => {
    if (!isObject(value)) return REFUSED;
    // The input itself while every key and value parse to themselves; a copy from the first that does not.
    let out: Record<string, unknown> | null = Object.getPrototypeOf(value) === Object.prototype ? null : {};
    const done: string[] = [];
    for (const key in value) {
      const parsedKey = keyOf(key);
      const parsed = valueOf(value[key]);
      if (parsedKey === REFUSED || parsed === REFUSED) return REFUSED;
      if (out === null && (parsedKey !== key || parsed !== value[key] || key === '__proto__')) {
        out = {};
        for (const earlier of done) out[earlier] = value[earlier];
      }
      if (out !== null) {
        if (parsedKey !== '__proto__') out[parsedKey as string] = parsed;
      } else done.push(key);
    }
    return out ?? value;
  };
}

function compileEffects(schema: z.ZodEffects<z.ZodTypeAny>): Parse {
  const effect = schema._def.effect;
  const inner = compile(schema._def.schema);
  const ctx = issueFlag();
  if (effect.type === 'refinement') {
    return (value) => {
      const parsed = inner(value);
      if (parsed === REFUSED) return REFUSED;
      ctx.failed = false;
      const answer: unknown = effect.refinement(parsed, ctx);
      if (answer instanceof Promise) return byZod(schema)(value);
      return ctx.failed ? REFUSED : parsed;
    };
  }
  if (effect.type === 'transform') {
    return (value) => {
      const parsed = inner(value);
      if (parsed === REFUSED) return REFUSED;
      ctx.failed = false;
      const out: unknown = effect.transform(parsed, ctx);
      if (out instanceof Promise) return byZod(schema)(value);
      return ctx.failed ? REFUSED : out;
    };
  }
  // preprocess
  return (value) => {
    ctx.failed = false;
    const processed: unknown = effect.transform(value, ctx);
    if (ctx.failed) return REFUSED;
    return inner(processed);
  };
}
