import { RpcError } from '../../../../shared/rpc/rpc-error';
import type { BackendKind } from '../../../../shared/schemas/backend-kind';
import { storedBackendUrlProblem, type Tenant } from '../../../../shared/schemas/tenant';
import type { BackendCapabilities } from '../../../../shared/wire/qontak/capabilities';
import { QONTAK_SETTINGS_API_PREFIX } from '../../../../shared/wire/qontak/routes';
import { renderIssueMessageEn } from '../../../../shared/validation/messages-en';
import { createQontakBackend, QONTAK_PACERS, type QontakBackend, type QontakBackendOptions } from '../../backends/qontak/qontak-backend';
import { hmacHeadersFor } from '../../backends/qontak/hmac-signer';
import { legacyTokenBaseUrl } from '../../backends/qontak/legacy-token-url';
import { DEFAULT_QONTAK_RATE, type PaceRate } from '../../backends/qontak/request-pacer';
import type { Clock } from '../../clock';
import type { EventBus } from '../../events/event-bus';
import type { SerialQueue } from '../../vault/serial-queue';
import type { Vault } from '../../vault/vault';
import { BackendError, isBackendError } from '../backend-error';
import { HealthMonitor, type HealthOptions } from './health-monitor';
import { SessionTokens } from './session-tokens';
import type { SyncStateStore } from '../sync-state';
import { backendBinding } from './backend-binding';
import type { BackendApi, BackendClientFactory } from './backend-client-factory';
import { ClientCredentialStore, type ClientCredentials } from './client-credentials';

/**
 * A tenant's connection to its backend, for its current kind and URL: the client of the settings
 * contract (bearer tokens, or for a Qontak-kind backend HMAC-signed at its settings base URL),
 * the OAuth tokens (keychain only) and the client credentials (HMAC pair, legacy OAuth client).
 */
export interface TenantSession {
  baseUrl: string;
  kind: BackendKind;
  /** The kind and URL the session's credentials are bound to. */
  binding: string;
  client: BackendApi;
  /** Where the password grant goes: the client itself, or the legacy chat-service's root. */
  tokenClient: BackendApi;
  tokens: SessionTokens;
  /** Qontak: the HMAC pair; legacy chat-service: the OAuth client. */
  credentials: ClientCredentialStore;
}

/** Options of the Qontak-kind backends (tests share fast pacers and a direct dispatcher). */
export type QontakSessionOptions = Partial<Pick<QontakBackendOptions, 'pacers' | 'network' | 'retry' | 'timeoutMs' | 'now'>> & { rate?: PaceRate };

export interface SessionRegistryDeps {
  tenants: { get(tenantId: string): Tenant };
  state: SyncStateStore;
  events: EventBus;
  clock: Clock;
  vault: Vault;
  /** The core's one keychain queue (tokens are read and written inside it). */
  vaultQueue: SerialQueue;
  backends: BackendClientFactory;
  qontak?: QontakSessionOptions;
  health?: HealthOptions;
  onUnexpectedError?: (where: string, error: unknown) => void;
}

/** A tenant's own pace (requests a minute) as a token bucket; null: the default. */
export function paceRateOf(requestsPerMinute: number | null, fallback: PaceRate = DEFAULT_QONTAK_RATE): PaceRate {
  if (requestsPerMinute === null) return fallback;
  const burst = Math.max(1, Math.min(5, Math.floor(requestsPerMinute / 12)));
  return { requestsPerMinute: Math.max(1, requestsPerMinute - burst), burst };
}

/**
 * The tenants' sessions with their backends: per tenant the backend client made by the injected
 * factory, its credentials (keychain only) and the online state, which every request and the
 * periodic health check feed. The credentials are bound to the tenant's backend kind and URL: a
 * new binding gets a new session, and credentials stored under another binding are never sent.
 */
export class SessionRegistry {
  private readonly sessions = new Map<string, TenantSession>();
  private readonly qontakBackends = new Map<string, { key: string; backend: QontakBackend }>();
  private readonly health: HealthMonitor;

  constructor(private readonly deps: SessionRegistryDeps) {
    this.health = new HealthMonitor({
      targets: () => deps.state.signedInBackends(),
      report: (tenantIds, online) => {
        for (const tenantId of tenantIds) this.setOnline(tenantId, online);
      },
      options: deps.health,
      onError: (error) => deps.onUnexpectedError?.('sync.health', error),
      client: (baseUrl, timeoutMs) => deps.backends.create({ baseUrl, timeoutMs, retry: { maxAttempts: 1 } }),
    });
  }

