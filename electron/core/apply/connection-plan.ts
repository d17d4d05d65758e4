import { fieldDiff } from '../../../shared/logic/field-diff';
import type { ApiConnectionPublic } from '../../../shared/schemas/api-connection-public';
import { secretFieldsOf } from '../../../shared/validation/api-connection-secrets';
import { readPublicPart } from '../api-connections/api-connection-rows';
import type { DraftRow } from '../documents/document-store';

/** One source connection as it would land in one target. */
export interface ConnectionPlan {
  sourceId: string;
  /** The target's live connection with the same code (ignoring case), or none: created. */
  existing: DraftRow | null;
  next: ApiConnectionPublic;
  /** Write a fresh keychain set with the source's values (copySecrets); else the target's own set (or none) stays. */
  copySecrets: boolean;
  action: 'create' | 'update' | 'unchanged';
  changes: ReturnType<typeof fieldDiff>;
  notes: string[];
}

/** The public part without secret sections: what a connection is when its values are not copied and the target has none. */
function withoutSecrets(source: ApiConnectionPublic): ApiConnectionPublic {
  return { ...source, settingsKeys: null, headers: source.headers ? source.headers.map((h) => ({ name: h.name, set: false })) : null, token: null };
}

function secretSectionsOf(publicPart: ApiConnectionPublic): string[] {
  const sections: string[] = [];
  if (publicPart.settingsKeys) sections.push('Settings');
  if (publicPart.headers?.some((h) => h.set)) sections.push('Headers');
  if (publicPart.token) sections.push('Token');
  return sections;
}

/**
 * How a source connection applies to a target: matched by code; the non-secret fields come from
 * the source; the secret sections come from the source only with copySecrets, otherwise the
 * target keeps its own (an existing connection) or gets none (a new one), and the notes say so.
 */
export function planConnection(sourceId: string, source: ApiConnectionPublic, targetRows: readonly DraftRow[], copySecrets: boolean): ConnectionPlan {
  const code = source.code.toLowerCase();
  const existing = targetRows.find((row) => row.deleted === 0 && readPublicPart(row.draft_json, row).code.toLowerCase() === code) ?? null;
  const current = existing ? readPublicPart(existing.draft_json, existing) : null;
  const sourceHasSecrets = secretFieldsOf(source).length > 0;
  const notes: string[] = [];
  let next: ApiConnectionPublic;
  if (copySecrets) {
    next = { ...source };
    if (sourceHasSecrets) notes.push('Secret values are copied from the source.');
  } else if (current) {
    next = { ...source, settingsKeys: current.settingsKeys, headers: current.headers, token: current.token };
    if (sourceHasSecrets) notes.push(`Secrets not copied: this tenant keeps its own ${secretSectionsOf(current).join(', ') || 'empty secrets'}.`);
  } else {
    next = withoutSecrets(source);
    const left = secretSectionsOf(source);
    if (left.length > 0) notes.push(`Secrets not copied: ${left.join(', ')} left empty; enter them in this tenant.`);
  }
  const changes = fieldDiff(current ?? {}, next);
  const rewritesSecrets = copySecrets && sourceHasSecrets;
  const action = !existing ? 'create' : changes.length > 0 || rewritesSecrets ? 'update' : 'unchanged';
  return { sourceId, existing, next, copySecrets: rewritesSecrets, action, changes, notes };
}
