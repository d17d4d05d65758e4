import type { CrmCatalogSnapshot, CrmStage } from '../../../shared/schemas/crm';

/**
 * A CRM catalog for demos, tests and end-to-end runs. The sandbox's demo tenants
 * (test/sandbox/demo-data.ts) take theirs from here, with only the first three owners; the longer
 * owner list keeps the pickers long enough to be searchable.
 */
function stages(pipelineId: string, list: readonly (readonly [string, string])[]): CrmStage[] {
  return list.map(([id, name]) => ({ id, name, pipelineId }));
}

export const DEMO_CRM_CATALOG: CrmCatalogSnapshot = {
  connected: true,
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
    { id: 'owner-hana', name: 'Hana Wijayanti', email: 'hana@example.test' },
    { id: 'owner-indra', name: 'Indra Kusuma', email: 'indra@example.test' },
    { id: 'owner-joko', name: 'Joko Susilo' },
    { id: 'owner-kartini', name: 'Kartini Sari', email: 'kartini@example.test' },
    { id: 'owner-lukman', name: 'Lukman Hakim', email: 'lukman@example.test' },
    { id: 'owner-maya', name: 'Maya Anggraini' },
    { id: 'owner-nanda', name: 'Nanda Putra', email: 'nanda@example.test' },
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

/** A fresh copy, so that a caller may change it (drop a stage to simulate a removal in the CRM). */
export function demoCrmCatalog(): CrmCatalogSnapshot {
  return structuredClone(DEMO_CRM_CATALOG);
}

/** The same tenant's catalog when its CRM is not connected: bot responses only. */
export function disconnectedCrmCatalog(): CrmCatalogSnapshot {
  return { connected: false, pipelines: [], owners: [], sources: [], botResponses: structuredClone(DEMO_CRM_CATALOG.botResponses) };
}
