import { apiConnectionSchema, type ApiConnection } from '../../../shared/schemas/api-connection';
import { API_CODE_DUPLICATE_KEY, findDuplicateApiCode } from '../../../shared/validation/api-connection-code';
import { fillPath, WIRE_HEADERS } from '../../../shared/wire/http';
import { WIRE_ROUTES } from '../../../shared/wire/routes';
import { WireHttpError } from '../http/wire-http-error';
import { idempotent } from './idempotent';
import { checkVersion, collectionResource, listAnswer, notFound, parseBody, resourceAnswer, type AuthedContext, type AuthedHandler } from './context';

/** The API connections collection. Values include their secrets: the backend needs them. */
const KIND = 'api_connection';
const WHAT = 'API connection';

function checkCodeUnique(ctx: AuthedContext, value: ApiConnection, selfId: string | null): void {
  const existing = ctx.stores.documents.list<ApiConnection>(ctx.tenant.id, KIND).map((doc) => ({ id: doc.id, code: doc.value.code }));
  const duplicate = findDuplicateApiCode(value.code, existing, selfId);
  if (duplicate) {
    throw new WireHttpError('conflict', `Another API connection already uses the code “${duplicate.code}”.`, {
      issues: [{ path: ['code'], message: API_CODE_DUPLICATE_KEY }],
    });
  }
}

function existing(ctx: AuthedContext) {
  const id = ctx.params.id ?? '';
  const doc = ctx.stores.documents.get<ApiConnection>(ctx.tenant.id, KIND, id);
  if (!doc) throw notFound(WHAT, id);
  return doc;
}

export const listApiConnections: AuthedHandler = (ctx) => listAnswer(ctx.stores.documents.list(ctx.tenant.id, KIND).map(collectionResource));

export const createApiConnection: AuthedHandler = (ctx) =>
  idempotent(ctx, () => {
    const value = parseBody(apiConnectionSchema, ctx.body);
    checkCodeUnique(ctx, value, null);
    const doc = ctx.stores.documents.insert(ctx.tenant.id, KIND, value);
    const location = `${ctx.basePath}${fillPath(WIRE_ROUTES.getApiConnection.path, { id: doc.id })}`;
    return resourceAnswer(201, collectionResource(doc), { [WIRE_HEADERS.location]: location });
  });

export const getApiConnection: AuthedHandler = (ctx) => resourceAnswer(200, collectionResource(existing(ctx)));

export const putApiConnection: AuthedHandler = (ctx) => {
  const current = existing(ctx);
  checkVersion(ctx, current.version);
  const value = parseBody(apiConnectionSchema, ctx.body);
  checkCodeUnique(ctx, value, current.id);
  const updated = ctx.stores.documents.update(ctx.tenant.id, KIND, current.id, value);
  return resourceAnswer(200, collectionResource(updated ?? current));
};

export const deleteApiConnection: AuthedHandler = (ctx) => {
  const current = existing(ctx);
  checkVersion(ctx, current.version);
  ctx.stores.documents.delete(ctx.tenant.id, KIND, current.id);
  return { status: 204, headers: {} };
};

