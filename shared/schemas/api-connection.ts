import { z } from 'zod';
import { API_CONNECTION_LIMITS as L } from './api-connection-limits';
import { requiredText } from './text-fields';
import { LOOPBACK_HOSTS, secureUrlProblem } from './url';
import { hasControlCharacter } from '../validation/control-characters';
import { encodeIssueMessage } from '../validation/issue-message';
import { findJsonShapeProblem, isJsonValue, isPlainObject, jsonByteLength } from '../validation/json-value';
import { isReservedKey, reservedKeyMessage } from '../validation/reserved-keys';
import { parseJsonText } from '../validation/json-text';

/**
 * API Integration: one API connection as the user states it, with
 * its secrets. The same schema checks the form, the RPC input and (later) what sync sends.
 * Which parts are secret, and how they are kept apart from SQLite, is in
 * ../validation/api-connection-secrets.ts.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type ApiSettings = Record<string, JsonValue>;
export type ApiHeaders = Record<string, string>;

/**
 * `Code`: letters, digits, space, `_`, `-` and `.`, starting with a letter or digit
 * (`QONTAK_CRM`, `JURNAL API`). Unique in the tenant ignoring case: see findDuplicateApiCode.
 */
export const API_CONNECTION_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 _.-]*$/;

/** RFC 9110 `token`: the characters a header name (and an auth scheme) may use. */
export const HTTP_TOKEN_PATTERN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export { hasControlCharacter, LOOPBACK_HOSTS };

/** Headers the HTTP client sets itself; a connection may not override them. */
export const RESERVED_HEADER_NAMES = ['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer'] as const;

export const apiConnectionNameSchema = requiredText(L.nameMax, 'apiConnection.name');
export const apiConnectionDescriptionSchema = requiredText(L.descriptionMax, 'apiConnection.description', { multiline: true });

export const apiConnectionCodeSchema = z
  .string({ required_error: 'apiConnection.code.required', invalid_type_error: 'apiConnection.code.required' })
  .superRefine((raw, ctx) => {
    const value = raw.trim();
    if (value.length === 0) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'apiConnection.code.required' });
    else if (value.length > L.codeMax) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: encodeIssueMessage('apiConnection.code.tooLong', { max: L.codeMax }) });
    } else if (!API_CONNECTION_CODE_PATTERN.test(value)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'apiConnection.code.charset' });
    }
  })
  .transform((value) => value.trim());

/** The reason a base URL is refused, as a message key, or null when it is acceptable (the shared URL rule). */
export function baseUrlProblem(value: string): string | null {
  return secureUrlProblem(value, 'apiConnection.baseUrl', L.baseUrlMax);
}

/** `Base URL`: absolute https (http only for loopback), no credentials, no fragment. Stored trimmed. */
export const apiBaseUrlSchema = z
  .string({ required_error: 'apiConnection.baseUrl.required', invalid_type_error: 'apiConnection.baseUrl.required' })
  .superRefine((raw, ctx) => {
    const problem = baseUrlProblem(raw.trim());
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  })
  .transform((value) => value.trim());

type Ctx = z.RefinementCtx;
const issue = (ctx: Ctx, message: string, path: (string | number)[] = []) => ctx.addIssue({ code: z.ZodIssueCode.custom, message, path });

function checkSettings(value: unknown, ctx: Ctx): void {
  if (!isPlainObject(value)) return issue(ctx, 'apiConnection.settings.notObject');
  if (!isJsonValue(value, L.jsonDepthMax)) return issue(ctx, encodeIssueMessage('apiConnection.settings.notJson', { maxDepth: L.jsonDepthMax }));
  if (jsonByteLength(value) > L.settingsBytesMax) {
    return issue(ctx, encodeIssueMessage('apiConnection.settings.tooLarge', { maxKiB: L.settingsBytesMax / 1024 }));
  }
  const keys = Object.keys(value);
  if (keys.length > L.settingsKeysMax) return issue(ctx, encodeIssueMessage('apiConnection.settings.tooManyKeys', { max: L.settingsKeysMax }));
  for (const key of keys) {
    if (key.trim().length === 0 || key.length > L.keyMax || hasControlCharacter(key)) {
      issue(ctx, encodeIssueMessage('apiConnection.settings.keyInvalid', { max: L.keyMax }), [key]);
    }
  }
  // A reserved key (`__proto__`, `constructor`, `prototype`) at any depth: refused as everywhere else.
  const found = findJsonShapeProblem(value, L.jsonDepthMax, isReservedKey);
  if (found?.kind === 'reservedKey') issue(ctx, reservedKeyMessage(found.key), found.path);
}

