import { z } from 'zod';
import { RpcError } from '../../../shared/rpc/rpc-error';
import {
  EXPORT_FORMAT,
  EXPORT_LIMITS,
  EXPORT_VERSION,
  exportDocumentSchema,
  exportedTenantSchema,
  type ExportDocument,
  type ExportedTenant,
} from '../../../shared/schemas/export-document';
import type { ValidationIssue } from '../../../shared/schemas/settings-document';
import { encodeIssueMessage } from '../../../shared/validation/issue-message';
import { parseJsonText } from '../../../shared/validation/json-text';
import { findJsonShapeProblem } from '../../../shared/validation/json-value';
import { renderIssueMessageEn } from '../../../shared/validation/messages-en';
import { compileSchema, REFUSED } from './compiled-schema';
import { isReservedKey, reservedKeyMessage } from '../../../shared/validation/reserved-keys';

/** Keys that never appear in an export file: finding one means a secret value is in it. */
const SECRET_KEYS = new Set(['settings', 'access_token', 'refresh_token', 'password', 'secret', 'value', 'values', 'token_value', 'apikey']);

/**
 * Reads an import file, validating the WHOLE file before anything is done with it, in this order:
 * size (in bytes, before parsing: empty, over 50 MB), JSON (truncated, malformed, too deeply
 * nested), reserved keys (`__proto__`, `constructor`, `prototype`, anywhere), what it is
 * (format), its version (newer: update the app), any secret value (refused, never stripped
 * silently), then the strict schema (unknown fields, bad values). Each failure is INVALID_INPUT
 * with a clear message and the issues; nothing has been changed.
 */
export function readExportFile(text: string): ExportDocument {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes === 0) throw refused([{ path: ['text'], message: 'transfer.file.empty' }]);
  if (bytes > EXPORT_LIMITS.fileBytesMax) {
    const mb = (n: number) => Math.round((n / (1024 * 1024)) * 10) / 10;
    throw refused([{ path: ['text'], message: encodeIssueMessage('transfer.file.tooLarge', { size: mb(bytes), max: mb(EXPORT_LIMITS.fileBytesMax) }) }]);
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // The nesting is bounded on the text, before anything walks the value (the secret search, the schema).
  const parsed = parseJsonText(body, { maxDepth: EXPORT_LIMITS.depthMax });
  if (!parsed.ok) {
    if (parsed.error.kind === 'empty') throw refused([{ path: ['text'], message: 'transfer.file.empty' }]);
    if (parsed.error.kind === 'tooDeep') throw refused([{ path: ['text'], message: parsed.error.message }]);
    throw refused([{ path: ['text'], message: encodeIssueMessage('transfer.file.notJson', { detail: renderIssueMessageEn(parsed.error.message) }) }]);
  }
  const raw = parsed.value;
  if (!isRecord(raw) || raw.format !== EXPORT_FORMAT) throw refused([{ path: ['format'], message: 'transfer.file.notExport' }]);
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1) {
    throw refused([{ path: ['version'], message: 'transfer.file.badVersion' }]);
  }
  if (raw.version > EXPORT_VERSION) {
    throw refused([{ path: ['version'], message: encodeIssueMessage('transfer.file.newerVersion', { version: raw.version, supported: EXPORT_VERSION }) }]);
  }
  const shape = findJsonShapeProblem(raw, EXPORT_LIMITS.depthMax, isReservedKey);
  if (shape) {
    const message = shape.kind === 'reservedKey' ? reservedKeyMessage(shape.key) : encodeIssueMessage('json.tooDeep', { max: EXPORT_LIMITS.depthMax });
    throw refused([{ path: shape.path, message }]);
  }
  const secret = findSecret(raw, []);
  if (secret) throw refused([{ path: secret, message: encodeIssueMessage('transfer.file.secret', { path: pathText(secret) }) }]);
  const document = parseByTenant(raw);
  if (document) return document;
  // Something is wrong: the whole file through the document's schema, from a fresh parse of the
  // text (the walk above replaced tenants by their parsed values), so the issues are exactly the
  // schema's, in its order.
  const result = exportDocumentSchema.safeParse(JSON.parse(body));
  if (!result.success) throw refused(result.error.issues.flatMap(issuesOf));
  return result.data;
}

/** A tenant of the file as exportedTenantSchema parses it, compiled: the file's bulk is its tenants. */
const parseTenant = compileSchema(exportedTenantSchema);

/** The document's schema with the tenants left to be parsed one by one (exportedTenantSchema). */
const envelopeSchema = exportDocumentSchema.innerType().extend({ tenants: z.array(z.unknown()).max(EXPORT_LIMITS.tenantsMax) });

/**
 * The document parsed as exportDocumentSchema would, one tenant at a time: the envelope, then each
 * tenant with the same schema (compiled), its parsed value taking the raw one's place (so the raw tree is let
 * go tenant by tenant instead of living beside a whole second one), then the names taken twice.
 * Null at the first problem: the caller parses the whole file again to report it.
 */
function parseByTenant(raw: Record<string, unknown>): ExportDocument | null {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) return null;
  const tenants = envelope.data.tenants;
  raw.tenants = tenants; // so that a raw tenant is let go once its parsed value took its place
  const names = new Set<string>();
  for (let i = 0; i < tenants.length; i++) {
    const tenant = parseTenant(tenants[i]);
    if (tenant === REFUSED) return null;
    tenants[i] = tenant;
    // The document schema's rule for a name taken twice (its refinement), on the same key.
    const key = tenant.name.normalize('NFC').toLowerCase();
    if (names.has(key)) return null;
    names.add(key);
  }
  return { ...envelope.data, tenants: tenants as ExportedTenant[] };
}

function issuesOf(issue: z.ZodIssue): ValidationIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: [...issue.path, key], message: encodeIssueMessage('transfer.file.unknownField', { field: pathText([...issue.path, key]) }) }));
  }
  return [{ path: issue.path, message: issue.message }];
}

function findSecret(value: unknown, path: (string | number)[]): (string | number)[] | null {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findSecret(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (!isRecord(value)) return null;
  for (const [key, child] of Object.entries(value)) {
    if (SECRET_KEYS.has(key.toLowerCase())) return [...path, key];
    // Headers are a list of {name, set}; a name → value object is a header map with its values.
    if (key === 'headers' && isRecord(child) && Object.keys(child).length > 0) return [...path, key, Object.keys(child)[0]!];
    const found = findSecret(child, [...path, key]);
    if (found) return found;
  }
  return null;
}

function pathText(path: readonly (string | number)[]): string {
  return path.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('') || '(top)';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refused(issues: ValidationIssue[]): RpcError {
  const shown = issues.slice(0, 3).map((issue) => renderIssueMessageEn(issue.message));
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more problems)` : '';
  return new RpcError('INVALID_INPUT', `The file cannot be imported; nothing was changed. ${shown.join(' ')}${more}`, issues);
}
