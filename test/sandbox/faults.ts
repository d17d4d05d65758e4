import { z } from 'zod';
import { seededRandom } from '../support/random/seeded-random';

/**
 * Fault injection, set at run time through the admin API (POST /__admin/faults). Each rule
 * matches requests by route pattern (and optionally tenant) and may add latency and/or act:
 * answer an error status (500s, or 503/429 with Retry-After; 404 for a backend that lacks the
 * route, as the real chat service lacks the settings routes), reset the connection, never answer
 * (hang), or revoke the tenant's tokens. `failRate` is the share of matching requests that get
 * the action, drawn from a generator seeded by `seed`, so a run is repeatable. `phase: "after"`
 * acts once the request was handled (and committed): the answer is lost, not the change.
 * `spare: true` keeps the rules after it from acting on the requests it matches (for a test
 * that needs some tenant's requests to go through while faults hit everyone else).
 */
export const FAULT_STATUSES = [500, 502, 503, 504, 429, 404] as const;

export const faultRuleSchema = z
  .object({
    /** `[METHOD ]/path/pattern` relative to the base path: `*` is one segment, `**` any rest. */
    route: z.string().min(1).max(300).default('**'),
    /** Only requests of this tenant (by its bearer token). */
    username: z.string().min(1).max(320).optional(),
    latencyMs: z.number().int().min(0).max(120_000).default(0),
    failRate: z.number().min(0).max(1).optional(),
    status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504), z.literal(429), z.literal(404)]).optional(),
    /** Seconds, sent as `Retry-After` with 503 or 429. */
    retryAfter: z.number().int().min(0).max(3600).optional(),
    reset: z.literal(true).optional(),
    hang: z.literal(true).optional(),
    revokeTokens: z.literal(true).optional(),
    /** The rules after this one take no action on the requests it matches (latency still adds up). */
    spare: z.literal(true).optional(),
    /** The action fires at most this many times. */
    times: z.number().int().min(1).optional(),
    phase: z.enum(['before', 'after']).default('before'),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const actions = [rule.status !== undefined, rule.reset, rule.hang, rule.revokeTokens, rule.spare].filter(Boolean).length;
    if (actions > 1) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'Give at most one of status, reset, hang, revokeTokens, spare.' });
    if (rule.retryAfter !== undefined && rule.status !== 503 && rule.status !== 429) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['retryAfter'], message: 'retryAfter goes with status 503 or 429.' });
    }
    if (rule.phase === 'after' && rule.revokeTokens) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['phase'], message: 'revokeTokens acts before the request is handled.' });
    }
  });

export const faultConfigSchema = z.object({ seed: z.number().int().optional(), rules: z.array(faultRuleSchema).max(100) }).strict();
export type FaultRule = z.infer<typeof faultRuleSchema>;
export type FaultConfigInput = z.input<typeof faultConfigSchema>;

export type FaultAction =
  | { kind: 'status'; status: (typeof FAULT_STATUSES)[number]; retryAfter?: number }
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'revokeTokens'; username?: string };

export interface FaultDecision {
  latencyMs: number;
  action: FaultAction | null;
}

function compileRoute(route: string): { method: string; pattern: RegExp } {
  const match = /^(?:(GET|POST|PUT|DELETE|\*)\s+)?(\S+)$/i.exec(route.trim());
  const method = (match?.[1] ?? '*').toUpperCase();
  const path = match?.[2] ?? route;
  const source = path
    .split('/')
    .map((segment) => (segment === '**' ? '.*' : segment === '*' ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/')
    .replace(/\/\.\*$/, '(?:/.*)?');
  return { method, pattern: new RegExp(`^${source}$`) };
}

function actionOf(rule: FaultRule): FaultAction | null {
  if (rule.reset) return { kind: 'reset' };
  if (rule.hang) return { kind: 'hang' };
  if (rule.revokeTokens) return rule.username ? { kind: 'revokeTokens', username: rule.username } : { kind: 'revokeTokens' };
  if (rule.status !== undefined) return rule.retryAfter !== undefined ? { kind: 'status', status: rule.status, retryAfter: rule.retryAfter } : { kind: 'status', status: rule.status };
  if (rule.failRate !== undefined) return { kind: 'status', status: 500 };
  return null;
}

interface ActiveRule {
  rule: FaultRule;
  method: string;
  pattern: RegExp;
  matched: number;
  fired: number;
}

export class FaultInjector {
  private rules: ActiveRule[] = [];
  private seed = 1;
  private random = seededRandom(1);

  configure(config: z.output<typeof faultConfigSchema>): void {
    this.seed = config.seed ?? Math.floor(Math.random() * 2 ** 31);
    this.random = seededRandom(this.seed);
    this.rules = config.rules.map((rule) => ({ rule, ...compileRoute(rule.route), matched: 0, fired: 0 }));
  }

  clear(): void {
    this.rules = [];
  }

  describe() {
    return { seed: this.seed, rules: this.rules.map(({ rule, matched, fired }) => ({ ...rule, matched, fired })) };
  }

  /** What to do with a request at this phase: summed latency, and the first action that fires. */
  decide(phase: 'before' | 'after', method: string, path: string, username: () => string | null): FaultDecision {
    let latencyMs = 0;
    let action: FaultAction | null = null;
    let spared = false;
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.phase !== phase) continue;
      if (active.method !== '*' && active.method !== method) continue;
      if (!active.pattern.test(path)) continue;
      if (rule.username !== undefined && rule.username !== username()) continue;
      active.matched += 1;
      latencyMs += rule.latencyMs;
      if (rule.spare && !action) {
        active.fired += 1;
        spared = true;
      }
      if (spared) continue;
      const ruleAction = actionOf(rule);
      if (!ruleAction || action) continue;
      if (rule.times !== undefined && active.fired >= rule.times) continue;
      if (rule.failRate !== undefined && this.random() >= rule.failRate) continue;
      active.fired += 1;
      action = ruleAction;
    }
    return { latencyMs, action };
  }
}
