import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { crmOwnerSchema, crmSourceSchema, botResponseSchema } from '../../shared/schemas/crm';
import { uniqueIdList, success } from '../../shared/wire/envelope';
import { wireDivisionSchema, wireUserSchema } from '../../shared/wire/directory';
import { wirePipelineListSchema } from '../../shared/wire/crm';
import { readBody } from './http/body';
import { errorAnswer, jsonAnswer, send, type Answer } from './http/respond';
import { WireHttpError } from './http/wire-http-error';
import { faultConfigSchema, type FaultInjector } from './faults';
import { collectionResource, invalid, singletonResource } from './handlers/context';
import { createTenant } from './seed';
import type { Stores } from './store/stores';
import type { TenantRow } from './store/tenant-store';
import type { CatalogList } from './store/catalog-store';
import type { SandboxStats } from './stats';

/**
 * The admin API, for tests and demos only: fault rules, request counters, tenants, a tenant's
 * full stored state, catalog edits and token revocation. It exists only when the sandbox was
 * started with an admin secret, and every request must carry it in `X-Admin-Secret`.
 */
export const ADMIN_PREFIX = '/__admin';
export const ADMIN_SECRET_HEADER = 'X-Admin-Secret';

export interface AdminEnvironment {
  stores: Stores;
  faults: FaultInjector;
  stats: SandboxStats;
  secret: string;
}

const newTenantsSchema = z
  .object({
    tenants: z
      .array(
        z
          .object({
            username: z.string().min(1).max(320),
            password: z.string().min(1).max(1024),
            name: z.string().min(1).max(100).optional(),
            crmConnected: z.boolean().default(true),
            catalog: z.enum(['demo', 'empty']).default('demo'),
          })
          .strict(),
      )
      .min(1)
      .max(5000),
  })
  .strict();

const catalogEditSchema = z
  .object({
    connected: z.boolean().optional(),
    divisions: uniqueIdList(wireDivisionSchema).optional(),
    users: uniqueIdList(wireUserSchema).optional(),
    pipelines: wirePipelineListSchema.optional(),
    owners: uniqueIdList(crmOwnerSchema).optional(),
    sources: uniqueIdList(crmSourceSchema).optional(),
    botResponses: uniqueIdList(botResponseSchema).optional(),
  })
  .strict();

const URL_LISTS: Record<string, CatalogList | 'stages'> = {
  divisions: 'divisions',
  users: 'users',
  pipelines: 'pipelines',
  stages: 'stages',
  owners: 'owners',
  sources: 'sources',
  'bot-responses': 'botResponses',
};

function parse<S extends z.ZodTypeAny>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message })));
  return parsed.data as z.output<S>;
}

