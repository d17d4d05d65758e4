import type Database from 'better-sqlite3';
import { fuzzyTenantSearch, type TenantSearchHit } from '../../../shared/logic/fuzzy-tenant-search';
import { DEFAULT_TENANT_SORT, firstTenants, sortTenants, type TenantSort } from '../../../shared/logic/tenant-order';
import {
  tenantListInputSchema,
  tenantListPageInputSchema,
  type TenantListInput,
  type TenantListItem,
  type TenantListPage,
  type TenantListPageInput,
} from '../../../shared/schemas/tenant-list';
import { toIso } from '../clock';
import type { EventBus } from '../events/event-bus';
import { textKey } from './tenant-keys';
import { parseOrThrow } from '../validation/invalid-input';
import { DraftIssueCounter } from './draft-issue-counter';

/**
 * A row of the list's query, as an array in the order of its columns (read raw: ten thousand
 * rows as objects cost a third more than the query itself).
 */
type ListRow = [
  id: string,
  name: string,
  backendUrl: string | null,
  backendKind: TenantListItem['backendKind'],
  requestsPerMinute: number | null,
  createdAt: number,
  updatedAt: number,
  publishing: string | null,
  unpublished: number,
  conflicts: number,
  signedIn: number | null,
  online: number | null,
  lastPublished: number | null,
  tags: string | null,
  aiResponseAt: number | null,
  idleActionAt: number | null,
  catalogAt: number | null,
];

/**
 * The list's query: one pass per table, grouped by tenant, then joined (each figure costs one scan
 * of its table instead of one sub-query per tenant). `picked`: only the tenants whose ids the
 * statement's parameter lists (a JSON array), every pass limited to them.
 */
function listQuery(picked: boolean): string {
  const only = (column: string) => (picked ? `WHERE ${column} IN picked` : '');
  return `
        WITH ${picked ? 'picked AS (SELECT value AS id FROM json_each(?)),' : ''}
        docs AS (
          SELECT tenant_id, SUM(dirty) AS unpublished,
            MIN(CASE WHEN base_version IS NOT NULL THEN updated_at END) AS first_based,
            MAX(CASE WHEN kind = 'ai_response' AND deleted = 0 THEN updated_at END) AS ai_response_at,
            MAX(CASE WHEN kind = 'idle_action' AND deleted = 0 THEN updated_at END) AS idle_action_at
          FROM settings_documents ${only('tenant_id')} GROUP BY tenant_id),
        conflicts AS (SELECT tenant_id, COUNT(*) AS n FROM document_conflicts ${only('tenant_id')} GROUP BY tenant_id),
        sent AS (SELECT tenant_id, MAX(updated_at) AS at FROM outbox WHERE state = 'done' ${picked ? 'AND tenant_id IN picked' : ''} GROUP BY tenant_id),
        synced AS (
          SELECT d.tenant_id, MAX(r.created_at) AS at
          FROM revisions r JOIN settings_documents d ON d.id = r.document_id
          WHERE r.source IN ('pull', 'publish') ${picked ? 'AND d.tenant_id IN picked' : ''} GROUP BY d.tenant_id),
        tags AS (SELECT tenant_id, group_concat(tag, char(31) ORDER BY tag) AS tags FROM tenant_tags ${only('tenant_id')} GROUP BY tenant_id)
        SELECT t.id, t.name, t.backend_url, t.backend_kind, t.requests_per_minute, t.created_at, t.updated_at,
          json_extract(s.capabilities_json, '$.publishing') AS publishing,
          COALESCE(docs.unpublished, 0) AS unpublished,
          COALESCE(conflicts.n, 0) AS conflicts,
          s.signed_in, s.online,
          COALESCE(MAX(sent.at, synced.at), sent.at, synced.at, docs.first_based) AS last_published,
          tags.tags,
          docs.ai_response_at, docs.idle_action_at, c.fetched_at AS catalog_at
        FROM tenants t
          LEFT JOIN sync_state s ON s.tenant_id = t.id
          LEFT JOIN docs ON docs.tenant_id = t.id
          LEFT JOIN conflicts ON conflicts.tenant_id = t.id
          LEFT JOIN sent ON sent.tenant_id = t.id
          LEFT JOIN synced ON synced.tenant_id = t.id
          LEFT JOIN tags ON tags.tenant_id = t.id
          LEFT JOIN catalog_state c ON c.tenant_id = t.id
        ${only('t.id')}
        ORDER BY t.name_key, t.name, t.id`;
}

/** Tags joined in one column; the unit separator never appears in a tag (control characters are refused). */
const TAG_SEPARATOR = '\u001f';

/**
 * The last publish is the latest time this computer knew the backend had the tenant's settings: a
 * publish that went through, or a pull that took settings from it (a settings document's 'pull' or
 * 'publish' revision); failing both, a document with a backend version (pulled without a change to
 * its draft, so without a revision) counts from its first write.
 *
 * The tenant list with each tenant's state at a glance (tags, sign-in, online, unpublished,
 * conflicts, validation errors, last publish) in one query plus memoised validation, and its
 * filters. Also the core's side of the Ctrl+K search.
 */
export interface TenantListingDeps {
  db: Database.Database;
  events: EventBus;
}

export class TenantListing {
  private readonly stmt;
  private readonly issues: DraftIssueCounter;
  private cached: TenantListItem[] | null = null;
  /**
   * The ids of a first screen by name (its order and length as the key) and the number of tenants,
   * kept until the next write event like `cached`: asking again for the first screen (a reload, a
   * return to the list) reads the figures of its tenants only, not ten thousand names.
   */
  private readonly firstIdsByName = new Map<string, { ids: string[]; total: number }>();

