import type { z } from 'zod';
import type { WireRouteKey } from '../wire/routes';

/** The catalog a reference points into: the tenant's divisions and agents, or its CRM catalog. */
export type CatalogName = 'catalog' | 'crm';

/** A field of the document that names an entry of a catalog (checked against the cached catalog). */
export interface CatalogReference {
  field: string;
  catalog: CatalogName;
  /** What the entry is, for messages ("Division", "Stage", ...). */
  entry: string;
}

/** What every document kind says about itself. */
interface KindBase<K extends string, S extends z.ZodTypeAny> {
  kind: K;
  /** The kind as people read it ("AI Response", "API connection"). */
  label: string;
  /** The whole document, as drafts, forms and the backend hold it. */
  schema: S;
  /** The catalog entries it refers to. */
  references: readonly CatalogReference[];
}

/** One document per tenant (AI Response, Idle Action): read and replaced whole. */
export interface SingletonKindDescriptor<K extends string = string, S extends z.ZodTypeAny = z.ZodTypeAny> extends KindBase<K, S> {
  cardinality: 'one-per-tenant';
  /** What a tenant has before anything was saved or pulled. */
  defaults: z.infer<S>;
  /** The catalog entries a value uses now (a field its mode does not use is null). */
  referencesOf: (value: z.infer<S>) => Record<string, string | null>;
  routes: { get: WireRouteKey; put: WireRouteKey };
}

/** Many documents per tenant, each with the backend's id once it has one, unique by a natural key. */
export interface CollectionKindDescriptor<K extends string = string, S extends z.ZodTypeAny = z.ZodTypeAny> extends KindBase<K, S> {
  cardinality: 'collection';
  /**
   * The field no two live documents of a tenant share (compared ignoring case and surrounding
   * spaces when `caseInsensitive`; see naturalKeyOf), and the message key of a duplicate.
   */
  naturalKey: { field: string; caseInsensitive: boolean; duplicateMessage: string };
  /**
   * The sections whose values are secrets: they live in the OS keychain only, never in SQLite,
   * and go on the wire only in requests to the backend.
   */
  secretSections: readonly string[];
  routes: { list: WireRouteKey; create: WireRouteKey; put: WireRouteKey; delete: WireRouteKey };
}

export type DocumentKindDescriptor = SingletonKindDescriptor | CollectionKindDescriptor;

/**
 * The natural key of a collection document's value, as two documents are compared by it: the
 * field's text, trimmed and lower-cased when the key ignores case.
 */
export function naturalKeyOf(descriptor: Pick<CollectionKindDescriptor, 'naturalKey'>, value: unknown): string {
  const raw = String((value as Record<string, unknown>)[descriptor.naturalKey.field]);
  return descriptor.naturalKey.caseInsensitive ? raw.trim().toLowerCase() : raw;
}