export function secretMatches(expected: string, given: string | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function tenantState(stores: Stores, tenant: TenantRow) {
  return {
    tenant: { username: tenant.username, name: tenant.name, crmConnected: tenant.crmConnected },
    aiResponse: singletonResource(stores.documents.getSingleton(tenant.id, 'ai_response')),
    idleAction: singletonResource(stores.documents.getSingleton(tenant.id, 'idle_action')),
    apiConnections: stores.documents.list(tenant.id, 'api_connection').map(collectionResource),
    dealSettings: stores.documents.list(tenant.id, 'deal_setting').map(collectionResource),
    catalog: stores.catalog.all(tenant.id),
    idempotencyKeys: stores.idempotency.count(tenant.id),
  };
}

function route(env: AdminEnvironment, method: string, parts: string[], body: unknown): Answer {
  const ok = (data: unknown) => jsonAnswer(200, success(data));
  const [first, username, second, list, id] = parts;
  if (first === 'faults' && parts.length === 1) {
    if (method === 'GET') return ok(env.faults.describe());
    if (method === 'POST') {
      env.faults.configure(parse(faultConfigSchema, body));
      return ok(env.faults.describe());
    }
    if (method === 'DELETE') {
      env.faults.clear();
      return ok(env.faults.describe());
    }
  }
  if (first === 'stats' && parts.length === 1) {
    if (method === 'GET') return ok(env.stats.snapshot());
    if (method === 'DELETE') {
      env.stats.reset();
      return ok({});
    }
  }
  if (first === 'tenants' && parts.length === 1) {
    if (method === 'GET') return ok(env.stores.tenants.list().map(({ username: u, name, crmConnected }) => ({ username: u, name, crmConnected })));
    if (method === 'POST') {
      const input = parse(newTenantsSchema, body);
      const created = env.stores.db.transaction(() =>
        input.tenants.map((t) => {
          if (env.stores.tenants.byUsername(t.username)) throw new WireHttpError('conflict', `Tenant ${t.username} exists already.`);
          return createTenant(env.stores, { username: t.username, password: t.password, name: t.name ?? t.username, crmConnected: t.crmConnected, catalog: t.catalog });
        }),
      )();
      return jsonAnswer(201, success(created.map(({ username: u, name, crmConnected }) => ({ username: u, name, crmConnected }))));
    }
  }
  if (first === 'tenants' && username !== undefined) {
    const tenant = env.stores.tenants.byUsername(username);
    if (!tenant) throw new WireHttpError('not_found', `No tenant ${username}.`);
    if (second === 'state' && parts.length === 3 && method === 'GET') return ok(tenantState(env.stores, tenant));
    if (second === 'revoke-tokens' && parts.length === 3 && method === 'POST') return ok({ revoked: env.stores.tokens.revokeAll(tenant.id) });
    if (second === 'catalog' && parts.length === 3 && method === 'PUT') {
      const edit = parse(catalogEditSchema, body);
      env.stores.db.transaction(() => {
        if (edit.connected !== undefined) env.stores.tenants.setCrmConnected(tenant.id, edit.connected);
        for (const key of ['divisions', 'users', 'pipelines', 'owners', 'sources', 'botResponses'] as const) {
          const items = edit[key];
          if (items) env.stores.catalog.replace(tenant.id, key, items as never);
        }
      })();
      return ok(tenantState(env.stores, env.stores.tenants.byId(tenant.id) ?? tenant).catalog);
    }
    if (second === 'catalog' && parts.length === 5 && method === 'DELETE' && list !== undefined && id !== undefined) {
      const target = URL_LISTS[list];
      if (!target) throw new WireHttpError('not_found', `No catalog list ${list}.`);
      const removed = target === 'stages' ? env.stores.catalog.removeStage(tenant.id, id) : env.stores.catalog.remove(tenant.id, target, id);
      if (!removed) throw new WireHttpError('not_found', `No ${list} entry ${id}.`);
      return ok({ removed: { list, id } });
    }
  }
  throw new WireHttpError('not_found', `No admin route ${method} /${parts.join('/')}.`);
}

export async function handleAdminRequest(env: AdminEnvironment, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const read = await readBody(req, 16 * 1024 * 1024);
  try {
    if (!secretMatches(env.secret, req.headers[ADMIN_SECRET_HEADER.toLowerCase()] as string | undefined)) {
      throw new WireHttpError('unauthorized', `Send the admin secret in ${ADMIN_SECRET_HEADER}.`);
    }
    if (!read.ok) throw new WireHttpError('payload_too_large', 'The body is too large.');
    const text = read.body.toString('utf8');
    let body: unknown = undefined;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        throw new WireHttpError('invalid_request', 'The body is not valid JSON.');
      }
    }
    const parts = url.pathname.slice(ADMIN_PREFIX.length).split('/').filter(Boolean).map(decodeURIComponent);
    send(res, route(env, req.method ?? 'GET', parts, body));
  } catch (error) {
    if (error instanceof WireHttpError) send(res, errorAnswer(error));
    else {
      console.error('sandbox admin: internal error', error);
      send(res, errorAnswer(new WireHttpError('internal', 'The admin request failed.')));
    }
  }
}
