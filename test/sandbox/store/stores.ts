import type { SandboxDb } from './database';
import { TenantStore } from './tenant-store';
import { TokenStore, type TokenLifetimes } from './token-store';
import { CatalogStore } from './catalog-store';
import { DocumentStore } from './document-store';
import { IdempotencyStore } from './idempotency-store';

export interface Stores {
  db: SandboxDb;
  tenants: TenantStore;
  tokens: TokenStore;
  catalog: CatalogStore;
  documents: DocumentStore;
  idempotency: IdempotencyStore;
}

export function createStores(db: SandboxDb, options: { accessTtlSeconds: number; refreshTtlSeconds: number; refreshReuseGraceSeconds?: number; now: () => number }): Stores {
  return {
    db,
    tenants: new TenantStore(db),
    tokens: new TokenStore(db, lifetimes(options), options.now),
    catalog: new CatalogStore(db),
    documents: new DocumentStore(db, options.now),
    idempotency: new IdempotencyStore(db),
  };
}

function lifetimes(options: { accessTtlSeconds: number; refreshTtlSeconds: number; refreshReuseGraceSeconds?: number }): TokenLifetimes {
  return { accessSeconds: options.accessTtlSeconds, refreshSeconds: options.refreshTtlSeconds, refreshReuseGraceSeconds: options.refreshReuseGraceSeconds ?? 0 };
}
