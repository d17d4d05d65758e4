import type { ApiConnectionPublic } from '../schemas/api-connection-public';
import type { DealSetting } from '../schemas/crm';
import type { SecretSection } from './change-sheet';
import { reference, text, toggle, type FieldValues, type SheetNames } from './sheet-values';

/** An API connection's plain fields, then a line per secret section it has (never its value). */
export function apiConnectionFields(value: ApiConnectionPublic): FieldValues {
  return [
    ['connectionName', text(value.name)],
    ['description', text(value.description)],
    ['code', text(value.code)],
    ['baseUrl', text(value.baseUrl)],
  ];
}

/** The secret sections a connection has (a section that is absent has nothing to paste). */
export function presentSecretSections(value: ApiConnectionPublic): SecretSection[] {
  const sections: SecretSection[] = [];
  if (value.settingsKeys !== null) sections.push('settings');
  if (value.headers !== null) sections.push('headers');
  if (value.token !== null) sections.push('token');
  return sections;
}

/** A deal setting as the `Edit deal settings` sidebar shows it: a disabled one is only its toggle. */
export function dealSettingFields(value: DealSetting, names: SheetNames): FieldValues {
  const fields: FieldValues = [['dealSetting', toggle(value.enabled)]];
  if (!value.enabled) return fields;
  fields.push(
    ['pipeline', reference(names, 'pipeline', value.pipelineId)],
    ['stage', reference(names, 'stage', value.stageId)],
    ['dealName', text(value.dealName)],
    ['owner', reference(names, 'owner', value.ownerId)],
    ['source', reference(names, 'source', value.sourceId)],
    ['customerContactAssociation', toggle(value.customerContactAssociation)],
  );
  return fields;
}
