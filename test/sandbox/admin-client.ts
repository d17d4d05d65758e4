import { ADMIN_PREFIX, ADMIN_SECRET_HEADER } from './admin';
import type { FaultConfigInput } from './faults';

/** Typed calls to the sandbox's admin API (see README.md), for tests and the bench. */
export class SandboxAdmin {
  constructor(
    readonly origin: string,
    private readonly secret: string,
  ) {}

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.origin}${ADMIN_PREFIX}${path}`, {
      method,
      headers: { [ADMIN_SECRET_HEADER]: this.secret, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const json = (await response.json()) as { status: string; data?: T; error?: { code: string; message: string } };
    if (!response.ok) throw new Error(`admin ${method} ${path}: ${response.status} ${json.error?.code}: ${json.error?.message}`);
    return json.data as T;
  }

  setFaults(config: FaultConfigInput) {
    return this.request<{ seed: number; rules: (Record<string, unknown> & { matched: number; fired: number })[] }>('POST', '/faults', config);
  }

  faults() {
    return this.request<{ seed: number; rules: (Record<string, unknown> & { matched: number; fired: number })[] }>('GET', '/faults');
  }

  clearFaults() {
    return this.request('DELETE', '/faults');
  }

  stats() {
    return this.request<Record<string, { requests: number; faulted: number; replayed: number }>>('GET', '/stats');
  }

  state<T = TenantState>(username: string) {
    return this.request<T>('GET', `/tenants/${encodeURIComponent(username)}/state`);
  }

  createTenants(tenants: { username: string; password: string; name?: string; crmConnected?: boolean; catalog?: 'demo' | 'empty' }[]) {
    return this.request<{ username: string; name: string; crmConnected: boolean }[]>('POST', '/tenants', { tenants });
  }

  editCatalog(username: string, edit: Record<string, unknown>) {
    return this.request('PUT', `/tenants/${encodeURIComponent(username)}/catalog`, edit);
  }

  /** `list`: divisions, users, pipelines, stages, owners, sources or bot-responses. */
  removeCatalogEntry(username: string, list: string, id: string) {
    return this.request('DELETE', `/tenants/${encodeURIComponent(username)}/catalog/${list}/${encodeURIComponent(id)}`);
  }

  revokeTokens(username: string) {
    return this.request<{ revoked: number }>('POST', `/tenants/${encodeURIComponent(username)}/revoke-tokens`);
  }
}

export interface StoredResource {
  id?: string;
  version: string;
  createdAt?: string;
  updatedAt: string;
  value: Record<string, unknown>;
}

export interface TenantState {
  tenant: { username: string; name: string; crmConnected: boolean };
  aiResponse: StoredResource;
  idleAction: StoredResource;
  apiConnections: StoredResource[];
  dealSettings: StoredResource[];
  catalog: Record<string, unknown[]>;
  idempotencyKeys: number;
}
