import { isPlainRecord, jsonEqual, toPointer } from '../../../shared/logic/json-path';
import type { ApiConnectionPublic } from '../../../shared/schemas/api-connection-public';
import { LEGACY_DEFAULT_BACKEND_KIND, type BackendKind } from '../../../shared/schemas/backend-kind';
import type { ExportedTenant, ImportTenantPreview } from '../../../shared/schemas/export-document';
import { SINGLETON_DEFINITIONS, type SingletonKind } from '../../../shared/schemas/settings-document';
import { TAG_LIMITS } from '../../../shared/schemas/tags';
import { secretFieldsOf } from '../../../shared/validation/api-connection-secrets';
import { renderIssueMessageEn } from '../../../shared/validation/messages-en';
import { readPublicPart } from '../api-connections/api-connection-rows';
import { mapReferencesByName } from '../apply/reference-mapping';
import { API_CONNECTION_KIND, type DraftRow } from '../documents/document-store';
import { PreviewRowParts } from './preview-row-parts';
import { NO_STORED_CATALOG, type StoredTenant } from './import-slice-query';

const KIND_LABEL: Record<SingletonKind, string> = { ai_response: 'AI Response', idle_action: 'Idle Action' };

const SINGLETON_KINDS: readonly SingletonKind[] = ['ai_response', 'idle_action'];
/** A tenant without connections reads this empty map (never written: it has no rows to add). */
const NO_CONNECTIONS = new Map<string, { row: DraftRow; current: ApiConnectionPublic }>();

const POINTER_ESCAPED = /[~/]/;

/** Pointer segments of the keys met so far (a schema's few keys, met thousands of times), up to a bound. */
const SEGMENTS = new Map<string, string>();
const SEGMENTS_MAX = 1000;

function pointerSegment(key: string): string {
  let segment = SEGMENTS.get(key);
  if (segment === undefined) {
    segment = POINTER_ESCAPED.test(key) ? toPointer([key]) : `/${key}`;
    if (SEGMENTS.size < SEGMENTS_MAX) SEGMENTS.set(key, segment);
  }
  return segment;
}

/**
 * The changed fields as JSON Pointers: fieldDiff's pointers (changedPaths, toPointer) in its order,
 * without its values, each pointer built as the walk goes down.
 */
function changedFields(before: unknown, after: unknown, pointer = '', out: string[] = []): string[] {
  if (isPlainRecord(before) && isPlainRecord(after)) {
    // Per key, the before's keys first, then the after's others (two equal objects give none).
    for (const key in before) if (Object.hasOwn(before, key)) changedFields(before[key], after[key], join(pointer, key), out);
    for (const key in after) if (Object.hasOwn(after, key) && !Object.hasOwn(before, key)) changedFields(undefined, after[key], join(pointer, key), out);
  } else if (!jsonEqual(before, after)) out.push(pointer);
  return out;
}

function join(pointer: string, key: string): string {
  return pointer === '' ? pointerSegment(key) : pointer + pointerSegment(key);
}

export interface SingletonWrite {
  kind: SingletonKind;
  existing: DraftRow | null;
  /** The new draft (written as JSON when the import applies). */
  value: unknown;
}
export interface ConnectionWrite {
  existing: DraftRow | null;
  next: ApiConnectionPublic;
}
export interface TenantPlan {
  preview: ImportTenantPreview;
  file: ExportedTenant;
  urlChanged: boolean;
  /** The tenant's backend (URL or kind) changes: its session ends. */
  backendChanged: boolean;
  kind: BackendKind;
  /** The tenant had a backend, so its session (if any) ends. */
  signsOut: boolean;
  newTags: string[];
  singletons: SingletonWrite[];
  connections: ConnectionWrite[];
}

/**
 * What importing a slice of a file's tenants would do, given what the store holds of them (read
 * for the slice at once: import-stored-slice.ts): per tenant (matched by name, ignoring case) what
 * is created or changed, with the drafts to write. It reads nothing itself, so that it runs beside
 * the store as well as with it.
 *
 * `offset`: the slice's first tenant's position in the file; `parts`: the preview's shared row
 * parts (a preview planned in slices passes the same one to each).
 */
export function planSlice(files: readonly ExportedTenant[], stored: readonly (StoredTenant | null)[], offset: number, parts: PreviewRowParts = new PreviewRowParts()): TenantPlan[] {
  return files.map((file, i) => planTenant(file, offset + i, stored[i] ?? null, parts));
}

