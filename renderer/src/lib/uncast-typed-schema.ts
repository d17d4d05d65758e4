import type { ZodTypeAny } from 'zod';
import type { TypedSchema } from 'vee-validate';
import { toTypedSchema } from '@vee-validate/zod';

/**
 * vee-validate's zod adapter "casts" a form's initial values by parsing them when they are valid,
 * which applies the schema's transforms: JSON text would become objects, text would be trimmed.
 * A form whose values are what the user types keeps them as typed: this adapter does not cast.
 */
export function toUncastTypedSchema<S extends ZodTypeAny>(schema: S): TypedSchema<S['_input'], S['_output']> {
  const { cast: _cast, ...typed } = toTypedSchema(schema);
  return typed;
}
