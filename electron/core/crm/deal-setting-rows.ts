import { storedValueReader } from '../documents/stored-value';
import type { CollectionRow } from '../documents/document-store';
import { jsonEqual } from '../../../shared/logic/json-path';
import { dealSettingSchema, type DealSetting } from '../../../shared/schemas/crm';

/**
 * Deal settings are list documents in settings_documents (kind 'deal_setting', many per tenant),
 * like API connections: draft_json is what the user edits, base_json/base_version the state last
 * known on the backend, remote_id the backend's id (migration 005), `deleted` a deletion not yet
 * published. Nothing in them is secret.
 */
export { DEAL_SETTING_KIND } from '../documents/document-store';

/** A stored deal setting (draft or base), checked: a damaged one is a clear error, not a crash. */
export const readDealSetting: (json: string, row: Pick<CollectionRow, 'id'>) => DealSetting = storedValueReader(dealSettingSchema, 'deal setting');

/**
 * Something to publish: the deletion of what the backend has; a deal setting the backend does
 * not have yet; or a draft that differs from the base (compared as values: the base may come
 * from the backend with its keys in another order).
 */
export function isDirty(row: Pick<CollectionRow, 'draft_json' | 'base_json' | 'deleted'>): boolean {
  if (row.deleted === 1) return row.base_json !== null;
  if (row.base_json === null) return true;
  return row.draft_json !== row.base_json && !jsonEqual(JSON.parse(row.draft_json), JSON.parse(row.base_json));
}
