import { EXPORT_FORMAT, EXPORT_VERSION, type ExportDocument, type ExportedApiConnection } from '../../../shared/schemas/export-document';
import { aiResponseOf, idleActionOf, tenantName } from '../bench-data';

const TAGS = ['jakarta', 'surabaya', 'bandung', 'medan', 'vip', 'retail', 'pilot'];

/** The first connection of a tenant has settings and a token (their values are not in the file), the others one header. */
function connectionOf(tenant: number, k: number): ExportedApiConnection {
  return {
    name: `Integration ${k + 1}`,
    description: `Orders and stock`,
    code: `SYS_${k + 1}_API`,
    baseUrl: `https://api-${k + 1}.example.com/t${tenant + 1}`,
    settingsKeys: k === 0 ? ['owner_email'] : null,
    headers: [{ name: 'apikey', set: true }],
    token: k === 0 ? { token_type: 'bearer', expires_in: 3600, created_at: 1_700_000_000 + tenant, accessTokenSet: true, refreshTokenSet: true } : null,
  };
}

/**
 * An export file as the app writes it (pretty-printed, no secret value) of `count` tenants with
 * `connections` API connections each. The names are the seeded stores' (bench-data.ts), so that
 * previewing it against a store of as many tenants updates every one of them: a changed AI
 * Response, the same Idle Action, new tags and new connections.
 */
export function importFileText(count: number, connections: number): string {
  const document: ExportDocument = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: '2026-01-15T09:00:00.000Z',
    app: { version: 'bench' },
    tenants: Array.from({ length: count }, (_, i) => ({
      name: tenantName(i),
      backendUrl: `https://chat-${i + 1}.tenants.example/api/open/v1`,
      tags: [TAGS[i % TAGS.length]!, TAGS[(i + 3) % TAGS.length]!],
      aiResponse: { ...aiResponseOf(i), threshold: ((i + 1) % 10) + 3 },
      idleAction: idleActionOf(i),
      referenceNames: { divisions: { 'div-support': 'Customer Support' }, agents: { 'agt-siti': 'Siti Rahayu' } },
      apiConnections: Array.from({ length: connections }, (_, k) => connectionOf(i, k)),
    })),
  };
  return JSON.stringify(document, null, 2);
}
