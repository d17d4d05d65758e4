import { z } from 'zod';
import type { TokenResponse } from '../../../../shared/wire/oauth';
import type { Clock } from '../../clock';
import type { SerialQueue } from '../../vault/serial-queue';
import type { Vault } from '../../vault/vault';
import type { VaultRef } from '../../vault/vault-ref';
import type { AccessTokens } from '../backend-client';
import { BackendError, isBackendError } from '../backend-error';

/**
 * A tenant's session with its backend: the OAuth tokens, kept in the OS keychain only (one
 * entry, owner 'session'), never in SQLite and never the password. Read once, then served from
 * memory. The access token is refreshed shortly before it expires and when the backend refuses
 * it; concurrent callers share one refresh (refresh tokens rotate: two refreshes with the same
 * token would end the session). A refresh whose answer is lost (no answer, a timeout, a reset)
 * may have rotated the token on the backend all the same, so it is repeated once with the same
 * refresh token: identity providers with rotation accept the previous token for a short grace.
 * A refused refresh token ends the session: the entry is removed and `onSignedOut` is told,
 * saying when an answer was lost before; the drafts are untouched. Keychain calls go through the core's one
 * keychain queue: listing the keychain (the orphan sweep) while an entry is written or removed
 * can crash keytar.
 */
const storedSessionSchema = z
  .object({
    accessToken: z.string().min(1),
    refreshToken: z.string().min(1),
    expiresAt: z.number(),
    /** The backend (kind and URL, session/backend-binding.ts) the tokens were issued by; absent in entries written before. */
    boundTo: z.string().optional(),
  })
  .strict();
type StoredSession = z.infer<typeof storedSessionSchema>;

export const SESSION_OWNER = 'session';

/** Refresh when less than this is left (or a fifth of the lifetime, if that is shorter). */
const REFRESH_MARGIN_MS = 60_000;

/** One try of the refresh grant (no retries of its own: a lost answer is repeated here, once). */
export type RefreshGrant = (refreshToken: string, signal?: AbortSignal) => Promise<TokenResponse>;

const REVOKED_REASON = 'The backend ended the session (the sign-in was revoked or expired): sign in again. Your drafts are kept.';
const ANSWER_LOST_REASON =
  'The backend’s answer to a token refresh was lost, and it no longer accepts the previous sign-in: sign in again, which restores everything (your drafts and unpublished changes are kept).';

export interface SessionTokensDeps {
  tenantId: string;
  vault: Vault;
  queue: SerialQueue;
  clock: Clock;
  refreshGrant: RefreshGrant;
  onSignedOut: (reason: string) => void;
  /** The backend the tenant points at now: tokens stored for another one count as signed out (never sent). */
  boundTo?: string;
}

export class SessionTokens implements AccessTokens {
  private session: StoredSession | null | undefined; // undefined: not read yet
  private refreshing: Promise<string> | null = null;
  /** A refresh with the current refresh token got no answer: the backend may have spent it. */
  private answerLost = false;

  private readonly tenantId: string;
  private readonly vault: Vault;
  private readonly queue: SerialQueue;
  private readonly clock: Clock;
  private readonly refreshGrant: RefreshGrant;
  private readonly onSignedOut: (reason: string) => void;
  private readonly boundTo: string | undefined;

  constructor(deps: SessionTokensDeps) {
    this.boundTo = deps.boundTo;
    this.tenantId = deps.tenantId;
    this.vault = deps.vault;
    this.queue = deps.queue;
    this.clock = deps.clock;
    this.refreshGrant = deps.refreshGrant;
    this.onSignedOut = deps.onSignedOut;
  }

  static ref(tenantId: string): VaultRef {
    return { tenantId, owner: SESSION_OWNER, field: 'tokens' };
  }

  /** Stores the tokens of a sign-in or refresh. */
  async save(tokens: TokenResponse): Promise<void> {
    const session: StoredSession = {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: this.clock() + tokens.expires_in * 1000 - Math.min(REFRESH_MARGIN_MS, (tokens.expires_in * 1000) / 5),
      ...(this.boundTo === undefined ? {} : { boundTo: this.boundTo }),
    };
    await this.queue.run(() => this.vault.set(SessionTokens.ref(this.tenantId), JSON.stringify(session)));
    this.session = session;
    this.answerLost = false;
  }

  async hasSession(): Promise<boolean> {
    return (await this.load()) !== null;
  }

  async clear(): Promise<void> {
    this.session = null;
    await this.queue.run(() => this.vault.delete(SessionTokens.ref(this.tenantId)));
  }

  async current(signal?: AbortSignal): Promise<string> {
    const session = await this.load();
    if (!session) throw new BackendError('signed_out', 'Sign in to this tenant’s backend first.');
    if (this.clock() < session.expiresAt) return session.accessToken;
    return this.refresh(session, signal);
  }

  async renew(rejected: string, signal?: AbortSignal): Promise<string> {
    const session = await this.load();
    if (!session) throw new BackendError('signed_out', 'Sign in to this tenant’s backend first.');
    if (session.accessToken !== rejected) return session.accessToken; // someone refreshed meanwhile
    return this.refresh(session, signal);
  }

  private async load(): Promise<StoredSession | null> {
    if (this.session !== undefined) return this.session;
    const raw = await this.queue.run(() => this.vault.get(SessionTokens.ref(this.tenantId)));
    const parsed = raw === null ? null : storedSessionSchema.safeParse(safeJson(raw));
    this.session = parsed && parsed.success ? parsed.data : null;
    if (this.session?.boundTo !== undefined && this.boundTo !== undefined && this.session.boundTo !== this.boundTo) {
      // Issued by another backend than the tenant's current one: never sent; the session is over.
      this.session = null;
      await this.queue.run(() => this.vault.delete(SessionTokens.ref(this.tenantId))).catch(() => undefined);
      this.onSignedOut('The tenant’s backend changed since it signed in: sign in to the new backend. Your drafts are kept.');
    }
    return this.session;
  }

  private refresh(session: StoredSession, signal?: AbortSignal): Promise<string> {
    this.refreshing ??= this.doRefresh(session, signal).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(session: StoredSession, signal?: AbortSignal): Promise<string> {
    try {
      const tokens = await this.grantOnceMore(session.refreshToken, signal);
      await this.save(tokens);
      return tokens.access_token;
    } catch (error) {
      if (isBackendError(error, 'sign_in_failed') || isBackendError(error, 'signed_out')) {
        const reason = this.answerLost ? ANSWER_LOST_REASON : REVOKED_REASON;
        this.answerLost = false;
        await this.clear().catch(() => undefined);
        this.onSignedOut(reason);
        throw new BackendError('signed_out', reason, { status: error.status, wireCode: error.wireCode });
      }
      throw error;
    }
  }

  /** The refresh grant, repeated once with the same token when its answer was lost. */
  private async grantOnceMore(refreshToken: string, signal?: AbortSignal): Promise<TokenResponse> {
    try {
      return await this.refreshGrant(refreshToken, signal);
    } catch (error) {
      if (!isBackendError(error, 'unreachable')) throw error;
      this.answerLost = true;
      return await this.refreshGrant(refreshToken, signal);
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
