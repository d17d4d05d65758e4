import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/open-core';
import { jsonEqual } from '../../../shared/logic/json-path';
import { AI_RESPONSE_DEFAULT, type AiResponse } from '../../../shared/schemas/ai-response';
import { IDLE_ACTION_DEFAULT, type IdleAction } from '../../../shared/schemas/idle-action';
import { normalizeApiCode } from '../../../shared/validation/api-connection-code';
import type { TenantState } from '../../sandbox/admin-client';
import { addTenant, inside, openSyncWorld, SKIP_REASON, type SyncWorld } from './sync-fixture';

if (!inside) console.warn(`[sync convergence] skipped: ${SKIP_REASON}`);

/**
 * Convergence as a property: three installations (three cores, each with its own data folder)
 * of one sandbox account make random edits, pulls and publishes; conflicts are resolved by a
 * fixed policy per installation (keep mine / take theirs). After a bounded settle loop (pull,
 * resolve, publish per installation) every installation holds exactly the backend's state, with
 * nothing dirty and no conflict left. And at every pull, every true conflict is surfaced: the
 * test keeps its own model of each installation's base — the backend's value at the version
 * the installation last saw (every version the backend ever had is recorded from its admin
 * state) — and a field the draft changed from that base while the backend changed it to
 * something else must be among the conflicts. A local creation matched to an existing remote
 * document merges against an empty base: every field where both have a value that differs.
 */
const CODES = ['ALPHA', 'BETA', 'GAMMA'] as const;
const DESCRIPTIONS = ['Ledger', 'Mailer', 'Orders'] as const;
const BASE_URLS = ['https://one.example.test/v1', 'https://two.example.test/v1', 'https://three.example.test/v1'] as const;
const THRESHOLDS = [3, 5, 7] as const;
const HANDOVERS = ['Hi', 'Hello', 'Hey'] as const;
const MINUTES = [5, 10, 15] as const;
const CLOSINGS = ['Bye', 'Later', 'Thanks'] as const;
const SCALARS = ['name', 'description', 'code', 'baseUrl'] as const;

type Inst = 0 | 1 | 2;
type Command =
  | { t: 'ai'; i: Inst; field: 'threshold'; value: number }
  | { t: 'ai'; i: Inst; field: 'handoverMessage'; value: string }
  | { t: 'idle'; i: Inst; field: 'idleMinutes'; value: number }
  | { t: 'idle'; i: Inst; field: 'closingMessage'; value: string }
  | { t: 'create'; i: Inst; code: string; description: string; baseUrl: string }
  | { t: 'edit'; i: Inst; pick: number; field: 'description'; value: string }
  | { t: 'edit'; i: Inst; pick: number; field: 'baseUrl'; value: string }
  | { t: 'delete'; i: Inst; pick: number }
  | { t: 'pull'; i: Inst }
  | { t: 'publish'; i: Inst };

const inst = fc.constantFrom<Inst>(0, 1, 2);
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ t: fc.constant('ai' as const), i: inst, field: fc.constant('threshold' as const), value: fc.constantFrom(...THRESHOLDS) }),
  fc.record({ t: fc.constant('ai' as const), i: inst, field: fc.constant('handoverMessage' as const), value: fc.constantFrom(...HANDOVERS) }),
  fc.record({ t: fc.constant('idle' as const), i: inst, field: fc.constant('idleMinutes' as const), value: fc.constantFrom(...MINUTES) }),
  fc.record({ t: fc.constant('idle' as const), i: inst, field: fc.constant('closingMessage' as const), value: fc.constantFrom(...CLOSINGS) }),
  fc.record({ t: fc.constant('create' as const), i: inst, code: fc.constantFrom(...CODES), description: fc.constantFrom(...DESCRIPTIONS), baseUrl: fc.constantFrom(...BASE_URLS) }),
  fc.record({ t: fc.constant('edit' as const), i: inst, pick: fc.nat(5), field: fc.constant('description' as const), value: fc.constantFrom(...DESCRIPTIONS) }),
  fc.record({ t: fc.constant('edit' as const), i: inst, pick: fc.nat(5), field: fc.constant('baseUrl' as const), value: fc.constantFrom(...BASE_URLS) }),
  fc.record({ t: fc.constant('delete' as const), i: inst, pick: fc.nat(5) }),
  fc.record({ t: fc.constant('pull' as const), i: inst }),
  fc.record({ t: fc.constant('publish' as const), i: inst }),
);
const policyArb = fc.tuple(fc.constantFrom('mine' as const, 'theirs' as const), fc.constantFrom('mine' as const, 'theirs' as const), fc.constantFrom('mine' as const, 'theirs' as const));

