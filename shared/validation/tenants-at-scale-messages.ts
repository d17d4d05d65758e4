import { decodeIssueMessage } from './issue-message';
import { fillPlaceholders, renderIssueMessageEn } from './messages-en';

/**
 * English text of the validation keys of issue #7 (tags, apply to many, import/export, CSV,
 * history). Kept apart from messages-en.ts so that area's table stays as it is; the renderer's
 * locales translate these keys the same way.
 */
export const TENANTS_AT_SCALE_MESSAGES_EN = {
  'tag.required': 'Enter a tag.',
  'tag.tooLong': 'A tag can be at most {max} characters.',
  'tag.charset': 'A tag cannot contain “;”, “,”, “|” or control characters.',
  'tags.required': 'Name at least one tag.',
  'tags.tenants.required': 'Choose at least one tenant.',
  'tags.tooMany': 'A tenant can have at most {max} tags: “{name}” would have {count}.',
  'tenant.notFound': 'This tenant no longer exists.',

  'apply.targets.required': 'Choose at least one target tenant.',
  'apply.connections.required': 'Choose at least one API connection.',
  'apply.target.isSource': 'The source tenant cannot also be a target.',
  'apply.ref.missing': '{what} “{name}” is not in this tenant’s catalog.',
  'apply.ref.notFetched': '{what} “{name}” cannot be found: this tenant’s catalog was never fetched (pull it first).',
  'apply.ref.ambiguous': 'This tenant’s catalog has more than one {what} named “{name}”.',
  'apply.ref.sourceUnknown': 'The source’s {what} {id} is not in its own catalog.',

  'transfer.tenants.required': 'Choose at least one tenant.',
  'transfer.text.required': 'Choose a file.',
  'transfer.file.empty': 'The file is empty (0 bytes).',
  'transfer.file.tooLarge': 'The file is {size} MB; the largest file that can be imported is {max} MB.',
  'transfer.file.notJson': 'The file is not complete JSON: {detail}',
  'transfer.file.notExport': 'This is not a chatbot settings export (its “format” is not “chatbot-settings-export”).',
  'transfer.file.newerVersion': 'The file was made by a newer version of the app (format version {version}); this app reads version {supported}. Update the app.',
  'transfer.file.badVersion': 'The file’s format version is not valid.',
  'transfer.file.unknownField': 'Unknown field “{field}”: the file does not follow the export format.',
  'transfer.file.secret': 'The file holds a secret value at {path}. Exports never carry secrets: remove it (the tenant’s own values stay in its keychain) and import again.',
  'transfer.preview.expired': 'This preview has expired: preview the file again.',

  'csv.text.required': 'Choose a CSV file.',
  'csv.tooLarge': 'The CSV file is too large.',
  'csv.empty': 'The CSV file is empty.',
  'csv.header.missing': 'The first row must name the columns: name, backend URL, tags.',
  'csv.column.name.missing': 'The header has no “name” column (columns: name, backend URL, tags).',
  'csv.column.unknown': 'Unknown column “{column}” (columns: name, backend URL, tags).',
  'csv.column.duplicate': 'The column “{column}” appears twice in the header.',
  'csv.syntax': 'The CSV file cannot be read near line {line}: {detail}',
  'csv.tooManyRows': 'The CSV file has more than {max} rows.',
  'csv.row.columns': 'This row has {count} columns; the header has {expected}.',
  'csv.row.duplicateInFile': 'The name is also on row {row} of this file.',
  'csv.row.duplicateExisting': 'A tenant with this name already exists.',
  'csv.row.unknown': 'There is no row {row} in this file.',
  'csv.row.invalid': 'Row {row} has errors: fix them or leave the row out.',

  'revision.id.invalid': 'This revision id is not valid.',
  'history.documentId.required': 'Choose which document (its id).',
  'history.sameDocument': 'Both revisions must be of the same document.',
} as const;

export type TenantsAtScaleMessageKey = keyof typeof TENANTS_AT_SCALE_MESSAGES_EN;

/** An encoded issue message as English, from this table or the domain's. */
export function renderTenantsAtScaleMessageEn(message: string): string {
  const { key, params } = decodeIssueMessage(message);
  if (Object.prototype.hasOwnProperty.call(TENANTS_AT_SCALE_MESSAGES_EN, key)) {
    return fillPlaceholders(TENANTS_AT_SCALE_MESSAGES_EN[key as TenantsAtScaleMessageKey], params);
  }
  return renderIssueMessageEn(message);
}
