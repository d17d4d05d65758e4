import { z } from 'zod';
import { aiResponseSchema } from '../schemas/ai-response';
import { idleActionSchema } from '../schemas/idle-action';
import { apiConnectionSchema } from '../schemas/api-connection';
import { botResponseSchema, crmConnectionSchema, crmOwnerSchema, crmPipelineSchema, crmSourceSchema, dealSettingSchema } from '../schemas/crm';
import { successEnvelope, uniqueIdList } from './envelope';
import type { WireErrorCode } from './errors';
import { tokenRequestSchema, tokenResponseSchema } from './oauth';
import { usersQuerySchema, wireDivisionSchema, wireUserSchema } from './directory';
import { aiResponseResourceSchema, apiConnectionResourceSchema, idleActionResourceSchema } from './settings';
import { dealSettingResourceSchema, wirePipelineListSchema } from './crm';

/**
 * The backend contract, route by route: the one table the sandbox implements (its handlers are
 * typed by these keys), the app's client calls, and scripts/openapi turns into api/openapi.json.
 * Paths are relative to the base URL (…/api/open/v1) and use OpenAPI `{param}` templates.
 */
export type WireMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The `data` of a success: one object, or a list of `item`s (`schema` is what to parse with). */
export interface WireDataDef {
  kind: 'one' | 'list';
  item: z.ZodTypeAny;
  schema: z.ZodTypeAny;
}

export interface WireRouteDef {
  method: WireMethod;
  path: string;
  summary: string;
  tag: 'OAuth' | 'Health' | 'Directory' | 'Chatbot settings' | 'CRM';
  /** Needs `Authorization: Bearer <access_token>`. */
  auth: boolean;
  query?: z.AnyZodObject;
  body?: z.ZodTypeAny;
  /** The body may also be application/x-www-form-urlencoded (the token endpoint). */
  formBody?: boolean;
  /** Needs `If-Match` with the current version (412 when stale, 428 when missing). */
  ifMatch?: boolean;
  /** Needs `Idempotency-Key`: a repeat with the same key answers the first result. */
  idempotencyKey?: boolean;
  status: 200 | 201 | 204;
  /** Absent for 204. */
  data?: WireDataDef;
  /** False only for the OAuth token response, which has the OAuth shape. */
  enveloped: boolean;
  /** The answer has an `ETag` header with the resource's version. */
  etag?: boolean;
  /** The error codes this route answers besides those every route may (see COMMON_ERRORS). */
  errors: readonly WireErrorCode[];
}

function one<S extends z.ZodTypeAny>(item: S) {
  return { kind: 'one' as const, item, schema: item };
}
function list<S extends z.ZodType<{ id: string }, z.ZodTypeDef, unknown>>(item: S) {
  return { kind: 'list' as const, item, schema: uniqueIdList(item) };
}

/** Errors any route may answer: faults of the server or in front of it. */
export const COMMON_ERRORS = ['invalid_request', 'internal', 'bad_gateway', 'unavailable', 'gateway_timeout', 'rate_limited'] as const satisfies readonly WireErrorCode[];
const AUTH_ERRORS = ['unauthorized', 'invalid_token'] as const;
const WRITE_ERRORS = ['validation_failed', 'unsupported_media_type', 'payload_too_large'] as const;
const PUT_ERRORS = [...AUTH_ERRORS, ...WRITE_ERRORS, 'precondition_required', 'version_mismatch'] as const;
const POST_ERRORS = [...AUTH_ERRORS, ...WRITE_ERRORS, 'idempotency_key_required', 'idempotency_key_reused', 'conflict'] as const;
const ITEM = '{id}';

