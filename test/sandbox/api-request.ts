import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { WIRE_ROUTES, type WireRouteDef } from '../../shared/wire/routes';
import { IDEMPOTENCY_KEY_PATTERN, parseIfMatch, WIRE_BASE_PATH, WIRE_HEADERS, type IfMatch } from '../../shared/wire/http';
import type { WireErrorCode } from '../../shared/wire/errors';
import { matchRoute } from './http/route-match';
import { readBody } from './http/body';
import { errorAnswer, send, type Answer } from './http/respond';
import { WireHttpError } from './http/wire-http-error';
import { ROUTE_HANDLERS } from './handlers';
import type { HandlerContext } from './handlers/context';
import type { FaultAction, FaultInjector } from './faults';
import type { Stores } from './store/stores';
import type { TenantRow } from './store/tenant-store';
import type { SandboxStats } from './stats';

/**
 * One request to the API: route it, let fault rules act, authenticate, check the contract's
 * headers, parse the body, and run the route's handler in one SQLite transaction.
 */
export interface ApiEnvironment {
  stores: Stores;
  faults: FaultInjector;
  stats: SandboxStats;
  maxBodyBytes: number;
  /** Requests that were told to hang: closed when the sandbox stops. */
  hanging: Set<ServerResponse>;
  /** True once the sandbox is closing: a request that was waiting out a fault's latency then ends unanswered. */
  closing?: () => boolean;
}

const FAULT_CODES: Record<number, WireErrorCode> = { 500: 'internal', 502: 'bad_gateway', 503: 'unavailable', 504: 'gateway_timeout', 429: 'rate_limited', 404: 'not_found' };

function bearerToken(req: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match ? match[1]! : null;
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name.toLowerCase()];
  return typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : null;
}

function authenticate(env: ApiEnvironment, req: IncomingMessage): TenantRow {
  const token = bearerToken(req);
  if (!token) {
    throw new WireHttpError('unauthorized', 'Sign in first: send Authorization: Bearer <access_token>.', undefined, { 'WWW-Authenticate': 'Bearer realm="omnichannel"' });
  }
  const checked = env.stores.tokens.checkAccess(token);
  const tenant = checked.ok ? env.stores.tenants.byId(checked.tenantId) : null;
  if (!checked.ok || !tenant) {
    const why = checked.ok ? 'unknown' : checked.reason;
    const message = why === 'expired' ? 'The access token has expired: refresh it.' : why === 'revoked' ? 'The access token was revoked.' : 'The access token is not valid.';
    throw new WireHttpError('invalid_token', message, undefined, { 'WWW-Authenticate': 'Bearer realm="omnichannel", error="invalid_token"' });
  }
  return tenant;
}