interface ConnectionRow {
  id: string;
  remote_id: string | null;
  base_version: string | null;
  draft_json: string;
  deleted: number;
  dirty: number;
}

type Values = Record<string, unknown>;

/** Every version of every document the backend ever showed: key (kind or connection id) → version → value. */
class History {
  private readonly seen = new Map<string, Map<string, Values>>();
  record(state: TenantState): void {
    this.put('ai_response', state.aiResponse.version, state.aiResponse.value);
    this.put('idle_action', state.idleAction.version, state.idleAction.value);
    for (const c of state.apiConnections) this.put(c.id!, c.version, c.value);
  }
  value(key: string, version: string | null): Values | undefined {
    return version === null ? undefined : this.seen.get(key)?.get(version);
  }
  private put(key: string, version: string, value: Values): void {
    const versions = this.seen.get(key) ?? new Map<string, Values>();
    versions.set(version, value);
    this.seen.set(key, versions);
  }
}

function connectionRows(core: Core, tenantId: string): ConnectionRow[] {
  return core.services.db
    .prepare(`SELECT id, remote_id, base_version, draft_json, deleted, dirty FROM settings_documents WHERE tenant_id = ? AND kind = 'api_connection' ORDER BY created_at, id`)
    .all(tenantId) as ConnectionRow[];
}

/** Where a true conflict is expected: fields both sides changed from `base` to different values. */
function expectedFields(base: Values, local: Values, remote: Values, fields: readonly string[]): string[] {
  return fields.filter((f) => !jsonEqual(local[f], base[f]) && !jsonEqual(remote[f], base[f]) && !jsonEqual(local[f], remote[f]));
}

/** Against an empty base: both have a value, and they differ. */
function expectedAgainstEmpty(local: Values, remote: Values, fields: readonly string[]): string[] {
  const has = (v: unknown) => v !== null && v !== undefined && v !== '';
  return fields.filter((f) => has(local[f]) && has(remote[f]) && !jsonEqual(local[f], remote[f]));
}

