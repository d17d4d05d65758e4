import { z } from 'zod';
import {
  apiBaseUrlSchema,
  apiConnectionCodeSchema,
  apiConnectionDescriptionSchema,
  apiConnectionNameSchema,
  apiHeadersSchema,
  apiSettingsSchema,
  apiTokenSchema,
  jsonTextField,
} from '../../../../shared/schemas/api-connection';
import type {
  ApiConnectionCreateInput,
  ApiConnectionTestEdit,
  ApiConnectionUpdateInput,
} from '../../../../shared/schemas/api-connection-document';
import type { ApiConnectionView } from '../../../../shared/schemas/api-connection-public';
import { API_CODE_DUPLICATE_KEY, findDuplicateApiCode } from '../../../../shared/validation/api-connection-code';
import { splitApiConnection } from '../../../../shared/validation/api-connection-secrets';

/**
 * The API connection form as the renderer holds it. Settings, Headers and Token are JSON text.
 * On edit the renderer never has the stored secrets: each section that has a stored value is in
 * one of three modes — `keep` it, `clear` it, or `replace` it with what the user types — and the
 * save sends exactly that (apiConnectionEditSchema's actions).
 */
export const SECTIONS = ['settings', 'headers', 'token'] as const;
export type SectionName = (typeof SECTIONS)[number];
export type SectionMode = 'keep' | 'replace' | 'clear';
export type SectionModes = Record<SectionName, SectionMode>;

export interface ConnectionFormValues {
  name: string;
  description: string;
  code: string;
  baseUrl: string;
  settings: string;
  headers: string;
  token: string;
}

/** Everything the user has typed or chosen: kept in the store so that leaving the page loses nothing. */
export interface ConnectionFormState {
  values: ConnectionFormValues;
  modes: SectionModes;
  headersView: 'json' | 'table';
  testPath: string;
}

export const TEXT_FIELDS = ['name', 'description', 'code', 'baseUrl'] as const;
export const FORM_FIELDS = [...TEXT_FIELDS, ...SECTIONS] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export function isFormField(value: unknown): value is FormField {
  return typeof value === 'string' && (FORM_FIELDS as readonly string[]).includes(value);
}

export function newFormState(): ConnectionFormState {
  return {
    values: { name: '', description: '', code: '', baseUrl: '', settings: '', headers: '', token: '' },
    modes: { settings: 'replace', headers: 'replace', token: 'replace' },
    headersView: 'json',
    testPath: '',
  };
}

/** Whether a stored connection has a value in a section. */
export function storedSections(view: ApiConnectionView | null): Record<SectionName, boolean> {
  return { settings: !!view?.settings, headers: !!view?.headers, token: !!view?.token };
}

/** The form of a stored connection: its plain fields, and every stored section kept. */
export function editFormState(view: ApiConnectionView): ConnectionFormState {
  const stored = storedSections(view);
  const mode = (section: SectionName): SectionMode => (stored[section] ? 'keep' : 'replace');
  return {
    values: { name: view.name, description: view.description, code: view.code, baseUrl: view.baseUrl, settings: '', headers: '', token: '' },
    modes: { settings: mode('settings'), headers: mode('headers'), token: mode('token') },
    headersView: 'json',
    testPath: '',
  };
}

/** A section's text is validated only when it is what will be saved (`replace`). */
function sectionField<S extends z.ZodTypeAny>(mode: SectionMode, schema: S) {
  return mode === 'replace' ? jsonTextField(schema) : z.string().transform((): undefined => undefined);
}

/**
 * The form's schema: the shared field rules (the same the core applies), the JSON sections as
 * text, and the duplicate-code check against the tenant's other connections the renderer knows
 * (the core checks again; its refusal lands on `Code` too).
 */
export function connectionFormSchema(options: { modes: SectionModes; others: readonly { id: string; code: string }[]; selfId: string | null }) {
  return z.object({
    name: apiConnectionNameSchema,
    description: apiConnectionDescriptionSchema,
    code: apiConnectionCodeSchema.superRefine((code, ctx) => {
      if (findDuplicateApiCode(code, options.others, options.selfId)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: API_CODE_DUPLICATE_KEY });
    }),
    baseUrl: apiBaseUrlSchema,
    settings: sectionField(options.modes.settings, apiSettingsSchema),
    headers: sectionField(options.modes.headers, apiHeadersSchema),
    token: sectionField(options.modes.token, apiTokenSchema),
  });
}
export type ConnectionFormOutput = z.output<ReturnType<typeof connectionFormSchema>>;

/** What `Test connection` needs of the form: only these fields must be valid. */
export function testFieldsSchema(options: Parameters<typeof connectionFormSchema>[0]) {
  return connectionFormSchema(options).pick({ baseUrl: true, headers: true, token: true });
}

export function createInputOf(tenantId: string, out: ConnectionFormOutput): ApiConnectionCreateInput {
  return {
    tenantId,
    name: out.name,
    description: out.description,
    code: out.code,
    baseUrl: out.baseUrl,
    settings: out.settings ?? null,
    headers: out.headers ?? null,
    token: out.token ?? null,
  };
}

type SectionEdit<T> = { action: 'keep' } | { action: 'clear' } | { action: 'replace'; value: T };

/**
 * One section of an edit. Empty text while replacing means "none": a clear when something is
 * stored, a keep otherwise (so that an edit with nothing secret in it needs no keychain).
 */
export function sectionEdit<T>(mode: SectionMode, storedSet: boolean, value: T | null | undefined): SectionEdit<T> {
  if (mode === 'keep') return { action: 'keep' };
  if (mode === 'clear' || value === null || value === undefined) return storedSet ? { action: 'clear' } : { action: 'keep' };
  return { action: 'replace', value };
}

export function updateInputOf(tenantId: string, id: string, out: ConnectionFormOutput, modes: SectionModes, view: ApiConnectionView): ApiConnectionUpdateInput {
  const stored = storedSections(view);
  return {
    tenantId,
    id,
    name: out.name,
    description: out.description,
    code: out.code,
    baseUrl: out.baseUrl,
    settings: sectionEdit(modes.settings, stored.settings, out.settings),
    headers: sectionEdit(modes.headers, stored.headers, out.headers),
    token: sectionEdit(modes.token, stored.token, out.token),
  };
}

/** The request-shaping part of the form for `Test connection` (applied by the core to the stored connection, if any). */
export function testEditOf(out: Pick<ConnectionFormOutput, 'baseUrl' | 'headers' | 'token'>, modes: SectionModes, view: ApiConnectionView | null): ApiConnectionTestEdit {
  const stored = storedSections(view);
  return {
    baseUrl: out.baseUrl,
    headers: sectionEdit(modes.headers, stored.headers, out.headers),
    token: sectionEdit(modes.token, stored.token, out.token),
  };
}

/** True when saving needs the OS keychain (the core refuses with VAULT_UNAVAILABLE otherwise). */
export function saveNeedsVault(input: ApiConnectionCreateInput | ApiConnectionUpdateInput): boolean {
  if ('id' in input) {
    return [input.settings, input.headers, input.token].some((section) => (section as { action: string }).action !== 'keep');
  }
  const { tenantId: _tenantId, ...connection } = input as ApiConnectionCreateInput;
  return splitApiConnection(connection as Parameters<typeof splitApiConnection>[0]).secrets.length > 0;
}
