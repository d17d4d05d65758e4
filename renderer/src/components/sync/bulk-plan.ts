import type { PublishRun, TenantPlan } from '../../../../shared/schemas/sync';

/** What a bulk publish does with one tenant: publish it, or skip it and say why. */
export type TenantVerdict = 'publish' | 'conflict' | 'invalid' | 'signedOut' | 'nothing';

export interface TenantPlanSummary {
  plan: TenantPlan;
  ready: number;
  invalid: number;
  conflict: number;
  verdict: TenantVerdict;
}

/**
 * A tenant is published whole or not at all: one with an invalid draft or a conflict is skipped
 * (never half-published), as is one not signed in or with nothing to send.
 */
export function summarisePlan(plan: TenantPlan): TenantPlanSummary {
  const count = (status: string) => plan.entries.filter((entry) => entry.status === status).length;
  const ready = count('ready');
  const invalid = count('invalid');
  const conflict = count('conflict');
  const verdict: TenantVerdict =
    plan.entries.length === 0 ? 'nothing' : conflict > 0 ? 'conflict' : invalid > 0 ? 'invalid' : !plan.signedIn ? 'signedOut' : 'publish';
  return { plan, ready, invalid, conflict, verdict };
}

export type TenantOutcome = 'published' | 'failed' | 'cancelled' | 'pending';

export interface TenantRunResult {
  tenantId: string;
  outcome: TenantOutcome;
  results: PublishRun['results'];
}

/** A run's results per tenant: published when every document is done; failed when any failed or met a conflict. */
export function resultsByTenant(results: PublishRun['results']): TenantRunResult[] {
  const byTenant = new Map<string, PublishRun['results']>();
  for (const entry of results) byTenant.set(entry.tenantId, [...(byTenant.get(entry.tenantId) ?? []), entry]);
  return [...byTenant].map(([tenantId, entries]) => {
    const states = new Set(entries.map((entry) => entry.state));
    const outcome: TenantOutcome =
      states.has('failed') || states.has('conflict') ? 'failed' : states.has('cancelled') ? 'cancelled' : [...states].every((state) => state === 'done') ? 'published' : 'pending';
    return { tenantId, outcome, results: entries };
  });
}
