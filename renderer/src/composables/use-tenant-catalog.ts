import { computed } from 'vue';
import { EMPTY_CATALOG, type CatalogView } from '../../../shared/schemas/catalog';
import { useCatalogStore } from '../stores/catalog';

/** The tenant's cached catalog, empty until loaded (the pickers then say there is none yet). */
export function useTenantCatalog(tenantId: string) {
  const catalog = useCatalogStore();
  return computed<CatalogView>(() => catalog.byTenant[tenantId] ?? EMPTY_CATALOG);
}
