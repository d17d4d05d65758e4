import { apiHeadersSchema, apiSettingsSchema, apiTokenSchema } from '../../shared/schemas/api-connection';
import { API_CONNECTION_LIMITS as L } from '../../shared/schemas/api-connection-limits';

/**
 * The API connection's Settings, Headers and Token are checked by hand-written refinements (they
 * hold arbitrary JSON), which a zod-to-JSON-Schema converter can only render as "anything". This
 * gives the document their JSON Schema shape. It attaches documentation metadata to those schema
 * instances in the generator's process only; validation everywhere else is untouched, and the
 * conformance tests check real sandbox answers against the result.
 */
type Described = { _def: { openapi?: unknown } };

const TOKEN_SHAPE = {
  type: ['object', 'null'],
  properties: {
    token_type: { type: 'string', minLength: 1, maxLength: L.tokenTypeMax },
    access_token: { type: 'string', minLength: 1, maxLength: L.tokenStringMax },
    expires_in: { type: 'integer', minimum: 0, maximum: L.expiresInMax },
    refresh_token: { type: 'string', maxLength: L.tokenStringMax },
    created_at: { type: 'integer', minimum: 0, maximum: L.createdAtMax, description: 'Unix time in seconds.' },
  },
  required: ['token_type', 'access_token', 'expires_in', 'refresh_token', 'created_at'],
  additionalProperties: false,
  description: '`Token` (secret): null when none.',
};

const OVERLAYS: [Described, Record<string, unknown>][] = [
  [
    apiSettingsSchema as unknown as Described,
    {
      type: ['object', 'null'],
      maxProperties: L.settingsKeysMax,
      additionalProperties: true,
      description: `\`Settings\` (secret): a JSON object of at most ${L.settingsBytesMax / 1024} KiB; null when none.`,
    },
  ],
  [
    apiHeadersSchema as unknown as Described,
    {
      type: ['object', 'null'],
      maxProperties: L.headersMax,
      additionalProperties: { type: 'string', maxLength: L.headerValueMax },
      description: '`Headers` (secret): header name → value; null when none.',
    },
  ],
  [apiTokenSchema as unknown as Described, TOKEN_SHAPE],
];

export function applyDocOverlays(): void {
  for (const [schema, metadata] of OVERLAYS) schema._def.openapi = { metadata };
}

