import type { Core } from '../../../electron/core/open-core';
import type { AiResponse } from '../../../shared/schemas/ai-response';
import type { IdleAction } from '../../../shared/schemas/idle-action';
import type { PublishRun } from '../../../shared/schemas/sync';
import type { SandboxAdmin } from '../../sandbox/admin-client';
import { addTenant } from './sync-fixture';

/**
 * Many tenants for publish tests: accounts on the sandbox, local tenants pointing at it, and
 * the drafts that are the intended published state.
 */
export interface Account {
  username: string;
  password: string;
}

export interface PublishTenant extends Account {
  tenantId: string;
  aiResponse: AiResponse;
  idleAction: IdleAction;
}

export async function createAccounts(admin: SandboxAdmin, prefix: string, count: number): Promise<Account[]> {
  const accounts = Array.from({ length: count }, (_, i) => ({ username: `${prefix}-${i}@publish.test`, password: `pw-${prefix}-${i}` }));
  await admin.createTenants(accounts.map((a) => ({ ...a, crmConnected: i(a) % 2 === 0 })));
  return accounts;
}

function i(account: Account): number {
  return Number(/-(\d+)@/.exec(account.username)![1]);
}

export function intendedAiResponse(n: number): AiResponse {
  return { threshold: 3 + (n % 7), onThreshold: n % 3 === 0 ? 'specific_agent' : 'any_available_agent', divisionId: null, agentId: n % 3 === 0 ? 'agent-citra' : null, handoverMessage: `Handing over (tenant ${n})` };
}

export function intendedIdleAction(n: number): IdleAction {
  return { action: 'resolve_conversation', idleHours: n % 3, idleMinutes: 5 + (n % 50), assignTo: 'auto', divisionId: null, agentId: null, closingMessage: `Bye from tenant ${n}` };
}

/**
 * Local tenants, signed in, with drafts saved. Every other tenant is pulled first (its drafts
 * have a base version); the others publish without ever having pulled.
 */
export async function prepareTenants(core: Core, baseUrl: string, accounts: Account[]): Promise<PublishTenant[]> {
  const out: PublishTenant[] = [];
  for (const [n, account] of accounts.entries()) {
    const tenantId = addTenant(core, account.username, baseUrl);
    await core.services.sync.signIn(tenantId, account.username, account.password);
    if (n % 2 === 0) await core.services.sync.pull(tenantId);
    else core.services.catalog.replace(tenantId, { divisions: [], agents: [{ id: 'agent-citra', name: 'Citra Dewanti', divisionIds: [] }] });
    const aiResponse = intendedAiResponse(n);
    const idleAction = intendedIdleAction(n);
    core.services.documents.saveDraft({ tenantId, kind: 'ai_response', draft: aiResponse });
    core.services.documents.saveDraft({ tenantId, kind: 'idle_action', draft: idleAction });
    out.push({ ...account, tenantId, aiResponse, idleAction });
  }
  return out;
}

/**
 * Publishes until nothing is left, as a user would: run, look at the results, sign in again
 * where the session ended, publish again. Bounded: at most `maxRuns` runs.
 */
export async function publishUntilDone(core: Core, tenants: PublishTenant[], maxRuns = 6): Promise<PublishRun[]> {
  const runs: PublishRun[] = [];
  const ids = tenants.map((t) => t.tenantId);
  for (let round = 0; round < maxRuns; round++) {
    for (const tenant of tenants) {
      if (!core.services.sync.status(tenant.tenantId).signedIn) await core.services.sync.signIn(tenant.tenantId, tenant.username, tenant.password);
    }
    const ready = core.services.sync.plan(ids).flatMap((plan) => plan.entries);
    if (ready.length === 0) return runs;
    const started = core.services.sync.publish(ids);
    runs.push(await core.services.sync.waitForRun(started.runId));
  }
  throw new Error(`still unpublished after ${maxRuns} runs: ${JSON.stringify(runs.at(-1)?.results.filter((r) => r.state !== 'done'))}`);
}

/** The sandbox holds exactly the drafts, and the app agrees (nothing dirty, no conflict). */
export async function expectPublished(core: Core, admin: SandboxAdmin, tenants: PublishTenant[], expect: (value: unknown) => { toEqual(v: unknown): void; toBe(v: unknown): void }): Promise<void> {
  for (const tenant of tenants) {
    const state = await admin.state(tenant.username);
    expect(state.aiResponse.value).toEqual(tenant.aiResponse);
    expect(state.idleAction.value).toEqual(tenant.idleAction);
    const ai = core.services.documents.get(tenant.tenantId, 'ai_response');
    const idle = core.services.documents.get(tenant.tenantId, 'idle_action');
    expect(ai.draft).toEqual(tenant.aiResponse);
    expect(idle.draft).toEqual(tenant.idleAction);
    expect({ ai: ai.dirty, idle: idle.dirty, aiVersion: ai.baseVersion, idleVersion: idle.baseVersion }).toEqual({
      ai: false,
      idle: false,
      aiVersion: state.aiResponse.version,
      idleVersion: state.idleAction.version,
    });
    expect(core.services.sync.status(tenant.tenantId).conflictCount).toBe(0);
  }
}
