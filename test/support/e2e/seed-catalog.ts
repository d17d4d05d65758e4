import { openCore } from '../../../electron/core/open-core';
import { demoCatalog } from '../core/demo-catalog';

/**
 * Fills the named tenant's catalog with the demo divisions and agents, straight through the core
 * (the sync issue will fill it from the backend). The host must be stopped: it holds the store's lock.
 */
export function seedDemoCatalog(dataDir: string, tenantName: string): void {
  const core = openCore({ dataDir, appVersion: '0.0.0-e2e', transport: 'host' });
  try {
    const tenant = core.services.tenants.list().find((candidate) => candidate.name === tenantName);
    if (!tenant) throw new Error(`no tenant named ${tenantName} in ${dataDir}`);
    core.services.catalog.replace(tenant.id, demoCatalog());
  } finally {
    void core.close();
  }
}

/** Adds a tenant with the demo catalog before the host starts (for tests about the forms, not the tenant list). */
export function createSeededTenant(dataDir: string, name: string): string {
  const core = openCore({ dataDir, appVersion: '0.0.0-e2e', transport: 'host' });
  try {
    const tenant = core.services.tenants.create({ name, backendUrl: null });
    core.services.catalog.replace(tenant.id, demoCatalog());
    return tenant.id;
  } finally {
    void core.close();
  }
}
