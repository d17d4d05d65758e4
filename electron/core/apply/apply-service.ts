import type Database from 'better-sqlite3';
import { RpcError } from '../../../shared/rpc/rpc-error';
import {
  applyInputSchema,
  applyUndoInputSchema,
  type ApplyInput,
  type ApplyPreview,
  type ApplyResult,
  type BatchSummary,
} from '../../../shared/schemas/apply';
import { SINGLETON_DEFINITIONS, type SingletonKind } from '../../../shared/schemas/settings-document';
import { joinApiConnection, secretFieldsOf, splitApiConnection } from '../../../shared/validation/api-connection-secrets';
import { API_CONNECTION_KIND } from '../documents/document-store';
import { newApiConnectionOwner, readApiConnectionSecrets, writeApiConnectionSecrets } from '../api-connections/connection-secrets';
import type { Clock } from '../clock';
import type { EventBus } from '../events/event-bus';
import type { SerialQueue } from '../vault/serial-queue';
import type { Vault } from '../vault/vault';
import type { VaultHousekeeping } from '../vault/vault-housekeeping';
import { parseOrThrow } from '../validation/invalid-input';
import type { BatchStore } from './batch-store';
import { planApply, previewOf, sourceConnectionsOf, type ApplyPlan, type PlannerDeps, type TargetPlan } from './apply-planner';

export interface ApplyServiceDeps extends PlannerDeps {
  db: Database.Database;
  events: EventBus;
  clock: Clock;
  vault: Vault;
  queue: SerialQueue;
  housekeeping: VaultHousekeeping;
  batches: BatchStore;
}

/** Keychain sets written for one confirm: owner per (target, source connection). */
type NewSets = Map<string, string>;
type OwnedSet = { tenantId: string; owner: string };
const setKey = (tenantId: string, sourceId: string) => `${tenantId}/${sourceId}`;
const tenantOfKey = (key: string) => key.slice(0, key.indexOf('/'));
const setsOf = (sets: NewSets): OwnedSet[] => [...sets.entries()].map(([key, owner]) => ({ tenantId: tenantOfKey(key), owner }));

/**
 * Apply to many: preview (nothing changes), confirm (one batch, one transaction; the
 * targets in error are skipped and listed), undo (the whole batch in one step). API connections'
 * keychain work runs in the vault's queue, like every other keychain step.
 */
export class ApplyService {
  constructor(private readonly deps: ApplyServiceDeps) {}

  preview(input: ApplyInput): ApplyPreview {
    const parsed = parseOrThrow(applyInputSchema, input);
    const plan = planApply(this.deps, parsed.sourceTenantId, parsed.targetTenantIds, parsed.what);
    const targets = plan.targets.map(previewOf);
    const counts = { ok: 0, unchanged: 0, error: 0 };
    for (const target of targets) counts[target.status]++;
    return { sourceTenantId: plan.sourceTenantId, sourceName: plan.sourceName, targets, counts };
  }

  async confirm(input: ApplyInput): Promise<ApplyResult> {
    const parsed = parseOrThrow(applyInputSchema, input);
    if (parsed.what.kind !== 'api_connections') return this.commit(planApply(this.deps, parsed.sourceTenantId, parsed.targetTenantIds, parsed.what), new Map()).result;
    return this.deps.queue.run(async () => {
      const plan = planApply(this.deps, parsed.sourceTenantId, parsed.targetTenantIds, parsed.what);
      const sets = await this.writeCopiedSecrets(plan);
      let committed: { result: ApplyResult; unused: OwnedSet[] };
      try {
        committed = this.commit(plan, sets);
      } catch (error) {
        await this.removeSets(setsOf(sets));
        throw error;
      }
      await this.removeSets(committed.unused);
      return committed.result;
    });
  }

