/** An export file of `count` new tenants ("Toko 1", "Toko 2", …, tagged "impor", no settings), as its text. */
export function exportFileOf(count: number): string {
  const tenants = Array.from({ length: count }, (_, i) => ({
    name: `Toko ${i + 1}`,
    backendUrl: null,
    tags: ['impor'],
    aiResponse: null,
    idleAction: null,
    referenceNames: { divisions: {}, agents: {} },
    apiConnections: [],
  }));
  return JSON.stringify({ format: 'chatbot-settings-export', version: 1, exportedAt: '2026-01-15T09:00:00.000Z', tenants });
}
