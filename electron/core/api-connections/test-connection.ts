import { STATUS_CODES } from 'node:http';
import type { ApiHeaders, ApiToken } from '../../../shared/schemas/api-connection';
import type { TestConnectionErrorKind, TestConnectionResult } from '../../../shared/schemas/api-connection-test';
import { redactValues } from '../../../shared/logic/redact-values';
import { fetch as undiciFetch } from 'undici';
import { coreDispatcher } from '../net/core-dispatcher';
import { classifyFetchError } from './fetch-error';

/**
 * `Test connection`: one GET from the core to the base URL (plus the path the user may add),
 * carrying the connection's headers and token, reporting status, time and a readable error.
 * Uses undici's fetch through the core's dispatcher (proxy and CA settings). Redirects are followed by hand so that credentials never
 * leave the base URL's origin: once the chain goes to another origin, it goes on without them.
 */
export interface TestConnectionTarget {
  baseUrl: string;
  headers: ApiHeaders | null;
  token: Pick<ApiToken, 'token_type' | 'access_token'> | null;
}

export interface TestConnectionOptions {
  /** Path added to the base URL (validated by testConnectionPathSchema); '' for none. */
  path?: string;
  /** For the whole exchange, redirects included. */
  timeoutMs?: number;
  maxRedirects?: number;
}

export const TEST_CONNECTION_TIMEOUT_MS = 10_000;
export const TEST_CONNECTION_MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** base URL + path, without doubling or losing the slash between them. */
export function joinBaseAndPath(baseUrl: string, path = ''): URL {
  if (path === '') return new URL(baseUrl);
  const base = new URL(baseUrl);
  const joined = new URL(`${base.origin}${base.pathname.replace(/\/+$/, '')}${path}`);
  if (joined.origin !== base.origin) throw new Error('The path would leave the base URL’s host.');
  return joined;
}

/** `Authorization` from the token: `<token_type> <access_token>`, with `bearer` written `Bearer` as servers expect. */
export function authorizationOf(token: TestConnectionTarget['token']): string | null {
  if (!token || token.access_token === '') return null;
  const scheme = token.token_type.toLowerCase() === 'bearer' ? 'Bearer' : token.token_type;
  return `${scheme} ${token.access_token}`;
}

/** The request's headers; the connection's own (and its token) only when `withCredentials`. The token's Authorization wins over a header of that name. */
function requestHeaders(target: TestConnectionTarget, withCredentials: boolean): Headers {
  const headers = new Headers({ Accept: 'application/json, */*;q=0.5' });
  if (!withCredentials) return headers;
  for (const [name, value] of Object.entries(target.headers ?? {})) headers.set(name, value);
  const authorization = authorizationOf(target.token);
  if (authorization) headers.set('Authorization', authorization);
  return headers;
}

/** Every secret the request carries, so that no message can echo one. */
function secretsOf(target: TestConnectionTarget): string[] {
  const values = Object.values(target.headers ?? {});
  if (target.token) values.push(target.token.access_token);
  return values;
}

export async function testConnection(target: TestConnectionTarget, options: TestConnectionOptions = {}): Promise<TestConnectionResult> {
  const timeoutMs = options.timeoutMs ?? TEST_CONNECTION_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? TEST_CONNECTION_MAX_REDIRECTS;
  const secrets = secretsOf(target);
  const started = performance.now();
  let redirects = 0;
  const result = (status: number | null, error?: { kind: TestConnectionErrorKind; message: string }): TestConnectionResult => ({
    ok: error === undefined && status !== null && status >= 200 && status < 300,
    status,
    timeMs: Math.round(performance.now() - started),
    redirects,
    ...(error ? { error: { kind: error.kind, message: redactValues(error.message, secrets) } } : {}),
  });

  let url: URL;
  try {
    url = joinBaseAndPath(target.baseUrl, options.path);
  } catch (error) {
    return result(null, { kind: 'OTHER', message: error instanceof Error && error.message.startsWith('The path') ? error.message : 'The base URL is not a valid URL.' });
  }
  const origin = url.origin;
  let leftOrigin = false;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    for (;;) {
      // Credentials go only to the base URL's origin, and never again once the chain has left it.
      const sendCredentials = !leftOrigin && url.origin === origin;
      let response: Response;
      try {
        const { dispatcher } = coreDispatcher();
        response = (await undiciFetch(url, { method: 'GET', redirect: 'manual', signal: controller.signal, headers: [...requestHeaders(target, sendCredentials)], dispatcher })) as unknown as Response;
      } catch (error) {
        return result(null, classifyFetchError(error, url, { timedOut: controller.signal.aborted, timeoutMs }));
      }
      // The body is not needed: release the socket.
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      if (!REDIRECT_STATUSES.has(response.status) || location === null) {
        if (response.status >= 200 && response.status < 300) return result(response.status);
        const reason = STATUS_CODES[response.status] ?? 'Unknown status';
        return result(response.status, { kind: 'HTTP', message: `The server answered ${response.status} ${reason}.` });
      }
      if (redirects >= maxRedirects) return result(response.status, { kind: 'OTHER', message: `The server redirected more than ${maxRedirects} times.` });
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        return result(response.status, { kind: 'OTHER', message: 'The server redirected to an invalid address.' });
      }
      if (next.protocol !== 'https:' && next.protocol !== 'http:') {
        return result(response.status, { kind: 'OTHER', message: `The server redirected to an unsupported address (${next.protocol}).` });
      }
      if (next.origin !== origin) leftOrigin = true;
      redirects++;
      url = next;
    }
  } finally {
    clearTimeout(timer);
  }
}