  async undo(input: { batchId: string; force?: boolean }): Promise<{ batchId: string; reverted: number; gone: string[] }> {
    const { batchId, force } = parseOrThrow(applyUndoInputSchema, input);
    return this.deps.queue.run(async () => {
      const batch = this.deps.batches.get(batchId);
      if (!batch) throw new RpcError('NOT_FOUND', `There is no batch ${batchId}.`);
      if (!batch.undoable) {
        const why = batch.undoneAt ? 'it was undone already' : batch.kind !== 'apply' ? 'only an apply to many can be undone' : 'it is too old';
        throw new RpcError('CONFLICT', `This batch cannot be undone: ${why}.`);
      }
      const items = this.deps.batches.items(batchId);
      const changed = items.filter((item) => {
        const row = this.deps.drafts.byId(item.document_id);
        return row && (row.deleted === 1 || row.draft_json !== item.after_json || row.vault_owner !== item.after_vault_owner);
      });
      if (changed.length > 0 && !force) {
        const names = [...new Set(changed.map((item) => this.deps.tenantName(item.tenant_id) ?? item.tenant_id))];
        throw new RpcError(
          'CONFLICT',
          `Some documents were changed after this batch (${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''}). Undo anyway to lose those changes too.`,
        );
      }
      const gone: string[] = [];
      const released: OwnedSet[] = [];
      const now = this.deps.clock();
      const meta = { source: 'apply' as const, note: `Undo of: ${batch.summary}`, batchId };
      this.deps.db.transaction(() => {
        for (const item of items) {
          const row = this.deps.drafts.byId(item.document_id);
          if (!row) {
            gone.push(item.tenant_id);
            continue;
          }
          if (row.vault_owner !== null && row.vault_owner !== item.before_vault_owner && row.vault_owner !== row.base_vault_owner) {
            released.push({ tenantId: row.tenant_id, owner: row.vault_owner });
          }
          if (item.before_json !== null) {
            this.deps.drafts.update(row, item.before_json, item.before_vault_owner, now, meta);
          } else if (row.base_json === null) {
            this.deps.drafts.remove(row.id);
          } else if (row.kind === API_CONNECTION_KIND) {
            this.deps.drafts.markDeleted(row.id, now);
          } else {
            this.deps.drafts.update(row, JSON.stringify(SINGLETON_DEFINITIONS[row.kind as SingletonKind].defaults), null, now, meta);
          }
        }
        this.deps.batches.markUndone(batchId, now);
      })();
      for (const set of released) await this.deps.housekeeping.removeSet(set.tenantId, set.owner);
      this.deps.events.tenantChanged(null);
      return { batchId, reverted: items.length - gone.length, gone: [...new Set(gone)] };
    });
  }

  batches(): BatchSummary[] {
    return this.deps.batches.list();
  }

  /**
   * Writes every target's documents, with the batch, in one transaction. A target deleted
   * meanwhile is skipped. Returns the fresh keychain sets nothing uses (their target was skipped).
   */
  private commit(plan: ApplyPlan, sets: NewSets): { result: ApplyResult; unused: OwnedSet[] } {
    const result: ApplyResult = { batchId: null, applied: [], unchanged: [], skipped: [] };
    const now = this.deps.clock();
    this.deps.db.transaction(() => {
      const writable: TargetPlan[] = [];
      for (const target of plan.targets) {
        const preview = previewOf(target);
        if (preview.status === 'error' || this.deps.tenantName(target.tenantId) === null) {
          result.skipped.push({ tenantId: target.tenantId, errors: preview.errors.length > 0 ? preview.errors : [{ path: ['targetTenantIds'], message: 'tenant.notFound' }] });
        } else if (preview.status === 'unchanged') {
          result.unchanged.push(target.tenantId);
        } else writable.push(target);
      }
      if (writable.length === 0) return;
      const batchId = this.deps.batches.create('apply', summaryOf(plan, writable.length), now);
      const meta = { source: 'apply' as const, note: `Applied from “${plan.sourceName}”`, batchId };
      for (const target of writable) {
        if (target.singleton && target.singleton.action !== 'unchanged') {
          const { kind, existing, json } = target.singleton;
          const documentId = existing ? existing.id : this.deps.drafts.insert(target.tenantId, kind, json, null, now, meta);
          if (existing) this.deps.drafts.update(existing, json, null, now, meta);
          this.deps.batches.addItem(itemOf(batchId, target.tenantId, documentId, kind, existing, json, null));
        }
        for (const connection of target.connections) {
          if (connection.action === 'unchanged') continue;
          const json = JSON.stringify(connection.next);
          const owner = connection.copySecrets
            ? sets.get(setKey(target.tenantId, connection.sourceId))!
            : secretFieldsOf(connection.next).length === 0
              ? null
              : (connection.existing?.vault_owner ?? null);
          const existing = connection.existing;
          const documentId = existing ? existing.id : this.deps.drafts.insert(target.tenantId, API_CONNECTION_KIND, json, owner, now, meta);
          if (existing) this.deps.drafts.update(existing, json, owner, now, meta);
          this.deps.batches.addItem(itemOf(batchId, target.tenantId, documentId, API_CONNECTION_KIND, existing, json, owner));
        }
        result.applied.push(target.tenantId);
      }
      result.batchId = batchId;
    })();
    if (result.applied.length > 0) this.deps.events.tenantChanged(result.applied.length === 1 ? result.applied[0]! : null);
    // The old sets of updated connections stay: the batch's undo brings them back (BatchStore.heldOwners).
    const applied = new Set(result.applied);
    return { result, unused: setsOf(sets).filter((set) => !applied.has(set.tenantId)) };
  }

