import type { RouteRecordRaw } from 'vue-router';

export const ROUTE_NAMES = {
  tenants: 'tenants',
  workspace: 'workspace',
  aiResponse: 'ai-response',
  idleAction: 'idle-action',
  crmIntegration: 'crm-integration',
  notFound: 'not-found',
} as const;

export const routes: RouteRecordRaw[] = [
  { path: '/', name: ROUTE_NAMES.tenants, component: () => import('../pages/TenantListPage.vue') },
  {
    path: '/tenants/:tenantId',
    component: () => import('../pages/TenantWorkspacePage.vue'),
    props: true,
    children: [
      { path: '', name: ROUTE_NAMES.workspace, redirect: (to) => ({ name: ROUTE_NAMES.aiResponse, params: to.params }) },
      {
        path: 'ai-response',
        name: ROUTE_NAMES.aiResponse,
        component: () => import('../pages/SettingsPage.vue'),
        props: (route) => ({ tenantId: route.params.tenantId, kind: 'ai_response' }),
      },
      {
        path: 'idle-action',
        name: ROUTE_NAMES.idleAction,
        component: () => import('../pages/SettingsPage.vue'),
        props: (route) => ({ tenantId: route.params.tenantId, kind: 'idle_action' }),
      },
      {
        path: 'crm-integration',
        name: ROUTE_NAMES.crmIntegration,
        component: () => import('../pages/CrmIntegrationPage.vue'),
        props: (route) => ({ tenantId: route.params.tenantId }),
      },
    ],
  },
  { path: '/:pathMatch(.*)*', name: ROUTE_NAMES.notFound, component: () => import('../pages/NotFoundPage.vue') },
];
