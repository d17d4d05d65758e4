import { useI18n } from 'vue-i18n';
import { fromPointer } from '../../../../shared/logic/json-path';
import type { CatalogView } from '../../../../shared/schemas/catalog';
import type { SyncDocumentKind } from '../../../../shared/schemas/sync';

/** Field labels the forms already use, by document kind and top-level field. */
const FIELD_LABELS: Record<SyncDocumentKind, Record<string, string>> = {
  ai_response: {
    threshold: 'aiResponse.threshold',
    onThreshold: 'aiResponse.whenReached',
    divisionId: 'aiResponse.division',
    agentId: 'aiResponse.agent',
    handoverMessage: 'aiResponse.handoverMessage',
  },
  idle_action: {
    action: 'idleAction.action',
    idleHours: 'sync.fields.idleHours',
    idleMinutes: 'sync.fields.idleMinutes',
    assignTo: 'idleAction.assignTo',
    divisionId: 'idleAction.division',
    agentId: 'idleAction.agent',
    closingMessage: 'idleAction.closingMessage',
  },
  api_connection: {
    name: 'apiIntegration.form.name',
    description: 'apiIntegration.form.description',
    code: 'apiIntegration.form.code',
    baseUrl: 'apiIntegration.form.baseUrl',
    settings: 'apiIntegration.form.settings',
    headers: 'apiIntegration.form.headers',
    token: 'apiIntegration.form.token',
  },
  deal_setting: {
    botResponseId: 'crm.list.botResponse',
    enabled: 'crm.sheet.enabled',
    pipelineId: 'crm.sheet.pipeline',
    stageId: 'crm.sheet.stage',
    dealName: 'crm.sheet.dealName',
    ownerId: 'crm.sheet.owner',
    sourceId: 'crm.sheet.source',
    customerContactAssociation: 'crm.sheet.contact',
  },
};

/** Fields whose values are choices with their own labels. */
const CHOICE_LABELS: Partial<Record<SyncDocumentKind, Record<string, string>>> = {
  ai_response: { onThreshold: 'aiResponse.modes' },
  idle_action: { action: 'idleAction.actions', assignTo: 'idleAction.targets' },
};

/** A pointer's segments; one that is not a pointer is its own single segment. */
function segments(pointer: string): string[] {
  try {
    return fromPointer(pointer);
  } catch {
    return [pointer];
  }
}

const CATALOG_FIELDS: Record<string, 'divisions' | 'agents'> = { divisionId: 'divisions', agentId: 'agents' };

/** Names fields and shows values the way the forms do, falling back to the raw pointer and JSON. */
export function useFieldText() {
  const { t, te } = useI18n();

  function fieldLabel(kind: SyncDocumentKind, pointer: string): string {
    const [head, ...rest] = segments(pointer);
    const key = head === undefined ? undefined : FIELD_LABELS[kind]?.[head];
    const label = key && te(key) ? t(key) : (head ?? pointer);
    return rest.length > 0 ? `${label} › ${rest.join(' › ')}` : label;
  }

  function valueText(kind: SyncDocumentKind, pointer: string, value: unknown, catalog?: CatalogView | null): string {
    if (value === null || value === undefined || value === '') return t('sync.conflicts.empty');
    const [head] = segments(pointer);
    const choices = head === undefined ? undefined : CHOICE_LABELS[kind]?.[head];
    if (choices && typeof value === 'string' && te(`${choices}.${value}`)) return t(`${choices}.${value}`);
    const list = head === undefined ? undefined : CATALOG_FIELDS[head];
    if (list && typeof value === 'string' && catalog) {
      const entry = catalog[list].find((candidate) => candidate.id === value);
      if (entry) return entry.name;
    }
    if (typeof value === 'boolean') return t(value ? 'sync.values.yes' : 'sync.values.no');
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    return JSON.stringify(value);
  }

  function kindLabel(kind: SyncDocumentKind): string {
    return t(`sync.kinds.${kind}`);
  }

  return { fieldLabel, valueText, kindLabel };
}
