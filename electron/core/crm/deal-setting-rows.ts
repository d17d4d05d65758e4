import type Database from 'better-sqlite3';
import { jsonEqual } from '../../../shared/logic/json-path';
import { RpcError } from '../../../shared/rpc/rpc-error';
import { dealSettingSchema, type DealSetting } from '../../../shared/schemas/crm';

/**
 * Deal settings are list documents in settings_documents (kind 'deal_setting', many per tenant),
 * like API connections: draft_json is what the user edits, base_json/base_version the state last
 * known on the backend, remote_id the backend's id (migration 005), `deleted` a deletion not yet
 * published. Nothing in them is secret.
 */
export const DEAL_SETTING_KIND = 'deal_setting';

export interface DealSettingRow {
  id: string;
  tenant_id: string;
  draft_json: string;
  base_json: string | null;
  base_version: string | null;
  remote_id: string | null;
  dirty: number;
  deleted: number;
  created_at: number;
  updated_at: number;
}

const COLUMNS = 'id, tenant_id, draft_json, base_json, base_version, remote_id, dirty, deleted, created_at, updated_at';
const KIND = `kind = '${DEAL_SETTING_KIND}'`;

type Statement<P extends unknown[], R = unknown> = Database.Statement<P, R>;

export interface DealSettingStatements {
  byId: Statement<[string, string], DealSettingRow>;
  byTenant: Statement<[string], DealSettingRow>;
  insert: Statement<[string, string, string, number, number]>;
  updateDraft: Statement<[string, number, number, string]>;
  setDeleted: Statement<[number, number, number, string]>;
  /** Deleted deal settings the backend never had: nothing to publish, so they can go. */
  purgeable: Statement<[], Pick<DealSettingRow, 'id' | 'tenant_id'>>;
  remove: Statement<[string]>;
}

export function dealSettingStatements(db: Database.Database): DealSettingStatements {
  return {
    byId: db.prepare(`SELECT ${COLUMNS} FROM settings_documents WHERE id = ? AND tenant_id = ? AND ${KIND}`),
    byTenant: db.prepare(`SELECT ${COLUMNS} FROM settings_documents WHERE tenant_id = ? AND ${KIND} ORDER BY created_at, rowid`),
    insert: db.prepare(
      `INSERT INTO settings_documents (id, tenant_id, kind, draft_json, dirty, created_at, updated_at) VALUES (?, ?, '${DEAL_SETTING_KIND}', ?, 1, ?, ?)`,
    ),
    updateDraft: db.prepare('UPDATE settings_documents SET draft_json = ?, dirty = ?, updated_at = ? WHERE id = ?'),
    setDeleted: db.prepare('UPDATE settings_documents SET deleted = ?, dirty = ?, updated_at = ? WHERE id = ?'),
    purgeable: db.prepare(`SELECT id, tenant_id FROM settings_documents WHERE ${KIND} AND deleted = 1 AND base_json IS NULL`),
    remove: db.prepare('DELETE FROM settings_documents WHERE id = ?'),
  };
}

/** A stored deal setting (draft or base), checked: a damaged one is a clear error, not a crash. */
export function readDealSetting(json: string, row: Pick<DealSettingRow, 'id'>): DealSetting {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw damaged(row.id);
  }
  const parsed = dealSettingSchema.safeParse(value);
  if (!parsed.success) throw damaged(row.id);
  return parsed.data;
}

/**
 * Something to publish: the deletion of what the backend has; a deal setting the backend does
 * not have yet; or a draft that differs from the base (compared as values: the base may come
 * from the backend with its keys in another order).
 */
export function isDirty(row: Pick<DealSettingRow, 'draft_json' | 'base_json' | 'deleted'>): boolean {
  if (row.deleted === 1) return row.base_json !== null;
  if (row.base_json === null) return true;
  return row.draft_json !== row.base_json && !jsonEqual(JSON.parse(row.draft_json), JSON.parse(row.base_json));
}

function damaged(id: string): RpcError {
  return new RpcError('INTERNAL', `The saved deal setting ${id} is damaged and cannot be read.`);
}
