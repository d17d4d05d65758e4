import type { AiResponse } from '../../shared/schemas/ai-response';
import type { IdleAction } from '../../shared/schemas/idle-action';
import type { CatalogSnapshot } from '../../shared/schemas/catalog';
import type { Core } from '../../electron/core/open-core';
import { demoCatalog } from '../support/core/demo-catalog';

const PREFIXES = ['PT', 'CV', 'Toko', 'Klinik', 'Koperasi'];
const WORDS = ['Maju', 'Jaya', 'Sentosa', 'Abadi', 'Makmur', 'Sejahtera', 'Nusantara', 'Berkah', 'Mandiri', 'Lestari'];

export interface BenchTenant {
  id: string;
  name: string;
  backendUrl: string;
  catalog: CatalogSnapshot;
  aiResponse: AiResponse;
  idleAction: IdleAction;
}

export function tenantName(i: number): string {
  return `${PREFIXES[i % PREFIXES.length]} ${WORDS[i % WORDS.length]} ${WORDS[Math.floor(i / WORDS.length) % WORDS.length]} ${i + 1}`;
}

export function aiResponseOf(i: number): AiResponse {
  return {
    threshold: (i % 10) + 3,
    onThreshold: 'specific_division',
    divisionId: 'div-support',
    agentId: null,
    handoverMessage: 'Mohon tunggu sebentar, agen Customer Support kami akan segera membantu Anda.',
  };
}

export function idleActionOf(i: number): IdleAction {
  return {
    action: 'assign_conversation',
    idleHours: i % 3,
    idleMinutes: 15,
    assignTo: 'agent',
    divisionId: null,
    agentId: 'agt-siti',
    closingMessage: 'Terima kasih telah menghubungi kami. Percakapan ini kami alihkan ke agen kami.',
  };
}

/** N tenants, each with a catalog, an AI Response and an Idle Action, written through the core's services. */
export function seedTenants(core: Core, count: number): BenchTenant[] {
  const { tenants, catalog, documents } = core.services;
  const made: BenchTenant[] = [];
  for (let i = 0; i < count; i++) {
    const backendUrl = `https://chat-${i + 1}.tenants.example/api/open/v1`;
    const tenant = tenants.create({ name: tenantName(i), backendUrl });
    const snapshot = demoCatalog();
    catalog.replace(tenant.id, snapshot);
    const aiResponse = aiResponseOf(i);
    const idleAction = idleActionOf(i);
    documents.saveDraft({ tenantId: tenant.id, kind: 'ai_response', draft: aiResponse });
    documents.saveDraft({ tenantId: tenant.id, kind: 'idle_action', draft: idleAction });
    made.push({ id: tenant.id, name: tenant.name, backendUrl, catalog: snapshot, aiResponse, idleAction });
  }
  return made;
}
