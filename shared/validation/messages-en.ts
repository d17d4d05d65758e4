import { decodeIssueMessage } from './issue-message';

/**
 * English text of every validation key. The renderer's English locale uses this table as it is;
 * its Indonesian locale translates the same keys (a unit test checks that none is missing).
 * `{name}`-style placeholders take the issue's parameters.
 */
export const VALIDATION_MESSAGES_EN = {
  'id.invalid': 'This id is not valid.',
  'catalogId.invalid': 'This reference is not valid.',
  'catalog.duplicateId': 'The catalog lists this id twice.',
  'document.kind.invalid': 'Unknown settings area.',

  'tenant.name.required': 'Tenant name is required.',
  'tenant.name.tooLong': 'Tenant name can be at most {max} characters.',
  'tenant.name.duplicate': 'A tenant with this name already exists.',
  'tenant.backendUrl.invalid': 'Backend URL must be a full URL, such as https://service-chat.qontak.com/api/open/v1.',
  'tenant.backendUrl.tooLong': 'Backend URL can be at most {max} characters.',
  'tenant.backendUrl.protocol': 'Backend URL must start with http:// or https://.',
  'tenant.backendUrl.credentials': 'Backend URL must not contain a user name or password.',
  'tenant.backendKind.invalid': 'Choose how the tenant connects: Qontak (Mekari API), Qontak (legacy chat-service) or Chatbot Settings API.',
  'tenant.requestsPerMinute.invalid': 'Requests a minute must be a whole number.',
  'tenant.requestsPerMinute.range': 'Requests a minute must be from 1 to 6000.',
  'tenant.backend.signedIn': 'This tenant is signed in: changing its backend URL or connection kind signs it out first.',
  'appSettings.caFile.invalid': 'Choose a readable PEM file of CA certificates, by its full path.',
  'sync.backendUrl.required': 'Set the backend URL first.',
  'sync.username.required': 'User name is required.',
  'sync.clientId.required': 'Client ID is required.',
  'sync.clientSecret.required': 'Client secret is required.',
  'sync.password.required': 'Password is required.',
  'sync.conflict.unknown': 'This conflict is no longer open: reload the conflicts.',

  'message.type': 'This message must be text.',
  'message.tooLong': 'This message can be at most {max} characters.',
  'message.blank': 'This message cannot be only spaces.',

  'aiResponse.threshold.range': 'Threshold must be a whole number from {min} to {max}.',
  'aiResponse.onThreshold.invalid': 'Choose what happens when the threshold is reached.',
  'aiResponse.division.required': 'Choose a division.',
  'aiResponse.agent.required': 'Choose an agent.',

  'idleAction.action.invalid': 'Choose an idle action.',
  'idleAction.idleHours.range': 'Hours must be a whole number from {min} to {max}.',
  'idleAction.idleMinutes.range': 'Minutes must be a whole number from {min} to {max}.',
  'idleAction.idleTime.zero': 'Customer idle time must be more than 0 minutes.',
  'idleAction.idleTime.tooLong': 'Customer idle time can be at most {maxHours} hours.',
  'idleAction.closingMessage.required': 'Closing message is required.',
  'idleAction.assignTo.invalid': 'Choose how the conversation is assigned.',
  'idleAction.division.required': 'Choose a division.',
  'idleAction.agent.required': 'Choose an agent.',

  'ref.division.removed': 'Division “{name}” is no longer in the catalog.',
  'ref.division.unknown': 'Division {id} is not in the catalog.',
  'ref.agent.removed': 'Agent “{name}” is no longer in the catalog.',
  'ref.agent.unknown': 'Agent {id} is not in the catalog.',

  // CRM Integration: deal settings and the CRM catalog.
  'dealSetting.botResponse.required': 'Choose a bot response.',
  'dealSetting.pipeline.required': 'Choose a pipeline.',
  'dealSetting.stage.required': 'Choose a stage.',
  'dealSetting.dealName.required': 'Deal name is required.',
  'dealSetting.dealName.tooLong': 'Deal name can be at most {max} characters.',
  'dealSetting.owner.required': 'Choose an owner.',
  'dealSetting.source.required': 'Choose a source.',
  'dealSetting.botResponse.duplicate': 'This bot response already has a deal setting.',
  'crm.notConnected': 'The CRM is not connected for this tenant: activate and connect it first.',
  'crm.stage.pipelineUnknown': 'Stage “{name}” names pipeline {pipelineId}, which the CRM does not list.',
  'crm.stage.pipelineMismatch': 'Stage “{name}” is listed under pipeline “{pipeline}” but names another pipeline.',
  'ref.pipeline.removed': 'Pipeline “{name}” is no longer in the CRM.',
  'ref.pipeline.unknown': 'Pipeline {id} is not in the CRM catalog.',
  'ref.stage.removed': 'Stage “{name}” of pipeline “{pipeline}” is no longer in the CRM.',
  'ref.stage.unknown': 'Stage {id} is not in the CRM catalog.',
  'ref.stage.wrongPipeline': 'Stage “{name}” does not belong to pipeline “{pipeline}”.',
  'ref.owner.removed': 'Owner “{name}” is no longer in the CRM.',
  'ref.owner.unknown': 'Owner {id} is not in the CRM catalog.',
  'ref.source.removed': 'Source “{name}” is no longer in the CRM.',
  'ref.source.unknown': 'Source {id} is not in the CRM catalog.',
  'ref.botResponse.removed': 'Bot response “{name}” is no longer in the chatbot.',
  'ref.botResponse.unknown': 'Bot response {id} is not in the chatbot catalog.',

  // API Integration: JSON typed as text, and API connections.
  'json.empty': 'Enter a JSON value.',
  'json.syntax': 'This is not valid JSON: check line {line}, column {column}.',
  'json.unexpectedEnd': 'The JSON ends too early (line {line}, column {column}): close every quote, bracket and brace.',
  'json.tooLarge': 'This JSON is too long: at most {max} characters.',
  'apiConnection.name.required': 'Connection name is required.',
  'apiConnection.name.tooLong': 'Connection name can be at most {max} characters.',
  'apiConnection.description.required': 'Description is required.',
  'apiConnection.description.tooLong': 'Description can be at most {max} characters.',
  'apiConnection.code.required': 'Code is required.',
  'apiConnection.code.tooLong': 'Code can be at most {max} characters.',
  'apiConnection.code.charset': 'Code may use letters, digits, spaces, “_”, “-” and “.”, and must start with a letter or digit.',
  'apiConnection.code.duplicate': 'Another API connection of this tenant already uses this code (codes ignore upper and lower case).',
  'apiConnection.baseUrl.required': 'Base URL is required.',
  'apiConnection.baseUrl.tooLong': 'Base URL can be at most {max} characters.',
  'apiConnection.baseUrl.invalid': 'Base URL must be a full URL without spaces, such as https://api.jurnal.id.',
  'apiConnection.baseUrl.protocol': 'Base URL must start with https://.',
  'apiConnection.baseUrl.insecure': 'Base URL must use https:// (http:// is allowed only for localhost and 127.0.0.1).',
  'apiConnection.baseUrl.credentials': 'Base URL must not contain a user name or password: put credentials in Headers or Token.',
  'apiConnection.baseUrl.fragment': 'Base URL must not contain a “#” fragment.',
  'apiConnection.settings.notObject': 'Settings must be a JSON object, such as {"owner_email":"sandbox@qontak.com"}.',
  'apiConnection.settings.notJson': 'Settings must hold only JSON values, nested at most {maxDepth} levels.',
  'apiConnection.settings.tooLarge': 'Settings are too large: at most {maxKiB} KiB of JSON.',
  'apiConnection.settings.tooManyKeys': 'Settings can have at most {max} keys.',
  'apiConnection.settings.keyInvalid': 'Each Settings key must be non-blank text of at most {max} characters, without control characters.',
  'apiConnection.headers.notObject': 'Headers must be a JSON object of header name to value, such as {"apikey":"xxxxxxxx"}.',
  'apiConnection.headers.tooMany': 'Headers can have at most {max} entries.',
  'apiConnection.headers.name': 'A header name may use only letters, digits and !#$%&\'*+-.^_`|~ (no spaces or colons), at most {max} characters.',
  'apiConnection.headers.reserved': 'Header “{name}” is set by the app itself and cannot be configured.',
  'apiConnection.headers.duplicate': 'Header “{name}” appears more than once (header names ignore upper and lower case).',
  'apiConnection.headers.valueType': 'The value of header “{name}” must be text (in quotes).',
  'apiConnection.headers.valueInvalid': 'The value of header “{name}” cannot contain line breaks or control characters.',
  'apiConnection.headers.valueTooLong': 'The value of header “{name}” can be at most {max} characters.',
  'apiConnection.token.notObject': 'Token must be a JSON object with token_type, access_token, expires_in, refresh_token and created_at.',
  'apiConnection.token.field.required': 'Token must have “{field}”.',
  'apiConnection.token.field.string': 'Token “{field}” must be text (in quotes).',
  'apiConnection.token.field.tooLong': 'Token “{field}” can be at most {max} characters.',
  'apiConnection.token.field.invalid': 'Token “{field}” cannot contain line breaks or control characters.',
  'apiConnection.token.field.integer': 'Token “{field}” must be a whole number from {min} to {max} (not in quotes).',
  'apiConnection.token.field.unknown': 'Token has an unknown field “{field}”: only token_type, access_token, expires_in, refresh_token and created_at are allowed.',
  'apiConnection.token.tokenType.invalid': 'Token “token_type” must be one word, such as bearer.',
  'apiConnection.token.createdAt.range': 'Token “created_at” must be a Unix time in seconds (a whole number from {min} to {max}), not milliseconds.',
  'apiConnection.testPath.invalid': 'The test path must start with “/” and contain no spaces or “#”, such as /v1/status.',
  'apiConnection.testPath.tooLong': 'The test path can be at most {max} characters.',

  // The shared rule for user-visible text, reserved keys, JSON nesting, the Backend URL's https rule.
  'text.control': 'Remove the control character {char}: this text can hold only letters, digits, spaces and punctuation on one line.',
  'text.control.multiline': 'Remove the control character {char}: this text can hold letters, digits, spaces, punctuation, line breaks and tabs.',
  'text.surrogate': 'This text holds a broken character ({char}, half of a character pair): retype it.',
  'text.bidi': 'Remove the text-direction control character {char}: it makes the text read differently from what it is.',
  'text.invisible': 'This text has only invisible characters (such as zero-width spaces): enter visible text.',
  'text.empty': 'Enter some text.',
  'key.reserved': '“{key}” cannot be used as a name or key: choose another one.',
  'json.tooDeep': 'This JSON is too deeply nested: at most {max} levels of objects and arrays inside each other.',
  'tenant.backendUrl.insecure': 'Use https:// for the Backend URL (http:// is allowed only for localhost, 127.0.0.1 and [::1]): the password and tokens travel to it.',
  'tenant.backendUrl.fragment': 'Backend URL must not contain a “#” fragment.',
  'tenant.backendUrl.required': 'Enter the Backend URL.',

  // Tags, apply to many, import/export, CSV and history. `{what}` is an English catalog word
  // ("Division", "agent") that the renderer translates.
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

export type ValidationMessageKey = keyof typeof VALIDATION_MESSAGES_EN;

export function isValidationMessageKey(key: string): key is ValidationMessageKey {
  return Object.prototype.hasOwnProperty.call(VALIDATION_MESSAGES_EN, key);
}

/** Fills `{name}` placeholders; unknown placeholders stay as they are. */
export function fillPlaceholders(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** An encoded issue message as English text (for RPC errors and logs). */
export function renderIssueMessageEn(message: string): string {
  const { key, params } = decodeIssueMessage(message);
  return isValidationMessageKey(key) ? fillPlaceholders(VALIDATION_MESSAGES_EN[key], params) : message;
}
