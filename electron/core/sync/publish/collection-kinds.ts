import type Database from 'better-sqlite3';
import { collectionKind, type CollectionKindName } from '../../../../shared/document-kinds';
import type { CrmCatalogView } from '../../../../shared/schemas/crm';
import type { Clock } from '../../clock';
import type { SerialQueue } from '../../vault/serial-queue';
import type { Vault } from '../../vault/vault';
import type { DocumentSync } from '../pull/document-sync';
import type { SecretSets } from '../secret-sets';
import { apiConnectionPlanHooks } from './api-connection-plan';
import { apiConnectionPublishHooks } from './api-connection-publish';
import type { CollectionPlanHooks } from './collection-plan';
import { CollectionPublisher } from './collection-publish';
import type { CommitGroup } from './commit-group';
import { dealSettingPlanHooks } from './deal-setting-plan';
import type { Outbox } from './outbox';
import { plainPublishHooks } from './plain-publish-hooks';

export interface CollectionPlansDeps {
  /** The tenant's cached CRM catalog now (deal settings refer to it). */
  crmCatalog(tenantId: string): CrmCatalogView;
}

/** How the publish plan judges each collection kind. */
export function collectionPlans(deps: CollectionPlansDeps): Record<CollectionKindName, CollectionPlanHooks> {
  return {
    api_connection: apiConnectionPlanHooks(),
    deal_setting: dealSettingPlanHooks({ crmCatalog: deps.crmCatalog }),
  };
}

export interface CollectionPublishersDeps {
  db: Database.Database;
  /** The publish's durable writes, committed together with those of the requests beside it. */
  commits: CommitGroup;
  outbox: Outbox;
  sets: SecretSets;
  vault: Vault;
  /** The core's keychain queue: API connections' secrets are read, and their rows written, inside it. */
  queue: SerialQueue;
  clock: Clock;
  /** Records the 'publish' revision (history). */
  documents: Pick<DocumentSync, 'revision'>;
  /** After a write landed (inside its transaction). */
  onSuccess(tenantId: string): void;
}

/** One generic publisher per collection kind: its descriptor, and its hooks (API connections' keychain secrets; none for deal settings). */
export function collectionPublishers(deps: CollectionPublishersDeps): Record<CollectionKindName, CollectionPublisher> {
  const { sets, vault, queue, ...common } = deps;
  const { commits } = deps;
  return {
    api_connection: new CollectionPublisher({ ...common, descriptor: collectionKind('api_connection'), hooks: apiConnectionPublishHooks({ vault, sets, queue, commits }) }),
    deal_setting: new CollectionPublisher({ ...common, descriptor: collectionKind('deal_setting'), hooks: plainPublishHooks({ commits }) }),
  };
}