  constructor({ db, events }: TenantListingDeps) {
    this.issues = new DraftIssueCounter(db);
    this.stmt = {
      list: db.prepare<[], ListRow>(listQuery(false)).raw(true),
      // The same figures for the tenants named (a JSON array of ids): a first screen's rows.
      some: db.prepare<[string], ListRow>(listQuery(true)).raw(true),
      names: db.prepare<[], [id: string, name: string]>('SELECT id, name FROM tenants').raw(true),
    };
    events.on((name, payload) => {
      this.cached = null;
      this.firstIdsByName.clear();
      if (name === 'tenant.changed') this.issues.forget((payload as { tenantId: string | null }).tenantId);
    });
  }

  list(input: TenantListInput = {}): TenantListItem[] {
    return matching(this.load(), parseOrThrow(tenantListInputSchema, input));
  }

  /**
   * A page of the same list (same query, same filters), in the order the list shows (by name
   * unless `sort` says otherwise), from `offset`, with the count of matches and of all tenants:
   * the list's first screen, sent before the whole list.
   */
  page(input: TenantListPageInput): TenantListPage {
    const { sort, offset = 0, limit, ...filters } = parseOrThrow(tenantListPageInputSchema, input);
    if ((sort ?? DEFAULT_TENANT_SORT).key === 'name' && Object.values(filters).every((value) => value === undefined)) {
      return this.pageByName(sort ?? DEFAULT_TENANT_SORT, offset, limit);
    }
    const all = this.load();
    const found = matching(all, filters);
    const ordered = sortTenants(found, sort ?? DEFAULT_TENANT_SORT);
    return { items: ordered.slice(offset, offset + limit), total: found.length, all: all.length };
  }

  /**
   * A page of the whole list by name, the common first screen: the order needs the names only, so
   * the figures are read for the page's tenants alone (not for ten thousand).
   */
  private pageByName(sort: TenantSort, offset: number, limit: number): TenantListPage {
    const { ids, total } = this.firstIdsByNameFor(sort, offset + limit);
    const pageIds = ids.slice(offset);
    const byId = new Map(this.stmt.some.all(JSON.stringify(pageIds)).map((row) => [row[0], this.item(row)]));
    const items = pageIds.flatMap((id) => byId.get(id) ?? []);
    return { items, total, all: total };
  }

  /** The ids of the first `count` tenants by name, and the number of tenants (kept until the next write event). */
  private firstIdsByNameFor(sort: TenantSort, count: number): { ids: string[]; total: number } {
    const key = `${sort.direction}:${count}`;
    let found = this.firstIdsByName.get(key);
    if (!found) {
      const names = this.stmt.names.all().map(([id, name]) => ({ id, name, lastPublishedAt: null, unpublishedCount: 0 }));
      found = { ids: firstTenants(names, sort, count).map((tenant) => tenant.id), total: names.length };
      this.firstIdsByName.set(key, found);
    }
    return found;
  }

  /**
   * Fuzzy search over name, tags and backend host (the same function the renderer's switcher
   * uses), over a list kept until the next write event so that its search index is reused.
   */
  search(query: string, limit: number): TenantSearchHit<TenantListItem>[] {
    this.cached ??= this.load();
    return fuzzyTenantSearch(this.cached, query, { limit });
  }

  /** The whole list, read now. */
  private load(): TenantListItem[] {
    const ids = new Set<string>();
    const items = this.stmt.list.all().map((row) => {
      ids.add(row[0]);
      return this.item(row);
    });
    this.issues.keepOnly(ids);
    return items;
  }

  /** A row of the list's query as the list's item (its validation count memoised). */
  private item(row: ListRow): TenantListItem {
    const [id, name, backendUrl, backendKind, requestsPerMinute, createdAt, updatedAt, publishing, unpublished, conflicts, signedIn, online, lastPublished, tags, aiResponseAt, idleActionAt, catalogAt] = row;
    return {
      id,
      name,
      backendUrl,
      backendKind,
      requestsPerMinute,
      publishing: publishing === 'backend' || publishing === 'change_sheet' ? publishing : null,
      createdAt: toIso(createdAt),
      updatedAt: toIso(updatedAt),
      unpublishedCount: unpublished,
      tags: tags ? tags.split(TAG_SEPARATOR) : [],
      issueCount: this.issues.count(id, { aiResponseAt, idleActionAt, catalogAt }),
      conflictCount: conflicts,
      signedIn: signedIn === 1,
      online: online === null ? null : online === 1,
      lastPublishedAt: lastPublished === null ? null : toIso(lastPublished),
    };
  }
}

/** The tenants that match a search and filters, in the list's order. */
function matching(tenants: TenantListItem[], filters: TenantListInput): TenantListItem[] {
  const needle = textKey((filters.query ?? '').trim());
  return tenants.filter((tenant) => {
    if (needle !== '' && !matchesText(tenant, needle)) return false;
    if (filters.tag !== undefined && !tenant.tags.includes(filters.tag)) return false;
    if (filters.unpublished !== undefined && tenant.unpublishedCount > 0 !== filters.unpublished) return false;
    if (filters.invalid !== undefined && tenant.issueCount > 0 !== filters.invalid) return false;
    if (filters.conflicts !== undefined && tenant.conflictCount > 0 !== filters.conflicts) return false;
    if (filters.signedIn !== undefined && tenant.signedIn !== filters.signedIn) return false;
    if (filters.online !== undefined && (tenant.online === true) !== filters.online) return false;
    return true;
  });
}

function matchesText(tenant: TenantListItem, needle: string): boolean {
  return textKey(tenant.name).includes(needle) || textKey(tenant.backendUrl ?? '').includes(needle) || tenant.tags.some((tag) => tag.includes(needle));
}
