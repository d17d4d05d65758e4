import { success } from '../../../shared/wire/envelope';
import { jsonAnswer } from '../http/respond';
import { listAnswer, requireCrm, type AuthedHandler } from './context';

/** The CRM catalog and the chatbot's bot responses. CRM lists need a connected CRM. */
export const getCrmConnection: AuthedHandler = (ctx) => jsonAnswer(200, success({ connected: ctx.tenant.crmConnected }));

export const listPipelines: AuthedHandler = (ctx) => {
  requireCrm(ctx);
  return listAnswer(ctx.stores.catalog.list(ctx.tenant.id, 'pipelines'));
};

export const listOwners: AuthedHandler = (ctx) => {
  requireCrm(ctx);
  return listAnswer(ctx.stores.catalog.list(ctx.tenant.id, 'owners'));
};

export const listSources: AuthedHandler = (ctx) => {
  requireCrm(ctx);
  return listAnswer(ctx.stores.catalog.list(ctx.tenant.id, 'sources'));
};

/** Bot responses belong to the chatbot: listed whether or not the CRM is connected. */
export const listBotResponses: AuthedHandler = (ctx) => listAnswer(ctx.stores.catalog.list(ctx.tenant.id, 'botResponses'));