  /** With copySecrets: the source's values, written as a fresh set per target that gets them. All or nothing. */
  private async writeCopiedSecrets(plan: ApplyPlan): Promise<NewSets> {
    const sets: NewSets = new Map();
    if (plan.what.kind !== 'api_connections' || !plan.what.copySecrets) return sets;
    const sources = sourceConnectionsOf(this.deps, plan.sourceTenantId, plan.what.connectionIds);
    const secretsBySource = new Map<string, ReturnType<typeof splitApiConnection>['secrets']>();
    for (const source of sources) {
      if (secretFieldsOf(source.publicPart).length === 0) continue;
      const values = await readApiConnectionSecrets(this.deps.vault, plan.sourceTenantId, source.vaultOwner, source.publicPart);
      const joined = joinApiConnection(source.publicPart, values);
      if (!joined.ok) throw new RpcError('VAULT_UNAVAILABLE', `The secrets of the source's API connection “${source.publicPart.name}” are incomplete in the keychain.`);
      secretsBySource.set(source.id, splitApiConnection(joined.value).secrets);
    }
    try {
      for (const target of plan.targets) {
        if (target.errors.length > 0) continue;
        for (const connection of target.connections) {
          const secrets = secretsBySource.get(connection.sourceId);
          if (!connection.copySecrets || !secrets) continue;
          const owner = newApiConnectionOwner(connection.existing?.id ?? connection.sourceId);
          sets.set(setKey(target.tenantId, connection.sourceId), owner);
          await writeApiConnectionSecrets(this.deps.vault, target.tenantId, owner, secrets);
        }
      }
    } catch (error) {
      await this.removeSets(setsOf(sets));
      throw error;
    }
    return sets;
  }

  private async removeSets(sets: OwnedSet[]): Promise<void> {
    for (const set of sets) await this.deps.housekeeping.removeSet(set.tenantId, set.owner);
  }
}

function itemOf(batchId: string, tenantId: string, documentId: string, kind: string, existing: { draft_json: string; dirty: number; vault_owner: string | null } | null, json: string, owner: string | null) {
  return {
    batch_id: batchId,
    document_id: documentId,
    tenant_id: tenantId,
    kind,
    before_json: existing ? existing.draft_json : null,
    before_dirty: existing ? existing.dirty : null,
    before_vault_owner: existing ? existing.vault_owner : null,
    after_json: json,
    after_vault_owner: owner,
  };
}

function summaryOf(plan: ApplyPlan, targets: number): string {
  const what =
    plan.what.kind === 'api_connections'
      ? `${plan.what.connectionIds.length} API connection${plan.what.connectionIds.length === 1 ? '' : 's'}`
      : plan.what.kind === 'ai_response'
        ? 'AI Response'
        : 'Idle Action';
  return `${what} from “${plan.sourceName}” to ${targets} tenant${targets === 1 ? '' : 's'}`;
}
