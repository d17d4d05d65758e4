import type { CatalogSnapshot } from '../../../../shared/schemas/catalog';
import { crmCatalogSnapshotSchema, type BotResponse, type CrmCatalogSnapshot } from '../../../../shared/schemas/crm';
import type { BackendCapabilities } from '../../../../shared/wire/qontak/capabilities';
import { QONTAK_CRM_NOT_CONNECTED } from '../../../../shared/wire/qontak/catalog-mapping';
import { BackendError } from '../backend-error';
import { fetchRemoteSnapshot, fetchSingleton, listedDocuments, type RemoteSnapshot } from './remote-snapshot';
import type { BackendApi } from '../session/backend-client-factory';
import { settingsApiCapabilities, type SessionRegistry } from '../session/session-registry';

/**
 * What a pull reads of one tenant, whatever its backend kind: the catalogs, the settings when the
 * backend offers them (null: it offers none, the drafts and their bases stay as they are), and
 * what the backend offers, with when.
 */
export interface TenantSnapshot {
  catalog: CatalogSnapshot;
  crm: CrmCatalogSnapshot;
  settings: Pick<RemoteSnapshot, 'singletons' | 'collections'> | null;
  capabilities: BackendCapabilities;
}

export interface TenantSnapshotDeps {
  sessions: Pick<SessionRegistry, 'session' | 'qontak'>;
  clock: () => number;
  /** The bot responses cached now: kept when the backend lists none (entries the user named by hand). */
  cachedBotResponses: (tenantId: string) => BotResponse[];
}

export async function fetchTenantSnapshot(deps: TenantSnapshotDeps, tenantId: string, signal?: AbortSignal): Promise<TenantSnapshot> {
  const session = deps.sessions.session(tenantId);
  if (session.kind === 'qontak') return fetchQontakSnapshot(deps, tenantId, session.client, signal);
  if (session.kind === 'settings_api') {
    const remote = await fetchRemoteSnapshot(session.client, signal);
    return { catalog: remote.catalog, crm: remote.crm, settings: remote, capabilities: settingsApiCapabilities(deps.clock(), remote.crm.connected) };
  }
  return fetchLegacySnapshot(deps, tenantId, session.client, signal);
}

/**
 * A Qontak-kind tenant: what the backend offers (the probe), the catalogs from Mekari's public
 * routes, and the chatbot settings through the signed settings routes only where they exist.
 */
async function fetchQontakSnapshot(deps: TenantSnapshotDeps, tenantId: string, client: BackendApi, signal?: AbortSignal): Promise<TenantSnapshot> {
  const backend = await deps.sessions.qontak(tenantId);
  const capabilities = await backend.probe(signal);
  const catalogs = await backend.pullCatalogs(signal);
  const crmBase = catalogs.crm === 'not_connected' ? QONTAK_CRM_NOT_CONNECTED : catalogs.crm;
  let settings: TenantSnapshot['settings'] = null;
  let botResponses: BotResponse[] = deps.cachedBotResponses(tenantId);
  if (capabilities.botResponses) botResponses = (await client.call('listBotResponses', { signal })).data;
  if (capabilities.settingsRead) {
    const [aiResponse, idleAction, apiConnections] = await Promise.all([
      fetchSingleton(client, 'ai_response', signal),
      fetchSingleton(client, 'idle_action', signal),
      client.call('listApiConnections', { signal }),
    ]);
    const dealSettings = crmBase.connected && capabilities.botResponses ? (await client.call('listDealSettings', { signal })).data : null;
    settings = {
      singletons: { ai_response: aiResponse, idle_action: idleAction },
      collections: {
        api_connection: listedDocuments(apiConnections.data),
        deal_setting: dealSettings === null ? null : listedDocuments(dealSettings),
      },
    };
  }
  return { catalog: catalogs.catalog, crm: checkedCrm({ ...crmBase, botResponses }), settings, capabilities };
}

/**
 * A legacy chat-service tenant: the contract's chat routes (`/divisions`, `/users?role=agent`);
 * the settings routes and the CRM where the backend answers them, otherwise catalogs only.
 */
async function fetchLegacySnapshot(deps: TenantSnapshotDeps, tenantId: string, client: BackendApi, signal?: AbortSignal): Promise<TenantSnapshot> {
  try {
    const remote = await fetchRemoteSnapshot(client, signal);
    return { catalog: remote.catalog, crm: remote.crm, settings: remote, capabilities: settingsApiCapabilities(deps.clock(), remote.crm.connected) };
  } catch (error) {
    if (!(error instanceof BackendError) || error.status !== 404) throw error;
  }
  const [divisions, users] = await Promise.all([client.call('listDivisions', { signal }), client.call('listUsers', { query: { role: 'agent' }, signal })]);
  const catalog = { divisions: divisions.data, agents: users.data.filter((user) => user.role === 'agent').map(({ role: _role, ...agent }) => agent) };
  const capabilities: BackendCapabilities = {
    chatCatalogs: true,
    crmCatalogs: false,
    crmConnected: null,
    settingsRead: false,
    settingsWrite: false,
    botResponses: false,
    publishing: 'change_sheet',
    checkedAt: new Date(deps.clock()).toISOString(),
  };
  return { catalog, crm: checkedCrm({ ...QONTAK_CRM_NOT_CONNECTED, botResponses: deps.cachedBotResponses(tenantId) }), settings: null, capabilities };
}

function checkedCrm(snapshot: CrmCatalogSnapshot): CrmCatalogSnapshot {
  const parsed = crmCatalogSnapshotSchema.safeParse(snapshot);
  if (!parsed.success) throw new BackendError('bad_response', 'The backend’s CRM catalog is inconsistent (duplicate ids or stages of unknown pipelines). Nothing was saved from it.');
  return parsed.data;
}
