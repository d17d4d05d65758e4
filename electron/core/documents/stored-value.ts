import type { z } from 'zod';
import { RpcError } from '../../../shared/rpc/rpc-error';
import { compiledSafeParse } from '../validation/compiled-schema';

/**
 * A kind's reader of stored values (draft or base): parsed and checked by `schema`, so that a
 * damaged one is a clear INTERNAL error ("The saved deal setting … is damaged"), not a crash.
 */
export function storedValueReader<S extends z.ZodTypeAny>(schema: S, what: string): (json: string, row: { id: string }) => z.output<S> {
  // Compiled: a publish or an import reads thousands of stored values.
  const parse = compiledSafeParse(schema);
  return (json, row) => {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      throw damaged(what, row.id);
    }
    const parsed = parse(value);
    if (!parsed.success) throw damaged(what, row.id);
    return parsed.data as z.output<S>;
  };
}

function damaged(what: string, id: string): RpcError {
  return new RpcError('INTERNAL', `The saved ${what} ${id} is damaged and cannot be read.`);
}