function checkHeaders(value: unknown, ctx: Ctx): void {
  if (!isPlainObject(value)) return issue(ctx, 'apiConnection.headers.notObject');
  const names = Object.keys(value);
  if (names.length > L.headersMax) return issue(ctx, encodeIssueMessage('apiConnection.headers.tooMany', { max: L.headersMax }));
  const seen = new Set<string>();
  for (const name of names) {
    const lower = name.toLowerCase();
    if (isReservedKey(name)) {
      issue(ctx, reservedKeyMessage(name), [name]);
      continue;
    }
    if (!HTTP_TOKEN_PATTERN.test(name) || name.length > L.keyMax) {
      issue(ctx, encodeIssueMessage('apiConnection.headers.name', { max: L.keyMax }), [name]);
      continue;
    }
    if ((RESERVED_HEADER_NAMES as readonly string[]).includes(lower)) {
      issue(ctx, encodeIssueMessage('apiConnection.headers.reserved', { name }), [name]);
      continue;
    }
    if (seen.has(lower)) issue(ctx, encodeIssueMessage('apiConnection.headers.duplicate', { name }), [name]);
    seen.add(lower);
    const headerValue = value[name];
    if (typeof headerValue !== 'string') issue(ctx, encodeIssueMessage('apiConnection.headers.valueType', { name }), [name]);
    else if (hasControlCharacter(headerValue)) issue(ctx, encodeIssueMessage('apiConnection.headers.valueInvalid', { name }), [name]);
    else if (headerValue.length > L.headerValueMax) {
      issue(ctx, encodeIssueMessage('apiConnection.headers.valueTooLong', { name, max: L.headerValueMax }), [name]);
    }
  }
}

export const TOKEN_FIELDS = ['token_type', 'access_token', 'expires_in', 'refresh_token', 'created_at'] as const;
export type TokenField = (typeof TOKEN_FIELDS)[number];

function checkTokenString(ctx: Ctx, token: Record<string, unknown>, field: TokenField, options: { allowEmpty: boolean; max: number }): void {
  const v = token[field];
  if (v === undefined) return issue(ctx, encodeIssueMessage('apiConnection.token.field.required', { field }), [field]);
  if (typeof v !== 'string') return issue(ctx, encodeIssueMessage('apiConnection.token.field.string', { field }), [field]);
  if (!options.allowEmpty && v.trim().length === 0) return issue(ctx, encodeIssueMessage('apiConnection.token.field.required', { field }), [field]);
  if (v.length > options.max) return issue(ctx, encodeIssueMessage('apiConnection.token.field.tooLong', { field, max: options.max }), [field]);
  if (hasControlCharacter(v)) issue(ctx, encodeIssueMessage('apiConnection.token.field.invalid', { field }), [field]);
}

function checkTokenInteger(ctx: Ctx, token: Record<string, unknown>, field: TokenField, max: number, key: string): void {
  const v = token[field];
  if (v === undefined) return issue(ctx, encodeIssueMessage('apiConnection.token.field.required', { field }), [field]);
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) issue(ctx, encodeIssueMessage(key, { field, min: 0, max }), [field]);
}

function checkToken(value: unknown, ctx: Ctx): void {
  if (!isPlainObject(value)) return issue(ctx, 'apiConnection.token.notObject');
  for (const field of Object.keys(value)) {
    if (!(TOKEN_FIELDS as readonly string[]).includes(field)) issue(ctx, encodeIssueMessage('apiConnection.token.field.unknown', { field }), [field]);
  }
  checkTokenString(ctx, value, 'token_type', { allowEmpty: false, max: L.tokenTypeMax });
  if (typeof value.token_type === 'string' && value.token_type.trim() !== '' && !HTTP_TOKEN_PATTERN.test(value.token_type)) {
    issue(ctx, 'apiConnection.token.tokenType.invalid', ['token_type']);
  }
  checkTokenString(ctx, value, 'access_token', { allowEmpty: false, max: L.tokenStringMax });
  checkTokenString(ctx, value, 'refresh_token', { allowEmpty: true, max: L.tokenStringMax });
  checkTokenInteger(ctx, value, 'expires_in', L.expiresInMax, 'apiConnection.token.field.integer');
  checkTokenInteger(ctx, value, 'created_at', L.createdAtMax, 'apiConnection.token.createdAt.range');
}

