import { setTimeout as sleep } from 'node:timers/promises';
import { request, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { wireErrorSchema, type WireError } from '../../../shared/wire/errors';
import { fillPath, formatEtag, parseEtag, WIRE_HEADERS } from '../../../shared/wire/http';
import { successBodySchema, WIRE_ROUTES, type WireData, type WireRouteDef, type WireRouteKey } from '../../../shared/wire/routes';
import { redactValues } from '../../../shared/logic/redact-values';
import { coreDispatcher, CoreNetworkConfigError } from '../net/core-dispatcher';
import { readLimitedResponse, ResponseTooLargeError } from '../net/read-limited-response';
import { compiledSafeParse } from '../validation/compiled-schema';
import { BackendError, redactBackendError } from './backend-error';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, parseRetryAfter, RETRYABLE_STATUSES, type RetryPolicy } from './retry-policy';

/**
 * The app's HTTP client for the backend contract (shared/wire/routes.ts, api/openapi.json).
 * Every answer is parsed with the shared wire schemas before anyone sees it: HTML, a body that
 * is not JSON, or JSON outside the contract is a BackendError('bad_response') and the caller
 * writes nothing. Network failures, timeouts, 5xx and 429 are retried (bounded backoff with
 * jitter, Retry-After honoured); a 401 on an authenticated route refreshes the token once.
 *
 * Whatever the backend writes into an error (its message, field issues) passes one redaction
 * step on the way out of call(): every secret the request carried — the bearer token, the
 * password and refresh token of a token grant, and the caller's `secrets` (an API connection's
 * settings, header and token values) — is removed, so no echo reaches SQLite, a log or the user.
 *
 * Retrying writes is safe by the contract's design: PUT and DELETE carry If-Match (a repeat of a
 * write that did land answers 412 or 404, which the sync engine understands), and POST carries an
 * Idempotency-Key (a repeat answers the first result).
 */
export interface AccessTokens {
  /** A current access token (refreshed first when it is about to expire). Throws BackendError('signed_out'). */
  current(signal?: AbortSignal): Promise<string>;
  /** The backend refused `rejected`: a fresh token (one refresh shared by concurrent callers). Throws 'signed_out'. */
  renew(rejected: string, signal?: AbortSignal): Promise<string>;
}

export interface BackendClientOptions {
  /** The tenant's base URL, e.g. https://service-chat.qontak.com/api/open/v1 */
  baseUrl: string;
  tokens?: AccessTokens;
  /**
   * Signs each try of an authenticated route instead of a bearer token (Mekari's HMAC): the
   * headers it gives (Date, Authorization) are computed for this very request line.
   */
  authorize?: (method: string, url: URL, signal?: AbortSignal) => Promise<Record<string, string>>;
  /** Default: the core's dispatcher (proxy and CA settings). */
  dispatcher?: Dispatcher;
  /** Per try, covering the answer's body too. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Told after each try whether the backend answered at all (the tenant's online state). */
  onReachability?: (reachable: boolean) => void;
  /** Largest answer body read, in bytes. */
  maxResponseBytes?: number;
  now?: () => number;
}

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** The version the write is based on (sent as a strong entity tag). */
  ifMatch?: string;
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** Secret values in the body that an error must never quote (the client adds its own credentials). */
  secrets?: readonly string[];
}