function planTenant(file: ExportedTenant, index: number, stored: StoredTenant | null, parts: PreviewRowParts): TenantPlan {
  const existing = stored?.row ?? null;
  const catalog = stored?.catalog ?? NO_STORED_CATALOG;
  const tenantId = existing?.id ?? null;
  const warnings: string[] = [];
  const changes: ImportTenantPreview['changes'] = [];
  const currentTags = stored?.tags ?? [];
  let newTags = file.tags.filter((tag) => !currentTags.includes(tag));
  const room = TAG_LIMITS.tagsPerTenantMax - currentTags.length;
  if (newTags.length > room) {
    warnings.push(`Tags ${newTags.slice(Math.max(0, room)).join(', ')} are left out: a tenant can have at most ${TAG_LIMITS.tagsPerTenantMax} tags.`);
    newTags = newTags.slice(0, Math.max(0, room));
  }
  const urlChanged = existing !== null && existing.backend_url !== file.backendUrl;
  const kind = file.backendKind ?? existing?.backend_kind ?? LEGACY_DEFAULT_BACKEND_KIND;
  const kindChanged = existing !== null && existing.backend_kind !== kind;
  const backendChanged = urlChanged || kindChanged;
  // A tenant without a URL never signed in anywhere: nothing to end.
  const signsOut = backendChanged && existing !== null && existing.backend_url !== null;
  if (urlChanged && signsOut) warnings.push(`Backend URL changes: ${existing.backend_url ?? '(none)'} → ${file.backendUrl ?? '(none)'}; this tenant will be signed out.`);
  else if (kindChanged && signsOut) warnings.push(`Connection kind changes: ${existing.backend_kind} → ${kind}; this tenant will be signed out.`);
  if (!existing) changes.push({ area: 'tenant', label: file.name, action: 'create', fields: parts.fields(['/name', '/backendUrl', ...(file.tags.length ? ['/tags'] : [])]) });
  else if (backendChanged || newTags.length > 0) {
    changes.push({ area: 'tenant', label: file.name, action: 'update', fields: parts.fields([...(urlChanged ? ['/backendUrl'] : []), ...(kindChanged ? ['/backendKind'] : []), ...(newTags.length ? ['/tags'] : [])]) });
  }

  const singletons: SingletonWrite[] = [];
  for (const kind of SINGLETON_KINDS) {
    const value = kind === 'ai_response' ? file.aiResponse : file.idleAction;
    if (value === null) continue;
    const mapped = mapReferencesByName(kind, value, (list, id) => file.referenceNames[list][id] ?? null, catalog);
    for (const problem of mapped.problems) warnings.push(`${KIND_LABEL[kind]}: ${renderIssueMessageEn(problem.message)}`);
    const row = stored?.drafts.find((draft) => draft.kind === kind && draft.deleted === 0) ?? null;
    const current: unknown = row ? JSON.parse(row.draft_json) : SINGLETON_DEFINITIONS[kind].defaults;
    const fields = changedFields(current, mapped.value);
    if (fields.length === 0 && row) continue;
    singletons.push({ kind, existing: row, value: mapped.value });
    changes.push(parts.change(kind, KIND_LABEL[kind], row ? 'update' : 'create', fields));
  }

  const rows = file.apiConnections.length > 0 ? (stored?.drafts.filter((row) => row.kind === API_CONNECTION_KIND && row.deleted === 0) ?? []) : [];
  // Each existing connection's public part read once, by its code (ignoring case); the first of a code wins.
  const byCode = rows.length > 0 ? new Map<string, { row: DraftRow; current: ApiConnectionPublic }>() : NO_CONNECTIONS;
  for (const row of rows) {
    const current = readPublicPart(row.draft_json, row);
    const code = current.code.toLowerCase();
    if (!byCode.has(code)) byCode.set(code, { row, current });
  }
  const connections: ConnectionWrite[] = [];
  for (const connection of file.apiConnections) {
    const found = byCode.get(connection.code.toLowerCase());
    const row = found?.row ?? null;
    const current = found?.current ?? null;
    const next = current
      ? { ...connection, settingsKeys: current.settingsKeys, headers: current.headers, token: current.token }
      : { ...connection, settingsKeys: null, headers: connection.headers ? connection.headers.map((h) => ({ name: h.name, set: false })) : null, token: null };
    const label = parts.connectionLabel(connection.name, connection.code);
    if (!current) {
      // Values the file says are set (any settings key, a header value, the token): not in it.
      if (connection.token || connection.settingsKeys || connection.headers?.some((header) => header.set)) {
        warnings.push(parts.warning('valuesNotInFile', label, (named) => `API connection ${named}: Settings, Headers values and Token are not in the file; enter them in this tenant.`));
      }
    } else if (secretFieldsOf(current).join('\n') !== secretFieldsOf(connection).join('\n')) {
      warnings.push(parts.warning('keepsOwnValues', label, (named) => `API connection ${named}: this tenant keeps its own Settings, Headers and Token (the file's differ).`));
    }
    const fields = changedFields(current ?? {}, next);
    if (fields.length === 0 && row) continue;
    connections.push({ existing: row, next });
    changes.push(parts.change('api_connection', label, row ? 'update' : 'create', fields));
  }
  const action = !existing ? 'create' : changes.length > 0 ? 'update' : 'unchanged';
  return { preview: { index, name: file.name, action, tenantId, changes, warnings }, file, urlChanged, backendChanged, kind, signsOut, newTags, singletons, connections };
}
