import { setTimeout as sleep } from 'node:timers/promises';
import { request, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { qontakChatListSchema, qontakCrmSchema, summarizeQontakError } from '../../../../shared/wire/qontak/envelopes';
import { QONTAK_HEADERS } from '../../../../shared/wire/qontak/routes';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, parseRetryAfter, type RetryPolicy } from '../../sync/retry-policy';
import { coreDispatcher, CoreNetworkConfigError } from '../../net/core-dispatcher';
import { describeNetworkFailure } from '../../net/network-failure';
import { readLimitedResponse, ResponseTooLargeError } from '../../net/read-limited-response';
import { signQontakRequest, type HmacCredentials } from './hmac-signer';
import { DEFAULT_QONTAK_RATE, RequestPacer } from './request-pacer';
import { QontakError } from './qontak-error';

/**
 * The app's client for Mekari's Qontak API (https://api.mekari.com): every request HMAC-signed
 * and paced per credential, every answer parsed before anyone sees it. 429 (Retry-After
 * honoured), 5xx and network failures are retried, bounded; everything else becomes a
 * QontakError with a readable message (clock skew, refused credentials, not the Mekari API, …).
 */
export interface QontakClientOptions {
  /** `https://api.mekari.com` (production), `https://api.mekari.io` (staging), or a test server. */
  baseUrl: string;
  credentials: HmacCredentials;
  /** Default: the core's dispatcher (proxy and CA settings). */
  dispatcher?: Dispatcher;
  /** The proxy requests go through, for messages; default: what the core's dispatcher says. */
  proxyFor?: (url: URL) => string | null;
  /** Default: a pacer of its own at DEFAULT_QONTAK_RATE; pass PacerRegistry.pacerFor(…) to share one per credential. */
  pacer?: RequestPacer;
  /** Per try, covering the body too (default 15 s). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Entries asked per page of a chat list (default 50). */
  pageSize?: number;
  /** Pages read per list at most (default 200): more is "pagination that never ends". */
  maxPages?: number;
  /** A 401 while the local clock differs from the server's Date by more than this is a clock problem (default 2 min). */
  maxClockSkewMs?: number;
  maxResponseBytes?: number;
  /** Told after each try whether the server answered at all. */
  onReachability?: (reachable: boolean) => void;
  now?: () => number;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** For writes (the capability probe's empty PUT); sent as application/json. */
  body?: string;
  signal?: AbortSignal;
}

/** An answer the client did not turn into an error itself (any status but 401, 429 and 5xx). */
export interface QontakAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** What was asked, for messages: `GET /qontak/chat/v1/divisions`. */
  what: string;
}

export const DEFAULT_QONTAK_TIMEOUT_MS = 15_000;
export const DEFAULT_PAGE_SIZE = 50;
export const DEFAULT_MAX_PAGES = 200;
export const DEFAULT_MAX_CLOCK_SKEW_MS = 2 * 60_000;
const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);