export interface CallResult<K extends WireRouteKey> {
  status: number;
  /** The parsed data (undefined for 204). */
  data: WireData<K>;
  /** The ETag's version, when the answer has one. */
  version: string | null;
  /** The backend answered a repeat of an earlier creation with its first result. */
  replayed: boolean;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** What the backend answered to one try: its status, its headers (names in lower case) and its body. */
interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

type Attempt = { kind: 'answer'; answer: Answer } | { kind: 'failed'; error: BackendError };

/** The controllers of the tries in flight under each caller's signal: one listener per signal, however many tries share it (a publish run's). */
const followers = new WeakMap<AbortSignal, Set<AbortController>>();

/** Aborts `controller` when `signal` aborts; returns the way to stop following. */
function follow(signal: AbortSignal, controller: AbortController): () => void {
  let set = followers.get(signal);
  if (!set) {
    const own = new Set<AbortController>();
    signal.addEventListener('abort', () => own.forEach((c) => c.abort()), { once: true });
    followers.set(signal, own);
    set = own;
  }
  set.add(controller);
  return () => set.delete(controller);
}

/** One header of an answer, by its name in any case (undici gives repeated ones as a list). */
function headerOf(answer: Answer, name: string): string | null {
  const value = answer.headers[name.toLowerCase()];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

export class BackendClient {
  readonly baseUrl: string;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: BackendClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
  }

  async call<K extends WireRouteKey>(key: K, call: CallOptions = {}): Promise<CallResult<K>> {
    const secrets = [...(call.secrets ?? []), ...grantCredentials(call.body)];
    try {
      return await this.send(key, call, secrets);
    } catch (error) {
      throw redactBackendError(error, secrets);
    }
  }

  /** One call with its retries; each bearer token it sends joins `secrets`. */
  private async send<K extends WireRouteKey>(key: K, call: CallOptions, secrets: string[]): Promise<CallResult<K>> {
    const route: WireRouteDef = WIRE_ROUTES[key];
    const signed = route.auth && this.options.authorize !== undefined;
    let token = route.auth && !signed ? await this.requireTokens().current(call.signal) : null;
    if (token !== null) secrets.push(token);
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      const result = await this.attempt(route, call, token);
      let retryAfterMs: number | null = null;
      let failure: BackendError;
      if (result.kind === 'answer') {
        const { answer } = result;
        if (answer.status === route.status) return this.success(key, route, answer);
        const wire = parseWireError(answer);
        if (answer.status === 401 && signed) throw new BackendError('sign_in_failed', `The backend refused the signed request ${route.method} ${route.path} (401): check the Client ID and Client secret, and that this computer's clock is right.`, { status: 401 });
        if (answer.status === 401 && route.auth && token !== null && !renewed) {
          // One refresh per call: a second 401 with a fresh token is the backend's final word.
          renewed = true;
          token = await this.requireTokens().renew(token, call.signal);
          secrets.push(token);
          attempt--;
          continue;
        }
        failure = this.failure(route, answer, wire, secrets);
        if (!RETRYABLE_STATUSES.has(answer.status)) throw failure;
        retryAfterMs = parseRetryAfter(headerOf(answer, WIRE_HEADERS.retryAfter), this.now());
        if (retryAfterMs !== null && retryAfterMs > this.policy.maxRetryAfterMs) throw failure;
      } else {
        failure = result.error;
        // An answer too large to read would be as large again: only a try that got no answer is repeated.
        if (failure.kind === 'cancelled' || failure.kind === 'bad_response') throw failure;
      }
      if (attempt >= this.policy.maxAttempts) throw failure;
      await this.wait(backoffDelayMs(this.policy, attempt, retryAfterMs), call.signal);
    }
  }

  private requireTokens(): AccessTokens {
    if (!this.options.tokens) throw new BackendError('signed_out', 'Sign in to this tenant’s backend first.');
    return this.options.tokens;
  }

  /**
   * One try, through undici's request API (no WHATWG streams, no body copy for a redirect mode,
   * nothing to follow: a 3xx is an answer like any other). The try's timeout covers the body, and
   * the caller's signal cancels it; one controller and one timer per try.
   */
  private async attempt(route: WireRouteDef, call: CallOptions, token: string | null): Promise<Attempt> {
    const url = new URL(this.baseUrl + fillPath(route.path, call.params));
    for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token !== null) headers[WIRE_HEADERS.authorization] = `Bearer ${token}`;
    if (route.auth && this.options.authorize) Object.assign(headers, await this.options.authorize(route.method, url, call.signal));
    if (call.ifMatch !== undefined) headers[WIRE_HEADERS.ifMatch] = formatEtag(call.ifMatch);
    if (call.idempotencyKey !== undefined) headers[WIRE_HEADERS.idempotencyKey] = call.idempotencyKey;
    let body: string | undefined;
    if (call.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(call.body);
    }
    let dispatcher: Dispatcher;
    try {
      dispatcher = this.options.dispatcher ?? coreDispatcher().dispatcher;
    } catch (error) {
      if (error instanceof CoreNetworkConfigError) return { kind: 'failed', error: new BackendError('unreachable', error.message) };
      throw error;
    }
    if (call.signal?.aborted) return { kind: 'failed', error: new BackendError('cancelled', 'The request was cancelled.') };
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const unfollow = call.signal ? follow(call.signal, controller) : null;
    try {
      const response = await request(url, { method: route.method as Dispatcher.HttpMethod, headers, body, signal: controller.signal, dispatcher });
      const text = await readLimitedResponse(response.body, response.headers['content-length'], this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
      this.options.onReachability?.(true);
      return { kind: 'answer', answer: { status: response.statusCode, headers: response.headers, text } };
    } catch (error) {
      if (call.signal?.aborted) return { kind: 'failed', error: new BackendError('cancelled', 'The request was cancelled.') };
      // An answer too large to read is still an answer: the backend is reachable.
      this.options.onReachability?.(error instanceof ResponseTooLargeError);
      const what = `${route.method} ${route.path}`;
      const message = timedOut
        ? `The backend at ${this.origin()} did not answer ${what} within ${Math.round(this.timeoutMs / 1000)} s.`
        : error instanceof ResponseTooLargeError
          ? `The backend's answer to ${what} is larger than the app accepts.`
          : `The backend at ${this.origin()} cannot be reached (${networkReason(error)}).`;
      return { kind: 'failed', error: new BackendError(error instanceof ResponseTooLargeError ? 'bad_response' : 'unreachable', message) };
    } finally {
      clearTimeout(timer);
      unfollow?.();
    }
  }