/** A section that may be absent: null or undefined mean "none"; otherwise checked, then copied as plain JSON. */
function optionalJsonSection<T>(check: (value: unknown, ctx: Ctx) => void) {
  return z
    .custom<T | null | undefined>(() => true)
    .superRefine((value, ctx) => {
      if (value !== null && value !== undefined) check(value, ctx);
    })
    .transform((value): T | null => (value === null || value === undefined ? null : (JSON.parse(JSON.stringify(value)) as T)));
}

export const apiTokenShape = z.object({
  token_type: z.string(),
  access_token: z.string(),
  expires_in: z.number().int(),
  refresh_token: z.string(),
  created_at: z.number().int(),
});
export type ApiToken = z.infer<typeof apiTokenShape>;

/** `Settings`: a JSON object; its values may be credentials (all of them are treated as secrets). */
export const apiSettingsSchema = optionalJsonSection<ApiSettings>(checkSettings);
/** `Headers`: header name (RFC 9110 token) → string value without line breaks. Values are secrets. */
export const apiHeadersSchema = optionalJsonSection<ApiHeaders>(checkHeaders);
/** `Token`: exactly token_type, access_token, expires_in, refresh_token, created_at (unix seconds). */
export const apiTokenSchema = optionalJsonSection<ApiToken>(checkToken);

/** The connection's plain fields (no JSON section): what a plan and a conflict choice check alone. */
export const apiConnectionScalarsSchema = z.object({ name: apiConnectionNameSchema, description: apiConnectionDescriptionSchema, code: apiConnectionCodeSchema, baseUrl: apiBaseUrlSchema });

export const apiConnectionSchema = z
  .object({
    name: apiConnectionNameSchema,
    description: apiConnectionDescriptionSchema,
    code: apiConnectionCodeSchema,
    baseUrl: apiBaseUrlSchema,
    settings: apiSettingsSchema,
    headers: apiHeadersSchema,
    token: apiTokenSchema,
  })
  .strict();

export type ApiConnection = z.output<typeof apiConnectionSchema>;
export type ApiConnectionInput = z.input<typeof apiConnectionSchema>;

/**
 * A JSON section edited as text (the form's code editors): empty text means "none"; malformed
 * JSON gives `json.syntax {"line":..,"column":..}`; then the section's own rules apply. Issues are
 * reported on the field itself, which is where the form shows them.
 */
export function jsonTextField<S extends z.ZodTypeAny>(section: S) {
  return z
    .string({ invalid_type_error: 'json.empty' })
    .transform((text, ctx): z.output<S> | null => {
      if (text.trim().length === 0) return null;
      const parsed = parseJsonText(text, { maxChars: L.jsonTextMax, maxDepth: L.jsonDepthMax });
      if (!parsed.ok) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.error.message });
        return z.NEVER;
      }
      const checked = section.safeParse(parsed.value);
      if (!checked.success) {
        for (const inner of checked.error.issues) ctx.addIssue({ code: z.ZodIssueCode.custom, message: inner.message });
        return z.NEVER;
      }
      return checked.data as z.output<S>;
    });
}

/** The add form as typed: JSON sections as text. Its output is an ApiConnection. */
export const apiConnectionFormSchema = z.object({
  name: apiConnectionNameSchema,
  description: apiConnectionDescriptionSchema,
  code: apiConnectionCodeSchema,
  baseUrl: apiBaseUrlSchema,
  settings: jsonTextField(apiSettingsSchema),
  headers: jsonTextField(apiHeadersSchema),
  token: jsonTextField(apiTokenSchema),
});
export type ApiConnectionForm = z.input<typeof apiConnectionFormSchema>;
