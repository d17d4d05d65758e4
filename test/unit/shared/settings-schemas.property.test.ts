import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HANDOVER_MODES, aiResponseSchema, type AiResponse } from '../../../shared/schemas/ai-response';
import { ASSIGN_TARGETS, IDLE_ACTIONS, idleActionSchema, type IdleAction } from '../../../shared/schemas/idle-action';
import { LIMITS } from '../../../shared/schemas/limits';
import { catalogSnapshotSchema, type CatalogSnapshot } from '../../../shared/schemas/catalog';
import { tenantCreateInputSchema } from '../../../shared/schemas/tenant';
import { singletonDraftInputSchema } from '../../../shared/schemas/settings-document';

// Generators of VALID values: every one must parse to itself, also after a JSON round trip (the wire).
const catalogId = fc.string({ minLength: 1, maxLength: LIMITS.catalogIdMax });
const nonBlank = (max: number) => fc.string({ minLength: 1, maxLength: max }).filter((s) => s.trim().length > 0);
const optionalMessage = fc.oneof(fc.constant(''), nonBlank(LIMITS.messageMax), fc.constant('x'.repeat(LIMITS.messageMax)));

const validAiResponse: fc.Arbitrary<AiResponse> = fc
  .record({
    threshold: fc.integer({ min: LIMITS.thresholdMin, max: LIMITS.thresholdMax }),
    onThreshold: fc.constantFrom(...HANDOVER_MODES),
    divisionId: fc.option(catalogId, { nil: null }),
    agentId: fc.option(catalogId, { nil: null }),
    handoverMessage: optionalMessage,
    requiredRef: catalogId,
  })
  .map(({ requiredRef, ...value }) => ({
    ...value,
    divisionId: value.onThreshold === 'specific_division' ? (value.divisionId ?? requiredRef) : value.divisionId,
    agentId: value.onThreshold === 'specific_agent' ? (value.agentId ?? requiredRef) : value.agentId,
  }));

const validIdleAction: fc.Arbitrary<IdleAction> = fc
  .record({
    action: fc.constantFrom(...IDLE_ACTIONS),
    totalMinutes: fc.integer({ min: 1, max: LIMITS.idleTotalMinutesMax }),
    idleHours: fc.integer({ min: 0, max: LIMITS.idleHoursMax }),
    idleMinutes: fc.integer({ min: 0, max: LIMITS.idleMinutesMax }),
    assignTo: fc.constantFrom(...ASSIGN_TARGETS),
    divisionId: fc.option(catalogId, { nil: null }),
    agentId: fc.option(catalogId, { nil: null }),
    closingMessage: nonBlank(LIMITS.messageMax),
    anyMessage: optionalMessage,
    requiredRef: catalogId,
  })
  .map(({ totalMinutes, anyMessage, requiredRef, ...value }) => {
    if (value.action === 'none') return { ...value, closingMessage: anyMessage };
    const assigning = value.action === 'assign_conversation';
    return {
      ...value,
      idleHours: Math.floor(totalMinutes / 60),
      idleMinutes: totalMinutes % 60,
      divisionId: assigning && value.assignTo === 'division' ? (value.divisionId ?? requiredRef) : value.divisionId,
      agentId: assigning && value.assignTo === 'agent' ? (value.agentId ?? requiredRef) : value.agentId,
    };
  });

const tenantName = fc.string({ minLength: 1, maxLength: LIMITS.tenantNameMax }).filter((s) => s.trim() === s && s.length > 0);
const backendUrl = fc.webUrl({ validSchemes: ['https'], withQueryParameters: true }).filter((url) => url.length <= LIMITS.urlMax);
/** A name a person can see: not only spaces (the shared rule for user-visible text). */
const catalogName = fc.string({ minLength: 1, maxLength: LIMITS.catalogNameMax }).filter((s) => s.trim().length > 0);

const validCatalog: fc.Arbitrary<CatalogSnapshot> = fc.record({
  divisions: fc.uniqueArray(fc.record({ id: catalogId, name: catalogName }), {
    selector: (d) => d.id,
    maxLength: 20,
  }),
  agents: fc.uniqueArray(
    fc.record(
      {
        id: catalogId,
        name: catalogName,
        email: fc.emailAddress().filter((e) => e.length <= 320),
        divisionIds: fc.array(catalogId, { maxLength: 4 }),
        online: fc.boolean(),
      },
      { requiredKeys: ['id', 'name', 'divisionIds'] },
    ),
    { selector: (a) => a.id, maxLength: 20 },
  ),
});

