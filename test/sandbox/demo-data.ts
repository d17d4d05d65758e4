import type { TenantCatalog } from './store/catalog-store';
import type { ApiConnectionInput } from '../../shared/schemas/api-connection';
import type { DealSetting } from '../../shared/schemas/crm';

/**
 * The sandbox's demo data: the accounts documented in README.md and the catalog every demo
 * tenant starts with. Ids are stable so that tests and people can name them.
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

export function demoCatalog(): TenantCatalog {
  const stages = (pipelineId: string, list: [string, string][]) => list.map(([id, name]) => ({ id, name, pipelineId }));
  return {
    divisions: [
      { id: 'div-sales', name: 'Sales' },
      { id: 'div-support', name: 'Customer Support' },
      { id: 'div-billing', name: 'Billing' },
    ],
    users: [
      { id: 'agent-ayu', name: 'Ayu Lestari', email: 'ayu@example.test', divisionIds: ['div-sales'], role: 'agent', online: true },
      { id: 'agent-budi', name: 'Budi Santoso', email: 'budi@example.test', divisionIds: ['div-support'], role: 'agent', online: false },
      { id: 'agent-citra', name: 'Citra Dewanti', email: 'citra@example.test', divisionIds: ['div-support', 'div-billing'], role: 'agent', online: true },
      { id: 'agent-dewi', name: 'Dewi Kartika', email: 'dewi@example.test', divisionIds: ['div-sales'], role: 'agent', online: false },
      { id: 'supervisor-eko', name: 'Eko Prasetyo', email: 'eko@example.test', divisionIds: ['div-sales', 'div-support'], role: 'supervisor', online: true },
      { id: 'admin-fajar', name: 'Fajar Nugroho', email: 'fajar@example.test', divisionIds: [], role: 'admin', online: false },
    ],
    pipelines: [
      {
        id: 'pl-sales',
        name: 'Sales pipeline',
        stages: stages('pl-sales', [
          ['st-new', 'New lead'],
          ['st-qualified', 'Qualified'],
          ['st-proposal', 'Proposal sent'],
          ['st-won', 'Won'],
          ['st-lost', 'Lost'],
        ]),
      },
      {
        id: 'pl-partner',
        name: 'Partnerships',
        stages: stages('pl-partner', [
          ['st-partner-lead', 'Lead'],
          ['st-partner-nego', 'Negotiation'],
          ['st-partner-signed', 'Signed'],
        ]),
      },
    ],
    owners: [
      { id: 'owner-ayu', name: 'Ayu Lestari', email: 'ayu@example.test' },
      { id: 'owner-dewi', name: 'Dewi Kartika', email: 'dewi@example.test' },
      { id: 'owner-gilang', name: 'Gilang Pratama' },
    ],
    sources: [
      { id: 'src-chatbot', name: 'Chatbot' },
      { id: 'src-whatsapp', name: 'WhatsApp' },
      { id: 'src-website', name: 'Website' },
      { id: 'src-instagram', name: 'Instagram' },
    ],
    botResponses: [
      { id: 'br-pricing', name: 'Ask for pricing', text: 'Our plans start at Rp 99.000 a month. Shall I connect you with sales?' },
      { id: 'br-demo', name: 'Book a demo', text: 'Happy to arrange a demo: which day suits you?' },
      { id: 'br-order', name: 'Track an order', text: 'Please send your order number.' },
      { id: 'br-complaint', name: 'File a complaint', text: 'Sorry to hear that. Tell us what happened.' },
    ],
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
