import type { z } from 'zod';
import { aiResponseSchema } from '../../shared/schemas/ai-response';
import {
  API_CONNECTION_CODE_PATTERN,
  HTTP_TOKEN_PATTERN,
  apiBaseUrlSchema,
  apiConnectionCodeSchema,
  apiConnectionDescriptionSchema,
  apiConnectionNameSchema,
  apiHeadersSchema,
  apiSettingsSchema,
  apiTokenSchema,
} from '../../shared/schemas/api-connection';
import { API_CONNECTION_LIMITS as L } from '../../shared/schemas/api-connection-limits';
import { CRM_LIMITS, dealSettingSchema } from '../../shared/schemas/crm';
import { idleActionSchema } from '../../shared/schemas/idle-action';
import { LIMITS } from '../../shared/schemas/limits';
import { RESERVED_KEYS } from '../../shared/validation/reserved-keys';

/**
 * Rules the shared schemas hold in hand-written refinements (free JSON sections, text rules,
 * conditional requirements), which a zod-to-JSON-Schema converter cannot see. This gives the
 * document their JSON Schema shape, so the contract is as strict as the server: formats, patterns
 * and the conditional requirements as `oneOf`. It attaches documentation metadata to those schema
 * instances in the generator's process only; validation everywhere else is untouched, and the
 * conformance and fuzz tests check the sandbox against the result.
 */
type Described = { _def: { openapi?: unknown } };
type Json = Record<string, unknown>;

// ---- text ------------------------------------------------------------------------------------

/** Control characters, bidi embeddings/overrides and isolates: never in user-visible text. */
const NEVER_IN_LINE = '\\u0000-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069';
/** The same, but newline and tab are allowed (multi-line text). */
const NEVER_IN_TEXT = '\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069';
const nonBlank = (never: string) => `[^${never}]*[^\\s${never}][^${never}]*`;
const TEXT_RULE =
  'User-visible text: no control characters (newline and tab only in multi-line text), no lone surrogates, no bidi embedding/override/isolate characters, not only invisible characters.';

const lineText = (max: number, what: string): Json => ({ type: 'string', minLength: 1, maxLength: max, pattern: `^${nonBlank(NEVER_IN_LINE)}$`, description: `${what} ${TEXT_RULE}` });
const multiLineText = (max: number, what: string): Json => ({
  type: 'string',
  minLength: 1,
  maxLength: max,
  pattern: `^${nonBlank(NEVER_IN_TEXT)}$`,
  description: `${what} ${TEXT_RULE}`,
});
const optionalMessage = (what: string): Json => ({
  type: 'string',
  maxLength: LIMITS.messageMax,
  pattern: `^(?:|${nonBlank(NEVER_IN_TEXT)})$`,
  description: `${what}: empty for none, never only spaces. ${TEXT_RULE}`,
});

// ---- URLs --------------------------------------------------------------------------------------

const HOST = '[A-Za-z][A-Za-z0-9-]*(?:\\.[A-Za-z][A-Za-z0-9-]*)*';
const LOOPBACK = '(?:localhost|127\\.0\\.0\\.1|\\[::1\\])';
/** Absolute https (http only for loopback), no credentials, no fragment, no white space. */
const SECURE_URL_PATTERN = `^(?:https://${HOST}|http://${LOOPBACK})(?::[0-9]{1,5})?(?:[/?][^\\s#${NEVER_IN_LINE}]*)?$`;

// ---- JSON sections -------------------------------------------------------------------------

const notReserved: Json = { not: { enum: [...RESERVED_KEYS] } };

const TOKEN_SHAPE = {
  type: ['object', 'null'],
  properties: {
    token_type: { type: 'string', minLength: 1, maxLength: L.tokenTypeMax, pattern: HTTP_TOKEN_PATTERN.source },
    access_token: { type: 'string', minLength: 1, maxLength: L.tokenStringMax, pattern: `^[^\\u0000-\\u0008\\u000A-\\u001F\\u007F]*\\S[^\\u0000-\\u0008\\u000A-\\u001F\\u007F]*$` },
    expires_in: { type: 'integer', minimum: 0, maximum: L.expiresInMax },
    refresh_token: { type: 'string', maxLength: L.tokenStringMax, pattern: '^[^\\u0000-\\u0008\\u000A-\\u001F\\u007F]*$' },
    created_at: { type: 'integer', minimum: 0, maximum: L.createdAtMax, description: 'Unix time in seconds.' },
  },
  required: ['token_type', 'access_token', 'expires_in', 'refresh_token', 'created_at'],
  additionalProperties: false,
  description: '`Token` (secret): null when none.',
};

// ---- conditional requirements ------------------------------------------------------------------

const present = { type: 'string', minLength: 1, maxLength: LIMITS.catalogIdMax };

const AI_RESPONSE_CONDITIONS: Json = {
  description: 'A division is required for specific_division, an agent for specific_agent; the other field is kept but ignored.',
  oneOf: [
    { properties: { onThreshold: { enum: ['continue_with_bot', 'any_available_agent'] } } },
    { properties: { onThreshold: { const: 'specific_division' }, divisionId: present } },
    { properties: { onThreshold: { const: 'specific_agent' }, agentId: present } },
  ],
};

