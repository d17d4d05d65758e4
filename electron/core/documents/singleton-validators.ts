import type { z } from 'zod';
import type { CatalogView } from '../../../shared/schemas/catalog';
import { SINGLETON_DEFINITIONS, type SingletonKind } from '../../../shared/schemas/settings-document';
import { withCatalogReferences, type ReferenceExtractor } from '../../../shared/validation/catalog-references';

/**
 * The domain schema plus the catalog check, built once per catalog view: a replaced catalog is
 * a new (frozen) view object, so the cache can never hand out a schema for an old catalog.
 */
export class SingletonValidators {
  private readonly byCatalog = new WeakMap<CatalogView, Map<SingletonKind, z.ZodTypeAny>>();

  get(kind: SingletonKind, catalog: CatalogView): z.ZodTypeAny {
    let perKind = this.byCatalog.get(catalog);
    if (!perKind) {
      perKind = new Map();
      this.byCatalog.set(catalog, perKind);
    }
    let schema = perKind.get(kind);
    if (!schema) {
      schema = build(kind, catalog);
      perKind.set(kind, schema);
    }
    return schema;
  }
}

function build(kind: SingletonKind, catalog: CatalogView): z.ZodTypeAny {
  const def = SINGLETON_DEFINITIONS[kind];
  return withCatalogReferences<z.ZodTypeAny>(def.schema, def.references as ReferenceExtractor<unknown>, catalog);
}