const wire = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

describe('shared schemas: valid values round-trip unchanged', () => {
  it('AI Response', () => {
    fc.assert(
      fc.property(validAiResponse, (value) => {
        expect(aiResponseSchema.parse(value)).toEqual(value);
        expect(aiResponseSchema.parse(wire(value))).toEqual(value);
      }),
    );
  });

  it('Idle Action', () => {
    fc.assert(
      fc.property(validIdleAction, (value) => {
        expect(idleActionSchema.parse(value)).toEqual(value);
        expect(idleActionSchema.parse(wire(value))).toEqual(value);
      }),
    );
  });

  it('a draft input of either kind', () => {
    const tenantId = 'a3bb189e-8bf9-4888-9912-ace4e6543002';
    fc.assert(
      fc.property(fc.oneof(validAiResponse.map((draft) => ({ tenantId, kind: 'ai_response' as const, draft })), validIdleAction.map((draft) => ({ tenantId, kind: 'idle_action' as const, draft }))), (input) => {
        expect(singletonDraftInputSchema.parse(wire(input))).toEqual(input);
      }),
    );
  });

  it('tenant create input', () => {
    fc.assert(
      fc.property(tenantName, fc.option(backendUrl, { nil: undefined }), (name, url) => {
        const input = url === undefined ? { name } : { name, backendUrl: url };
        expect(tenantCreateInputSchema.parse(wire(input))).toEqual(input);
      }),
    );
  });

  it('catalog snapshot', () => {
    fc.assert(
      fc.property(validCatalog, (snapshot) => {
        expect(catalogSnapshotSchema.parse(wire(snapshot))).toEqual(snapshot);
      }),
    );
  });
});

describe('shared schemas: what is outside the rules is refused', () => {
  it('any threshold that is not a whole number from 1 to 100', () => {
    const bad = fc.oneof(
      fc.integer({ max: LIMITS.thresholdMin - 1 }),
      fc.integer({ min: LIMITS.thresholdMax + 1 }),
      fc.double({ noNaN: true }).filter((n) => !Number.isInteger(n)),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 1e12, -0.5),
    );
    fc.assert(
      fc.property(validAiResponse, bad, (value, threshold) => {
        const result = aiResponseSchema.safeParse({ ...value, threshold });
        expect(result.success).toBe(false);
        expect(result.error?.issues.some((issue) => issue.path[0] === 'threshold')).toBe(true);
      }),
    );
  });

  it('an idle time over the bound, or zero, whenever the action is not None', () => {
    fc.assert(
      fc.property(
        validIdleAction.filter((v) => v.action !== 'none'),
        fc.oneof(fc.constant(0), fc.integer({ min: LIMITS.idleTotalMinutesMax + 1, max: LIMITS.idleHoursMax * 60 + LIMITS.idleMinutesMax })),
        (value, total) => {
          const result = idleActionSchema.safeParse({ ...value, idleHours: Math.floor(total / 60), idleMinutes: total % 60 });
          expect(result.success).toBe(false);
        },
      ),
    );
  });

  it('whitespace-only messages, and messages over the limit', () => {
    const whitespace = fc.array(fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u3000'), { minLength: 1, maxLength: 30 }).map((chars) => chars.join(''));
    const tooLong = fc.string({ minLength: LIMITS.messageMax + 1, maxLength: LIMITS.messageMax + 50 });
    fc.assert(
      fc.property(validAiResponse, validIdleAction, fc.oneof(whitespace, tooLong), (ai, idle, message) => {
        expect(aiResponseSchema.safeParse({ ...ai, handoverMessage: message }).success).toBe(false);
        expect(idleActionSchema.safeParse({ ...idle, closingMessage: message }).success).toBe(false);
      }),
    );
  });

  it('any extra key', () => {
    const key = fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !['threshold', 'onThreshold', 'divisionId', 'agentId', 'handoverMessage'].includes(k));
    fc.assert(
      fc.property(validAiResponse, key, fc.jsonValue(), (value, extra, content) => {
        expect(aiResponseSchema.safeParse({ ...value, [extra]: content }).success).toBe(false);
      }),
    );
  });
});
