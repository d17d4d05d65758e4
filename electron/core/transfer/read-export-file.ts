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
  const raw = parseFileText(body);
  // One walk of the whole value, before anything else walks it (the schema): its nesting (the
  // parser itself is not recursive), the first reserved key and the first secret.
  const found = walkFile(raw);
  if (found.tooDeep) throw refused([{ path: ['text'], message: encodeIssueMessage('json.tooDeep', { max: EXPORT_LIMITS.depthMax }) }]);
  if (!isRecord(raw) || raw.format !== EXPORT_FORMAT) throw refused([{ path: ['format'], message: 'transfer.file.notExport' }]);
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1) {
    throw refused([{ path: ['version'], message: 'transfer.file.badVersion' }]);
  }
  if (raw.version > EXPORT_VERSION) {
    throw refused([{ path: ['version'], message: encodeIssueMessage('transfer.file.newerVersion', { version: raw.version, supported: EXPORT_VERSION }) }]);
  }
  if (found.reserved) throw refused([{ path: found.reserved, message: reservedKeyMessage(String(found.reserved[found.reserved.length - 1])) }]);
  if (found.secret) throw refused([{ path: found.secret, message: encodeIssueMessage('transfer.file.secret', { path: pathText(found.secret) }) }]);
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

/**
 * The file's text parsed. JSON.parse is not recursive, so any nesting parses; the walk after it
 * bounds it. When the text is not JSON, parseJsonText says why (empty, too deeply nested on the
 * text, or where the syntax breaks).
 */
function parseFileText(body: string): unknown {
  try {
    if (body.length > 0) return JSON.parse(body) as unknown;
  } catch {
    // reported below
  }
  const parsed = parseJsonText(body, { maxDepth: EXPORT_LIMITS.depthMax });
  if (parsed.ok) return parsed.value;
  if (parsed.error.kind === 'empty') throw refused([{ path: ['text'], message: 'transfer.file.empty' }]);
  if (parsed.error.kind === 'tooDeep') throw refused([{ path: ['text'], message: parsed.error.message }]);
  throw refused([{ path: ['text'], message: encodeIssueMessage('transfer.file.notJson', { detail: renderIssueMessageEn(parsed.error.message) }) }]);
}

interface FileWalk {
  /** An object or array nested deeper than EXPORT_LIMITS.depthMax. */
  tooDeep: boolean;
  /** The first reserved key (objects in document order, each object's keys before its children). */
  reserved: (string | number)[] | null;
  /** The first key that holds a secret value, in document order. */
  secret: (string | number)[] | null;
}

/**
 * One walk of a parsed file: its depth (stopping at the first object or array too deep), the
 * first reserved key (`__proto__`, …, anywhere) and the first secret value: a key of
 * SECRET_KEYS, or a `headers` object of names to values (the file's headers are a list of
 * {name, set}). The path is one stack, copied only for what is found.
 */
function walkFile(value: unknown): FileWalk {
  const found: FileWalk = { tooDeep: false, reserved: null, secret: null };
  const path: (string | number)[] = [];
  // Whether a key names a secret, by key: a file repeats the same few keys thousands of times.
  const secretKey = new Map<string, boolean>();
  const isSecretKey = (key: string): boolean => {
    let secret = secretKey.get(key);
    if (secret === undefined) secretKey.set(key, (secret = SECRET_KEYS.has(key.toLowerCase())));
    return secret;
  };
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (path.length >= EXPORT_LIMITS.depthMax) {
      found.tooDeep = true;
      return;
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length && !found.tooDeep; i++) {
        path.push(i);
        visit(node[i]);
        path.pop();
      }
      return;
    }
    const record = node as Record<string, unknown>;
    // An object's own keys are checked for a reserved one before its children are visited.
    if (!found.reserved) {
      for (const key in record) {
        if (isReservedKey(key)) {
          found.reserved = [...path, key];
          break;
        }
      }
    }
    for (const key in record) {
      if (found.tooDeep) return;
      // An own `__proto__` key (JSON.parse makes one) is read as the value it holds, not the prototype.
      const child = key === '__proto__' ? (Object.getOwnPropertyDescriptor(record, key)?.value as unknown) : record[key];
      if (!found.secret) {
        if (isSecretKey(key)) found.secret = [...path, key];
        else if (key === 'headers' && isRecord(child) && Object.keys(child).length > 0) found.secret = [...path, key, Object.keys(child)[0]!];
      }
      path.push(key);
      visit(child);
      path.pop();
    }
  };
  visit(value);
  return found;
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