  private success<K extends WireRouteKey>(key: K, route: WireRouteDef, answer: Answer): CallResult<K> {
    const version = parseEtag(headerOf(answer, WIRE_HEADERS.etag));
    const replayed = headerOf(answer, WIRE_HEADERS.idempotentReplayed) === 'true';
    const parse = successParser(key);
    if (parse === null) return { status: answer.status, data: undefined as WireData<K>, version, replayed };
    const json = this.readJson(route, answer);
    const parsed = parse(json);
    if (!parsed.success) throw contractMismatch(route, answer, parsed.error);
    const value = parsed.data as unknown;
    return { status: answer.status, data: (route.enveloped ? (value as { data?: unknown }).data : value) as WireData<K>, version, replayed };
  }

  private failure(route: WireRouteDef, answer: Answer, wire: WireError | null, secrets: readonly string[]): BackendError {
    const status = answer.status;
    const what = `${route.method} ${route.path}`;
    if (wire === null) {
      if (RETRYABLE_STATUSES.has(status)) return new BackendError('unreachable', `The backend answered ${what} with HTTP ${status}.`, { status });
      this.readJson(route, answer); // throws the clearer "HTML / not JSON" error when that is the case
      return new BackendError('bad_response', `The backend answered ${what} with HTTP ${status} in a shape outside the contract.`, { status });
    }
    const info = { status, wireCode: wire.error.code, details: wire.error.details };
    // The backend's English sentence, shortened only once no secret is left in it (call() redacts the rest).
    const message = `The backend refused ${what}: ${redactValues(wire.error.message, secrets).slice(0, 300)}`;
    if (status === 412) return new BackendError('version_mismatch', message, info);
    if (RETRYABLE_STATUSES.has(status)) return new BackendError('unreachable', message, info);
    if (status === 401) {
      return route.auth ? new BackendError('signed_out', `The backend ended the session (${wire.error.code}): sign in again.`, info) : new BackendError('sign_in_failed', message, info);
    }
    return new BackendError('rejected', message, info);
  }

  private readJson(route: WireRouteDef, answer: Answer): unknown {
    const { text } = answer;
    const type = (headerOf(answer, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const what = `${route.method} ${route.path}`;
    if (type !== 'application/json' && !type.endsWith('+json')) {
      const looksHtml = type === 'text/html' || /^\s*<(!doctype|html)/i.test(text);
      throw new BackendError(
        'bad_response',
        looksHtml
          ? `The backend URL answered ${what} with a web page (HTML), not the API: check the tenant's backend URL (it ends in /api/open/v1).`
          : `The backend answered ${what} with ${type || 'no content type'} instead of JSON: check the tenant's backend URL.`,
        { status: answer.status },
      );
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new BackendError('bad_response', `The backend's answer to ${what} is not valid JSON. Nothing was saved from it.`, { status: answer.status });
    }
  }

  private async wait(ms: number, signal?: AbortSignal): Promise<void> {
    try {
      await sleep(ms, undefined, { signal });
    } catch {
      throw new BackendError('cancelled', 'The request was cancelled.');
    }
  }

  private origin(): string {
    try {
      return new URL(this.baseUrl).origin;
    } catch {
      return 'the backend URL';
    }
  }
}

/** A route's success body parsed (its schema compiled: a publish parses thousands of answers). */
type SuccessParser = (json: unknown) => z.SafeParseReturnType<unknown, unknown>;

/** Built once per route: zod schemas are not free to make, nor to compile. */
const SUCCESS_PARSERS = new Map<WireRouteKey, SuccessParser | null>();
function successParser(key: WireRouteKey): SuccessParser | null {
  if (!SUCCESS_PARSERS.has(key)) {
    const schema = successBodySchema(key) as z.ZodTypeAny | null;
    SUCCESS_PARSERS.set(key, schema && compiledSafeParse(schema));
  }
  return SUCCESS_PARSERS.get(key)!;
}

/** An answer outside the contract, said with zod's first issue. */
function contractMismatch(route: WireRouteDef, answer: Answer, error: z.ZodError): BackendError {
  const first = error.issues[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
  return new BackendError(
    'bad_response',
    `The backend's answer to ${route.method} ${route.path} does not match the contract${where} (${first?.message ?? 'unknown shape'}). Nothing was saved from it.`,
    { status: answer.status },
  );
}

function parseWireError(answer: Answer): WireError | null {
  const type = (headerOf(answer, 'content-type') ?? '').toLowerCase();
  if (!type.includes('json')) return null;
  try {
    const parsed = wireErrorSchema.safeParse(JSON.parse(answer.text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The credentials of a token grant's body (the password, the refresh token). */
function grantCredentials(body: unknown): string[] {
  if (body === null || typeof body !== 'object') return [];
  const { password, refresh_token: refreshToken } = body as { password?: unknown; refresh_token?: unknown };
  return [password, refreshToken].filter((value): value is string => typeof value === 'string');
}

/** The network error's code (ECONNREFUSED, ECONNRESET, ...) without anything from the request. */
function networkReason(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return 'network error';
}
