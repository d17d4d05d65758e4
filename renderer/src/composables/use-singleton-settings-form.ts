import { computed } from 'vue';
import { useForm } from 'vee-validate';
import type { z } from 'zod';
import type { SingletonKind } from '../../../shared/schemas/settings-document';
import { withCatalogReferences, type ReferenceExtractor } from '../../../shared/validation/catalog-references';
import { useSettingsStore } from '../stores/settings';
import { cloneJson } from '../lib/clone';
import { toUncastTypedSchema } from '../lib/uncast-typed-schema';
import { useTenantCatalog } from './use-tenant-catalog';
import { useSettingsAutosave } from './use-settings-autosave';

/**
 * The form of a one-per-tenant settings document (AI Response, Idle Action): its shared schema with
 * the catalog check, its values from the store (what the user had typed, even if invalid) or the
 * defaults, and autosave. Each page adds only its own fields.
 */
export function useSingletonSettingsForm<S extends z.ZodTypeAny>(
  tenantId: string,
  kind: SingletonKind,
  definition: { schema: S; defaults: z.infer<S>; references: ReferenceExtractor<z.infer<S>> },
  linked?: Record<string, readonly string[]>,
) {
  const settings = useSettingsStore();
  const catalog = useTenantCatalog(tenantId);
  const schema = computed(() => toUncastTypedSchema(withCatalogReferences(definition.schema, definition.references, catalog.value)));
  const form = useForm({
    validationSchema: schema,
    initialValues: cloneJson((settings.entry(tenantId, kind)?.values ?? definition.defaults) as z.infer<S>),
  });
  return { form, catalog, ...useSettingsAutosave({ tenantId, kind, form, catalog, linked }) };
}
