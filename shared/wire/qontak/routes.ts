/**
 * Where Mekari's public API serves what the app needs (all GET), and the hosts it lives on.
 * Pure constants: the app's Qontak client, the capability probe and the sandbox's Qontak mode
 * all use these.
 */
export const QONTAK_HOSTS = {
  production: 'https://api.mekari.com',
  staging: 'https://api.mekari.io',
} as const;

export const QONTAK_PATHS = {
  divisions: '/qontak/chat/v1/divisions',
  users: '/qontak/chat/v1/users',
  crmPipelines: '/qontak/crm/pipelines',
  crmPipelineStages: '/qontak/crm/pipelines/{id}/stages',
  crmDealsInfo: '/qontak/crm/deals/info',
} as const;

/**
 * This project's own Chatbot Settings API (api/openapi.json) as a Qontak-kind backend may offer
 * it beside the Mekari routes: the contract's paths under this prefix, HMAC-signed like every
 * other request. Mekari itself serves nothing here (a 404 means "not offered").
 */
export const QONTAK_SETTINGS_API_PREFIX = '/qontak/chatbot-settings/v1';

/** Paths (under the prefix) the capability probe looks at. */
export const QONTAK_SETTINGS_PROBE_PATHS = {
  settings: '/chatbot/settings/ai-response',
  botResponses: '/chatbot/bot-responses',
} as const;

/** Headers of the Mekari API besides the HMAC pair. */
export const QONTAK_HEADERS = {
  date: 'Date',
  authorization: 'Authorization',
  /** CRM routes: the `sso_id` of the user the CRM acts for. */
  crmUserSsoId: 'X-Crm-User-Sso-Id',
  requestId: 'x-request-id',
  retryAfter: 'Retry-After',
} as const;

/** The deal form's fields (GET deals/info) the CRM catalog is read from. */
export const QONTAK_DEAL_FIELDS = {
  owner: 'creator_id',
  source: 'crm_source_id',
} as const;
