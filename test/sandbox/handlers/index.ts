import type { RouteHandlers } from './context';
import { oauthToken } from './oauth';
import { health, listDivisions, listUsers } from './directory';
import { getAiResponse, getIdleAction, putAiResponse, putIdleAction } from './settings';
import { createApiConnection, deleteApiConnection, getApiConnection, listApiConnections, putApiConnection } from './api-connections';
import { getCrmConnection, listBotResponses, listOwners, listPipelines, listSources } from './crm';
import { createDealSetting, deleteDealSetting, getDealSetting, listDealSettings, putDealSetting } from './deal-settings';

/** One handler per route of shared/wire/routes.ts: the type makes a missing one a compile error. */
export const ROUTE_HANDLERS: RouteHandlers = {
  oauthToken,
  health,
  listDivisions,
  listUsers,
  getAiResponse,
  putAiResponse,
  getIdleAction,
  putIdleAction,
  listApiConnections,
  createApiConnection,
  getApiConnection,
  putApiConnection,
  deleteApiConnection,
  getCrmConnection,
  listPipelines,
  listOwners,
  listSources,
  listBotResponses,
  listDealSettings,
  createDealSetting,
  getDealSetting,
  putDealSetting,
  deleteDealSetting,
};
