import { aiResponseKind } from './ai-response';
import { apiConnectionKind } from './api-connection';
import { dealSettingKind } from './deal-setting';
import type { CollectionKindDescriptor, DocumentKindDescriptor, SingletonKindDescriptor } from './document-kind';
import { idleActionKind } from './idle-action';

export type { CatalogReference, CollectionKindDescriptor, DocumentKindDescriptor, SingletonKindDescriptor } from './document-kind';
export { naturalKeyOf } from './document-kind';

/**
 * Every kind of settings document, by name: the one list the core's store, sync (pull, publish,
 * conflicts) and the wire read to know what a kind is. Adding a kind is adding its descriptor
 * here (and its form in the renderer).
 */
export const DOCUMENT_KINDS = {
  ai_response: aiResponseKind,
  idle_action: idleActionKind,
  api_connection: apiConnectionKind,
  deal_setting: dealSettingKind,
} as const satisfies Record<string, DocumentKindDescriptor>;

export type DocumentKindName = keyof typeof DOCUMENT_KINDS;

type KindsOf<C extends DocumentKindDescriptor['cardinality']> = {
  [K in DocumentKindName]: (typeof DOCUMENT_KINDS)[K]['cardinality'] extends C ? K : never;
}[DocumentKindName];

export type SingletonKindName = KindsOf<'one-per-tenant'>;
export type CollectionKindName = KindsOf<'collection'>;

const names = Object.keys(DOCUMENT_KINDS) as DocumentKindName[];

export const SINGLETON_KIND_NAMES = names.filter((kind) => DOCUMENT_KINDS[kind].cardinality === 'one-per-tenant') as SingletonKindName[];
export const COLLECTION_KIND_NAMES = names.filter((kind) => DOCUMENT_KINDS[kind].cardinality === 'collection') as CollectionKindName[];

export function isDocumentKind(kind: string): kind is DocumentKindName {
  return Object.hasOwn(DOCUMENT_KINDS, kind);
}

export function isCollectionKind(kind: string): kind is CollectionKindName {
  return isDocumentKind(kind) && DOCUMENT_KINDS[kind].cardinality === 'collection';
}

/** The kind keeps secrets (its descriptor names secret sections): they live in the keychain, in sets its rows point at. */
export function hasSecretSections(kind: string): boolean {
  return isCollectionKind(kind) && DOCUMENT_KINDS[kind].secretSections.length > 0;
}

export function singletonKind<K extends SingletonKindName>(kind: K): (typeof DOCUMENT_KINDS)[K] & SingletonKindDescriptor {
  return DOCUMENT_KINDS[kind];
}

export function collectionKind<K extends CollectionKindName>(kind: K): (typeof DOCUMENT_KINDS)[K] & CollectionKindDescriptor {
  return DOCUMENT_KINDS[kind];
}
