import type Database from 'better-sqlite3';
import { z } from 'zod';
import { jsonEqual, toPointer } from '../../../../shared/logic/json-path';
import { changedPaths, type MergeConflict } from '../../../../shared/logic/three-way-merge';
import { singletonFieldsInUse } from '../../../../shared/logic/fields-in-use';
import { apiBaseUrlSchema, apiConnectionCodeSchema, apiConnectionDescriptionSchema, apiConnectionNameSchema } from '../../../../shared/schemas/api-connection';
import type { ApiConnectionPublic } from '../../../../shared/schemas/api-connection-public';
import type { CrmCatalogView } from '../../../../shared/schemas/crm';
import { SINGLETON_DEFINITIONS, SINGLETON_KINDS, type ValidationIssue } from '../../../../shared/schemas/settings-document';
import type { PlanEntry } from '../../../../shared/schemas/sync';
import { API_CODE_DUPLICATE_KEY, findDuplicateApiCode } from '../../../../shared/validation/api-connection-code';
import { readPublicPart } from '../../api-connections/api-connection-rows';
import { dealSettingPublishIssues } from '../../crm/deal-setting-issues';
import { readDealSetting } from '../../crm/deal-setting-rows';
import { toValidationIssues } from '../../validation/invalid-input';
import { collectionStatements, type CollectionKind, type CollectionRow, type CollectionStatements } from '../../documents/document-store';
import { SCALAR_FIELDS, SECRET_SECTIONS, type SecretSection } from '../connection-sections';
import type { DocumentSync } from '../pull/document-sync';

/** A plan entry with the row it was made from (what publish() writes to the outbox). */
export interface PlannedEntry extends PlanEntry {
  row: { draft_json: string; base_version: string | null; remote_id: string | null; vault_owner: string | null };
}

export interface PlanSources {
  documents: DocumentSync;
  /** The singleton documents' issues as the forms show them. */
  singletonIssues(tenantId: string, kind: (typeof SINGLETON_KINDS)[number]): ValidationIssue[];
  crmCatalog(tenantId: string): CrmCatalogView;
}

/** The backend's name of each secret section (the public part names its settings by their keys). */
const WIRE_SECTION: Record<SecretSection, string> = { settingsKeys: 'settings', headers: 'headers', token: 'token' };

const scalarsSchema = z.object({ name: apiConnectionNameSchema, description: apiConnectionDescriptionSchema, code: apiConnectionCodeSchema, baseUrl: apiBaseUrlSchema });

export interface PublishPlannerDeps {
  db: Database.Database;
  sources: PlanSources;
}

/**
 * What a publish would change on the backend, per document, and whether it can go: ready,
 * invalid (the issues say why: a field the rules refuse, a code used twice, a deal setting's
 * reference the cached CRM catalog no longer has) or conflict (resolve first). Within a tenant,
 * deletions come before updates and updates before creations, so that a code or a bot response
 * freed by one can be taken by another in the same run.
 */
export class PublishPlanner {
  private readonly stmt: CollectionStatements;

  private readonly sources: PlanSources;

  constructor(deps: PublishPlannerDeps) {
    this.sources = deps.sources;
    this.stmt = collectionStatements(deps.db);
  }

  entries(tenantId: string): PlannedEntry[] {
    return [...this.singletons(tenantId), ...ordered([...this.apiConnections(tenantId), ...this.dealSettings(tenantId)])];
  }

  private singletons(tenantId: string): PlannedEntry[] {
    const out: PlannedEntry[] = [];
    for (const kind of SINGLETON_KINDS) {
      const row = this.sources.documents.row(tenantId, kind);
      if (!row || row.dirty === 0) continue;
      const draft = JSON.parse(row.draft_json) as unknown;
      const base = row.base_json === null ? SINGLETON_DEFINITIONS[kind].defaults : (JSON.parse(row.base_json) as unknown);
      const issues = this.sources.singletonIssues(tenantId, kind);
      const inUse = singletonFieldsInUse(kind, draft);
      out.push({
        kind,
        documentId: row.id,
        op: 'update',
        // Only what the chosen mode uses: a Division left from another mode is no change anyone sees.
        fields: changedPaths(base, draft)
          .filter((path) => path.length === 0 || inUse.has(String(path[0])))
          .map(toPointer),
        status: statusOf(this.sources.documents.conflictsOf(row.id), issues),
        issues,
        row: { draft_json: row.draft_json, base_version: row.base_version, remote_id: null, vault_owner: null },
      });
    }
    return out;
  }

