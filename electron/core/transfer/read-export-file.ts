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
import { compileSchema, REFUSED } from '../validation/compiled-schema';
import type { ImportFileText } from './import-file-text';
import { acceptsNoObject, schemaOpenParts, type OpenPartPath } from './schema-open-parts';
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
 *
 * `onParsed` sees the parsed JSON before any check, as it is (anything at all): a caller may start
 * work that only reads (the store's rows for the file's names), to be used once the checks pass.
 */
export function readExportFile({ text, bytes }: ImportFileText, onParsed?: (value: unknown) => void): ExportDocument {
  if (bytes === 0) throw refused([{ path: ['text'], message: 'transfer.file.empty' }]);
  if (bytes > EXPORT_LIMITS.fileBytesMax) {
    const mb = (n: number) => Math.round((n / (1024 * 1024)) * 10) / 10;
    throw refused([{ path: ['text'], message: encodeIssueMessage('transfer.file.tooLarge', { size: mb(bytes), max: mb(EXPORT_LIMITS.fileBytesMax) }) }]);
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = parseFileText(body);
  onParsed?.(parsed);
  // A file the schema accepts, with nothing to report in what the schema leaves open (checked
  // tenant by tenant as it is parsed), is read in one pass; anything else takes the checks below
  // one by one, on a fresh parse, so that the first problem is reported as always.
  const checked = readInOnePass(parsed);
  if (checked) return checked;
  const raw = checked === null ? parsed : JSON.parse(body);
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

/** Whether the walk reports a key of a strict object by its name alone, or by its value's shape (`headers`). */
function reportedKey(key: string, value: z.ZodTypeAny): boolean {
  return isReservedKey(key) || SECRET_KEYS.has(key.toLowerCase()) || (key === 'headers' && !acceptsNoObject(value));
}

/** Where a tenant sits in the file: `tenants[i]`. */
const TENANT_DEPTH = 2;

/**
 * What exportedTenantSchema leaves open to the walk (the reference names' records): the rest of a
 * tenant it accepts has fixed keys, none of them reported, and a bounded nesting. Null when the
 * schema cannot vouch for that: every file then takes the walk.
 */
const tenantOpenParts = ((): OpenPartPath[] | null => {
  const parts = schemaOpenParts(exportedTenantSchema, reportedKey);
  // The deepest object or array the schema fixes sits at `tenants[i]` and `depth - 1` levels below.
  return parts && TENANT_DEPTH + parts.depth - 1 < EXPORT_LIMITS.depthMax ? parts.open : null;
})();

/**
 * The file read in one pass when nothing is wrong with it: the envelope walked without its tenants
 * and parsed by its schema, then each tenant's open parts walked just before the tenant is parsed
 * (compiled). The walk and the schema then together say what the walk of the whole file would
 * (nothing found) and the parse answers what parseByTenant would. Null when the schema cannot
 * vouch for the tenants, or the file is not an object: nothing was changed in it; false at the
 * first problem, when the tenants parsed so far may have taken their raw values' place.
 */
function readInOnePass(raw: unknown): ExportDocument | null | false {
  const open = tenantOpenParts;
  if (open === null || !isRecord(raw)) return null;
  // The envelope walked with an empty list standing in for its tenants.
  if (hasFinding(walkFile({ ...raw, tenants: [] }))) return false;
  return parseByTenant(raw, (tenant) => openPartsClean(tenant, open)) ?? false;
}

/**
 * Whether the walk finds nothing in a raw tenant's open parts (an open part it cannot reach, the
 * schema refuses). Without building paths: a path is only needed for what the walk reports.
 */
function openPartsClean(tenant: unknown, open: readonly OpenPartPath[]): boolean {
  for (const part of open) if (!reachClean(tenant, part, 0)) return false;
  return true;
}

function reachClean(node: unknown, part: OpenPartPath, at: number): boolean {
  if (node === null || typeof node !== 'object') return true;
  if (at === part.length) return walkClean(node, TENANT_DEPTH + part.length);
  const segment = part[at]!;
  if (segment === '*') {
    if (Array.isArray(node)) for (const item of node) if (!reachClean(item, part, at + 1)) return false;
    return true;
  }
  return Array.isArray(node) || !Object.hasOwn(node, segment) || reachClean((node as Record<string, unknown>)[segment], part, at + 1);
}

/**
 * What walkFile says of a value at `depth` (its path's length), as a yes or no: nothing found (no
 * object or array too deep, no reserved key, no secret), by the same rules, without paths.
 */
function walkClean(node: unknown, depth: number): boolean {
  if (node === null || typeof node !== 'object') return true;
  if (depth >= EXPORT_LIMITS.depthMax) return false;
  if (Array.isArray(node)) {
    for (const item of node) if (!walkClean(item, depth + 1)) return false;
    return true;
  }
  const record = node as Record<string, unknown>;
  for (const key in record) {
    // A reserved key (an own `__proto__` among them) is reported before its value is read.
    if (isReservedKey(key) || isSecretKey(key)) return false;
    const child = record[key];
    if (headerValuesAt(key, child) !== null) return false;
    if (!walkClean(child, depth + 1)) return false;
  }
  return true;
}

function hasFinding(found: FileWalk): boolean {
  return found.tooDeep || found.reserved !== null || found.secret !== null;
}

/** A tenant of the file as exportedTenantSchema parses it, compiled: the file's bulk is its tenants. */
const parseTenant = compileSchema(exportedTenantSchema);

/** The document's schema with the tenants left to be parsed one by one (exportedTenantSchema). */
const envelopeSchema = exportDocumentSchema.innerType().extend({ tenants: z.array(z.unknown()).max(EXPORT_LIMITS.tenantsMax) });

/**
 * The document parsed as exportDocumentSchema would, one tenant at a time: the envelope, then each
 * tenant with the same schema (compiled), its parsed value taking the raw one's place (so the raw tree is let
 * go tenant by tenant instead of living beside a whole second one), then the names taken twice.
 * Null at the first problem (or the first tenant `check` refuses, before it is parsed): the caller
 * parses the whole file again to report it.
 */
function parseByTenant(raw: Record<string, unknown>, check?: (tenant: unknown) => boolean): ExportDocument | null {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) return null;
  const tenants = envelope.data.tenants;
  raw.tenants = tenants; // so that a raw tenant is let go once its parsed value took its place
  const names = new Set<string>();
  for (let i = 0; i < tenants.length; i++) {
    if (check && !check(tenants[i])) return null;
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
        else {
          const header = headerValuesAt(key, child);
          if (header !== null) found.secret = [...path, key, header];
        }
      }
      path.push(key);
      visit(child);
      path.pop();
    }
  };
  visit(value);
  return found;
}

/** The first header name of a `headers` object of names to values (a secret), or null. */
function headerValuesAt(key: string, child: unknown): string | null {
  if (key !== 'headers' || !isRecord(child)) return null;
  for (const name in child) if (Object.hasOwn(child, name)) return name;
  return null;
}

/** Whether a key names a secret, remembered by key (a file repeats the same few keys thousands of times) up to a bound. */
const SECRET_KEY_MEMO = new Map<string, boolean>();
const SECRET_KEY_MEMO_MAX = 1000;

function isSecretKey(key: string): boolean {
  let secret = SECRET_KEY_MEMO.get(key);
  if (secret === undefined) {
    secret = SECRET_KEYS.has(key.toLowerCase());
    if (SECRET_KEY_MEMO.size < SECRET_KEY_MEMO_MAX) SECRET_KEY_MEMO.set(key, secret);
  }
  return secret;
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
