import type { z } from 'zod';
import type { WireRouteKey, WireRoutes } from '../../../shared/wire/routes';
import { success } from '../../../shared/wire/envelope';
import { formatEtag, type IfMatch, WIRE_HEADERS } from '../../../shared/wire/http';
import type { ValidationIssue } from '../../../shared/schemas/settings-document';
import { renderIssueMessageEn } from '../../../shared/validation/messages-en';
import type { Stores } from '../store/stores';
import type { TenantRow } from '../store/tenant-store';
import type { StoredDocument } from '../store/document-store';
import { jsonAnswer, type Answer } from '../http/respond';
import { WireHttpError } from '../http/wire-http-error';

/** What a route handler gets. Handlers are synchronous: they run inside one SQLite transaction. */
export interface HandlerContext {
  stores: Stores;
  key: WireRouteKey;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON (or form) body, not yet validated. */
  body: unknown;
  /** Parsed `If-Match` on routes that need it (its absence was answered with 428 already). */
  ifMatch: IfMatch | null;
  idempotencyKey: string | null;
  /** Absolute path of the API base, for Location headers. */
  basePath: string;
}

export type AuthedContext = HandlerContext & { tenant: TenantRow };
export type AuthedHandler = (ctx: AuthedContext) => Answer;
export type PublicHandler = (ctx: HandlerContext) => Answer;

/** Every route of the contract has a handler; authenticated ones get the tenant. */
export type RouteHandlers = { [K in WireRouteKey]: WireRoutes[K]['auth'] extends true ? AuthedHandler : PublicHandler };

function summarize(issues: ValidationIssue[]): string {
  const first = issues[0];
  if (!first) return 'The request body is not valid.';
  const where = first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `The request body is not valid: ${where}${renderIssueMessageEn(first.message)}${more}`;
}

export function invalid(issues: ValidationIssue[]): WireHttpError {
  return new WireHttpError('validation_failed', summarize(issues), { issues });
}

/** Parses with a shared schema; a failure answers 400 with the field issues (validation keys). */
export function parseBody<S extends z.ZodTypeAny>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message })));
  return parsed.data as z.output<S>;
}

/** 412 unless `If-Match` names the current version (or is `*`). */
export function checkVersion(ctx: HandlerContext, current: string): void {
  const ifMatch = ctx.ifMatch;
  if (!ifMatch || ifMatch.kind === 'any') return;
  if (ifMatch.kind === 'versions' && ifMatch.versions.includes(current)) return;
  throw new WireHttpError(
    'version_mismatch',
    `The resource has changed: its current version is ${current}. Fetch it, merge, and try again.`,
    { currentVersion: current },
    { [WIRE_HEADERS.etag]: formatEtag(current) },
  );
}

export function requireCrm(ctx: AuthedContext): void {
  if (!ctx.tenant.crmConnected) {
    throw new WireHttpError('crm_not_connected', 'The CRM is not connected for this tenant: activate and connect it first.');
  }
}

export function notFound(what: string, id: string): WireHttpError {
  return new WireHttpError('not_found', `${what} ${id} does not exist.`);
}

export const singletonResource = <T>(doc: StoredDocument<T>) => ({ version: doc.version, updatedAt: doc.updatedAt, value: doc.value });
export const collectionResource = <T>(doc: StoredDocument<T>) => ({ id: doc.id, version: doc.version, createdAt: doc.createdAt, updatedAt: doc.updatedAt, value: doc.value });

export function resourceAnswer(status: number, resource: { version: string }, headers: Record<string, string> = {}): Answer {
  return jsonAnswer(status, success(resource), { [WIRE_HEADERS.etag]: formatEtag(resource.version), ...headers });
}

export function listAnswer(items: unknown[]): Answer {
  return jsonAnswer(200, success(items));
}
