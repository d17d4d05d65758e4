import type { RpcChannel, RpcOutput, RpcParsedInput } from '../../../shared/rpc/contract';
import type { CoreServices } from '../core-services';

export interface AppInfo {
  version: string;
  dataDir: string;
  transport: 'electron' | 'host';
}

/** One handler per channel; the input is already parsed by the channel's schema. */
export type RpcHandlers = { [C in RpcChannel]: (input: RpcParsedInput<C>) => RpcOutput<C> };

export function createHandlers(services: CoreServices, info: AppInfo): RpcHandlers {
  const { tenants, documents, catalog } = services;
  return {
    'app.info': () => ({ ...info }),
    'tenants.list': ({ query }) => tenants.list(query),
    'tenants.get': ({ id }) => tenants.get(id),
    'tenants.create': (input) => tenants.create(input),
    'tenants.update': (input) => tenants.update(input),
    'tenants.delete': ({ id }) => tenants.delete(id),
    'settings.get': ({ tenantId, kind }) => documents.get(tenantId, kind),
    'settings.saveDraft': (input) => documents.saveDraft(input),
    'settings.discardDraft': ({ tenantId, kind }) => documents.discardDraft(tenantId, kind),
    'catalog.get': ({ tenantId }) => catalog.get(tenantId),
  };
}