function headerMap(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

export class QontakClient {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly pacer: RequestPacer;
  private readonly policy: RetryPolicy;
  private readonly now: () => number;

  constructor(private readonly options: QontakClientOptions) {
    const url = new URL(options.baseUrl);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))) {
      throw new QontakError('refused', 'The API base URL must use https (http only on this computer, for tests).');
    }
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.clientId = options.credentials.clientId;
    this.pacer = options.pacer ?? new RequestPacer(DEFAULT_QONTAK_RATE, options.now);
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.now = options.now ?? Date.now;
  }

  /**
   * One request, signed and paced, retried on 429/5xx/network failures. Throws QontakError for
   * 401 (credentials or clock), for no answer, and for 429/5xx that outlast the retries; any other
   * answer is returned as it came.
   */
  async send(method: string, path: string, options: RequestOptions = {}): Promise<QontakAnswer> {
    const url = this.urlOf(path, options.query);
    const pathWithQuery = url.pathname + url.search;
    const what = `${method} ${url.pathname}`;
    for (let attempt = 1; ; attempt++) {
      await this.takeTurn(options.signal);
      let answer: QontakAnswer;
      try {
        answer = await this.attempt(method, url, pathWithQuery, what, options);
      } catch (error) {
        // No answer at all may pass (a reset, a timeout); a proxy or certificate problem will not.
        if (!(error instanceof QontakError) || error.reason !== 'network' || attempt >= this.policy.maxAttempts) throw error;
        await this.wait(backoffDelayMs(this.policy, attempt, null), options.signal);
        continue;
      }
      const { status } = answer;
      if (status === 401) throw this.unauthorized(answer);
      if (!RETRYABLE.has(status)) return answer;
      const retryAfterMs = parseRetryAfter(answer.headers['retry-after'] ?? null, this.now());
      if (status === 429 && retryAfterMs !== null) this.pacer.pauseUntil(this.now() + retryAfterMs);
      const failure =
        status === 429
          ? new QontakError('rate_limited', `The Mekari API is still refusing requests for this credential (429 Too Many Requests) after ${attempt} tries. Try again in a few minutes, or lower the tenant's request rate.`, { status })
          : new QontakError('server_error', `The Mekari API answered ${what} with HTTP ${status} after ${attempt} tries.`, { status });
      if (attempt >= this.policy.maxAttempts) throw failure;
      if (retryAfterMs !== null && retryAfterMs > this.policy.maxRetryAfterMs) {
        throw new QontakError(failure.reason, `${failure.message.replace(/ after \d+ tries\./, '.')} It asks to wait ${Math.ceil(retryAfterMs / 1000)} s.`, { status });
      }
      await this.wait(backoffDelayMs(this.policy, attempt, retryAfterMs), options.signal);
    }
  }

  /** GET and parse a JSON answer with `schema`; any status but 2xx is a QontakError. */
  async getJson<S extends z.ZodTypeAny>(path: string, schema: S, options: RequestOptions = {}): Promise<z.output<S>> {
    const answer = await this.send('GET', path, options);
    if (answer.status < 200 || answer.status > 299) throw this.refusal(answer);
    return this.parse(answer, schema);
  }

  /** A CRM route's `response` (the `{meta, response}` envelope). `ssoId` goes in X-Crm-User-Sso-Id. */
  async getCrm<S extends z.ZodTypeAny>(path: string, response: S, options: RequestOptions & { ssoId?: string | null } = {}): Promise<z.output<S>> {
    const headers = { ...options.headers, ...(options.ssoId ? { [QONTAK_HEADERS.crmUserSsoId]: options.ssoId } : {}) };
    const body = await this.getJson(path, qontakCrmSchema(response), { ...options, headers });
    return (body as { response: z.output<S> }).response;
  }

  /**
   * Every page of a chat list (`offset` = page number from 1, `limit` = page size), until a page
   * is short, empty, or its cursor says there is no next one. A page that repeats entries of an
   * earlier page, or more than `maxPages` pages, is a QontakError('pagination_runaway').
   */
  async listAll<S extends z.ZodType<{ id: string }, z.ZodTypeDef, unknown>>(path: string, item: S, options: RequestOptions & { label: string }): Promise<z.output<S>[]> {
    const pageSize = this.options.pageSize ?? DEFAULT_PAGE_SIZE;
    const maxPages = this.options.maxPages ?? DEFAULT_MAX_PAGES;
    const schema = qontakChatListSchema(item);
    const all: z.output<S>[] = [];
    const seen = new Set<string>();
    for (let page = 1; page <= maxPages; page++) {
      const body = await this.getJson(path, schema, { ...options, query: { ...options.query, offset: page, limit: pageSize } });
      const items = body.data as z.output<S>[];
      const repeated = items.find((entry) => seen.has(entry.id));
      if (repeated) {
        throw new QontakError(
          'pagination_runaway',
          `Page ${page} of the ${options.label} repeats entries of an earlier page (id ${repeated.id}): the list's paging does not move on. Nothing was saved from it.`,
        );
      }
      for (const entry of items) seen.add(entry.id);
      all.push(...items);
      const next = body.meta?.pagination?.cursor?.next;
      if (items.length < pageSize || next === null) return all;
    }
    throw new QontakError('pagination_runaway', `The ${options.label} go on for more than ${maxPages} pages of ${pageSize}: the app stopped reading. Nothing was saved from it.`);
  }

  /** Parses a 2xx answer's JSON with `schema` (HTML or not JSON: QontakError('not_mekari_api')). */
  parse<S extends z.ZodTypeAny>(answer: QontakAnswer, schema: S): z.output<S> {
    const json = this.json(answer);
    const parsed = (schema as z.ZodTypeAny).safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      throw new QontakError('bad_answer', `The Mekari API's answer to ${answer.what} does not have the documented shape (${where}${issue?.message ?? 'unknown shape'}). Nothing was saved from it.`, { status: answer.status });
    }
    return parsed.data as z.output<S>;
  }

  /** The error for a non-2xx answer other than 401/429/5xx. */
  refusal(answer: QontakAnswer): QontakError {
    const { status, what } = answer;
    if (this.looksHtml(answer)) return this.notTheApi(answer);
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      return this.notTheApi(answer);
    }
    const summary = summarizeQontakError(body);
    const said = summary ? `: ${this.redact(summary.message)}` : '';
    const info = { status, platformCode: summary?.code ?? null };
    if (status === 403) return new QontakError('forbidden', `The Mekari API does not let this credential use ${what} (403)${said}.`, info);
    if (status === 404 || status === 422) return new QontakError('not_found', `The Mekari API has nothing at ${what} (${status})${said}.`, info);
    return new QontakError('refused', `The Mekari API refused ${what} (${status})${said}.`, info);
  }

  private urlOf(path: string, query: RequestOptions['query']): URL {
    const url = new URL(this.baseUrl + path);
    for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    return url;
  }

  private async takeTurn(signal?: AbortSignal): Promise<void> {
    try {
      await this.pacer.take(signal);
    } catch {
      throw new QontakError('cancelled', 'The request was cancelled.');
    }
  }

  private async attempt(method: string, url: URL, pathWithQuery: string, what: string, options: RequestOptions): Promise<QontakAnswer> {
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_QONTAK_TIMEOUT_MS;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...options.headers,
      ...signQontakRequest(this.options.credentials, method, pathWithQuery, this.now()),
    };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    let dispatcher: Dispatcher;
    try {
      dispatcher = this.options.dispatcher ?? coreDispatcher().dispatcher;
    } catch (error) {
      if (error instanceof CoreNetworkConfigError) throw new QontakError(error.setting === 'proxy' ? 'proxy' : 'tls', error.message);
      throw error;
    }
    try {
      const response = await request(url, { method: method as Dispatcher.HttpMethod, headers, body: options.body, signal, dispatcher });
      const text = await readLimitedResponse(response.body, response.headers['content-length'], this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
      this.options.onReachability?.(true);
      return { status: response.statusCode, headers: headerMap(response.headers), text, what };
    } catch (error) {
      if (options.signal?.aborted) throw new QontakError('cancelled', 'The request was cancelled.');
      if (error instanceof ResponseTooLargeError) throw new QontakError('bad_answer', `The answer to ${what} is larger than the app accepts.`);
      this.options.onReachability?.(false);
      const proxy = (this.options.proxyFor ?? ((u: URL) => (this.options.dispatcher ? null : coreDispatcher().proxyFor(u))))(url);
      const failure = describeNetworkFailure(error, { url, proxy, timedOut: timeout.aborted, timeoutMs, serverLabel: `the Mekari API at ${url.host}` });
      const reason = failure.kind === 'proxy' ? 'proxy' : failure.kind === 'tls' ? 'tls' : 'network';
      throw new QontakError(reason, failure.message, { platformCode: failure.code });
    }
  }

  private unauthorized(answer: QontakAnswer): QontakError {
    const serverDate = Date.parse(answer.headers.date ?? '');
    const skew = Number.isNaN(serverDate) ? 0 : this.now() - serverDate;
    const maxSkew = this.options.maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS;
    if (Math.abs(skew) > maxSkew) {
      const minutes = Math.round(Math.abs(skew) / 60_000);
      return new QontakError(
        'clock_skew',
        `The Mekari API refused the request because your computer's clock is wrong: it is ${minutes} minute${minutes === 1 ? '' : 's'} ${skew > 0 ? 'ahead of' : 'behind'} the server's. Signed requests only count within a few minutes: set the clock right (turn on automatic time) and try again.`,
        { status: 401 },
      );
    }
    if (this.looksHtml(answer)) return this.notTheApi(answer);
    return new QontakError(
      'credentials_refused',
      `The Mekari API refused the Client ID and Client secret (401). Check both in the Mekari Developer Center: the pair must be this company's HMAC credential, and the secret is shown only once when it is created.`,
      { status: 401 },
    );
  }

  /** A web page where the API's JSON belongs. */
  looksHtml(answer: QontakAnswer): boolean {
    const type = (answer.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    return type === 'text/html' || /^\s*<(!doctype|html|\?xml)/i.test(answer.text);
  }

  private notTheApi(answer: QontakAnswer): QontakError {
    const type = (answer.headers['content-type'] ?? '').split(';')[0]!.trim() || 'no content type';
    const kind = this.looksHtml(answer) ? 'a web page (HTML)' : `${type}, not JSON`;
    return new QontakError(
      'not_mekari_api',
      `${new URL(this.baseUrl).host} answered ${answer.what} with ${kind}: this is not the Mekari API. Check the tenant's API base URL (https://api.mekari.com, or https://api.mekari.io for staging).`,
      { status: answer.status },
    );
  }

  /** The answer's JSON; HTML or not JSON is QontakError('not_mekari_api'). */
  json(answer: QontakAnswer): unknown {
    if (this.looksHtml(answer)) throw this.notTheApi(answer);
    const type = (answer.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== '' && type !== 'application/json' && !type.endsWith('+json')) throw this.notTheApi(answer);
    try {
      return JSON.parse(answer.text) as unknown;
    } catch {
      throw this.notTheApi(answer);
    }
  }

  /** The backend may echo what it got: never pass the secret on. */
  private redact(text: string): string {
    const secret = this.options.credentials.clientSecret;
    return secret.length >= 4 ? text.split(secret).join('•••') : text;
  }

  private async wait(ms: number, signal?: AbortSignal): Promise<void> {
    try {
      await sleep(ms, undefined, signal ? { signal } : undefined);
    } catch {
      throw new QontakError('cancelled', 'The request was cancelled.');
    }
  }
}
