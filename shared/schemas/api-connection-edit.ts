import { z } from 'zod';
import {
  apiBaseUrlSchema,
  apiConnectionCodeSchema,
  apiConnectionDescriptionSchema,
  apiConnectionNameSchema,
  apiHeadersSchema,
  apiSettingsSchema,
  apiTokenSchema,
  type ApiConnection,
  type ApiConnectionInput,
} from './api-connection';
import { safeRecord } from './text-fields';
import { isReservedKey, reservedKeyMessage } from '../validation/reserved-keys';

/**
 * Saving a connection from the renderer, which never holds the stored secrets: each secret
 * section says what to do with what the vault has. `keep` leaves it, `clear` removes it,
 * `replace` gives a whole new value, `patch` (Settings, Headers) sets or removes single entries.
 * The core applies the edit to the stored connection (applyApiConnectionEdit) and validates the
 * result with apiConnectionSchema, so every rule holds for the merged connection.
 */
const keep = z.object({ action: z.literal('keep') }).strict();
const clear = z.object({ action: z.literal('clear') }).strict();
const replace = <S extends z.ZodTypeAny>(value: S) => z.object({ action: z.literal('replace'), value }).strict();
/** A key a patch removes: never a reserved key (`__proto__`, `constructor`, `prototype`). */
const removedKey = z.string().superRefine((key, ctx) => {
  if (isReservedKey(key)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: reservedKeyMessage(key) });
});
const patch = <S extends z.ZodTypeAny>(value: S) =>
  z.object({ action: z.literal('patch'), set: value, remove: z.array(removedKey).max(200) }).strict();

/**
 * Entries of a patch: any plain object whose keys are not reserved (zod's record would drop a
 * `__proto__` silently); the merged section is what gets validated.
 */
const patchEntries = safeRecord(z.string(), z.unknown());

export const apiConnectionEditSchema = z
  .object({
    name: apiConnectionNameSchema,
    description: apiConnectionDescriptionSchema,
    code: apiConnectionCodeSchema,
    baseUrl: apiBaseUrlSchema,
    settings: z.discriminatedUnion('action', [keep, clear, replace(apiSettingsSchema), patch(patchEntries)]),
    headers: z.discriminatedUnion('action', [keep, clear, replace(apiHeadersSchema), patch(patchEntries)]),
    token: z.discriminatedUnion('action', [keep, clear, replace(apiTokenSchema)]),
  })
  .strict();
export type ApiConnectionEdit = z.output<typeof apiConnectionEditSchema>;
export type ApiConnectionEditInput = z.input<typeof apiConnectionEditSchema>;

/** True when applying the edit needs the stored secrets or writes new ones (the vault must be available). */
export function editTouchesSecrets(edit: ApiConnectionEdit): boolean {
  return edit.settings.action !== 'keep' || edit.headers.action !== 'keep' || edit.token.action !== 'keep';
}

function patchObject(current: Record<string, unknown> | null, set: Record<string, unknown>, remove: string[], caseInsensitive: boolean) {
  const same = (a: string, b: string) => (caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b);
  const dropped = [...remove, ...Object.keys(set)];
  const kept = Object.entries(current ?? {}).filter(([key]) => !dropped.some((d) => same(d, key)));
  const merged = Object.fromEntries([...kept, ...Object.entries(set)]);
  return Object.keys(merged).length > 0 ? merged : null;
}

/**
 * The connection an edit asks for, given the stored one (null when creating: `keep` then means
 * none). Not validated: parse the result with apiConnectionSchema.
 */
export function applyApiConnectionEdit(current: ApiConnection | null, edit: ApiConnectionEdit): ApiConnectionInput {
  const section = <T>(e: { action: 'keep' } | { action: 'clear' } | { action: 'replace'; value: T }, stored: T | null) =>
    e.action === 'keep' ? stored : e.action === 'clear' ? null : e.value;
  return {
    name: edit.name,
    description: edit.description,
    code: edit.code,
    baseUrl: edit.baseUrl,
    settings:
      edit.settings.action === 'patch'
        ? (patchObject(current?.settings ?? null, edit.settings.set, edit.settings.remove, false) as ApiConnectionInput['settings'])
        : section(edit.settings, current?.settings ?? null),
    headers:
      edit.headers.action === 'patch'
        ? (patchObject(current?.headers ?? null, edit.headers.set, edit.headers.remove, true) as ApiConnectionInput['headers'])
        : section(edit.headers, current?.headers ?? null),
    token: section(edit.token, current?.token ?? null),
  };
}
