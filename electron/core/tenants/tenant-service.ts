import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { RpcError } from '../../../shared/rpc/rpc-error';
import {
  tenantCreateInputSchema,
  tenantUpdateInputSchema,
  type Tenant,
  type TenantCreateInput,
  type TenantUpdateInput,
} from '../../../shared/schemas/tenant';
import { entityIdSchema } from '../../../shared/schemas/ids';
import { toIso, type Clock } from '../clock';
import type { EventBus } from '../events/event-bus';
import { invalidInput, parseOrThrow } from '../validation/invalid-input';
import { TenantStore, type TenantListRow } from './tenant-store';
import { LEGACY_DEFAULT_BACKEND_KIND } from '../../../shared/schemas/backend-kind';

export interface TenantServiceDeps {
  db: Database.Database;
  events: EventBus;
  clock: Clock;
}

/** Tenants: the clients whose chatbots are configured. Inputs are parsed here too (seeding calls in directly). */
export class TenantService {
  private readonly store: TenantStore;

  private readonly db: Database.Database;
  private readonly events: EventBus;
  private readonly clock: Clock;
  private readonly deletedListeners: Array<(tenantId: string) => void> = [];

  constructor(deps: TenantServiceDeps) {
    this.db = deps.db;
    this.events = deps.events;
    this.clock = deps.clock;
    this.store = new TenantStore(deps.db);
  }

  /** Registers a service that keeps something per tenant to forget (a cache) when a tenant is deleted. */
  whenDeleted(listener: (tenantId: string) => void): void {
    this.deletedListeners.push(listener);
  }

  /** Every tenant, by name (the list page's filters and search are the tenant listing's). */
  list(): Tenant[] {
    return this.store.listRows().map(toTenant);
  }

  get(id: string): Tenant {
    const row = this.store.listRow(id);
    if (!row) throw notFound(id);
    return toTenant(row);
  }

  /** Throws NOT_FOUND unless the tenant exists (cheap: the autosave path calls it). */
  require(id: string): void {
    if (!this.store.exists(id)) throw notFound(id);
  }

  create(input: TenantCreateInput): Tenant {
    const parsed = parseOrThrow(tenantCreateInputSchema, input);
    const id = randomUUID();
    const now = this.clock();
    const backendUrl = parsed.backendUrl ?? null;
    this.db.transaction(() => {
      this.assertNameFree(parsed.name, null);
      this.store.insert(parsed.name, backendUrl, now, id, { kind: parsed.backendKind ?? LEGACY_DEFAULT_BACKEND_KIND, requestsPerMinute: parsed.requestsPerMinute ?? null });
    })();
    this.events.tenantChanged(id);
    return this.get(id);
  }

  /**
   * Checks an update without writing it: the parsed input, and whether it moves the tenant to
   * another backend (its URL or kind), which ends the tenant's session (the credentials are bound
   * to the backend they were issued for).
   */
  checkUpdate(input: TenantUpdateInput): { backendChanges: boolean; current: Tenant } {
    const parsed = parseOrThrow(tenantUpdateInputSchema, input);
    const current = this.get(parsed.id);
    if (parsed.name !== undefined) this.assertNameFree(parsed.name, parsed.id);
    const urlChanges = parsed.backendUrl !== undefined && parsed.backendUrl !== current.backendUrl;
    const kindChanges = parsed.backendKind !== undefined && parsed.backendKind !== current.backendKind;
    return { backendChanges: urlChanges || kindChanges, current };
  }

  update(input: TenantUpdateInput): Tenant {
    const parsed = parseOrThrow(tenantUpdateInputSchema, input);
    this.db.transaction(() => {
      const current = this.get(parsed.id);
      const name = parsed.name ?? current.name;
      const backendUrl = parsed.backendUrl === undefined ? current.backendUrl : parsed.backendUrl;
      const kind = parsed.backendKind ?? current.backendKind;
      const requestsPerMinute = parsed.requestsPerMinute === undefined ? current.requestsPerMinute : parsed.requestsPerMinute;
      if (parsed.name !== undefined) this.assertNameFree(name, parsed.id);
      this.store.update(parsed.id, name, backendUrl, { kind, requestsPerMinute }, this.clock());
    })();
    this.events.tenantChanged(parsed.id);
    return this.get(parsed.id);
  }

  /** Deletes the tenant with its documents, revisions and catalog (foreign keys cascade). */
  delete(id: string): { id: string } {
    const parsedId = parseOrThrow(entityIdSchema, id, ['id']);
    if (!this.store.delete(parsedId)) throw notFound(parsedId);
    for (const listener of this.deletedListeners) listener(parsedId);
    this.events.tenantChanged(parsedId);
    return { id: parsedId };
  }

  private assertNameFree(name: string, exceptId: string | null): void {
    const other = this.store.byName(name);
    if (other && other.id !== exceptId) throw invalidInput([{ path: ['name'], message: 'tenant.name.duplicate' }]);
  }
}

function notFound(id: string): RpcError {
  return new RpcError('NOT_FOUND', `Tenant ${id} does not exist.`);
}

function toTenant(row: TenantListRow): Tenant {
  return {
    id: row.id,
    name: row.name,
    backendUrl: row.backend_url,
    backendKind: row.backend_kind,
    requestsPerMinute: row.requests_per_minute,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    unpublishedCount: row.unpublished,
  };
}
