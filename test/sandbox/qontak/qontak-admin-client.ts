import { ADMIN_SECRET_HEADER } from '../admin';
import { QONTAK_ADMIN_PREFIX } from './qontak-mode';

/** Typed calls to the Qontak mode's admin routes (README.md), for tests, e2e and the bench. */
export interface QontakTenantPatch {
  clientSecret?: string;
  username?: string;
  name?: string;
  crmConnected?: boolean;
  settingsRoutes?: boolean;
  ratePerMinute?: number | null;
  repeatPages?: boolean;
  forced429?: { remaining: number; retryAfterSeconds: number };
}

export interface QontakTenantView extends Required<Omit<QontakTenantPatch, 'forced429'>> {
  clientId: string;
  forced429: { remaining: number; retryAfterSeconds: number };
  counts: { requests: number; rateLimited: number };
}

export class QontakSandboxAdmin {
  constructor(
    private readonly origin: string,
    private readonly secret: string,
  ) {}

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.origin}${QONTAK_ADMIN_PREFIX}${path}`, {
      method,
      headers: { [ADMIN_SECRET_HEADER]: this.secret, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const json = (await response.json()) as { data?: T; error?: { messages?: string[] }; message?: string };
    if (!response.ok) throw new Error(`qontak admin ${method} ${path}: ${response.status} ${json.error?.messages?.join('; ') ?? json.message ?? ''}`);
    return json.data as T;
  }

  tenants() {
    return this.request<QontakTenantView[]>('GET', '/tenants');
  }

  createTenants(tenants: (QontakTenantPatch & { clientId: string; clientSecret: string; username: string })[]) {
    return this.request<QontakTenantView[]>('POST', '/tenants', { tenants });
  }

  editTenant(clientId: string, patch: QontakTenantPatch) {
    return this.request<QontakTenantView>('PATCH', `/tenants/${encodeURIComponent(clientId)}`, patch);
  }
}
