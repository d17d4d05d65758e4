import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { jsonEqual } from '../../../../shared/logic/json-path';
import type { MergeConflict } from '../../../../shared/logic/three-way-merge';
import { dealSettingSchema } from '../../../../shared/schemas/crm';
import { readDealSetting } from '../../crm/deal-setting-rows';
import { collectionStatements, type CollectionStatements } from '../../documents/document-store';
import { documentConflict, isDocumentConflict, mergeFields } from './collection-merge';
import type { PullWriter } from './pull-writer';
import type { RemoteDealSetting } from './remote-snapshot';

export interface DealSettingPullDeps {
  db: Database.Database;
  conflictsOf: (documentId: string) => MergeConflict[];
  /** The remote is what this installation sent on top of that base version (DocumentSync.isOwnWrite). */
  isOwnWrite?: (documentId: string, baseVersion: string | null, remote: unknown) => boolean;
}

/**
 * A pull of a tenant's deal settings (inside the pull's transaction), as for API connections
 * without secrets: the remote becomes the base, the draft takes the remote's changes field by
 * field (a mix that is not a valid deal setting leaves every differing field to the user), one the
 * app does not know appears — unless one created here and not yet published is for the same bot
 * response (the backend allows one per bot response: it is the same deal setting) — and one the
 * backend no longer has goes, or, with unpublished changes, is a conflict for the user. Only
 * called when the CRM is connected: otherwise the backend lists none and the drafts stay.
 */
export class DealSettingPull {
  private readonly stmt: CollectionStatements;

  private readonly conflictsOf: (documentId: string) => MergeConflict[];
  private readonly isOwnWrite: NonNullable<DealSettingPullDeps['isOwnWrite']>;

  constructor(deps: DealSettingPullDeps) {
    this.conflictsOf = deps.conflictsOf;
    this.isOwnWrite = deps.isOwnWrite ?? (() => false);
    this.stmt = collectionStatements(deps.db);
  }

  /** Returns how many drafts took remote changes. */
  apply(tenantId: string, remotes: readonly RemoteDealSetting[], writer: PullWriter): number {
    const rows = this.stmt.byTenant.all(tenantId, 'deal_setting');
    const byRemoteId = new Map(rows.filter((row) => row.remote_id !== null).map((row) => [row.remote_id!, row]));
    const unpublished = rows.filter((row) => row.remote_id === null && row.deleted === 0);
    let merged = 0;
    for (const remote of remotes) {
      let row = byRemoteId.get(remote.id);
      if (!row) {
        const index = unpublished.findIndex((candidate) => readDealSetting(candidate.draft_json, candidate).botResponseId === remote.value.botResponseId);
        if (index >= 0) row = unpublished.splice(index, 1)[0];
      }
      if (row && row.remote_id === remote.id && row.base_version === remote.version) continue;
      const remoteJson = JSON.stringify(remote.value);
      if (!row) {
        writer.insert({ id: randomUUID(), tenantId, kind: 'deal_setting', json: remoteJson, remoteId: remote.id, version: remote.version, vaultOwner: null });
        merged++;
        continue;
      }
      // What this installation sent (its answer lost) is its own write: the base for the merge.
      const base = this.isOwnWrite(row.id, row.base_version, remote.value) ? remote.value : row.base_json === null ? null : readDealSetting(row.base_json, row);
      const rebased = { base_json: remoteJson, base_version: remote.version, remote_id: remote.id };
      if (row.deleted === 1) {
        const conflicts = base === null || jsonEqual(base, remote.value) ? [] : [documentConflict(base, null, remote.value)];
        writer.update(row, { ...row, ...rebased, dirty: 1 }, conflicts);
        continue;
      }
      const previous = this.conflictsOf(row.id).filter((c) => !isDocumentConflict(c));
      const draft = readDealSetting(row.draft_json, row);
      const result = mergeFields(base, draft, remote.value, previous, (value) => dealSettingSchema.safeParse(value).success);
      const draftJson = JSON.stringify(result.merged);
      const dirty = jsonEqual(result.merged, remote.value) ? 0 : 1;
      if (writer.update(row, { ...row, ...rebased, draft_json: draftJson, dirty }, result.conflicts)) merged++;
    }
    const listed = new Set(remotes.map((remote) => remote.id));
    for (const row of rows) {
      if (row.remote_id === null || listed.has(row.remote_id)) continue;
      if (row.deleted === 1 || row.dirty === 0) {
        writer.remove(row);
        merged++;
      } else {
        writer.conflicts(row, [documentConflict(row.base_json === null ? null : readDealSetting(row.base_json, row), readDealSetting(row.draft_json, row), null)]);
      }
    }
    return merged;
  }
}
