import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { httpDate } from '../../../shared/wire/qontak/hmac';
import { QONTAK_PATHS, QONTAK_SETTINGS_API_PREFIX } from '../../../shared/wire/qontak/routes';
import { readBody } from '../http/body';
import type { TenantRow } from '../store/tenant-store';
import type { ResolvedAccess } from '../api-request';
import { demoQontakCatalog, demoQontakTenants, type QontakSandboxTenant, type WireEntry } from './demo-qontak';
import { verifyHmac } from './hmac-verifier';
import { SlidingMinuteLimiter } from './rate-limiter';

/**
 * The sandbox's Qontak mode: Mekari's public routes at their real paths and in their real shapes
 * (chat `{status,data,meta}` with offset/limit paging, CRM `{meta,response}`, 401
 * `{"message":"Unauthorized"}`, 429 with Retry-After), HMAC-verified per tenant, rate-limited per
 * credential, plus this project's chatbot settings routes under /qontak/chatbot-settings/v1 for
 * the tenants that have them switched on (served by the contract's own handlers, for the
 * tenant's sandbox account).
 */
export const QONTAK_PREFIX = '/qontak/';
export const QONTAK_ADMIN_PREFIX = '/__admin/qontak';
export const DEFAULT_MAX_DATE_SKEW_MS = 5 * 60_000;

export interface QontakModeOptions {
  now?: () => number;
  /** A Date further than this from the sandbox's clock is refused (default 5 minutes). */
  maxSkewMs?: number;
  /** Requests a minute per credential when the tenant sets none; null: no limit (default). */
  defaultRatePerMinute?: number | null;
  /** The tenants (default: the demo credentials). */
  tenants?: QontakSandboxTenant[];
  /** The contract-mode account a tenant's settings routes act for. */
  accountOf: (username: string) => TenantRow | null;
  /** Serves a contract route for an account already authenticated (api-request.ts). */
  serveContract: (req: IncomingMessage, res: ServerResponse, url: URL, access: ResolvedAccess) => Promise<void>;
}

/** In-process control for tests (the admin API offers the same over HTTP). */
export interface QontakSandboxControl {
  tenant(clientId: string): QontakSandboxTenant;
  add(tenant: Partial<QontakSandboxTenant> & Pick<QontakSandboxTenant, 'clientId' | 'clientSecret' | 'username'>): QontakSandboxTenant;
  /** Requests answered per credential (after the HMAC check), and those refused with 429. */
  counts(clientId: string): { requests: number; rateLimited: number };
}

export interface QontakMode {
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  control: QontakSandboxControl;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const UNAUTHORIZED: Reply = { status: 401, body: { message: 'Unauthorized' } };
const NO_ROUTE: Reply = { status: 404, body: { message: 'no Route matched with those values' } };

function crmMeta(status: number, type: string, message: string, errorCode: string | null = null) {
  return {
    status,
    type,
    error_code: errorCode,
    info: `https://developers.qontak.com/docs/api/response-codes#${status}`,
    developer_message: message,
    message,
    timestamp: new Date().toISOString(),
    log_id: randomUUID(),
  };
}

const crmOk = (response: unknown): Reply => ({ status: 200, body: { meta: crmMeta(200, 'OK', 'Success'), response } });
const crmError = (status: number, type: string, message: string, code: string): Reply => ({ status, body: { meta: crmMeta(status, type, message, code), response: null } });
const chatError = (status: number, messages: string[]): Reply => ({ status, body: { status: 'error', error: { code: status, messages } } });

function page<T>(items: readonly T[], query: URLSearchParams, repeat: boolean): Reply {
  const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 10) || 10));
  const offset = repeat ? 1 : Math.max(1, Number(query.get('offset') ?? 1) || 1);
  const start = (offset - 1) * limit;
  const data = items.slice(start, start + limit);
  const hasNext = repeat || start + limit < items.length;
  const cursor = (n: number) => Buffer.from(String(n)).toString('base64');
  return {
    status: 200,
    body: {
      status: 'success',
      data,
      meta: { pagination: { cursor: { next: hasNext ? cursor(offset + 1) : null, prev: offset > 1 ? cursor(offset - 1) : null, pit: null }, offset, limit, total: items.length, target_offset: start } },
    },
  };
}

