import type { AiResponse } from '../schemas/ai-response';
import type { ApiConnectionPublic } from '../schemas/api-connection-public';
import type { DealSetting } from '../schemas/crm';
import type { IdleAction } from '../schemas/idle-action';
import type { ChangeSheet, SecretSection, SheetHeldBack, SheetLine, SheetStamp, SheetStep } from './change-sheet';
import { apiConnectionFields, dealSettingFields, presentSecretSections } from './collection-fields';
import { aiResponseFields, idleActionFields } from './singleton-fields';
import { changedFields, type FieldValues, type SheetNames } from './sheet-values';
import { WEB_APP_AREAS, type SheetArea } from './web-app-terms';

/** Why a document cannot go on the sheet now (the same reasons that hold back a publish). */
export type HoldBack = 'invalid' | 'conflict' | null;

interface DocumentInput<V> {
  documentId: string;
  /** The state last applied to the web app (pulled, published or marked as applied); null: never. */
  base: V | null;
  draft: V;
  updatedAt: string | null;
  holdBack: HoldBack;
}

export interface ListDocumentInput<V> extends DocumentInput<V> {
  /** Deleted locally: the web app's entry is to be deleted (when it was ever applied). */
  deleted: boolean;
}

export interface ApiConnectionInput extends ListDocumentInput<ApiConnectionPublic> {
  /** Secret sections whose values differ from the last applied ones (the vault knows; this module never sees values). */
  changedSecrets: SecretSection[];
}

export interface ChangeSheetInput {
  tenantId: string;
  tenantName: string;
  generatedAt: string;
  names: SheetNames;
  aiResponse: DocumentInput<AiResponse>;
  idleAction: DocumentInput<IdleAction>;
  apiConnections: ApiConnectionInput[];
  dealSettings: Array<ListDocumentInput<DealSetting>>;
}

function lines(stepId: string, previous: FieldValues | null, next: FieldValues): SheetLine[] {
  return changedFields(previous, next).map(({ field, value, before }) => ({ id: `${stepId}:${field}`, field, value, before }));
}

function secretLines(stepId: string, sections: SecretSection[]): SheetLine[] {
  return sections.map((section) => ({ id: `${stepId}:${section}`, field: section, value: { type: 'secret', section }, before: null }));
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/**
 * The change sheet of one tenant: per area, the web app's menu path (WEB_APP_MENU + the area),
 * what to open, the fields to set with their new values (names, never ids), and the button to
 * press; only what differs from the last applied state. Documents held back (invalid drafts,
 * unresolved conflicts) are listed apart, not on the sheet.
 */
export function buildChangeSheet(input: ChangeSheetInput): ChangeSheet {
  const steps: SheetStep[] = [];
  const heldBack: SheetHeldBack[] = [];
  const stamps: SheetStamp[] = [];
  const { names } = input;

  const hold = (area: SheetArea, doc: DocumentInput<unknown>, name: string): boolean => {
    if (doc.holdBack === null) return false;
    heldBack.push({ area, documentId: doc.documentId, name, reason: doc.holdBack });
    return true;
  };

  const singleton = <V>(area: 'ai_response' | 'idle_action', doc: DocumentInput<V>, fieldsOf: (value: V) => FieldValues) => {
    if (hold(area, doc, WEB_APP_AREAS[area])) return;
    const changed = lines(area, doc.base === null ? null : fieldsOf(doc.base), fieldsOf(doc.draft));
    if (changed.length === 0) return;
    steps.push({ id: area, area, documentId: doc.documentId, target: null, start: null, lines: changed, finish: 'save' });
    stamps.push({ documentId: doc.documentId, updatedAt: doc.updatedAt });
  };
  singleton('ai_response', input.aiResponse, (value) => aiResponseFields(value, names));
  singleton('idle_action', input.idleAction, (value) => idleActionFields(value, names));

  const connections = input.apiConnections
    .map((doc) => ({ doc, name: (doc.base ?? doc.draft).name }))
    .sort(byName);
  for (const { doc, name } of connections) {
    if (hold('api_integration', doc, name)) continue;
    const stepId = `api_integration:${doc.documentId}`;
    let step: SheetStep | null = null;
    if (doc.deleted) {
      if (doc.base !== null) step = { id: stepId, area: 'api_integration', documentId: doc.documentId, target: { change: 'delete', name }, start: 'delete', lines: [], finish: null };
    } else if (doc.base === null) {
      const all = [...lines(stepId, null, apiConnectionFields(doc.draft)), ...secretLines(stepId, presentSecretSections(doc.draft))];
      step = { id: stepId, area: 'api_integration', documentId: doc.documentId, target: { change: 'add', name: doc.draft.name }, start: 'addApiConnection', lines: all, finish: 'add' };
    } else {
      const changed = [...lines(stepId, apiConnectionFields(doc.base), apiConnectionFields(doc.draft)), ...secretLines(stepId, doc.changedSecrets)];
      if (changed.length > 0) step = { id: stepId, area: 'api_integration', documentId: doc.documentId, target: { change: 'edit', name }, start: 'edit', lines: changed, finish: 'save' };
    }
    if (step === null) continue;
    steps.push(step);
    stamps.push({ documentId: doc.documentId, updatedAt: doc.updatedAt });
  }

  const deals = input.dealSettings
    .map((doc) => ({ doc, name: names.botResponse(doc.draft.botResponseId) ?? doc.draft.botResponseId }))
    .sort(byName);
  for (const { doc, name } of deals) {
    if (hold('crm_integration', doc, name)) continue;
    const stepId = `crm_integration:${doc.documentId}`;
    let step: SheetStep | null = null;
    if (doc.deleted) {
      if (doc.base !== null) step = { id: stepId, area: 'crm_integration', documentId: doc.documentId, target: { change: 'delete', name }, start: 'deleteDealSettings', lines: [], finish: null };
    } else {
      const changed = lines(stepId, doc.base === null ? null : dealSettingFields(doc.base, names), dealSettingFields(doc.draft, names));
      const change = doc.base === null ? 'add' : 'edit';
      if (changed.length > 0) step = { id: stepId, area: 'crm_integration', documentId: doc.documentId, target: { change, name }, start: 'editDealSettings', lines: changed, finish: 'saveChanges' };
    }
    if (step === null) continue;
    steps.push(step);
    stamps.push({ documentId: doc.documentId, updatedAt: doc.updatedAt });
  }

  return { tenantId: input.tenantId, tenantName: input.tenantName, generatedAt: input.generatedAt, steps, heldBack, stamps };
}