/** More than 0 minutes and at most 168 h in total. */
const IDLE_TIME: Json = {
  anyOf: [
    { properties: { idleHours: { minimum: 1, maximum: LIMITS.idleHoursMax - 1 } } },
    { properties: { idleHours: { const: 0 }, idleMinutes: { minimum: 1 } } },
    { properties: { idleHours: { const: LIMITS.idleHoursMax }, idleMinutes: { const: 0 } } },
  ],
};
const CLOSING_MESSAGE_REQUIRED: Json = { properties: { closingMessage: { minLength: 1 } } };

const IDLE_ACTION_CONDITIONS: Json = {
  description:
    'resolve_conversation and assign_conversation need a closing message and an idle time of more than 0 minutes and at most 168 h; assigning to a division or an agent needs it.',
  oneOf: [
    { properties: { action: { const: 'none' } } },
    { properties: { action: { const: 'resolve_conversation' } }, allOf: [IDLE_TIME, CLOSING_MESSAGE_REQUIRED] },
    {
      properties: { action: { const: 'assign_conversation' } },
      allOf: [
        IDLE_TIME,
        CLOSING_MESSAGE_REQUIRED,
        {
          oneOf: [
            { properties: { assignTo: { const: 'auto' } } },
            { properties: { assignTo: { const: 'division' }, divisionId: present } },
            { properties: { assignTo: { const: 'agent' }, agentId: present } },
          ],
        },
      ],
    },
  ],
};

const DEAL_SETTING_CONDITIONS: Json = {
  description: 'An enabled deal setting needs pipeline, stage (of that pipeline), deal name, owner and source; a disabled one may be incomplete. References must be in the CRM catalog.',
  oneOf: [
    { properties: { enabled: { const: false } } },
    {
      properties: {
        enabled: { const: true },
        pipelineId: present,
        stageId: present,
        ownerId: present,
        sourceId: present,
        dealName: { pattern: `^${nonBlank(NEVER_IN_LINE)}$` },
      },
    },
  ],
};

// ---- where they go -----------------------------------------------------------------------------

/** The object schema inside a refined object (`z.object(...).superRefine(...)`). */
function shapeOf(schema: z.ZodTypeAny): Record<string, z.ZodTypeAny> {
  const inner = (schema as unknown as { _def: { schema: { shape: Record<string, z.ZodTypeAny> } } })._def.schema;
  return inner.shape;
}

function overlays(): [Described, Json][] {
  const ai = shapeOf(aiResponseSchema);
  const idle = shapeOf(idleActionSchema);
  const deal = shapeOf(dealSettingSchema);
  return [
    [apiSettingsSchema as unknown as Described, {
      type: ['object', 'null'],
      maxProperties: L.settingsKeysMax,
      propertyNames: { minLength: 1, maxLength: L.keyMax, pattern: '^[^\\u0000-\\u001F\\u007F]*\\S[^\\u0000-\\u001F\\u007F]*$', ...notReserved },
      additionalProperties: true,
      description: `\`Settings\` (secret): a JSON object of at most ${L.settingsBytesMax / 1024} KiB, nested at most ${L.jsonDepthMax} deep; no key is __proto__, constructor or prototype; null when none.`,
    }],
    [apiHeadersSchema as unknown as Described, {
      type: ['object', 'null'],
      maxProperties: L.headersMax,
      propertyNames: { maxLength: L.keyMax, pattern: HTTP_TOKEN_PATTERN.source, ...notReserved },
      additionalProperties: { type: 'string', maxLength: L.headerValueMax, pattern: '^[^\\u0000-\\u0008\\u000A-\\u001F\\u007F]*$' },
      description: '`Headers` (secret): header name (an RFC 9110 token, unique ignoring case, not one the client sets itself) → value without line breaks; null when none.',
    }],
    [apiTokenSchema as unknown as Described, TOKEN_SHAPE],
    [apiConnectionNameSchema as unknown as Described, lineText(L.nameMax, '`Connection name`, stored trimmed.')],
    [apiConnectionDescriptionSchema as unknown as Described, multiLineText(L.descriptionMax, '`Description`, stored trimmed.')],
    [apiConnectionCodeSchema as unknown as Described, {
      type: 'string',
      minLength: 1,
      maxLength: L.codeMax,
      pattern: API_CONNECTION_CODE_PATTERN.source,
      description: '`Code`: letters, digits, space, _, - and ., starting with a letter or digit; unique in the tenant ignoring case.',
    }],
    [apiBaseUrlSchema as unknown as Described, {
      type: 'string',
      format: 'uri',
      maxLength: L.baseUrlMax,
      pattern: SECURE_URL_PATTERN,
      description: '`Base URL`: absolute https (http only for localhost, 127.0.0.1 and [::1]); no user name or password, no fragment.',
    }],
    [ai.handoverMessage as unknown as Described, optionalMessage('`Handover message`')],
    [idle.closingMessage as unknown as Described, optionalMessage('`Closing message` (required unless the action is none)')],
    [deal.dealName as unknown as Described, {
      type: 'string',
      maxLength: CRM_LIMITS.dealNameMax,
      pattern: `^[^${NEVER_IN_LINE}]*$`,
      description: `\`Deal name\`: at most ${CRM_LIMITS.dealNameMax} characters once trimmed; required (not blank) when enabled. ${TEXT_RULE}`,
    }],
    [aiResponseSchema as unknown as Described, AI_RESPONSE_CONDITIONS],
    [idleActionSchema as unknown as Described, IDLE_ACTION_CONDITIONS],
    [dealSettingSchema as unknown as Described, DEAL_SETTING_CONDITIONS],
  ];
}

export function applyDocOverlays(): void {
  for (const [schema, metadata] of overlays()) schema._def.openapi = { metadata };
}
