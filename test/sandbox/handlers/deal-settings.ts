import { dealSettingSchema, type DealSetting } from '../../../shared/schemas/crm';
import { dealSettingReferenceIssues } from '../../../shared/validation/crm-references';
import { fillPath, WIRE_HEADERS } from '../../../shared/wire/http';
import { WIRE_ROUTES } from '../../../shared/wire/routes';
import { WireHttpError } from '../http/wire-http-error';
import { idempotent } from './idempotent';
import {
  checkVersion,
  collectionResource,
  invalid,
  listAnswer,
  notFound,
  parseBody,
  requireCrm,
  resourceAnswer,
  type AuthedContext,
  type AuthedHandler,
} from './context';

/** Deal settings: one per bot response, references checked against the CRM catalog. */
const KIND = 'deal_setting';
const WHAT = 'Deal setting';

function validDealSetting(ctx: AuthedContext, selfId: string | null): DealSetting {
  const value = parseBody(dealSettingSchema, ctx.body);
  const issues = dealSettingReferenceIssues(value, ctx.stores.catalog.crmView(ctx.tenant.id, ctx.tenant.crmConnected));
  if (issues.length > 0) throw invalid(issues);
  const taken = ctx.stores.documents.list<DealSetting>(ctx.tenant.id, KIND).find((doc) => doc.id !== selfId && doc.value.botResponseId === value.botResponseId);
  if (taken) {
    throw new WireHttpError('conflict', `Bot response ${value.botResponseId} already has a deal setting (${taken.id}).`, {
      issues: [{ path: ['botResponseId'], message: 'dealSetting.botResponse.duplicate' }],
    });
  }
  return value;
}

function existing(ctx: AuthedContext) {
  const id = ctx.params.id ?? '';
  const doc = ctx.stores.documents.get<DealSetting>(ctx.tenant.id, KIND, id);
  if (!doc) throw notFound(WHAT, id);
  return doc;
}

export const listDealSettings: AuthedHandler = (ctx) => {
  requireCrm(ctx);
  return listAnswer(ctx.stores.documents.list(ctx.tenant.id, KIND).map(collectionResource));
};

export const createDealSetting: AuthedHandler = (ctx) => {
  requireCrm(ctx);
  return idempotent(ctx, () => {
    const doc = ctx.stores.documents.insert(ctx.tenant.id, KIND, validDealSetting(ctx, null));
    const location = `${ctx.basePath}${fillPath(WIRE_ROUTES.getDealSetting.path, { id: doc.id })}`;
    return resourceAnswer(201, collectionResource(doc), { [WIRE_HEADERS.location]: location });
  });
};

export const getDealSetting: AuthedHandler = (ctx) => {
  requireCrm(ctx);
  return resourceAnswer(200, collectionResource(existing(ctx)));
};

export const putDealSetting: AuthedHandler = (ctx) => {
  requireCrm(ctx);
  const current = existing(ctx);
  checkVersion(ctx, current.version);
  const updated = ctx.stores.documents.update(ctx.tenant.id, KIND, current.id, validDealSetting(ctx, current.id));
  return resourceAnswer(200, collectionResource(updated ?? current));
};

export const deleteDealSetting: AuthedHandler = (ctx) => {
  requireCrm(ctx);
  const current = existing(ctx);
  checkVersion(ctx, current.version);
  ctx.stores.documents.delete(ctx.tenant.id, KIND, current.id);
  return { status: 204, headers: {} };
};
