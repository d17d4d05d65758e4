import { defineStore } from 'pinia';
import type { RpcOutput } from '../../../shared/rpc/contract';
import type { DocumentConflicts, PublishProgress, PublishRun, SyncStatus, TenantPlan } from '../../../shared/schemas/sync';
import { SINGLETON_KINDS } from '../../../shared/schemas/settings-document';
import { OUTBOX_STATES } from '../../../shared/schemas/sync';
import type { PullProgress } from '../../../shared/schemas/bulk-pull';

export type PullResult = RpcOutput<'sync.pull'>;
export type ConflictChoice = 'mine' | 'theirs';

/** A publish run as the renderer follows it: its latest progress, when it started, its results once ended. */
export interface RunView {
  runId: string;
  tenantIds: string[];
  progress: PublishProgress;
  /** Date.now() when the run was started here (for the time left). */
  startedAt: number;
  /** Date.now() at the latest progress that moved. */
  updatedAt: number;
  results: PublishRun['results'] | null;
}

/** The entries of a run that reached an end state. */
export function settledCount(progress: PublishProgress): number {
  return OUTBOX_STATES.filter((state) => state !== 'pending' && state !== 'sending').reduce((sum, state) => sum + (progress.counts[state] ?? 0), 0);
}

/** Seconds left, from the pace so far; null until one entry settled or when the run ended. */
export function secondsLeft(run: RunView): number | null {
  const settled = settledCount(run.progress);
  if (run.progress.state !== 'running' || settled === 0 || settled >= run.progress.total) return null;
  const perEntryMs = (run.updatedAt - run.startedAt) / settled;
  return Math.max(1, Math.ceil(((run.progress.total - settled) * perEntryMs) / 1000));
}

/** Whole minutes left of a bulk pull (at least 1), from the core's estimate at the tenants' pace; null when it has none. */
export function minutesLeft(progress: PullProgress): number | null {
  if (progress.state !== 'running' || progress.msLeft === null) return null;
  return Math.max(1, Math.ceil(progress.msLeft / 60_000));
}

/**
 * Sync with each tenant's backend, as the UI shows it: status, conflicts, plans and publish runs.
 * The password passes through `signIn` to the core and is never kept here (nor anywhere in the renderer).
 */
