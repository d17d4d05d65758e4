import type { TenantCatalog } from './store/catalog-store';
import type { ApiConnectionInput } from '../../shared/schemas/api-connection';
import type { DealSetting } from '../../shared/schemas/crm';
import { DEMO_DIVISIONS } from '../support/core/demo-catalog';
import { demoCrmCatalog } from '../support/core/demo-crm-catalog';

/**
 * The sandbox's demo data: the accounts documented in README.md and the catalog every demo
 * tenant starts with. Ids are stable so that tests and people can name them. The divisions and the CRM
 * catalog come from the core's demo seed (test/support/core), so that both name the same ids.
 */
export interface DemoTenant {
  username: string;
  password: string;
  name: string;
  crmConnected: boolean;
  /** Starts with one API connection and one deal setting (to see a pull bring something). */
  withDocuments: boolean;
}

export const DEMO_TENANTS: readonly DemoTenant[] = [
  { username: 'admin@acme-retail.test', password: 'acme-sandbox-1', name: 'Acme Retail', crmConnected: true, withDocuments: true },
  { username: 'admin@borneo-travel.test', password: 'borneo-sandbox-1', name: 'Borneo Travel', crmConnected: true, withDocuments: false },
  { username: 'admin@cendana-clinic.test', password: 'cendana-sandbox-1', name: 'Cendana Clinic', crmConnected: false, withDocuments: false },
];

/** The sandbox's owners: the first three of the core's demo CRM catalog (tests name them). */
const SANDBOX_OWNER_COUNT = 3;

export function demoCatalog(): TenantCatalog {
  const crm = demoCrmCatalog();
  return {
    divisions: [DEMO_DIVISIONS.sales, DEMO_DIVISIONS.support, DEMO_DIVISIONS.billing].map((division) => ({ ...division })),
    users: [
      { id: 'agent-ayu', name: 'Ayu Lestari', email: 'ayu@example.test', divisionIds: ['div-sales'], role: 'agent', online: true },
      { id: 'agent-budi', name: 'Budi Santoso', email: 'budi@example.test', divisionIds: ['div-support'], role: 'agent', online: false },
      { id: 'agent-citra', name: 'Citra Dewanti', email: 'citra@example.test', divisionIds: ['div-support', 'div-billing'], role: 'agent', online: true },
      { id: 'agent-dewi', name: 'Dewi Kartika', email: 'dewi@example.test', divisionIds: ['div-sales'], role: 'agent', online: false },
      { id: 'supervisor-eko', name: 'Eko Prasetyo', email: 'eko@example.test', divisionIds: ['div-sales', 'div-support'], role: 'supervisor', online: true },
      { id: 'admin-fajar', name: 'Fajar Nugroho', email: 'fajar@example.test', divisionIds: [], role: 'admin', online: false },
    ],
    pipelines: crm.pipelines,
    owners: crm.owners.slice(0, SANDBOX_OWNER_COUNT),
    sources: crm.sources,
    botResponses: crm.botResponses,
  };
}

export const EMPTY_TENANT_CATALOG: TenantCatalog = { divisions: [], users: [], pipelines: [], owners: [], sources: [], botResponses: [] };

/** What the first demo tenant starts with. The header value is a placeholder, not a credential. */
export const DEMO_API_CONNECTION: ApiConnectionInput = {
  name: 'Jurnal',
  description: 'Accounting: creates invoices for won deals',
  code: 'JURNAL API',
  baseUrl: 'https://api.jurnal.id',
  settings: { owner_email: 'sandbox@qontak.com' },
  headers: { apikey: 'demo-placeholder' },
  token: null,
};

export const DEMO_DEAL_SETTING: DealSetting = {
  botResponseId: 'br-demo',
  enabled: true,
  pipelineId: 'pl-sales',
  stageId: 'st-qualified',
  dealName: 'Demo request from chatbot',
  ownerId: 'owner-ayu',
  sourceId: 'src-chatbot',
  customerContactAssociation: true,
};
