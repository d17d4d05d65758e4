import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { fillPath } from '../../../shared/wire/http';
import { successBodySchema, WIRE_ROUTES as ROUTES, type WireRouteDef, type WireRouteKey } from '../../../shared/wire/routes';
import { ContractClient } from '../../sandbox/contract-client';
import { ACME, openSandbox, type SandboxFixture } from '../../support/sandbox/sandbox-fixture';
import { expectCompiledLikeZod } from '../../support/validation/compiled-vs-zod';

/**
 * The backend client parses each success with its route's schema compiled (backend-client.ts),
 * and asks zod only about what the compiled schema refuses. Differential test on the sandbox's own
 * answers for every route with a body (a demo tenant with documents, connections, CRM and deal
 * settings), and on altered copies of them (each value removed, nulled or replaced by another
 * type, an unknown key added to each object): the compiled schema answers exactly zod's output,
 * and refuses exactly what zod refuses.
 */

type Json = unknown;
const WIRE_ROUTES: Record<WireRouteKey, WireRouteDef> = ROUTES;

/** The answers, by route: a GET's answer stands for the writes that answer the same resource. */
async function collectAnswers(client: ContractClient): Promise<Map<WireRouteKey, Json>> {
  const answers = new Map<WireRouteKey, Json>();
  const token = await client.signIn(ACME.username, ACME.password);
  if (token.status !== 200) throw new Error(`sign-in failed: ${token.text}`);
  answers.set('oauthToken', token.body);
  const get = async (key: WireRouteKey, params: Record<string, string> = {}) => {
    const route = WIRE_ROUTES[key];
    const result = await client.call('GET', fillPath(route.path, params));
    if (result.status !== 200) throw new Error(`GET ${route.path}: ${result.status} ${result.text}`);
    answers.set(key, result.body);
    return result.body as { data: unknown };
  };
  for (const key of Object.keys(WIRE_ROUTES) as WireRouteKey[]) {
    const route = WIRE_ROUTES[key];
    if (route.method === 'GET' && route.data && !route.path.includes('{')) await get(key);
  }
  const connections = (answers.get('listApiConnections') as { data: { id: string }[] }).data;
  const dealSettings = (answers.get('listDealSettings') as { data: { id: string }[] }).data;
  if (connections.length === 0 || dealSettings.length === 0) throw new Error('the demo tenant has no API connection or deal setting to read');
  await get('getApiConnection', { id: connections[0]!.id });
  await get('getDealSetting', { id: dealSettings[0]!.id });
  // Writes answer the resource their GET answers, with the same schema.
  for (const key of Object.keys(WIRE_ROUTES) as WireRouteKey[]) {
    const data = WIRE_ROUTES[key].data;
    if (!data || answers.has(key)) continue;
    const reader = (Object.keys(WIRE_ROUTES) as WireRouteKey[]).find((other) => answers.has(other) && WIRE_ROUTES[other].data?.schema === data.schema);
    if (reader) answers.set(key, answers.get(reader));
  }
  return answers;
}

describe('the backend client’s compiled answer schemas', () => {
  let fixture: SandboxFixture;
  let answers: Map<WireRouteKey, Json>;

  beforeAll(async () => {
    fixture = await openSandbox();
    // Signed in by collectAnswers, whose sign-in answer is the token route's.
    answers = await collectAnswers(new ContractClient(fixture.sandbox.baseUrl));
  });
  afterAll(() => fixture?.close());

  it('cover every route that answers a body', () => {
    const withBody = (Object.keys(WIRE_ROUTES) as WireRouteKey[]).filter((key) => successBodySchema(key) !== null);
    expect(withBody.filter((key) => !answers.has(key))).toEqual([]);
  });

  it('answer exactly what zod answers, and refuse exactly what zod refuses', () => {
    let refused = 0;
    let checked = 0;
    for (const [key, answer] of answers) {
      const counts = expectCompiledLikeZod(successBodySchema(key) as z.ZodTypeAny, answer, key);
      checked += counts.checked;
      refused += counts.refused;
    }
    // The altered copies reach both answers: most are refused, some (an optional value removed) are not.
    expect(refused).toBeGreaterThan(checked / 2);
    expect(refused).toBeLessThan(checked);
  });
});