export const useSyncStore = defineStore('syncStore', {
  state: () => ({
    byTenant: {} as Record<string, SyncStatus>,
    conflicts: {} as Record<string, DocumentConflicts[]>,
    pulling: {} as Record<string, boolean>,
    runs: {} as Record<string, RunView>,
    /** Bulk pulls by run id, as their latest progress. */
    pullRuns: {} as Record<string, PullProgress>,
    /** The run each tenant's panel follows (the latest one started from it). */
    tenantRun: {} as Record<string, string>,
    /** Answers older than the latest request per tenant are dropped. */
    statusSeq: {} as Record<string, number>,
  }),

  getters: {
    status: (state) => (tenantId: string): SyncStatus | null => state.byTenant[tenantId] ?? null,
    runOf: (state) => (tenantId: string): RunView | null => {
      const runId = state.tenantRun[tenantId];
      return runId ? (state.runs[runId] ?? null) : null;
    },
  },

  actions: {
    async refresh(tenantId: string): Promise<SyncStatus> {
      const seq = (this.statusSeq[tenantId] ?? 0) + 1;
      this.statusSeq[tenantId] = seq;
      const status = await this.rpc.call('sync.status', { tenantId });
      if (this.statusSeq[tenantId] === seq) this.byTenant[tenantId] = status;
      return status;
    },

    setStatus(status: SyncStatus) {
      this.statusSeq[status.tenantId] = (this.statusSeq[status.tenantId] ?? 0) + 1;
      this.byTenant[status.tenantId] = status;
    },

    async signIn(tenantId: string, credentials: { username: string; password: string }): Promise<SyncStatus> {
      try {
        const status = await this.rpc.call('sync.signIn', { tenantId, username: credentials.username, password: credentials.password });
        this.setStatus(status);
        return status;
      } catch (error) {
        // The core recorded the failure (last error, online state): show it.
        void this.refresh(tenantId).catch(() => undefined);
        throw error;
      }
    },

    /** A Qontak (Mekari API) tenant: the HMAC pair goes straight to the core (and its keychain), never kept here. */
    async signInHmac(tenantId: string, credentials: { clientId: string; clientSecret: string }): Promise<SyncStatus> {
      try {
        const status = await this.rpc.call('sync.signInHmac', { tenantId, clientId: credentials.clientId, clientSecret: credentials.clientSecret });
        this.setStatus(status);
        return status;
      } catch (error) {
        void this.refresh(tenantId).catch(() => undefined);
        throw error;
      }
    },

    /** A legacy chat-service tenant: user name and password with the OAuth client. */
    async signInLegacy(tenantId: string, credentials: { username: string; password: string; clientId: string; clientSecret: string }): Promise<SyncStatus> {
      try {
        const status = await this.rpc.call('sync.signIn', { tenantId, ...credentials });
        this.setStatus(status);
        return status;
      } catch (error) {
        void this.refresh(tenantId).catch(() => undefined);
        throw error;
      }
    },

    /** How long these requests take at the tenants' request pace (ms; 0 when nothing is paced). */
    async paceEstimate(entries: Array<{ tenantId: string; requests: number }>): Promise<number> {
      return (await this.rpc.call('sync.paceEstimate', { entries })).msLeft;
    },

    async signOut(tenantId: string): Promise<SyncStatus> {
      const status = await this.rpc.call('sync.signOut', { tenantId });
      this.setStatus(status);
      return status;
    },

    async pull(tenantId: string): Promise<PullResult> {
      this.pulling[tenantId] = true;
      try {
        const result = await this.rpc.call('sync.pull', { tenantId });
        this.setStatus(result.status);
        this.conflicts[tenantId] = result.conflicts;
        return result;
      } catch (error) {
        void this.refresh(tenantId).catch(() => undefined);
        throw error;
      } finally {
        this.pulling[tenantId] = false;
      }
    },

    /** Pulls many tenants; 'sync.pullProgress' events (applyPullProgress) follow the run. */
    async pullMany(tenantIds: string[]): Promise<PullProgress> {
      const progress = await this.rpc.call('sync.pullMany', { tenantIds });
      // An event may have come before the answer: it is the newer one.
      if (!this.pullRuns[progress.runId]) this.pullRuns[progress.runId] = progress;
      return this.pullRuns[progress.runId]!;
    },

    /** A 'sync.pullProgress' event; an older one (fewer tenants settled, or running after the end) is dropped. */
    applyPullProgress(progress: PullProgress) {
      const current = this.pullRuns[progress.runId];
      if (current) {
        if (current.state === 'finished') return;
        if (progress.state === 'running' && progress.done + progress.failed < current.done + current.failed) return;
      }
      this.pullRuns[progress.runId] = progress;
    },

    async loadConflicts(tenantId: string): Promise<DocumentConflicts[]> {
      const conflicts = await this.rpc.call('sync.conflicts', { tenantId });
      this.conflicts[tenantId] = conflicts;
      return conflicts;
    },

    /** Applies choices for some fields of one document; the answer is the tenant's open conflicts. */
    async resolve(document: Pick<DocumentConflicts, 'tenantId' | 'kind' | 'documentId'>, choices: Record<string, ConflictChoice>): Promise<DocumentConflicts[]> {
      const singleton = (SINGLETON_KINDS as readonly string[]).includes(document.kind);
      const conflicts = await this.rpc.call('sync.resolveConflict', {
        tenantId: document.tenantId,
        kind: document.kind,
        ...(singleton ? {} : { id: document.documentId }),
        choices,
      });
      this.conflicts[document.tenantId] = conflicts;
      void this.refresh(document.tenantId).catch(() => undefined);
      return conflicts;
    },

    plan(tenantIds: string[]): Promise<TenantPlan[]> {
      return this.rpc.call('sync.plan', { tenantIds });
    },

    /** `wholeTenants`: a tenant with any invalid or conflicting document sends nothing (bulk publish). */
    async publish(tenantIds: string[], options: { wholeTenants?: boolean } = {}): Promise<RunView> {
      const progress = await this.rpc.call('sync.publish', options.wholeTenants ? { tenantIds, wholeTenants: true } : { tenantIds });
      const now = Date.now();
      const existing = this.runs[progress.runId];
      // An event may have come before the answer: keep whichever is further along.
      const run: RunView = existing ?? { runId: progress.runId, tenantIds, progress, startedAt: now, updatedAt: now, results: null };
      run.tenantIds = tenantIds;
      if (!existing || settledCount(progress) > settledCount(existing.progress)) run.progress = progress;
      this.runs[progress.runId] = run;
      for (const tenantId of tenantIds) this.tenantRun[tenantId] = progress.runId;
      if (run.progress.state !== 'running') await this.loadRun(progress.runId);
      return this.runs[progress.runId]!;
    },

    /** A 'sync.progress' event. Runs not started here are followed too (a resumed run after a restart). */
    applyProgress(progress: PublishProgress) {
      const now = Date.now();
      const run = this.runs[progress.runId];
      if (!run) {
        this.runs[progress.runId] = { runId: progress.runId, tenantIds: [], progress, startedAt: now, updatedAt: now, results: null };
      } else {
        if (run.progress.state !== 'running' && progress.state === 'running') return; // a late, older event
        if (settledCount(progress) !== settledCount(run.progress)) run.updatedAt = now;
        run.progress = progress;
      }
      if (progress.state !== 'running') void this.loadRun(progress.runId).catch(() => undefined);
    },

    async loadRun(runId: string): Promise<RunView> {
      const view = await this.rpc.call('sync.run', { runId });
      const { results, ...progress } = view;
      const now = Date.now();
      const run = this.runs[runId] ?? { runId, tenantIds: [...new Set(results.map((entry) => entry.tenantId))], progress, startedAt: now, updatedAt: now, results: null };
      run.progress = progress;
      run.results = results;
      this.runs[runId] = run;
      for (const tenantId of new Set(results.map((entry) => entry.tenantId))) void this.refresh(tenantId).catch(() => undefined);
      return run;
    },

    async cancel(runId: string): Promise<void> {
      const cancelled = await this.rpc.call('sync.cancel', { runId });
      for (const progress of cancelled) this.applyProgress(progress);
      await this.loadRun(runId);
    },

    /** Forgets which run a tenant's panel follows (the dialog was closed after the results). */
    forgetRun(tenantId: string) {
      delete this.tenantRun[tenantId];
    },

    dehydrate() {
      this.$reset();
    },
  },
});
