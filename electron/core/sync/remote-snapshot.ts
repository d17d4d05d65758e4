import type { CatalogSnapshot } from '../../../shared/schemas/catalog';
import { crmCatalogSnapshotSchema, type CrmCatalogSnapshot } from '../../../shared/schemas/crm';
import type { SingletonKind } from '../../../shared/schemas/settings-document';
import type { BackendClient } from './backend-client';
import { BackendError } from './backend-error';

/** A remote document: its value (parsed by the shared schema) and version. */
export interface RemoteDocument {
  value: unknown;
  version: string;
}

/** Everything a pull reads, complete and checked before anything is written. */
export interface RemoteSnapshot {
  catalog: CatalogSnapshot;
  crm: CrmCatalogSnapshot;
  singletons: Record<SingletonKind, RemoteDocument>;
}

export const SINGLETON_ROUTES = {
  ai_response: { get: 'getAiResponse', put: 'putAiResponse' },
  idle_action: { get: 'getIdleAction', put: 'putIdleAction' },
} as const satisfies Record<SingletonKind, { get: string; put: string }>;

export async function fetchSingleton(client: BackendClient, kind: SingletonKind, signal?: AbortSignal): Promise<RemoteDocument> {
  const { data } = await client.call(SINGLETON_ROUTES[kind].get, { signal });
  return { value: data.value, version: data.version };
}

/**
 * Reads the tenant's catalogs and settings. Requests run side by side; any failure fails the
 * whole read, so that a pull writes all of it or nothing.
 */
export async function fetchRemoteSnapshot(client: BackendClient, signal?: AbortSignal): Promise<RemoteSnapshot> {
  const [divisions, users, connection, botResponses, aiResponse, idleAction] = await Promise.all([
    client.call('listDivisions', { signal }),
    client.call('listUsers', { query: { role: 'agent' }, signal }),
    client.call('getCrmConnection', { signal }),
    client.call('listBotResponses', { signal }),
    fetchSingleton(client, 'ai_response', signal),
    fetchSingleton(client, 'idle_action', signal),
  ]);
  const connected = connection.data.connected;
  const [pipelines, owners, sources] = connected
    ? await Promise.all([client.call('listPipelines', { signal }), client.call('listOwners', { signal }), client.call('listSources', { signal })]).then(
        (lists) => lists.map((list) => list.data),
      )
    : [[], [], []];
  const crm = crmCatalogSnapshotSchema.safeParse({ connected, pipelines, owners, sources, botResponses: botResponses.data });
  if (!crm.success) throw new BackendError('bad_response', 'The backend’s CRM catalog is inconsistent (duplicate ids or stages of unknown pipelines). Nothing was saved from it.');
  return {
    // Agents only, without their role: the catalog keeps what the forms need.
    catalog: {
      divisions: divisions.data,
      agents: users.data.filter((user) => user.role === 'agent').map(({ role: _role, ...agent }) => agent),
    },
    crm: crm.data,
    singletons: { ai_response: aiResponse, idle_action: idleAction },
  };
}
