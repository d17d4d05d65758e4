import { RpcError } from '../../../../shared/rpc/rpc-error';
import { storedBackendUrlProblem, type Tenant } from '../../../../shared/schemas/tenant';
import { renderIssueMessageEn } from '../../../../shared/validation/messages-en';
import type { Clock } from '../../clock';
import type { EventBus } from '../../events/event-bus';
import type { SerialQueue } from '../../vault/serial-queue';
import type { Vault } from '../../vault/vault';
import { BackendError, isBackendError } from '../backend-error';
import { HealthMonitor, type HealthOptions } from './health-monitor';
import { SessionTokens } from './session-tokens';
import type { SyncStateStore } from '../sync-state';
import type { BackendApi, BackendClientFactory } from './backend-client-factory';

/** A tenant's connection to its backend: the client (with the session's tokens) for its current URL. */
export interface TenantSession {
  baseUrl: string;
  client: BackendApi;
  tokens: SessionTokens;
}

export interface SessionRegistryDeps {
  tenants: { get(tenantId: string): Tenant };
  state: SyncStateStore;
  events: EventBus;
  clock: Clock;
  vault: Vault;
  /** The core's one keychain queue (tokens are read and written inside it). */
  vaultQueue: SerialQueue;
  backends: BackendClientFactory;
  health?: HealthOptions;
  onUnexpectedError?: (where: string, error: unknown) => void;
}

/**
 * The tenants' sessions with their backends: per tenant the backend client made by the injected
 * factory, the OAuth tokens (keychain only) and the online state, which every request and the
 * periodic health check feed. A new backend URL gets a new client; sign-in and sign-out are here.
 */
export class SessionRegistry {
  private readonly sessions = new Map<string, TenantSession>();
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
    const existing = this.sessions.get(tenantId);
    if (existing && existing.baseUrl === tenant.backendUrl) return existing;
    const baseUrl = tenant.backendUrl;
    const onReachability = (online: boolean) => this.setOnline(tenantId, online);
    // One try per refresh grant: SessionTokens repeats a lost answer itself, once, and must see it.
    const authClient = this.deps.backends.create({ tenantId, baseUrl, onReachability, retry: { maxAttempts: 1 } });
    const tokens = new SessionTokens({
      tenantId,
      vault: this.deps.vault,
      queue: this.deps.vaultQueue,
      clock: this.deps.clock,
      refreshGrant: async (refreshToken, signal) =>
        (await authClient.call('oauthToken', { body: { grant_type: 'refresh_token', refresh_token: refreshToken }, signal })).data,
      onSignedOut: () => {
        this.deps.state.setSignedIn(tenantId, false);
        this.deps.events.tenantChanged(tenantId);
      },
    });
    const session: TenantSession = { baseUrl, client: this.deps.backends.create({ tenantId, baseUrl, tokens, onReachability }), tokens };
    this.sessions.set(tenantId, session);
    return session;
  }

  async signIn(tenantId: string, username: string, password: string): Promise<void> {
    const session = this.session(tenantId);
    try {
      const { data } = await session.client.call('oauthToken', { body: { grant_type: 'password', username, password } });
      await session.tokens.save(data);
    } catch (error) {
      this.recordFailure(tenantId, error);
      if (isBackendError(error, 'sign_in_failed')) throw new BackendError('sign_in_failed', 'The backend refused this username or password.', error);
      throw error;
    }
    this.deps.state.setSignedIn(tenantId, true, username);
    this.deps.state.clearError(tenantId);
    this.deps.events.tenantChanged(tenantId);
    this.health.poke();
  }

  async signOut(tenantId: string): Promise<void> {
    await this.session(tenantId, { forRequests: false }).tokens.clear();
    this.deps.state.setSignedIn(tenantId, false);
    this.deps.events.tenantChanged(tenantId);
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
