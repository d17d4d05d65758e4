import type { z } from 'zod';
import { DOCUMENT_KINDS, SINGLETON_KIND_NAMES, type CollectionKindName } from '../../../../shared/document-kinds';
import type { CatalogSnapshot } from '../../../../shared/schemas/catalog';
import { crmCatalogSnapshotSchema, type CrmCatalogSnapshot } from '../../../../shared/schemas/crm';
import type { SingletonKind } from '../../../../shared/schemas/settings-document';
import { BackendError } from '../backend-error';
import type { BackendApi } from '../session/backend-client-factory';

/** A remote document: its value (parsed by the shared schema) and version. */
export interface RemoteDocument {
  value: unknown;
  version: string;
}

/** A document as the backend lists it: its id, version and value (the pull's RemoteCollectionDocument). */
export interface ListedDocument<T> {
  id: string;
  version: string;
  value: T;
}

/** A collection document of kind K as the backend lists it, its value typed by the kind's schema. */
export type RemoteOf<K extends CollectionKindName> = ListedDocument<z.infer<(typeof DOCUMENT_KINDS)[K]['schema']>>;

/** An API connection as the backend lists it: with its secrets (they stay in memory, then go to the keychain). */
export type RemoteApiConnection = RemoteOf<'api_connection'>;

/**
 * Each collection kind's documents as the backend lists them, by kind; null: the backend has
 * none to list (deal settings while the CRM is not connected), the drafts stay as they are.
 */
export type RemoteCollections = { [K in CollectionKindName]: Array<RemoteOf<K>> | null };

/** Everything a pull reads, complete and checked before anything is written. */
export interface RemoteSnapshot {
  catalog: CatalogSnapshot;
  crm: CrmCatalogSnapshot;
  singletons: Record<SingletonKind, RemoteDocument>;
  /** API connections with their secrets: they go to the keychain, never to SQLite. */
  collections: RemoteCollections;
}

/** A list answer's documents as a pull reads them: id, version and value. */
export function listedDocuments<T>(data: ReadonlyArray<ListedDocument<T>>): Array<ListedDocument<T>> {
  return data.map(({ id, version, value }) => ({ id, version, value }));
}

export async function fetchSingleton(client: BackendApi, kind: SingletonKind, signal?: AbortSignal): Promise<RemoteDocument> {
  const { data } = await client.call(DOCUMENT_KINDS[kind].routes.get, { signal });
  return { value: data.value, version: data.version };
}

/**
 * Reads the tenant's catalogs and settings. Requests run side by side; any failure fails the
 * whole read, so that a pull writes all of it or nothing.
 */
export async function fetchRemoteSnapshot(client: BackendApi, signal?: AbortSignal): Promise<RemoteSnapshot> {
  const [divisions, users, connection, botResponses, singletons, apiConnections] = await Promise.all([
    client.call('listDivisions', { signal }),
    client.call('listUsers', { query: { role: 'agent' }, signal }),
    client.call('getCrmConnection', { signal }),
    client.call('listBotResponses', { signal }),
    Promise.all(SINGLETON_KIND_NAMES.map(async (kind) => [kind, await fetchSingleton(client, kind, signal)] as const)),
    client.call(DOCUMENT_KINDS.api_connection.routes.list, { signal }),
  ]);
  const connected = connection.data.connected;
  const [pipelines, owners, sources, dealSettings] = connected
    ? await Promise.all([
        client.call('listPipelines', { signal }).then((r) => r.data),
        client.call('listOwners', { signal }).then((r) => r.data),
        client.call('listSources', { signal }).then((r) => r.data),
        client.call(DOCUMENT_KINDS.deal_setting.routes.list, { signal }).then((r) => r.data),
      ])
    : [[], [], [], null];
  const crm = crmCatalogSnapshotSchema.safeParse({ connected, pipelines, owners, sources, botResponses: botResponses.data });
  if (!crm.success) throw new BackendError('bad_response', 'The backend’s CRM catalog is inconsistent (duplicate ids or stages of unknown pipelines). Nothing was saved from it.');
  return {
    // Agents only, without their role: the catalog keeps what the forms need.
    catalog: {
      divisions: divisions.data,
      agents: users.data.filter((user) => user.role === 'agent').map(({ role: _role, ...agent }) => agent),
    },
    crm: crm.data,
    singletons: Object.fromEntries(singletons) as Record<SingletonKind, RemoteDocument>,
    collections: {
      api_connection: listedDocuments(apiConnections.data),
      deal_setting: dealSettings === null ? null : listedDocuments(dealSettings),
    },
  };
}
