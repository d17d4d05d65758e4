import { z } from 'zod';
import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { WIRE_ROUTES, WIRE_ROUTE_KEYS, COMMON_ERRORS, type WireRouteDef } from '../../shared/wire/routes';
import { WIRE_ERROR_STATUS, type WireErrorCode } from '../../shared/wire/errors';
import { IDEMPOTENCY_KEY_PATTERN, WIRE_HEADERS, WIRE_VERSION_PATTERN } from '../../shared/wire/http';
import { wireResourceIdSchema } from '../../shared/wire/resource';
import { NAMED_SCHEMAS } from './components';
import { applyDocOverlays } from './doc-overlays';

/**
 * Builds the OpenAPI 3.1 document of the backend contract from shared/wire/routes.ts and the
 * shared zod schemas. `npx tsx scripts/openapi/generate.ts` writes it to api/openapi.json; a unit
 * test checks that the committed file is what this builds.
 */
extendZodWithOpenApi(z);


const pascal = (code: string) => code.replace(/(^|_)(\w)/g, (_m, _s, c: string) => c.toUpperCase());

/**
 * A route's error answers, by status. Each (status, codes) pair is one shared component whose
 * schema narrows `code` to exactly those codes, so the conformance tests catch a code a route
 * does not document.
 */
function errorResponses(route: WireRouteDef, registry: OpenAPIRegistry, known: Set<string>): Record<string, { $ref: string }> {
  const codes = [...new Set<WireErrorCode>([...COMMON_ERRORS, ...route.errors])];
  const byStatus = new Map<number, WireErrorCode[]>();
  for (const code of codes) byStatus.set(WIRE_ERROR_STATUS[code], [...(byStatus.get(WIRE_ERROR_STATUS[code]) ?? []), code]);
  const responses: Record<string, { $ref: string }> = {};
  for (const [status, statusCodes] of [...byStatus].sort(([a], [b]) => a - b)) {
    const name = `Error${status}${statusCodes.map(pascal).join('Or')}`;
    if (!known.has(name)) {
      known.add(name);
      const headers: Record<string, { $ref: string }> = {};
      if (status === 412) headers[WIRE_HEADERS.etag] = { $ref: '#/components/headers/ETag' };
      if (status === 429 || status === 503) headers[WIRE_HEADERS.retryAfter] = { $ref: '#/components/headers/RetryAfter' };
      registry.registerComponent('responses', name, {
        description: `Error: ${statusCodes.join(', ')}.`,
        ...(Object.keys(headers).length > 0 ? { headers } : {}),
        content: {
          'application/json': {
            schema: {
              allOf: [
                { $ref: '#/components/schemas/Error' },
                { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string', enum: statusCodes } } } } },
              ],
            },
          },
        },
      });
    }
    responses[String(status)] = { $ref: `#/components/responses/${name}` };
  }
  return responses;
}

function requestHeaders(route: WireRouteDef) {
  const shape: Record<string, z.ZodTypeAny> = {};
  if (route.ifMatch) {
    shape[WIRE_HEADERS.ifMatch] = z.string().openapi({ description: 'The version the change is based on, as its ETag ("<version>"), or *.' });
  }
  if (route.idempotencyKey) {
    shape[WIRE_HEADERS.idempotencyKey] = z
      .string()
      .regex(IDEMPOTENCY_KEY_PATTERN)
      .openapi({ description: 'Unique per creation. A repeat with the same key and body answers the first result (same id) with Idempotent-Replayed: true; with another body, 422.' });
  }
  return Object.keys(shape).length > 0 ? z.object(shape) : undefined;
}

function successResponse(route: WireRouteDef, ref: (schema: z.ZodTypeAny) => z.ZodTypeAny): ResponseConfig {
  const headers: Record<string, unknown> = {};
  if (route.etag) headers[WIRE_HEADERS.etag] = { $ref: '#/components/headers/ETag' };
  if (route.status === 201) headers[WIRE_HEADERS.location] = { description: 'Where the created resource lives.', schema: { type: 'string' } };
  if (route.idempotencyKey) {
    headers[WIRE_HEADERS.idempotentReplayed] = { description: 'Present ("true") when this answers a repeat of an earlier request.', schema: { type: 'string', enum: ['true'] } };
  }
  const description = route.status === 204 ? 'Done: no content.' : route.status === 201 ? 'Created (or, on a repeat, the first result).' : 'OK.';
  const base: ResponseConfig = { description, ...(Object.keys(headers).length > 0 ? { headers: headers as ResponseConfig['headers'] } : {}) };
  if (!route.data) return base;
  const item = ref(route.data.item);
  const data = route.data.kind === 'list' ? z.array(item) : item;
  const schema = route.enveloped ? z.object({ status: z.literal('success'), data }).strict() : data;
  return { ...base, content: { 'application/json': { schema } } };
}

export function buildOpenApiDocument() {
  applyDocOverlays();
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', description: 'The access_token from POST /oauth/token.' });
  registry.registerComponent('headers', 'ETag', {
    description: 'The resource version, as a strong entity tag ("<version>").',
    required: true,
    schema: { type: 'string', pattern: `^"${WIRE_VERSION_PATTERN.source.slice(1, -1)}"$` },
  });
  registry.registerComponent('headers', 'RetryAfter', { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 0 } });
  const errorNames = new Set<string>();
  const named = new Map<z.ZodTypeAny, z.ZodTypeAny>(NAMED_SCHEMAS.map(([name, schema]) => [schema, registry.register(name, schema)]));
  const ref = (schema: z.ZodTypeAny) => named.get(schema) ?? schema;

  for (const key of WIRE_ROUTE_KEYS) {
    const route: WireRouteDef = WIRE_ROUTES[key];
    const headers = requestHeaders(route);
    const request: RouteConfig['request'] = {
      ...(route.path.includes('{id}') ? { params: z.object({ id: wireResourceIdSchema }) } : {}),
      ...(route.query ? { query: route.query } : {}),
      ...(headers ? { headers } : {}),
      ...(route.body
        ? {
            body: {
              required: true,
              content: {
                'application/json': { schema: ref(route.body) },
                ...(route.formBody ? { 'application/x-www-form-urlencoded': { schema: ref(route.body) } } : {}),
              },
            },
          }
        : {}),
    };
    registry.registerPath({
      method: route.method.toLowerCase() as RouteConfig['method'],
      path: route.path,
      operationId: key,
      tags: [route.tag],
      summary: route.summary,
      security: route.auth ? [{ bearerAuth: [] }] : [],
      request,
      responses: { [String(route.status)]: successResponse(route, ref), ...errorResponses(route, registry, errorNames) },
    });
  }

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Omnichannel chatbot settings API',
      version: '1.0.0',
      description: [
        "The backend contract of Chatbot Settings Desktop, in the shape of the platform's public Omnichannel API.",
        'Success: `{"status":"success","data":...}` (the token endpoint answers the OAuth shape). Errors: `{"status":"error","error":{"code","message","details"}}`.',
        `Every document has a version (\`version\` in the body, \`ETag\` header; versions match ${WIRE_VERSION_PATTERN.source}). PUT and DELETE need \`If-Match\`: 428 without it, 412 when stale (with the current version).`,
        'POST needs `Idempotency-Key`: a repeat answers the first result, however long after.',
      ].join('\n\n'),
    },
    servers: [
      { url: 'https://service-chat.qontak.com/api/open/v1', description: 'Production (shape of the public Omnichannel API).' },
      { url: 'http://127.0.0.1:{port}/api/open/v1', description: 'The sandbox backend (npm run sandbox).', variables: { port: { default: '4010' } } },
    ],
    tags: [
      { name: 'OAuth' },
      { name: 'Health' },
      { name: 'Directory', description: 'Divisions and users (agents).' },
      { name: 'Chatbot settings', description: 'AI response, idle action, API connections.' },
      { name: 'CRM', description: 'CRM catalog, bot responses and deal settings.' },
    ],
  });
}