function matches(entry: WireEntry, text: string | null, field: string): boolean {
  return !text || String(entry[field] ?? '').toLowerCase().includes(text.toLowerCase());
}

const tenantPatchSchema = z
  .object({
    clientSecret: z.string().min(1).optional(),
    username: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
    crmConnected: z.boolean().optional(),
    settingsRoutes: z.boolean().optional(),
    ratePerMinute: z.number().int().positive().nullable().optional(),
    repeatPages: z.boolean().optional(),
    forced429: z.object({ remaining: z.number().int().nonnegative(), retryAfterSeconds: z.number().int().nonnegative() }).optional(),
  })
  .strict();
const newTenantsSchema = z
  .object({ tenants: z.array(tenantPatchSchema.extend({ clientId: z.string().min(1), clientSecret: z.string().min(1), username: z.string().min(1) })).min(1).max(5000) })
  .strict();

export function createQontakMode(options: QontakModeOptions): QontakMode {
  const now = options.now ?? Date.now;
  const maxSkewMs = options.maxSkewMs ?? DEFAULT_MAX_DATE_SKEW_MS;
  const tenants = new Map<string, QontakSandboxTenant>();
  const counts = new Map<string, { requests: number; rateLimited: number }>();
  const limiter = new SlidingMinuteLimiter();

  const control: QontakSandboxControl = {
    tenant(clientId) {
      const tenant = tenants.get(clientId);
      if (!tenant) throw new Error(`No Qontak tenant with client id ${clientId}`);
      return tenant;
    },
    add(input) {
      const tenant: QontakSandboxTenant = {
        name: input.username,
        crmConnected: true,
        settingsRoutes: false,
        ratePerMinute: null,
        repeatPages: false,
        forced429: { remaining: 0, retryAfterSeconds: 1 },
        catalog: demoQontakCatalog(),
        ...input,
      };
      tenants.set(tenant.clientId, tenant);
      return tenant;
    },
    counts: (clientId) => ({ ...(counts.get(clientId) ?? { requests: 0, rateLimited: 0 }) }),
  };
  for (const tenant of options.tenants ?? demoQontakTenants()) control.add(tenant);

  function send(res: ServerResponse, reply: Reply): void {
    if (res.headersSent || res.destroyed) return;
    const body = JSON.stringify(reply.body);
    const headers: Record<string, string> = {
      Date: httpDate(now()),
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      'x-request-id': randomUUID(),
      ...(reply.status === 200 ? { ETag: `W/"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"` } : {}),
      ...reply.headers,
    };
    res.writeHead(reply.status, headers);
    res.end(body);
  }

  function route(tenant: QontakSandboxTenant, req: IncomingMessage, url: URL): Reply | 'contract' {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const { catalog } = tenant;
    if (path === QONTAK_SETTINGS_API_PREFIX || path.startsWith(`${QONTAK_SETTINGS_API_PREFIX}/`)) {
      if (!tenant.settingsRoutes) return NO_ROUTE;
      const rest = path.slice(QONTAK_SETTINGS_API_PREFIX.length);
      // Only the settings API itself: no password sign-in here, the HMAC check already said who it is.
      return rest === '/oauth/token' ? NO_ROUTE : 'contract';
    }
    if (method !== 'GET') return NO_ROUTE;
    if (path === QONTAK_PATHS.divisions) {
      return page(catalog.divisions.filter((d) => matches(d, url.searchParams.get('query'), 'name')), url.searchParams, tenant.repeatPages);
    }
    if (path === QONTAK_PATHS.users) {
      const role = url.searchParams.get('role');
      const users = catalog.users.filter((u) => (!role || u.role === role) && matches(u, url.searchParams.get('query'), 'full_name'));
      return page(users, url.searchParams, tenant.repeatPages);
    }
    if (!path.startsWith('/qontak/crm/')) return NO_ROUTE;
    if (!tenant.crmConnected) return crmError(403, 'Forbidden', 'This company has no CRM connected to Qontak Omnichannel.', 'crm_not_connected');
    const sso = req.headers['x-crm-user-sso-id'];
    if (typeof sso !== 'string' || !catalog.users.some((u) => u.sso_id === sso)) {
      return crmError(400, 'Bad Request', 'X-Crm-User-Sso-Id must name a user of this company (its sso_id).', 'invalid_sso_id');
    }
    if (path === QONTAK_PATHS.crmPipelines) return crmOk(catalog.pipelines.map(({ stages: _stages, ...pipeline }) => pipeline));
    const stages = /^\/qontak\/crm\/pipelines\/([^/]+)\/stages$/.exec(path);
    if (stages) {
      const pipeline = catalog.pipelines.find((p) => String(p.id) === stages[1]);
      return pipeline ? crmOk(pipeline.stages) : crmError(404, 'Not Found', 'Pipeline not found.', 'not_found');
    }
    if (path === QONTAK_PATHS.crmDealsInfo) return crmOk(catalog.dealFields);
    return NO_ROUTE;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const checked = verifyHmac(req, (id) => tenants.get(id) ?? null, now(), maxSkewMs);
    if (!checked.ok) return void send(res, UNAUTHORIZED);
    const tenant = checked.tenant;
    const count = counts.get(tenant.clientId) ?? { requests: 0, rateLimited: 0 };
    counts.set(tenant.clientId, count);
    if (tenant.forced429.remaining > 0) {
      tenant.forced429.remaining--;
      count.rateLimited++;
      return void send(res, { status: 429, body: { message: 'API rate limit exceeded' }, headers: { 'Retry-After': String(tenant.forced429.retryAfterSeconds) } });
    }
    const limit = tenant.ratePerMinute ?? options.defaultRatePerMinute ?? null;
    if (limit !== null) {
      const taken = limiter.take(tenant.clientId, limit, now());
      if ('retryAfterSeconds' in taken) {
        count.rateLimited++;
        return void send(res, { status: 429, body: { message: 'API rate limit exceeded' }, headers: { 'Retry-After': String(taken.retryAfterSeconds), 'X-RateLimit-Limit-Minute': String(limit), 'X-RateLimit-Remaining-Minute': '0' } });
      }
    }
    count.requests++;
    const reply = route(tenant, req, url);
    if (reply !== 'contract') return void send(res, reply);
    const account = options.accountOf(tenant.username);
    if (!account) return void send(res, chatError(404, [`The sandbox has no account ${tenant.username} for these settings.`]));
    await options.serveContract(req, res, url, { basePath: QONTAK_SETTINGS_API_PREFIX, tenant: account });
  }

  async function handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const rest = url.pathname.slice(QONTAK_ADMIN_PREFIX.length);
    const method = req.method ?? 'GET';
    const read = await readBody(req, 8 * 1024 * 1024);
    const body = (): unknown => {
      const text = read.ok ? read.body.toString('utf8') : '';
      try {
        return text ? (JSON.parse(text) as unknown) : {};
      } catch {
        return undefined;
      }
    };
    const invalid = (error: z.ZodError): Reply => chatError(400, error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    const view = (t: QontakSandboxTenant) => ({ ...t, catalog: undefined, counts: control.counts(t.clientId) });
    if (rest === '/tenants' && method === 'GET') return void send(res, { status: 200, body: { status: 'success', data: [...tenants.values()].map(view) } });
    if (rest === '/tenants' && method === 'POST') {
      const parsed = newTenantsSchema.safeParse(body());
      if (!parsed.success) return void send(res, invalid(parsed.error));
      const added = parsed.data.tenants.map((t) => control.add({ ...t, ratePerMinute: t.ratePerMinute ?? null }));
      return void send(res, { status: 201, body: { status: 'success', data: added.map(view) } });
    }
    const one = /^\/tenants\/([^/]+)$/.exec(rest);
    if (one && method === 'PATCH') {
      const tenant = tenants.get(decodeURIComponent(one[1]!));
      if (!tenant) return void send(res, chatError(404, ['No such Qontak tenant.']));
      const parsed = tenantPatchSchema.safeParse(body());
      if (!parsed.success) return void send(res, invalid(parsed.error));
      Object.assign(tenant, Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)));
      return void send(res, { status: 200, body: { status: 'success', data: view(tenant) } });
    }
    send(res, NO_ROUTE);
  }

  return { handle, handleAdmin, control };
}