  private apiConnections(tenantId: string): PlannedEntry[] {
    const rows = this.stmt.byTenant.all(tenantId, 'api_connection');
    const live = rows.filter((row) => row.deleted === 0).map((row) => ({ id: row.id, code: readPublicPart(row.draft_json, row).code }));
    return rows
      .filter((row) => row.dirty === 1)
      .map((row) => {
        const draft = readPublicPart(row.draft_json, row);
        const base = row.base_json === null ? null : readPublicPart(row.base_json, row);
        const issues: ValidationIssue[] = [];
        if (row.deleted === 0) {
          const scalars = scalarsSchema.safeParse(draft);
          if (!scalars.success) issues.push(...toValidationIssues(scalars.error.issues));
          else if (findDuplicateApiCode(draft.code, live, row.id)) issues.push({ path: ['code'], message: API_CODE_DUPLICATE_KEY });
        }
        return { ...this.collectionEntry(row, issues, row.deleted === 1 ? [] : connectionFields(base, draft, row.vault_owner !== row.base_vault_owner)), label: draft.name };
      });
  }

  private dealSettings(tenantId: string): PlannedEntry[] {
    const catalog = this.sources.crmCatalog(tenantId);
    return this.stmt.dirty.all(tenantId, 'deal_setting').map((row) => {
      const draft = readDealSetting(row.draft_json, row);
      const base = row.base_json === null ? {} : readDealSetting(row.base_json, row);
      const issues = dealSettingPublishIssues(draft, row.deleted === 1, catalog);
      const botResponse = catalog.botResponses.find((candidate) => candidate.id === draft.botResponseId);
      const entry = this.collectionEntry(row, issues, row.deleted === 1 ? [] : changedPaths(base, draft).map(toPointer));
      return botResponse ? { ...entry, label: botResponse.name } : entry;
    });
  }

  private collectionEntry(row: CollectionRow, issues: ValidationIssue[], fields: string[]): PlannedEntry {
    return {
      kind: row.kind as CollectionKind,
      documentId: row.id,
      op: row.deleted === 1 ? 'delete' : row.base_json === null ? 'create' : 'update',
      fields,
      status: statusOf(this.sources.documents.conflictsOf(row.id), issues),
      issues,
      row: { draft_json: row.draft_json, base_version: row.base_version, remote_id: row.remote_id, vault_owner: row.deleted === 1 ? null : row.vault_owner },
    };
  }
}

function statusOf(conflicts: readonly MergeConflict[], issues: readonly ValidationIssue[]): PlanEntry['status'] {
  return conflicts.length > 0 ? 'conflict' : issues.length > 0 ? 'invalid' : 'ready';
}

const OP_ORDER = { delete: 0, update: 1, create: 2 } as const;

function ordered(entries: PlannedEntry[]): PlannedEntry[] {
  return entries.map((entry, index) => ({ entry, index })).sort((a, b) => OP_ORDER[a.entry.op] - OP_ORDER[b.entry.op] || a.index - b.index).map(({ entry }) => entry);
}

/**
 * The backend fields an API connection's publish changes: plain fields that differ, and each
 * secret section whose shape differs — or, when the draft has new secret values (another set than
 * the base's), every section that has values: which of them changed is not read from the keychain.
 */
function connectionFields(base: ApiConnectionPublic | null, draft: ApiConnectionPublic, newValues: boolean): string[] {
  const fields = SCALAR_FIELDS.filter((field) => base === null || base[field] !== draft[field]).map((field) => `/${field}`);
  for (const section of SECRET_SECTIONS) {
    const changed = base === null ? draft[section] !== null : !jsonEqual(base[section], draft[section]) || (newValues && draft[section] !== null);
    if (changed) fields.push(`/${WIRE_SECTION[section]}`);
  }
  return fields;
}
