import { z } from 'zod';
import type { SerialQueue } from '../../vault/serial-queue';
import type { Vault } from '../../vault/vault';
import type { VaultRef } from '../../vault/vault-ref';
import { SESSION_OWNER } from './session-tokens';

/**
 * A tenant's client credentials, in the OS keychain only (owner 'session'), bound to the backend
 * they were entered for (backend-binding.ts):
 * - field 'hmac': Mekari's HMAC pair (Client ID, Client secret) of a Qontak-kind tenant;
 * - field 'client': the OAuth client id and secret of a legacy chat-service tenant (its token
 *   grants carry them).
 * Read once, then served from memory; under another binding they count as absent.
 */
const storedSchema = z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1), boundTo: z.string() }).strict();

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export type CredentialField = 'hmac' | 'client';

export interface ClientCredentialStoreDeps {
  tenantId: string;
  field: CredentialField;
  boundTo: string;
  vault: Vault;
  queue: SerialQueue;
}

export class ClientCredentialStore {
  private cached: ClientCredentials | null | undefined;

  constructor(private readonly deps: ClientCredentialStoreDeps) {}

  static ref(tenantId: string, field: CredentialField): VaultRef {
    return { tenantId, owner: SESSION_OWNER, field };
  }

  async save(credentials: ClientCredentials): Promise<void> {
    const stored = { clientId: credentials.clientId, clientSecret: credentials.clientSecret, boundTo: this.deps.boundTo };
    await this.deps.queue.run(() => this.deps.vault.set(ClientCredentialStore.ref(this.deps.tenantId, this.deps.field), JSON.stringify(stored)));
    this.cached = { clientId: credentials.clientId, clientSecret: credentials.clientSecret };
  }

  /** The credentials, or null when none are stored for this backend. */
  async load(): Promise<ClientCredentials | null> {
    if (this.cached !== undefined) return this.cached;
    const raw = await this.deps.queue.run(() => this.deps.vault.get(ClientCredentialStore.ref(this.deps.tenantId, this.deps.field)));
    let parsed: z.SafeParseReturnType<unknown, z.infer<typeof storedSchema>> | null;
    try {
      parsed = raw === null ? null : storedSchema.safeParse(JSON.parse(raw));
    } catch {
      parsed = null;
    }
    this.cached = parsed?.success && parsed.data.boundTo === this.deps.boundTo ? { clientId: parsed.data.clientId, clientSecret: parsed.data.clientSecret } : null;
    return this.cached;
  }

  async clear(): Promise<void> {
    this.cached = null;
    await this.deps.queue.run(() => this.deps.vault.delete(ClientCredentialStore.ref(this.deps.tenantId, this.deps.field)));
  }
}
