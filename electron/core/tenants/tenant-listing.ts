import type Database from 'better-sqlite3';
import { fuzzyTenantSearch, type TenantSearchHit } from '../../../shared/logic/fuzzy-tenant-search';
import { tenantListInputSchema, type TenantListInput, type TenantListItem } from '../../../shared/schemas/tenant-list';
import { toIso } from '../clock';
import type { EventBus } from '../events/event-bus';
import { textKey } from './tenant-keys';
import { parseOrThrow } from '../validation/invalid-input';
import { DraftIssueCounter } from './draft-issue-counter';

interface ListRow {
  id: string;
  name: string;
  name_key: string;
  backend_url: string | null;
  backend_kind: TenantListItem['backendKind'];
  requests_per_minute: number | null;
  publishing: string | null;
  url_key: string;
  created_at: number;
  updated_at: number;
  unpublished: number;
  conflicts: number;
  signed_in: number | null;
  online: number | null;
  last_published: number | null;
  tags: string | null;
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

  constructor({ db, events }: TenantListingDeps) {
    this.issues = new DraftIssueCounter(db);
    this.stmt = {
      list: db.prepare<[], ListRow>(`
        SELECT t.id, t.name, t.name_key, t.backend_url, t.backend_kind, t.requests_per_minute, t.url_key, t.created_at, t.updated_at,
          json_extract(s.capabilities_json, '$.publishing') AS publishing,
          (SELECT COUNT(*) FROM settings_documents d WHERE d.tenant_id = t.id AND d.dirty = 1) AS unpublished,
          (SELECT COUNT(*) FROM document_conflicts c WHERE c.tenant_id = t.id) AS conflicts,
          s.signed_in, s.online,
          COALESCE(
            (SELECT MAX(at) FROM (
              SELECT MAX(o.updated_at) AS at FROM outbox o WHERE o.tenant_id = t.id AND o.state = 'done'
              UNION ALL
              SELECT MAX(r.created_at) FROM settings_documents d JOIN revisions r ON r.document_id = d.id
                WHERE d.tenant_id = t.id AND r.source IN ('pull', 'publish'))),
            (SELECT MIN(d.updated_at) FROM settings_documents d WHERE d.tenant_id = t.id AND d.base_version IS NOT NULL)
          ) AS last_published,
          (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM tenant_tags g WHERE g.tenant_id = t.id ORDER BY tag)) AS tags
        FROM tenants t LEFT JOIN sync_state s ON s.tenant_id = t.id
        ORDER BY t.name_key, t.name, t.id`),
    };
    events.on(() => {
      this.cached = null;
    });
  }

  list(input: TenantListInput = {}): TenantListItem[] {
    const filters = parseOrThrow(tenantListInputSchema, input);
    const needle = textKey((filters.query ?? '').trim());
    return this.load().filter((tenant) => {
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
    const issues = this.issues.countAll();
    return this.stmt.list.all().map((row) => ({
      id: row.id,
      name: row.name,
      backendUrl: row.backend_url,
      backendKind: row.backend_kind,
      requestsPerMinute: row.requests_per_minute,
      publishing: row.publishing === 'backend' || row.publishing === 'change_sheet' ? row.publishing : null,
      createdAt: toIso(row.created_at),
      updatedAt: toIso(row.updated_at),
      unpublishedCount: row.unpublished,
      tags: row.tags ? row.tags.split(TAG_SEPARATOR) : [],
      issueCount: issues.get(row.id) ?? 0,
      conflictCount: row.conflicts,
      signedIn: row.signed_in === 1,
      online: row.online === null ? null : row.online === 1,
      lastPublishedAt: row.last_published === null ? null : toIso(row.last_published),
    }));
  }
}

function matchesText(tenant: TenantListItem, needle: string): boolean {
  return textKey(tenant.name).includes(needle) || textKey(tenant.backendUrl ?? '').includes(needle) || tenant.tags.some((tag) => tag.includes(needle));
}
