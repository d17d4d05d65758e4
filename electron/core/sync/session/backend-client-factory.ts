import type { WireRouteKey } from '../../../../shared/wire/routes';
import { BackendClient, type AccessTokens, type CallOptions, type CallResult } from '../backend-client';
import type { RetryPolicy } from '../retry-policy';

/**
 * What sync needs of a tenant's backend: one call per route of the backend contract
 * (shared/wire/routes.ts), its answer parsed with the route's wire schema. Failures are
 * BackendErrors (backend-error.ts): 'unreachable', 'signed_out', 'version_mismatch', 'rejected', …
 */
export interface BackendApi {
  call<K extends WireRouteKey>(key: K, call?: CallOptions): Promise<CallResult<K>>;
}

/** Where and how a client talks to one tenant's backend. */
export interface BackendClientRequest {
  /** The tenant the client is for; absent for the health check, which asks one backend URL for all its tenants. */
  tenantId?: string;
  /** The tenant's backend URL as the user set it. */
  baseUrl: string;
  /** The session's tokens: authenticated routes carry its access token. Absent: only public routes (sign-in, refresh). */
  tokens?: AccessTokens;
  /** Signs each request of an authenticated route instead (Mekari's HMAC, for a Qontak-kind backend's settings routes). */
  authorize?: (method: string, url: URL, signal?: AbortSignal) => Promise<Record<string, string>>;
  /** Told after each try whether the backend answered at all (the tenant's online state). */
  onReachability?: (reachable: boolean) => void;
  /** Per try; default the client's own. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

/**
 * Makes the clients sync talks to the tenants' backends with: the session registry asks for one
 * per tenant (and one without tokens for the OAuth token grants), the health check one per backend
 * URL. The default speaks the app's HTTP contract (BackendClient); another kind of backend is
 * plugged in by passing another factory to the core (CoreOptions.sync.backends), and tests plug in
 * a fake the same way.
 */
export interface BackendClientFactory {
  create(request: BackendClientRequest): BackendApi;
}

/** The HTTP client of the backend contract (api/openapi.json), with the sync options' timeout and retries as defaults. */
export function httpBackendClientFactory(defaults: { timeoutMs?: number; retry?: Partial<RetryPolicy> } = {}): BackendClientFactory {
  return {
    create: (request) =>
      new BackendClient({
        baseUrl: request.baseUrl,
        tokens: request.tokens,
        authorize: request.authorize,
        onReachability: request.onReachability,
        timeoutMs: request.timeoutMs ?? defaults.timeoutMs,
        retry: request.retry ?? defaults.retry,
      }),
  };
}
