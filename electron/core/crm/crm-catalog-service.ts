import { randomUUID } from 'node:crypto';
import { LOCAL_BOT_RESPONSE_PREFIX } from '../../../shared/schemas/local-bot-response';
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { RpcError } from '../../../shared/rpc/rpc-error';
import {
  applyCrmSnapshot,
  crmCatalogSnapshotSchema,
  crmCatalogViewSchema,
  EMPTY_CRM_CATALOG,
  type CrmCatalogSnapshot,
  type CrmCatalogView,
} from '../../../shared/schemas/crm';
import { catalogStatements, type RawCatalogRow } from '../catalog/catalog-store';
import { toIso, type Clock } from '../clock';
import type { EventBus } from '../events/event-bus';
import { parseOrThrow } from '../validation/invalid-input';

/** The row of catalog_raw (migration 005) that holds a tenant's CRM catalog. */
export const CRM_CATALOG_NAME = 'crm';

const EMPTY: CrmCatalogView = deepFreeze(structuredClone(EMPTY_CRM_CATALOG));

export interface CrmCatalogServiceDeps {
  db: Database.Database;
  events: EventBus;
  clock: Clock;
  requireTenant: (tenantId: string) => void;
}

/**
 * Each tenant's cached CRM catalog (connection status, pipelines with their stages in the CRM's
 * order, owners, sources, bot responses), so that deal settings can be edited and checked offline.
 * Entries the backend stops listing are kept, marked removed, so that a reference to them is named
 * as last seen (applyCrmSnapshot).
 *
 * It is stored as one JSON value in catalog_raw. Rows written by an earlier pull hold the snapshot
 * as fetched (no removed entries yet); they are read as a first snapshot. Views are cached per
 * tenant and frozen, and the cache is keyed by the stored text, so that a write by another path
 * (the sync engine in the same transaction) is never hidden by a stale view.
 */
export class CrmCatalogService {
  private readonly cache = new Map<string, { raw: string; fetchedAt: number; view: CrmCatalogView }>();
  private readonly stmt;

  private readonly db: Database.Database;
  private readonly events: EventBus;
  private readonly clock: Clock;
  private readonly requireTenant: (tenantId: string) => void;

  constructor(deps: CrmCatalogServiceDeps) {
    this.db = deps.db;
    this.events = deps.events;
    this.clock = deps.clock;
    this.requireTenant = deps.requireTenant;
    this.stmt = catalogStatements(deps.db);
  }

  /** The tenant's CRM catalog; EMPTY (connected null, fetchedAt null) until it was first fetched. */
  get(tenantId: string): CrmCatalogView {
    this.requireTenant(tenantId);
    const row = this.stmt.rawSelect.get(tenantId, CRM_CATALOG_NAME);
    if (!row) {
      this.cache.delete(tenantId);
      return EMPTY;
    }
    const cached = this.cache.get(tenantId);
    if (cached && cached.raw === row.data_json && cached.fetchedAt === row.fetched_at) return cached.view;
    const view = deepFreeze(readStored(row, tenantId));
    this.cache.set(tenantId, { raw: row.data_json, fetchedAt: row.fetched_at, view });
    return view;
  }

  /** True only when the last fetch said the tenant's CRM is connected. */
  isConnected(tenantId: string): boolean {
    return this.get(tenantId).connected === true;
  }

  /**
   * A bot response named by the user (as the web app shows it), for a backend that lists none:
   * added to the cached catalog with a `local:` id; a name already listed is not added twice.
   */
  addLocalBotResponse(tenantId: string, name: string): CrmCatalogView {
    const view = this.get(tenantId);
    const existing = view.botResponses.find((entry) => !entry.removed && entry.name.toLocaleLowerCase() === name.toLocaleLowerCase());
    if (existing) return view;
    const current = <T extends { removed: boolean }>(list: readonly T[]) => list.filter((entry) => !entry.removed).map(({ removed: _removed, ...entry }) => entry);
    const stages = current(view.stages);
    return this.replace(tenantId, {
      connected: view.connected ?? false,
      pipelines: current(view.pipelines).map((pipeline) => ({ ...pipeline, stages: stages.filter((stage) => stage.pipelineId === pipeline.id) })),
      owners: current(view.owners),
      sources: current(view.sources),
      botResponses: [...current(view.botResponses), { id: `${LOCAL_BOT_RESPONSE_PREFIX}${randomUUID()}`, name }],
    });
  }

  /**
   * Replaces the tenant's CRM catalog with the backend's full current lists. The snapshot is
   * parsed first: one with a stage of a pipeline the CRM does not list (or duplicate ids) is
   * INVALID_INPUT and the cache stays as it was. Runs inside a caller's transaction too.
   */
  replace(tenantId: string, snapshot: CrmCatalogSnapshot | z.input<typeof crmCatalogSnapshotSchema>): CrmCatalogView {
    const parsed = parseOrThrow(crmCatalogSnapshotSchema, snapshot);
    const previous = this.get(tenantId);
    const now = this.clock();
    const next = applyCrmSnapshot(previous, parsed, toIso(now));
    this.stmt.rawUpsert.run(tenantId, CRM_CATALOG_NAME, JSON.stringify(next), now);
    this.events.tenantChanged(tenantId);
    return this.get(tenantId);
  }
}

function readStored(row: RawCatalogRow, tenantId: string): CrmCatalogView {
  let value: unknown;
  try {
    value = JSON.parse(row.data_json);
  } catch {
    throw damaged(tenantId);
  }
  const view = crmCatalogViewSchema.safeParse(value);
  if (view.success) return view.data;
  const snapshot = crmCatalogSnapshotSchema.safeParse(value);
  if (snapshot.success) return applyCrmSnapshot(EMPTY_CRM_CATALOG, snapshot.data, toIso(row.fetched_at));
  throw damaged(tenantId);
}

function damaged(tenantId: string): RpcError {
  return new RpcError('INTERNAL', `The cached CRM catalog of tenant ${tenantId} is damaged and cannot be read. Pull the tenant from the backend to replace it.`);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
