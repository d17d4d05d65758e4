/**
 * The routes' names, apart from the route table: components link by name without importing the
 * table (which imports the pages, which import those components).
 */
export const ROUTE_NAMES = {
  tenants: 'tenants',
  workspace: 'workspace',
  aiResponse: 'ai-response',
  idleAction: 'idle-action',
  apiIntegration: 'api-integration',
  apiConnectionNew: 'api-connection-new',
  apiConnectionEdit: 'api-connection-edit',
  crmIntegration: 'crm-integration',
  history: 'history',
  notFound: 'not-found',
} as const;