describe.skipIf(!inside)('sync: three installations converge (property)', () => {
  let world: SyncWorld;
  let cores: Core[];
  let account = 0;
  beforeAll(async () => {
    world = await openSyncWorld();
    cores = [world.open(), world.open(), world.open()];
  });
  afterAll(async () => {
    await world?.close();
  });

  async function runScenario(commands: Command[], policy: readonly ('mine' | 'theirs')[]): Promise<void> {
    const username = `converge-${account++}@converge.test`;
    const password = `pw-${username}`;
    await world.sandbox.admin.createTenants([{ username, password, crmConnected: false }]);
    const tenants: string[] = [];
    for (const core of cores) {
      const tenantId = addTenant(core, username, world.sandbox.sandbox.baseUrl);
      await core.services.sync.signIn(tenantId, username, password);
      tenants.push(tenantId);
    }
    const history = new History();
    const state = async () => {
      const s = await world.sandbox.admin.state(username);
      history.record(s);
      return s;
    };
    const log: string[] = [];

    const pull = async (i: Inst) => {
      const core = cores[i]!;
      const tenantId = tenants[i]!;
      const remote = await state();
      // What the installation holds before the pull, and the conflicts the model says must come.
      const expected: { kind: string; documentId: string; pointers: string[] }[] = [];
      for (const kind of ['ai_response', 'idle_action'] as const) {
        const doc = core.services.db
          .prepare(`SELECT id, base_version, draft_json FROM settings_documents WHERE tenant_id = ? AND kind = ?`)
          .get(tenantId, kind) as { id: string; base_version: string | null; draft_json: string } | undefined;
        if (!doc) continue; // nothing saved here: the remote is taken as it is
        const remoteValue = (kind === 'ai_response' ? remote.aiResponse : remote.idleAction).value;
        const base = history.value(kind, doc.base_version) ?? (kind === 'ai_response' ? AI_RESPONSE_DEFAULT : IDLE_ACTION_DEFAULT);
        const fields = expectedFields(base as Values, JSON.parse(doc.draft_json) as Values, remoteValue, Object.keys(remoteValue));
        if (fields.length > 0) expected.push({ kind, documentId: doc.id, pointers: fields.map((f) => `/${f}`) });
      }
      const rows = connectionRows(core, tenantId);
      const unmatched = rows.filter((r) => r.remote_id === null && r.deleted === 0);
      for (const r of remote.apiConnections) {
        let row = rows.find((candidate) => candidate.remote_id === r.id);
        let emptyBase = false;
        if (!row) {
          const index = unmatched.findIndex((candidate) => normalizeApiCode((JSON.parse(candidate.draft_json) as Values).code as string) === normalizeApiCode(r.value.code as string));
          if (index < 0) continue;
          row = unmatched.splice(index, 1)[0]!;
          emptyBase = true;
        }
        const local = JSON.parse(row.draft_json) as Values;
        const base = history.value(r.id!, row.base_version);
        if (row.deleted === 1) {
          if (base && SCALARS.some((f) => !jsonEqual(base[f], r.value[f]))) expected.push({ kind: 'api_connection', documentId: row.id, pointers: [''] });
          continue;
        }
        const fields = emptyBase ? expectedAgainstEmpty(local, r.value, SCALARS) : base ? expectedFields(base, local, r.value, SCALARS) : [];
        if (fields.length > 0) expected.push({ kind: 'api_connection', documentId: row.id, pointers: fields.map((f) => `/${f}`) });
      }
      const listed = new Set(remote.apiConnections.map((c) => c.id));
      for (const row of rows) {
        if (row.remote_id !== null && !listed.has(row.remote_id) && row.deleted === 0 && row.dirty === 1) {
          expected.push({ kind: 'api_connection', documentId: row.id, pointers: [''] });
        }
      }

      const result = await core.services.sync.pull(tenantId);
      for (const want of expected) {
        const got = result.conflicts.find((c) => c.documentId === want.documentId)?.conflicts.map((c) => c.pointer) ?? [];
        for (const pointer of want.pointers) {
          expect(got, `installation ${i}: ${want.kind} ${want.documentId} must show a conflict at "${pointer}"\n${log.join('\n')}`).toContain(pointer);
        }
      }
      await resolveAll(i);
    };

    const resolveAll = async (i: Inst) => {
      const core = cores[i]!;
      const tenantId = tenants[i]!;
      for (const doc of core.services.sync.conflicts(tenantId)) {
        const choices = Object.fromEntries(doc.conflicts.map((c) => [c.pointer, policy[i]!]));
        const id = doc.kind === 'api_connection' || doc.kind === 'deal_setting' ? doc.documentId : undefined;
        await core.services.sync.resolveConflict(tenantId, doc.kind, choices, id);
      }
    };

    const publish = async (i: Inst) => {
      const core = cores[i]!;
      const run = await core.services.sync.waitForRun(core.services.sync.publish([tenants[i]!]).runId);
      await state();
      return run;
    };

    const apply = async (command: Command) => {
      const core = cores[command.i]!;
      const tenantId = tenants[command.i]!;
      switch (command.t) {
        case 'ai': {
          const draft = core.services.documents.get(tenantId, 'ai_response').draft as AiResponse;
          core.services.documents.saveDraft({ tenantId, kind: 'ai_response', draft: { ...draft, [command.field]: command.value } });
          break;
        }
        case 'idle': {
          const draft = core.services.documents.get(tenantId, 'idle_action').draft as Values;
          const next = { ...draft, action: 'resolve_conversation', [command.field]: command.value };
          if (!next.idleMinutes && !next.idleHours) next.idleMinutes = 5;
          if (!next.closingMessage) next.closingMessage = 'Bye';
          core.services.documents.saveDraft({ tenantId, kind: 'idle_action', draft: next as IdleAction });
          break;
        }
        case 'create':
          try {
            await core.services.apiConnections.create({
              tenantId,
              name: `Connection ${command.code}`,
              description: command.description,
              code: command.code,
              baseUrl: command.baseUrl,
              settings: null,
              headers: null,
              token: null,
            });
          } catch {
            // this installation has that code already: the form refuses it, nothing changes
          }
          break;
        case 'edit':
        case 'delete': {
          const live = core.services.apiConnections.list(tenantId).filter((c) => !c.deleted);
          if (live.length === 0) break;
          const target = live[command.pick % live.length]!;
          if (command.t === 'delete') {
            await core.services.apiConnections.delete({ tenantId, id: target.id });
            break;
          }
          await core.services.apiConnections.update({
            tenantId,
            id: target.id,
            name: target.name,
            code: target.code,
            description: target.description,
            baseUrl: target.baseUrl,
            [command.field]: command.value,
            settings: { action: 'keep' },
            headers: { action: 'keep' },
            token: { action: 'keep' },
          });
          break;
        }
        case 'pull':
          await pull(command.i);
          break;
        case 'publish':
          await publish(command.i);
          break;
      }
    };

    for (const command of commands) {
      log.push(JSON.stringify(command));
      await apply(command);
    }

    // Settle: pull, resolve, publish per installation, until nothing is left anywhere (bounded).
    const settled = () =>
      tenants.every((tenantId, i) => core(i).services.sync.plan([tenantId])[0]!.entries.length === 0 && core(i).services.sync.conflicts(tenantId).length === 0);
    const core = (i: number) => cores[i]!;
    for (let round = 0; round < 4; round++) {
      for (const i of [0, 1, 2] as const) {
        log.push(`settle ${round}: pull+publish ${i}`);
        await pull(i);
        await publish(i);
      }
      if (settled()) break;
    }
    for (const i of [0, 1, 2] as const) await pull(i);

    const final = await state();
    const remoteConnections = final.apiConnections.map((c) => Object.fromEntries(SCALARS.map((f) => [f, c.value[f]]))).sort(byCode);
    for (const [i, tenantId] of tenants.entries()) {
      const c = core(i);
      const where = `installation ${i}\n${log.join('\n')}`;
      expect(c.services.documents.get(tenantId, 'ai_response'), where).toMatchObject({ draft: final.aiResponse.value, dirty: false });
      expect(c.services.documents.get(tenantId, 'idle_action'), where).toMatchObject({ draft: final.idleAction.value, dirty: false });
      // A connection created and deleted here before it was ever published is purged at the next start.
      const rows = connectionRows(c, tenantId).filter((r) => !(r.deleted === 1 && r.remote_id === null));
      expect(rows.filter((r) => r.deleted === 1 || r.dirty === 1 || r.remote_id === null), where).toEqual([]);
      const local = rows.map((r) => Object.fromEntries(SCALARS.map((f) => [f, (JSON.parse(r.draft_json) as Values)[f]]))).sort(byCode);
      expect(local, where).toEqual(remoteConnections);
      expect(c.services.sync.conflicts(tenantId), where).toEqual([]);
      expect(c.services.sync.plan([tenantId])[0]!.entries, where).toEqual([]);
    }
  }

  it('every installation ends equal to the backend, and every true conflict on the way is surfaced', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 1, maxLength: 12 }), policyArb, (commands, policy) => runScenario(commands, policy)),
      { numRuns: 25, interruptAfterTimeLimit: 50_000, markInterruptAsFailure: false },
    );
  }, 120_000);
});

function byCode(a: Values, b: Values): number {
  return String(a.code).localeCompare(String(b.code));
}