  /**
   * The tenant's session; INVALID_INPUT when it has no backend URL, or (`forRequests`, the
   * default) when its URL was stored before the https rule: say what to change before any
   * credential is sent. Signing out only removes what the keychain holds, so any URL will do.
   */
  session(tenantId: string, { forRequests = true }: { forRequests?: boolean } = {}): TenantSession {
    const tenant = this.deps.tenants.get(tenantId);
    if (!tenant.backendUrl) {
      throw new RpcError('INVALID_INPUT', 'Set the tenant’s backend URL first.', [{ path: ['backendUrl'], message: 'sync.backendUrl.required' }]);
    }
    const urlProblem = forRequests ? storedBackendUrlProblem(tenant.backendUrl) : null;
    if (urlProblem) throw new RpcError('INVALID_INPUT', renderIssueMessageEn(urlProblem), [{ path: ['backendUrl'], message: urlProblem }]);
    const binding = backendBinding(tenant);
    const existing = this.sessions.get(tenantId);
    if (existing && existing.binding === binding) return existing;
    const baseUrl = tenant.backendUrl;
    const kind = tenant.backendKind;
    const onReachability = (online: boolean) => this.setOnline(tenantId, online);
    const onSignedOut = () => {
      this.deps.state.setSignedIn(tenantId, false);
      this.deps.events.tenantChanged(tenantId);
    };
    const credentials = new ClientCredentialStore({ tenantId, field: kind === 'qontak' ? 'hmac' : 'client', boundTo: binding, vault: this.deps.vault, queue: this.deps.vaultQueue });
    // One try per refresh grant: SessionTokens repeats a lost answer itself, once, and must see it.
    // The legacy chat-service takes its grants at its root, not under the base URL's path.
    const tokenBaseUrl = kind === 'qontak_legacy' ? legacyTokenBaseUrl(baseUrl) : baseUrl;
    const authClient = this.deps.backends.create({ tenantId, baseUrl: tokenBaseUrl, onReachability, retry: { maxAttempts: 1 } });
    const tokens = new SessionTokens({
      tenantId,
      vault: this.deps.vault,
      queue: this.deps.vaultQueue,
      clock: this.deps.clock,
      boundTo: binding,
      refreshGrant: async (refreshToken, signal) => {
        const client = kind === 'qontak_legacy' ? await credentials.load() : null;
        const body = { grant_type: 'refresh_token' as const, refresh_token: refreshToken, ...(client ? { client_id: client.clientId, client_secret: client.clientSecret } : {}) };
        return (await authClient.call('oauthToken', { body, signal })).data;
      },
      onSignedOut,
    });
    const client =
      kind === 'qontak'
        ? this.deps.backends.create({
            tenantId,
            baseUrl: baseUrl.replace(/\/+$/, '') + QONTAK_SETTINGS_API_PREFIX,
            onReachability,
            authorize: async (method, url, signal) => {
              const pair = await credentials.load();
              if (!pair) throw new BackendError('signed_out', 'Sign in to this tenant’s backend with its Client ID and Client secret first.');
              // The settings routes count against the same credential's pace as Mekari's own routes.
              try {
                await this.pacerOf(tenantId, baseUrl, pair.clientId).take(signal);
              } catch {
                throw new BackendError('cancelled', 'The request was cancelled.');
              }
              return { ...hmacHeadersFor(pair, method, url, (this.deps.qontak?.now ?? Date.now)()) };
            },
          })
        : this.deps.backends.create({ tenantId, baseUrl, tokens, onReachability });
    const tokenClient = tokenBaseUrl === baseUrl ? client : this.deps.backends.create({ tenantId, baseUrl: tokenBaseUrl, onReachability });
    const session: TenantSession = { baseUrl, kind, binding, client, tokenClient, tokens, credentials };
    this.sessions.set(tenantId, session);
    this.qontakBackends.delete(tenantId);
    return session;
  }

