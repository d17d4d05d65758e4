import type Database from 'better-sqlite3';
import { RpcError } from '../../../shared/rpc/rpc-error';
import { TAG_LIMITS, tagsEditInputSchema, type TagCount, type TagsEditInput, type TenantTags } from '../../../shared/schemas/tags';
import { encodeIssueMessage } from '../../../shared/validation/issue-message';
import type { Clock } from '../clock';
import type { EventBus } from '../events/event-bus';
import { TenantStore } from '../tenants/tenant-store';
import { invalidInput, parseOrThrow } from '../validation/invalid-input';

export interface TagServiceDeps {
  db: Database.Database;
  events: EventBus;
  clock: Clock;
}

/**
 * Tenant tags: add or remove tags on many tenants at once, all or nothing. Tags are normalised by
 * the input schema; a tenant keeps at most TAG_LIMITS.tagsPerTenantMax.
 */
export class TagService {
  private readonly store: TenantStore;

  private readonly db: Database.Database;
  private readonly events: EventBus;
  private readonly clock: Clock;

  constructor(deps: TagServiceDeps) {
    this.db = deps.db;
    this.events = deps.events;
    this.clock = deps.clock;
    this.store = new TenantStore(deps.db);
  }

  /** Every tag in use, with how many tenants have it. */
  list(): TagCount[] {
    return this.store.tagCounts();
  }

  tagsOf(tenantId: string): string[] {
    return this.store.tagsOf(tenantId);
  }

  /** The tags (sorted) of many tenants, read together (a bulk reader such as the import preview); a tenant without tags is absent. */
  tagsOfMany(tenantIds: readonly string[]): Map<string, string[]> {
    return this.store.tagsOfMany(tenantIds);
  }

  /** Every tenant's tags (sorted), for the list. */
  allByTenant(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const row of this.store.allTags()) {
      const list = out.get(row.tenant_id);
      if (list) list.push(row.tag);
      else out.set(row.tenant_id, [row.tag]);
    }
    return out;
  }

  add(input: TagsEditInput): TenantTags[] {
    const { tenantIds, tags } = parseOrThrow(tagsEditInputSchema, input);
    return this.edit(tenantIds, (tenantId, name) => {
      const next = new Set([...this.tagsOf(tenantId), ...tags]);
      if (next.size > TAG_LIMITS.tagsPerTenantMax) {
        throw invalidInput([{ path: ['tags'], message: encodeIssueMessage('tags.tooMany', { max: TAG_LIMITS.tagsPerTenantMax, name, count: next.size }) }]);
      }
      this.store.addTags(tenantId, tags, this.clock());
    });
  }

  remove(input: TagsEditInput): TenantTags[] {
    const { tenantIds, tags } = parseOrThrow(tagsEditInputSchema, input);
    return this.edit(tenantIds, (tenantId) => {
      this.store.removeTags(tenantId, tags);
    });
  }

  /** Inside a caller's transaction: sets a new tenant's tags (already normalised). */
  setTags(tenantId: string, tags: readonly string[]): void {
    this.store.addTags(tenantId, tags, this.clock());
  }

  /** Checks every tenant first, then edits all in one transaction: a missing tenant changes nothing. */
  private edit(tenantIds: string[], change: (tenantId: string, name: string) => void): TenantTags[] {
    const unique = [...new Set(tenantIds)];
    const result = this.db.transaction(() => {
      for (const tenantId of unique) {
        const tenant = this.store.byId(tenantId);
        if (!tenant) throw new RpcError('NOT_FOUND', `Tenant ${tenantId} does not exist.`);
        change(tenantId, tenant.name);
      }
      return unique.map((tenantId) => ({ tenantId, tags: this.tagsOf(tenantId) }));
    })();
    this.events.tenantChanged(unique.length === 1 ? unique[0]! : null);
    return result;
  }
}