function parseRequestBody(route: WireRouteDef, req: IncomingMessage, raw: Buffer): unknown {
  if (!route.body) return undefined;
  const type = (header(req, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const text = raw.toString('utf8');
  if (type === 'application/x-www-form-urlencoded' && route.formBody) return Object.fromEntries(new URLSearchParams(text));
  if (type !== 'application/json') {
    throw new WireHttpError('unsupported_media_type', `Send the body as application/json${route.formBody ? ' or application/x-www-form-urlencoded' : ''}.`);
  }
  if (text.trim() === '') throw new WireHttpError('invalid_request', 'The body is empty.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new WireHttpError('invalid_request', 'The body is not valid JSON.');
  }
}

function preconditions(route: WireRouteDef, req: IncomingMessage): { ifMatch: IfMatch | null; idempotencyKey: string | null } {
  let ifMatch: IfMatch | null = null;
  if (route.ifMatch) {
    const value = header(req, WIRE_HEADERS.ifMatch);
    if (value === null) throw new WireHttpError('precondition_required', `${WIRE_HEADERS.ifMatch} is required: send the ETag of the version you changed.`);
    ifMatch = parseIfMatch(value);
    if (ifMatch.kind === 'invalid') throw new WireHttpError('invalid_request', `${WIRE_HEADERS.ifMatch} must be * or quoted entity tags such as "12".`);
  }
  let idempotencyKey: string | null = null;
  if (route.idempotencyKey) {
    idempotencyKey = header(req, WIRE_HEADERS.idempotencyKey);
    if (idempotencyKey === null) throw new WireHttpError('idempotency_key_required', `${WIRE_HEADERS.idempotencyKey} is required to create.`);
    if (!IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) throw new WireHttpError('invalid_request', `${WIRE_HEADERS.idempotencyKey} must be 1 to 255 printable ASCII characters.`);
  }
  return { ifMatch, idempotencyKey };
}

/**
 * A caller that authenticated the request itself (the Qontak mode's HMAC check): the contract's
 * routes under `basePath`, for `tenant`, without a bearer token.
 */
export interface ResolvedAccess {
  basePath: string;
  tenant: TenantRow;
}

function execute(env: ApiEnvironment, req: IncomingMessage, url: URL, path: string, raw: Buffer | null, access?: ResolvedAccess): Answer {
  const match = matchRoute(req.method ?? 'GET', path);
  if (match.kind === 'none') throw new WireHttpError('not_found', `No route ${req.method} ${path}.`);
  if (match.kind === 'wrongMethod') {
    throw new WireHttpError('method_not_allowed', `${req.method} is not allowed here.`, { allowedMethods: match.allowed }, { Allow: match.allowed.join(', ') });
  }
  const route: WireRouteDef = WIRE_ROUTES[match.key];
  env.stats.count(match.key, 'requests');
  if (raw === null) throw new WireHttpError('payload_too_large', `The body is larger than ${env.maxBodyBytes} bytes.`);
  const tenant = route.auth ? (access?.tenant ?? authenticate(env, req)) : null;
  const { ifMatch, idempotencyKey } = preconditions(route, req);
  const ctx: HandlerContext = {
    stores: env.stores,
    key: match.key,
    params: match.params,
    query: url.searchParams,
    body: parseRequestBody(route, req, raw),
    ifMatch,
    idempotencyKey,
    basePath: access?.basePath ?? WIRE_BASE_PATH,
  };
  const handler = ROUTE_HANDLERS[match.key] as (ctx: HandlerContext & { tenant: TenantRow | null }) => Answer;
  const answer = env.stores.db.transaction(() => handler({ ...ctx, tenant }))();
  if (answer.headers[WIRE_HEADERS.idempotentReplayed]) env.stats.count(match.key, 'replayed');
  return answer;
}

function usernameOf(env: ApiEnvironment, req: IncomingMessage): string | null {
  const token = bearerToken(req);
  const tenantId = token ? env.stores.tokens.tenantOf(token) : null;
  return tenantId ? (env.stores.tenants.byId(tenantId)?.username ?? null) : null;
}

/** Carries out a fault's action; true when the request is finished (answered, reset or hanging). */
function applyFault(env: ApiEnvironment, res: ServerResponse, action: FaultAction, username: string | null): boolean {
  switch (action.kind) {
    case 'status': {
      const headers: Record<string, string> = action.retryAfter !== undefined ? { [WIRE_HEADERS.retryAfter]: String(action.retryAfter) } : {};
      const details = action.retryAfter !== undefined ? { retryAfterSeconds: action.retryAfter } : undefined;
      send(res, errorAnswer(new WireHttpError(FAULT_CODES[action.status]!, `Injected fault: ${action.status}.`, details, headers)));
      return true;
    }
    case 'reset': {
      const socket = res.socket;
      if (socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
      else socket?.destroy();
      return true;
    }
    case 'hang':
      env.hanging.add(res);
      res.on('close', () => env.hanging.delete(res));
      return true;
    case 'revokeTokens': {
      const tenant = env.stores.tenants.byUsername(action.username ?? username ?? '');
      if (tenant) env.stores.tokens.revokeAll(tenant.id);
      return false;
    }
  }
}

export async function handleApiRequest(env: ApiEnvironment, req: IncomingMessage, res: ServerResponse, url: URL, access?: ResolvedAccess): Promise<void> {
  const path = url.pathname.slice((access?.basePath ?? WIRE_BASE_PATH).length) || '/';
  const read = await readBody(req, env.maxBodyBytes);
  const method = req.method ?? 'GET';
  // Looked up once, and only when a rule filters by tenant.
  let username: string | null | undefined;
  const requester = () => (username === undefined ? (username = access ? access.tenant.username : usernameOf(env, req)) : username);

  const before = env.faults.decide('before', method, path, requester);
  if (before.latencyMs > 0) await sleep(before.latencyMs);
  if (env.closing?.()) return void res.destroy(); // its store is closed: like a server that went away
  if (before.action) {
    env.stats.countPath(method, path, 'faulted');
    if (applyFault(env, res, before.action, requester())) return;
  }

  let answer: Answer;
  try {
    answer = execute(env, req, url, path, read.ok ? read.body : null, access);
  } catch (error) {
    if (error instanceof WireHttpError) answer = errorAnswer(error);
    else {
      console.error('sandbox: internal error', error);
      answer = errorAnswer(new WireHttpError('internal', 'The sandbox failed to handle this request.'));
    }
  }

  const after = env.faults.decide('after', method, path, requester);
  if (after.latencyMs > 0) await sleep(after.latencyMs);
  if (after.action) {
    env.stats.countPath(method, path, 'faulted');
    if (applyFault(env, res, after.action, requester())) return;
  }
  send(res, answer);
}
