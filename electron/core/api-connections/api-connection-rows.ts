import type Database from 'better-sqlite3';
import { RpcError } from '../../../shared/rpc/rpc-error';
import { apiConnectionPublicSchema, type ApiConnectionPublic } from '../../../shared/schemas/api-connection-public';

/**
 * API connections are list documents in settings_documents (kind 'api_connection', many per
 * tenant). draft_json and base_json hold only the PUBLIC part (apiConnectionPublicSchema): names,
 * code, base URL, settings keys, header names, the token's non-secret fields. The secret values
 * are in the vault under vault_owner (the draft's set) and base_vault_owner (the base's).
 */
export const API_CONNECTION_KIND = 'api_connection';

export interface ApiConnectionRow {
  id: string;
  tenant_id: string;
  draft_json: string;
  base_json: string | null;
  base_version: string | null;
  dirty: number;
  deleted: number;
  vault_owner: string | null;
  base_vault_owner: string | null;
  created_at: number;
  updated_at: number;
}

const COLUMNS = 'id, tenant_id, draft_json, base_json, base_version, dirty, deleted, vault_owner, base_vault_owner, created_at, updated_at';
const KIND = `kind = '${API_CONNECTION_KIND}'`;

type Statement<P extends unknown[], R = unknown> = Database.Statement<P, R>;

export interface ApiConnectionStatements {
  byId: Statement<[string, string], ApiConnectionRow>;
  byTenant: Statement<[string], ApiConnectionRow>;
  insert: Statement<[string, string, string, number, string | null, number, number]>;
  updateDraft: Statement<[string, number, string | null, number, string]>;
  setDeleted: Statement<[number, number, number, string]>;
  /** Deleted connections the backend never had: nothing to publish, so they can go. */
  purgeable: Statement<[], Pick<ApiConnectionRow, 'id' | 'tenant_id' | 'vault_owner'>>;
  remove: Statement<[string]>;
  /** Every keychain owner the store still points at. */
  owners: Statement<[], { tenant_id: string; owner: string }>;
}

export function apiConnectionStatements(db: Database.Database): ApiConnectionStatements {
  return {
    byId: db.prepare(`SELECT ${COLUMNS} FROM settings_documents WHERE id = ? AND tenant_id = ? AND ${KIND}`),
    byTenant: db.prepare(`SELECT ${COLUMNS} FROM settings_documents WHERE tenant_id = ? AND ${KIND} ORDER BY created_at, id`),
    insert: db.prepare(
      `INSERT INTO settings_documents (id, tenant_id, kind, draft_json, dirty, vault_owner, created_at, updated_at)
       VALUES (?, ?, '${API_CONNECTION_KIND}', ?, ?, ?, ?, ?)`,
    ),
    updateDraft: db.prepare('UPDATE settings_documents SET draft_json = ?, dirty = ?, vault_owner = ?, updated_at = ? WHERE id = ?'),
    setDeleted: db.prepare('UPDATE settings_documents SET deleted = ?, dirty = ?, updated_at = ? WHERE id = ?'),
    purgeable: db.prepare(`SELECT id, tenant_id, vault_owner FROM settings_documents WHERE ${KIND} AND deleted = 1 AND base_json IS NULL`),
    remove: db.prepare('DELETE FROM settings_documents WHERE id = ?'),
    owners: db.prepare(
      `SELECT tenant_id, vault_owner AS owner FROM settings_documents WHERE vault_owner IS NOT NULL
       UNION SELECT tenant_id, base_vault_owner AS owner FROM settings_documents WHERE base_vault_owner IS NOT NULL`,
    ),
  };
}

/** The public part a row holds, checked: a damaged one is a clear error, not a crash. */
export function readPublicPart(json: string, row: Pick<ApiConnectionRow, 'id'>): ApiConnectionPublic {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw damaged(row.id);
  }
  const parsed = apiConnectionPublicSchema.safeParse(value);
  if (!parsed.success) throw damaged(row.id);
  return parsed.data;
}

/**
 * Something to publish: a deletion of what the backend has; a connection the backend does not
 * have yet; or a draft (public part or secret set) that differs from the base.
 */
export function isDirty(row: Pick<ApiConnectionRow, 'draft_json' | 'base_json' | 'deleted' | 'vault_owner' | 'base_vault_owner'>): boolean {
  if (row.deleted === 1) return row.base_json !== null;
  return row.base_json === null || row.draft_json !== row.base_json || row.vault_owner !== row.base_vault_owner;
}

function damaged(id: string): RpcError {
  return new RpcError('INTERNAL', `The saved API connection ${id} is damaged and cannot be read.`);
}
