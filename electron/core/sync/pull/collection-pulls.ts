import type Database from 'better-sqlite3';
import { collectionKind, type CollectionKindName } from '../../../../shared/document-kinds';
import type { MergeConflict } from '../../../../shared/logic/three-way-merge';
import { readDealSetting } from '../../crm/deal-setting-rows';
import type { SecretSets } from '../secret-sets';
import { apiConnectionPullHooks } from './api-connection-pull';
import { CollectionPull } from './collection-pull';
import type { SentOnto } from './document-sync';
import { plainPullHooks } from './plain-pull-hooks';
import type { CollectionPreparer } from './pull-tenant';

export interface CollectionPullsDeps {
  db: Database.Database;
  sets: SecretSets;
  conflictsOf: (documentId: string) => MergeConflict[];
  /** What this installation sent for a document on top of a base version (Outbox.sentOnto). */
  sentOnto: SentOnto;
  /** The remote is what this installation sent on top of that base version (DocumentSync.isOwnWrite). */
  isOwnWrite: (documentId: string, baseVersion: string | null, remote: unknown) => boolean;
}

/** One generic pull per collection kind: its descriptor, and its hooks (API connections' keychain sets; none for deal settings). */
export function collectionPulls(deps: CollectionPullsDeps): Record<CollectionKindName, CollectionPreparer> {
  const { db, conflictsOf } = deps;
  const dealSetting = collectionKind('deal_setting');
  return {
    api_connection: new CollectionPull({
      db,
      descriptor: collectionKind('api_connection'),
      conflictsOf,
      hooks: apiConnectionPullHooks({ sets: deps.sets, sentOnto: deps.sentOnto }),
    }),
    deal_setting: new CollectionPull({
      db,
      descriptor: dealSetting,
      conflictsOf,
      hooks: plainPullHooks({ descriptor: dealSetting, read: readDealSetting, isOwnWrite: deps.isOwnWrite }),
    }),
  };
}
