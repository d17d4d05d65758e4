import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { apiConnectionPublicSchema } from '../../../shared/schemas/api-connection-public';
import { dealSettingSchema } from '../../../shared/schemas/crm';
import { SINGLETON_DEFINITIONS } from '../../../shared/schemas/settings-document';
import { expectCompiledLikeZod } from '../../support/validation/compiled-vs-zod';

/**
 * The stored values read in bulk through their schemas compiled (stored-value.ts, the singleton
 * documents' reads, the connections' public parts): on values as the app stores them and altered
 * copies of them, the compiled schema answers exactly zod's output and refuses what zod refuses.
 */
const STORED: Array<[string, z.ZodTypeAny, unknown[]]> = [
  [
    'AI response',
    SINGLETON_DEFINITIONS.ai_response.schema,
    [
      SINGLETON_DEFINITIONS.ai_response.defaults,
      { threshold: 3, onThreshold: 'specific_agent', divisionId: null, agentId: 'agent-citra', handoverMessage: 'Handing over to an agent.' },
      { threshold: 5, onThreshold: 'specific_division', divisionId: 'div-sales', agentId: null, handoverMessage: '  Sebentar, ya  ' },
    ],
  ],
  [
    'idle action',
    SINGLETON_DEFINITIONS.idle_action.schema,
    [
      SINGLETON_DEFINITIONS.idle_action.defaults,
      { action: 'resolve_conversation', idleHours: 1, idleMinutes: 5, assignTo: 'auto', divisionId: null, agentId: null, closingMessage: 'Bye.' },
      { action: 'assign_conversation', idleHours: 0, idleMinutes: 30, assignTo: 'agent', divisionId: null, agentId: 'agent-budi', closingMessage: 'Sebentar lagi diteruskan.' },
    ],
  ],
  [
    'API connection (public part)',
    apiConnectionPublicSchema,
    [
      {
        name: 'Jurnal',
        description: 'Accounting',
        code: 'JURNAL_API',
        baseUrl: 'https://api.jurnal.id/v1',
        settingsKeys: ['owner_email'],
        headers: [{ name: 'X-Api-Key', set: true }],
        token: { token_type: 'bearer', expires_in: 3600, created_at: 1_700_000_000, accessTokenSet: true, refreshTokenSet: false },
      },
      { name: 'Plain', description: '', code: 'PLAIN', baseUrl: 'https://x.example', settingsKeys: null, headers: null, token: null },
    ],
  ],
  [
    'deal setting',
    dealSettingSchema,
    [
      { botResponseId: 'br-1', enabled: true, pipelineId: 'p-1', stageId: 's-1', dealName: 'Deal from chat', ownerId: 'o-1', sourceId: 'src-1', customerContactAssociation: true },
      { botResponseId: 'br-2', enabled: false, pipelineId: null, stageId: null, dealName: '', ownerId: null, sourceId: null, customerContactAssociation: false },
    ],
  ],
];

describe('stored values read through their compiled schemas', () => {
  it.each(STORED)('%s: the same answers as zod, on stored values and altered copies', (label, schema, samples) => {
    for (const sample of samples) {
      // Each sample is a value the app stores: zod accepts it as it is.
      expect(schema.safeParse(sample).success, `${label}: ${JSON.stringify(sample)}`).toBe(true);
      const { checked, refused } = expectCompiledLikeZod(schema, sample, label);
      expect(refused).toBeGreaterThan(0);
      expect(refused).toBeLessThan(checked);
    }
  });
});
