import { ContractValidator } from './contract-validator';

/**
 * A small HTTP client for the backend contract, used by tests: every request it sends and every
 * response it gets is checked against api/openapi.json, and the problems are collected in
 * `violations` (a test asserts it stays empty). `unchecked` sends a request as given (to test
 * bad input) and checks only the response.
 */
export interface CallOptions {
  body?: unknown;
  /** Send the body as application/x-www-form-urlencoded. */
  form?: boolean;
  headers?: Record<string, string>;
  /** Override the bearer token (null: send none). */
  token?: string | null;
  /** Raw body text, sent as is with `contentType` (bad input). */
  rawBody?: string;
  contentType?: string;
  signal?: AbortSignal;
}

export interface CallResult<T = unknown> {
  status: number;
  headers: Record<string, string>;
  body: T;
  text: string;
}

let sharedValidator: ContractValidator | null = null;

export class ContractClient {
  readonly violations: string[] = [];
  token: string | null = null;
  refreshToken: string | null = null;
  private readonly validator: ContractValidator;

  constructor(
    readonly baseUrl: string,
    validator?: ContractValidator,
  ) {
    this.validator = validator ?? (sharedValidator ??= new ContractValidator());
  }

  async call<T = unknown>(method: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
    return this.send<T>(method, path, options, true);
  }

  /** Sends without checking the request (for bad input); the response is still checked. */
  async unchecked<T = unknown>(method: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
    return this.send<T>(method, path, options, false);
  }

  async signIn(username: string, password: string): Promise<CallResult<{ access_token: string; refresh_token: string }>> {
    const result = await this.call<{ access_token: string; refresh_token: string }>('POST', '/oauth/token', {
      body: { grant_type: 'password', username, password },
      token: null,
    });
    if (result.status === 200) {
      this.token = result.body.access_token;
      this.refreshToken = result.body.refresh_token;
    }
    return result;
  }

  private async send<T>(method: string, path: string, options: CallOptions, checkRequest: boolean): Promise<CallResult<T>> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    const token = options.token === undefined ? this.token : options.token;
    if (token) headers.Authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (options.rawBody !== undefined) {
      payload = options.rawBody;
      if (options.contentType) headers['Content-Type'] = options.contentType;
    } else if (options.body !== undefined) {
      if (options.form) {
        headers['Content-Type'] = 'application/x-www-form-urlencoded';
        payload = new URLSearchParams(options.body as Record<string, string>).toString();
      } else {
        headers['Content-Type'] = 'application/json';
        payload = JSON.stringify(options.body);
      }
    }
    if (checkRequest) {
      this.violations.push(...this.validator.checkRequest({ method, path, headers, body: options.body, contentType: headers['Content-Type'] }));
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload, signal: options.signal ?? AbortSignal.timeout(10_000) });
    const text = await response.text();
    let body: unknown = undefined;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        this.violations.push(`${method} ${path} → ${response.status}: body is not JSON`);
      }
    }
    const responseHeaders = Object.fromEntries(response.headers.entries());
    this.violations.push(
      ...this.validator.checkResponse({ method, path, status: response.status, headers: responseHeaders, body, contentType: response.headers.get('content-type') }),
    );
    return { status: response.status, headers: responseHeaders, body: body as T, text };
  }
}
