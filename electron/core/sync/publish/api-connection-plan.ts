import { collectionKind } from '../../../../shared/document-kinds';
import { jsonEqual } from '../../../../shared/logic/json-path';
import { apiConnectionScalarsSchema as scalarsSchema } from '../../../../shared/schemas/api-connection';
import type { ApiConnectionPublic } from '../../../../shared/schemas/api-connection-public';
import type { ValidationIssue } from '../../../../shared/schemas/settings-document';
import { readPublicPart } from '../../api-connections/api-connection-rows';
import { toValidationIssues } from '../../validation/invalid-input';
import { SCALAR_FIELDS, SECRET_SECTIONS, type SecretSection } from '../connection-sections';
import { duplicateKeyIssues, type CollectionPlanHooks } from './collection-plan';

/** The backend's name of each secret section (the public part names its settings by their keys). */
const WIRE_SECTION: Record<SecretSection, string> = { settingsKeys: 'settings', headers: 'headers', token: 'token' };


/**
 * How the publish plan judges API connections: a live one's plain fields must pass the rules and
 * its code must be free among the tenant's live connections; its changed fields are the plain
 * fields and secret sections (connectionFields); the plan names it by its name.
 */
export function apiConnectionPlanHooks(): CollectionPlanHooks {
  const descriptor = collectionKind('api_connection');
  return {
    judge(_tenantId, rows) {
      const live = rows.filter((row) => row.deleted === 0).map((row) => ({ id: row.id, value: readPublicPart(row.draft_json, row) }));
      return (row) => {
        const draft = readPublicPart(row.draft_json, row);
        const base = row.base_json === null ? null : readPublicPart(row.base_json, row);
        const issues: ValidationIssue[] = [];
        if (row.deleted === 0) {
          const scalars = scalarsSchema.safeParse(draft);
          if (!scalars.success) issues.push(...toValidationIssues(scalars.error.issues));
          else issues.push(...duplicateKeyIssues(descriptor, draft, live, row.id));
        }
        return { issues, fields: connectionFields(base, draft, row.vault_owner !== row.base_vault_owner), label: draft.name };
      };
    },
  };
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