  /** A Qontak-kind tenant's Mekari backend (signed, paced per credential); signed_out without credentials. */
  async qontak(tenantId: string): Promise<QontakBackend> {
    const session = this.session(tenantId);
    if (session.kind !== 'qontak') throw new RpcError('INVALID_INPUT', 'This tenant does not connect to the Mekari API.');
    const pair = await session.credentials.load();
    if (!pair) {
      this.deps.state.setSignedIn(tenantId, false);
      throw new BackendError('signed_out', 'Sign in to this tenant’s backend with its Client ID and Client secret first.');
    }
    const tenant = this.deps.tenants.get(tenantId);
    const key = `${session.binding} ${pair.clientId} ${tenant.requestsPerMinute ?? ''}`;
    const cached = this.qontakBackends.get(tenantId);
    if (cached && cached.key === key) return cached.backend;
    const backend = this.createQontak(tenantId, session.baseUrl, pair, tenant.requestsPerMinute);
    this.qontakBackends.set(tenantId, { key, backend });
    return backend;
  }

  /** A Mekari backend for one credential pair, paced at the tenant's rate, reporting its reachability here. */
  private createQontak(tenantId: string, baseUrl: string, pair: ClientCredentials, requestsPerMinute: number | null): QontakBackend {
    const options = this.deps.qontak ?? {};
    return createQontakBackend({
      baseUrl,
      credentials: pair,
      rate: paceRateOf(requestsPerMinute, options.rate),
      pacers: options.pacers,
      network: options.network,
      retry: options.retry,
      timeoutMs: options.timeoutMs,
      now: options.now,
      onReachability: (online) => this.setOnline(tenantId, online),
    });
  }

  /** A sign-in was accepted: the tenant is signed in as `user`, its backend offers `capabilities`, its last error goes. */
  private signedIn(tenantId: string, user: string, capabilities: BackendCapabilities | null): void {
    this.deps.state.setSignedIn(tenantId, true, user);
    this.deps.state.setCapabilities(tenantId, capabilities);
    this.deps.state.clearError(tenantId);
    this.deps.events.tenantChanged(tenantId);
  }

  /** The pacer of a Qontak credential (shared by every client of it: Mekari's routes and the settings routes). */
  private pacerOf(tenantId: string, baseUrl: string, clientId: string) {
    const options = this.deps.qontak ?? {};
    return (options.pacers ?? QONTAK_PACERS).pacerFor(baseUrl, clientId, paceRateOf(this.deps.tenants.get(tenantId).requestsPerMinute, options.rate));
  }

  /**
   * How long `requests` more requests per tenant take at the pace of their credentials, those
   * already waiting included: credentials run side by side, a credential's tenants one after
   * another. Tenants whose backend is not paced (or not signed in) count nothing.
   */
  async paceEstimateMs(entries: ReadonlyArray<{ tenantId: string; requests: number }>): Promise<number> {
    const perPacer = new Map<ReturnType<SessionRegistry['pacerOf']>, number>();
    for (const { tenantId, requests } of entries) {
      let session: TenantSession;
      try {
        session = this.session(tenantId);
      } catch {
        continue;
      }
      if (session.kind !== 'qontak') continue;
      const pair = await session.credentials.load();
      if (!pair) continue;
      const pacer = this.pacerOf(tenantId, session.baseUrl, pair.clientId);
      perPacer.set(pacer, (perPacer.get(pacer) ?? 0) + requests);
    }
    let longest = 0;
    for (const [pacer, requests] of perPacer) longest = Math.max(longest, pacer.estimateMs(requests));
    return Math.ceil(longest);
  }

  /** Sign-in with a user name and password (settings API; legacy chat-service with its OAuth client). */
  async signIn(tenantId: string, username: string, password: string, client?: ClientCredentials): Promise<void> {
    const session = this.session(tenantId);
    if (session.kind === 'qontak') throw new RpcError('INVALID_INPUT', 'This tenant signs in with its Client ID and Client secret (Mekari HMAC credentials).');
    if (session.kind === 'qontak_legacy' && !client) {
      throw new RpcError('INVALID_INPUT', 'The legacy chat-service needs the OAuth client id and secret too.', [{ path: ['clientId'], message: 'sync.clientId.required' }]);
    }
    try {
      const extra = client ? { client_id: client.clientId, client_secret: client.clientSecret } : {};
      const { data } = await session.tokenClient.call('oauthToken', { body: { grant_type: 'password', username, password, ...extra } });
      if (client) await session.credentials.save(client);
      await session.tokens.save(data);
    } catch (error) {
      this.recordFailure(tenantId, error);
      if (isBackendError(error, 'sign_in_failed')) throw new BackendError('sign_in_failed', 'The backend refused this username or password.', error);
      throw error;
    }
    this.signedIn(tenantId, username, session.kind === 'settings_api' ? settingsApiCapabilities(this.deps.clock()) : null);
    this.health.poke();
  }

