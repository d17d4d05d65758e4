import { AI_RESPONSE_DEFAULT } from '../../shared/schemas/ai-response';
import { IDLE_ACTION_DEFAULT } from '../../shared/schemas/idle-action';
import { apiConnectionSchema } from '../../shared/schemas/api-connection';
import { dealSettingSchema } from '../../shared/schemas/crm';
import { CATALOG_LISTS, type TenantCatalog } from './store/catalog-store';
import type { TenantRow } from './store/tenant-store';
import type { Stores } from './store/stores';
import { DEMO_API_CONNECTION, DEMO_DEAL_SETTING, DEMO_TENANTS, demoCatalog, EMPTY_TENANT_CATALOG } from './demo-data';

export interface NewTenant {
  username: string;
  password: string;
  name: string;
  crmConnected: boolean;
  /** `demo`: the demo catalog; `empty`: no catalog entries. Settings start at their defaults either way. */
  catalog: 'demo' | 'empty';
}

/** A tenant as the backend has it on day one: a catalog and default AI response and idle action. */
export function createTenant(stores: Stores, input: NewTenant): TenantRow {
  return stores.db.transaction(() => {
    const tenant = stores.tenants.create(input);
    const catalog: TenantCatalog = input.catalog === 'demo' ? demoCatalog() : EMPTY_TENANT_CATALOG;
    for (const list of CATALOG_LISTS) stores.catalog.replace(tenant.id, list, catalog[list] as never);
    stores.documents.insert(tenant.id, 'ai_response', AI_RESPONSE_DEFAULT, 'ai_response');
    stores.documents.insert(tenant.id, 'idle_action', IDLE_ACTION_DEFAULT, 'idle_action');
    return tenant;
  })();
}

/** Seeds the demo tenants into a new data dir (does nothing when tenants exist already). */
export function seedDemoData(stores: Stores): void {
  if (stores.tenants.count() > 0) return;
  stores.db.transaction(() => {
    for (const demo of DEMO_TENANTS) {
      const tenant = createTenant(stores, { ...demo, catalog: 'demo' });
      if (!demo.withDocuments) continue;
      stores.documents.insert(tenant.id, 'api_connection', apiConnectionSchema.parse(DEMO_API_CONNECTION));
      stores.documents.insert(tenant.id, 'deal_setting', dealSettingSchema.parse(DEMO_DEAL_SETTING));
    }
  })();
}
