import type Database from 'better-sqlite3';
import { z } from 'zod';
import { RpcError } from '../../../shared/rpc/rpc-error';
import {
  agentSchema,
  catalogSnapshotSchema,
  divisionSchema,
  type CatalogSnapshot,
  type CatalogView,
} from '../../../shared/schemas/catalog';
import { toIso, type Clock } from '../clock';
import { catalogStatements } from './catalog-store';
import { catalogNameKey } from './catalog-name-key';
import type { EventBus } from '../events/event-bus';
import { parseOrThrow } from '../validation/invalid-input';

const storedDivision = divisionSchema.extend({ removed: z.boolean() });
const storedAgent = agentSchema.extend({ removed: z.boolean() });

/** A catalog entry as a reader that maps references by name needs it: id, name, removed. */
export interface CatalogName {
  id: string;
  name: string;
  removed: boolean;
}

/** A tenant's catalog reduced to names (a CatalogView has these and more). */
export interface CatalogNames {
  divisions: CatalogName[];
  agents: CatalogName[];
  fetchedAt: string | null;
}

/** Tenants per bulk read of names (the ids travel as one JSON array). */
const NAMES_CHUNK = 500;

export interface CatalogServiceDeps {
  db: Database.Database;
  events: EventBus;
  clock: Clock;
  requireTenant: (tenantId: string) => void;
}

/**
 * Each tenant's cached catalog (divisions, agents). Views are cached in memory and frozen: the
 * autosave path validates references against them without touching the database.
 */
export class CatalogService {
  private readonly cache = new Map<string, CatalogView>();
  private readonly stmt;

  private readonly db: Database.Database;
  private readonly events: EventBus;
  private readonly clock: Clock;
  private readonly requireTenant: (tenantId: string) => void;

  constructor(deps: CatalogServiceDeps) {
    this.db = deps.db;
    this.events = deps.events;
    this.clock = deps.clock;
    this.requireTenant = deps.requireTenant;
    this.stmt = catalogStatements(deps.db);
  }

  /** The tenant's catalog; EMPTY (fetchedAt null) when it was never replaced. */
  get(tenantId: string): CatalogView {
    const cached = this.cache.get(tenantId);
    if (cached) return cached;
    this.requireTenant(tenantId);
    const view = deepFreeze(this.load(tenantId));
    this.cache.set(tenantId, view);
    return view;
  }

  /**
   * Replaces the tenant's catalog with the full current lists. Entries missing from the
   * snapshot are kept as removed (so a reference to them can be named). A bad snapshot changes nothing.
   */
  replace(tenantId: string, snapshot: CatalogSnapshot | z.input<typeof catalogSnapshotSchema>): CatalogView {
    const parsed = parseOrThrow(catalogSnapshotSchema, snapshot);
    this.requireTenant(tenantId);
    const now = this.clock();
    this.db.transaction(() => {
      this.stmt.markAllRemoved.run(now, tenantId);
      parsed.divisions.forEach((division, position) => {
        this.stmt.upsert.run(tenantId, 'division', division.id, division.name, catalogNameKey(division.name), '{}', position, now);
      });
      parsed.agents.forEach((agent, position) => {
        const { id, name, ...data } = agent;
        this.stmt.upsert.run(tenantId, 'agent', id, name, catalogNameKey(name), JSON.stringify(data), position, now);
      });
      this.stmt.setFetchedAt.run(tenantId, now);
    })();
    this.cache.delete(tenantId);
    this.events.tenantChanged(tenantId);
    return this.get(tenantId);
  }

  /**
   * The divisions' and agents' names of many tenants, read in a few statements (a bulk reader such as
   * the import preview): not kept in the cache, and without the agents' other data, so that ten
   * thousand tenants' catalogs are neither parsed whole nor held afterwards. Unknown ids get an
   * empty catalog that was never fetched.
   */
  namesOf(tenantIds: readonly string[]): Map<string, CatalogNames> {
    const out = new Map<string, CatalogNames>();
    for (const id of tenantIds) out.set(id, { divisions: [], agents: [], fetchedAt: null });
    for (let start = 0; start < tenantIds.length; start += NAMES_CHUNK) {
      const ids = JSON.stringify(tenantIds.slice(start, start + NAMES_CHUNK));
      // STRICT columns: id and name are text.
      for (const [tenantId, kind, id, name, removed] of this.stmt.namesOfTenants.all(ids)) {
        const names = out.get(tenantId)!;
        (kind === 'division' ? names.divisions : names.agents).push({ id, name, removed: removed === 1 });
      }
      for (const [tenantId, fetchedAt] of this.stmt.fetchedAtOfTenants.iterate(ids)) out.get(tenantId)!.fetchedAt = toIso(fetchedAt);
    }
    return out;
  }

  /**
   * What mapping references BY NAME needs of many tenants' catalogs (the import preview): per
   * tenant its live entries whose name has the key (catalogNameKey: trimmed, ignoring case) of
   * one of `names`, and when its catalog was fetched. Entries of other names, and removed ones,
   * are left out: a name's matches among the live entries are all there. Not cached. The keys
   * are compared in SQL against the ones stored with the entries (SQL's lower() knows only ASCII).
   */
  liveEntriesNamed(tenantIds: readonly string[], names: readonly string[]): Map<string, CatalogNames> {
    const out = new Map<string, CatalogNames>();
    for (const id of tenantIds) out.set(id, { divisions: [], agents: [], fetchedAt: null });
    const keys = JSON.stringify([...new Set(names.map(catalogNameKey))]);
    for (let start = 0; start < tenantIds.length; start += NAMES_CHUNK) {
      const ids = JSON.stringify(tenantIds.slice(start, start + NAMES_CHUNK));
      for (const [tenantId, fetchedAt] of this.stmt.fetchedAtOfTenants.iterate(ids)) out.get(tenantId)!.fetchedAt = toIso(fetchedAt);
      if (names.length === 0) continue;
      for (const [tenantId, kind, id, name] of this.stmt.liveEntriesKeyed.all(ids, keys)) {
        const entries = out.get(tenantId)!;
        (kind === 'division' ? entries.divisions : entries.agents).push({ id, name, removed: false });
      }
    }
    return out;
  }

  /** Forget a deleted tenant's cached view. */
  evict(tenantId: string): void {
    this.cache.delete(tenantId);
  }

  private load(tenantId: string): CatalogView {
    const view: CatalogView = { divisions: [], agents: [], fetchedAt: null };
    for (const row of this.stmt.entries.all(tenantId)) {
      const removed = row.removed === 1;
      if (row.kind === 'division') {
        view.divisions.push(parseStored(storedDivision, { id: row.id, name: row.name, removed }, tenantId));
      } else {
        const data = parseJson(row.data_json, tenantId);
        view.agents.push(parseStored(storedAgent, { ...data, id: row.id, name: row.name, removed }, tenantId));
      }
    }
    const state = this.stmt.fetchedAt.get(tenantId);
    view.fetchedAt = state ? toIso(state.fetched_at) : null;
    return view;
  }
}

function damaged(tenantId: string): RpcError {
  return new RpcError(
    'INTERNAL',
    `The cached catalog of tenant ${tenantId} is damaged and cannot be read. Refresh the catalog from the backend to replace it.`,
  );
}

function parseJson(text: string, tenantId: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw damaged(tenantId);
}

function parseStored<S extends z.ZodTypeAny>(schema: S, value: unknown, tenantId: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw damaged(tenantId);
  return result.data as z.output<S>;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