export const WIRE_ROUTES = {
  oauthToken: {
    method: 'POST', path: '/oauth/token', tag: 'OAuth', auth: false, formBody: true,
    summary: 'Get an access token: grant_type=password once, then grant_type=refresh_token (refresh tokens rotate).',
    body: tokenRequestSchema, status: 200, data: one(tokenResponseSchema), enveloped: false,
    errors: ['invalid_grant', ...WRITE_ERRORS],
  },
  health: {
    method: 'GET', path: '/health', tag: 'Health', auth: false,
    summary: 'A light check that the backend answers (no authentication).',
    status: 200, data: one(z.object({ ok: z.literal(true) }).strict()), enveloped: true, errors: [],
  },
  listDivisions: {
    method: 'GET', path: '/divisions', tag: 'Directory', auth: true, summary: "The tenant's divisions.",
    status: 200, data: list(wireDivisionSchema), enveloped: true, errors: AUTH_ERRORS,
  },
  listUsers: {
    method: 'GET', path: '/users', tag: 'Directory', auth: true, summary: "The tenant's users with their online state; role=agent lists the agents.",
    query: usersQuerySchema, status: 200, data: list(wireUserSchema), enveloped: true, errors: AUTH_ERRORS,
  },
  getAiResponse: {
    method: 'GET', path: '/chatbot/settings/ai-response', tag: 'Chatbot settings', auth: true, summary: 'The AI response setting.',
    status: 200, data: one(aiResponseResourceSchema), enveloped: true, etag: true, errors: AUTH_ERRORS,
  },
  putAiResponse: {
    method: 'PUT', path: '/chatbot/settings/ai-response', tag: 'Chatbot settings', auth: true, summary: 'Replace the AI response setting.',
    body: aiResponseSchema, ifMatch: true, status: 200, data: one(aiResponseResourceSchema), enveloped: true, etag: true, errors: PUT_ERRORS,
  },
  getIdleAction: {
    method: 'GET', path: '/chatbot/settings/idle-action', tag: 'Chatbot settings', auth: true, summary: 'The idle action setting.',
    status: 200, data: one(idleActionResourceSchema), enveloped: true, etag: true, errors: AUTH_ERRORS,
  },
  putIdleAction: {
    method: 'PUT', path: '/chatbot/settings/idle-action', tag: 'Chatbot settings', auth: true, summary: 'Replace the idle action setting.',
    body: idleActionSchema, ifMatch: true, status: 200, data: one(idleActionResourceSchema), enveloped: true, etag: true, errors: PUT_ERRORS,
  },
  listApiConnections: {
    method: 'GET', path: '/chatbot/settings/api-connections', tag: 'Chatbot settings', auth: true, summary: 'All API connections, with their secrets.',
    status: 200, data: list(apiConnectionResourceSchema), enveloped: true, errors: AUTH_ERRORS,
  },
  createApiConnection: {
    method: 'POST', path: '/chatbot/settings/api-connections', tag: 'Chatbot settings', auth: true,
    summary: 'Create an API connection (code unique in the tenant, ignoring case).',
    body: apiConnectionSchema, idempotencyKey: true, status: 201, data: one(apiConnectionResourceSchema), enveloped: true, etag: true, errors: POST_ERRORS,
  },
  getApiConnection: {
    method: 'GET', path: `/chatbot/settings/api-connections/${ITEM}`, tag: 'Chatbot settings', auth: true, summary: 'One API connection.',
    status: 200, data: one(apiConnectionResourceSchema), enveloped: true, etag: true, errors: [...AUTH_ERRORS, 'not_found'],
  },
  putApiConnection: {
    method: 'PUT', path: `/chatbot/settings/api-connections/${ITEM}`, tag: 'Chatbot settings', auth: true, summary: 'Replace an API connection.',
    body: apiConnectionSchema, ifMatch: true, status: 200, data: one(apiConnectionResourceSchema), enveloped: true, etag: true,
    errors: [...PUT_ERRORS, 'not_found', 'conflict'],
  },
  deleteApiConnection: {
    method: 'DELETE', path: `/chatbot/settings/api-connections/${ITEM}`, tag: 'Chatbot settings', auth: true, summary: 'Delete an API connection.',
    ifMatch: true, status: 204, enveloped: true, errors: [...AUTH_ERRORS, 'not_found', 'precondition_required', 'version_mismatch'],
  },
  getCrmConnection: {
    method: 'GET', path: '/crm/connection', tag: 'CRM', auth: true, summary: "Whether the tenant's omnichannel is connected to the CRM.",
    status: 200, data: one(crmConnectionSchema), enveloped: true, errors: AUTH_ERRORS,
  },
  listPipelines: {
    method: 'GET', path: '/crm/pipelines', tag: 'CRM', auth: true, summary: "The CRM's pipelines, each with its stages in the CRM's order.",
    status: 200, data: { kind: 'list', item: crmPipelineSchema, schema: wirePipelineListSchema }, enveloped: true,
    errors: [...AUTH_ERRORS, 'crm_not_connected'],
  },
  listOwners: {
    method: 'GET', path: '/crm/owners', tag: 'CRM', auth: true, summary: "The CRM's deal owners.",
    status: 200, data: list(crmOwnerSchema), enveloped: true, errors: [...AUTH_ERRORS, 'crm_not_connected'],
  },
  listSources: {
    method: 'GET', path: '/crm/sources', tag: 'CRM', auth: true, summary: "The CRM's deal sources.",
    status: 200, data: list(crmSourceSchema), enveloped: true, errors: [...AUTH_ERRORS, 'crm_not_connected'],
  },
  listBotResponses: {
    method: 'GET', path: '/chatbot/bot-responses', tag: 'CRM', auth: true, summary: "The chatbot's bot responses (what deal settings attach to).",
    status: 200, data: list(botResponseSchema), enveloped: true, errors: AUTH_ERRORS,
  },
  listDealSettings: {
    method: 'GET', path: '/crm/deal-settings', tag: 'CRM', auth: true, summary: 'All deal settings.',
    status: 200, data: list(dealSettingResourceSchema), enveloped: true, errors: [...AUTH_ERRORS, 'crm_not_connected'],
  },
  createDealSetting: {
    method: 'POST', path: '/crm/deal-settings', tag: 'CRM', auth: true,
    summary: 'Create a deal setting (one per bot response; references must be in the catalog).',
    body: dealSettingSchema, idempotencyKey: true, status: 201, data: one(dealSettingResourceSchema), enveloped: true, etag: true,
    errors: [...POST_ERRORS, 'crm_not_connected'],
  },
  getDealSetting: {
    method: 'GET', path: `/crm/deal-settings/${ITEM}`, tag: 'CRM', auth: true, summary: 'One deal setting.',
    status: 200, data: one(dealSettingResourceSchema), enveloped: true, etag: true, errors: [...AUTH_ERRORS, 'not_found', 'crm_not_connected'],
  },
  putDealSetting: {
    method: 'PUT', path: `/crm/deal-settings/${ITEM}`, tag: 'CRM', auth: true, summary: 'Replace a deal setting.',
    body: dealSettingSchema, ifMatch: true, status: 200, data: one(dealSettingResourceSchema), enveloped: true, etag: true,
    errors: [...PUT_ERRORS, 'not_found', 'conflict', 'crm_not_connected'],
  },
  deleteDealSetting: {
    method: 'DELETE', path: `/crm/deal-settings/${ITEM}`, tag: 'CRM', auth: true, summary: 'Delete a deal setting.',
    ifMatch: true, status: 204, enveloped: true, errors: [...AUTH_ERRORS, 'not_found', 'precondition_required', 'version_mismatch', 'crm_not_connected'],
  },
} as const satisfies Record<string, WireRouteDef>;

export type WireRoutes = typeof WIRE_ROUTES;
export type WireRouteKey = keyof WireRoutes;
export const WIRE_ROUTE_KEYS = Object.keys(WIRE_ROUTES) as WireRouteKey[];

type DataOf<K extends WireRouteKey> = WireRoutes[K] extends { data: { schema: infer S extends z.ZodTypeAny } } ? S : never;
/** What `data` holds in a success of route K (the token response itself for oauthToken). */
export type WireData<K extends WireRouteKey> = z.output<DataOf<K>>;
/** The body route K takes, as sent. */
export type WireBody<K extends WireRouteKey> = WireRoutes[K] extends { body: infer S extends z.ZodTypeAny } ? z.input<S> : never;

/** The schema of route K's whole success body (enveloped or not); null for 204. */
export function successBodySchema(key: WireRouteKey): z.ZodTypeAny | null {
  const route: WireRouteDef = WIRE_ROUTES[key];
  if (!route.data) return null;
  return route.enveloped ? successEnvelope(route.data.schema) : route.data.schema;
}
