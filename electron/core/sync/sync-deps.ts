import type Database from 'better-sqlite3';
import type { CatalogService } from '../catalog/catalog-service';
import type { Clock } from '../clock';
import type { CrmCatalogService } from '../crm/crm-catalog-service';
import type { DocumentService } from '../documents/document-service';
import type { EventBus } from '../events/event-bus';
import type { MetaService } from '../meta/meta-service';
import type { TenantService } from '../tenants/tenant-service';
import type { SerialQueue } from '../vault/serial-queue';
import type { Vault } from '../vault/vault';
import type { VaultHousekeeping } from '../vault/vault-housekeeping';
import type { HealthOptions } from './session/health-monitor';
import type { RetryPolicy } from './retry-policy';
import type { BackendClientFactory } from './session/backend-client-factory';
import type { QontakSessionOptions } from './session/session-registry';

export interface SyncEngineOptions {
  /** Per request try (default 15 s). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Tenants published side by side (a tenant's documents go one after another). */
  concurrency?: number;
  /** Told about failures that are bugs (never about the backend's answers). */
  onUnexpectedError?: (where: string, error: unknown) => void;
  /** The periodic health check of the signed-in tenants' backends (startHealthChecks). */
  health?: HealthOptions;
  /** Makes the backend clients; default: the HTTP client of the backend contract with the timeout and retries above. */
  backends?: BackendClientFactory;
  /** Qontak-kind backends: pacers, dispatcher, retries (tests make them fast and direct). */
  qontak?: QontakSessionOptions;
}

/** What sync uses of the rest of the core: each service narrowed to the calls it makes. */
export interface SyncEngineDeps {
  db: Database.Database;
  events: EventBus;
  clock: Clock;
  vault: Vault;
  /** The core's one keychain queue (shared with API connections and the orphan sweep). */
  vaultQueue: SerialQueue;
  meta: Pick<MetaService, 'installationId' | 'nextMutationId'>;
  tenants: Pick<TenantService, 'get' | 'require'>;
  documents: Pick<DocumentService, 'get'>;
  catalog: Pick<CatalogService, 'replace'>;
  crmCatalog: Pick<CrmCatalogService, 'get' | 'replace'>;
  vaultHousekeeping: Pick<VaultHousekeeping, 'removeSet' | 'onKeychainWorks'>;
  options?: SyncEngineOptions;
}
