import type { z } from 'zod';
import { SINGLETON_DEFINITIONS, type SingletonKind } from '../../../shared/schemas/settings-document';
import { compiledSafeParse } from '../validation/compiled-schema';

type StoredSingletonParser = (value: unknown) => z.SafeParseReturnType<unknown, unknown>;

/** Built once per kind, when first read. */
const PARSERS = new Map<SingletonKind, StoredSingletonParser>();

/**
 * A one-per-tenant document's stored value (a draft or base column, as JSON.parse read it) checked
 * by its kind's schema compiled (a publish or an export reads every tenant's): zod's answer, from
 * zod itself only for a value the compiled schema refuses. The answer may be `value` itself.
 */
export function parseStoredSingleton(kind: SingletonKind, value: unknown): z.SafeParseReturnType<unknown, unknown> {
  let parse = PARSERS.get(kind);
  if (!parse) PARSERS.set(kind, (parse = compiledSafeParse(SINGLETON_DEFINITIONS[kind].schema as z.ZodTypeAny)));
  return parse(value);
}
