import type { RouteRecordRaw } from 'vue-router';
// The first screen is in the main bundle: no extra round trip before the tenant list can load.
import TenantListPage from '../pages/TenantListPage.vue';
import { ROUTE_NAMES } from './route-names';

export const routes: RouteRecordRaw[] = [
  { path: '/', name: ROUTE_NAMES.tenants, component: TenantListPage },
  {
    path: '/tenants/:tenantId',
    component: () => import('../pages/TenantWorkspacePage.vue'),
    props: (route) => ({ tenantId: route.params.tenantId }),
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
        path: 'api-integration',
        name: ROUTE_NAMES.apiIntegration,
        component: () => import('../pages/ApiIntegrationPage.vue'),
        props: (route) => ({ tenantId: route.params.tenantId }),
      },
      {
        path: 'api-integration/new',
        name: ROUTE_NAMES.apiConnectionNew,
        component: () => import('../pages/ApiConnectionPage.vue'),
        props: (route) => ({ tenantId: route.params.tenantId, connectionId: null }),
      },
      {
        path: 'api-integration/:connectionId',
        name: ROUTE_NAMES.apiConnectionEdit,
        component: () => import('../pages/ApiConnectionPage.vue'),
        props: (route) => ({ tenantId: route.params.tenantId, connectionId: route.params.connectionId }),
      },
      {
        path: 'crm-integration',
        name: ROUTE_NAMES.crmIntegration,
        component: () => import('../pages/CrmIntegrationPage.vue'),
        props: (route) => ({ tenantId: route.params.tenantId }),
      },
      {
        path: 'history',
        name: ROUTE_NAMES.history,
        component: () => import('../pages/HistoryPage.vue'),
        props: (route) => ({ tenantId: route.params.tenantId }),
      },
    ],
  },
  { path: '/:pathMatch(.*)*', name: ROUTE_NAMES.notFound, component: () => import('../pages/NotFoundPage.vue') },
];