  /**
   * Sign-in of a Qontak-kind tenant: the pair must be accepted by a signed request (the capability
   * probe, which also says what the backend offers); only then is it stored. A refused pair
   * stores nothing.
   */
  async signInHmac(tenantId: string, pair: ClientCredentials): Promise<BackendCapabilities> {
    const session = this.session(tenantId);
    if (session.kind !== 'qontak') throw new RpcError('INVALID_INPUT', 'This tenant signs in with a user name and password.');
    const probe = this.createQontak(tenantId, session.baseUrl, pair, this.deps.tenants.get(tenantId).requestsPerMinute);
    let capabilities: BackendCapabilities;
    try {
      capabilities = await probe.signIn();
    } catch (error) {
      this.recordFailure(tenantId, error);
      throw error;
    }
    await session.credentials.save(pair);
    this.qontakBackends.delete(tenantId);
    this.signedIn(tenantId, pair.clientId, capabilities);
    return capabilities;
  }

  /** Removes the tenant's tokens and client credentials from the keychain and forgets what its backend offers. */
  async signOut(tenantId: string): Promise<void> {
    const session = this.session(tenantId, { forRequests: false });
    await session.tokens.clear();
    await this.clearCredentials(tenantId);
    this.sessions.delete(tenantId);
    this.qontakBackends.delete(tenantId);
    this.deps.state.setSignedIn(tenantId, false);
    this.deps.state.setCapabilities(tenantId, null);
    this.deps.events.tenantChanged(tenantId);
  }

  /**
   * Before the tenant moves to another backend URL or kind: a signed-in tenant is refused
   * (CONFLICT) unless `signOut`; then its credentials of every kind leave the keychain and its
   * capability record goes, so that nothing issued for the old backend is sent to the new one.
   */
  async leaveBackend(tenantId: string, { signOut }: { signOut: boolean }): Promise<void> {
    const signedIn = this.deps.state.isSignedIn(tenantId);
    if (signedIn && !signOut) {
      throw new RpcError('CONFLICT', renderIssueMessageEn('tenant.backend.signedIn'), [{ path: ['signOut'], message: 'tenant.backend.signedIn' }]);
    }
    try {
      await this.deps.vaultQueue.run(() => this.deps.vault.delete(SessionTokens.ref(tenantId)));
      await this.clearCredentials(tenantId);
    } catch (error) {
      // A signed-in tenant keeps its old backend unless its credentials are gone for sure; one that
      // is signed out may move on (whatever is left is bound to the old backend and never sent).
      if (signedIn) throw error;
    }
    this.sessions.delete(tenantId);
    this.qontakBackends.delete(tenantId);
    this.deps.state.setSignedIn(tenantId, false);
    this.deps.state.setCapabilities(tenantId, null);
    this.deps.events.tenantChanged(tenantId);
  }

  private async clearCredentials(tenantId: string): Promise<void> {
    for (const field of ['hmac', 'client'] as const) await this.deps.vaultQueue.run(() => this.deps.vault.delete(ClientCredentialStore.ref(tenantId, field)));
  }

  /** A request failed with `error`: the tenant's last error (not for a cancel, nor for the app's own bugs). */
  recordFailure(tenantId: string, error: unknown): void {
    if (!(error instanceof RpcError) || error.code === 'CANCELLED') return;
    try {
      this.deps.state.recordError(tenantId, error.code, error.message);
      this.deps.events.tenantChanged(tenantId);
    } catch {
      // the tenant may have been deleted meanwhile
    }
  }

  /** Starts the periodic health check of the signed-in tenants' backends. */
  startHealthChecks(): void {
    this.health.start();
  }

  /** Stops the health check at once; resolves when a check in flight is over. */
  stopHealthChecks(): Promise<void> {
    return this.health.stop();
  }

  isCheckingHealth(): boolean {
    return this.health.isChecking();
  }

  private setOnline(tenantId: string, online: boolean): void {
    if (this.deps.state.setOnline(tenantId, online)) this.deps.events.tenantChanged(tenantId);
  }
}

/** A backend of this project's whole contract offers everything. */
export function settingsApiCapabilities(now: number, crmConnected: boolean | null = null): BackendCapabilities {
  return {
    chatCatalogs: true,
    crmCatalogs: true,
    crmConnected,
    settingsRead: true,
    settingsWrite: true,
    botResponses: true,
    publishing: 'backend',
    checkedAt: new Date(now).toISOString(),
  };
}
