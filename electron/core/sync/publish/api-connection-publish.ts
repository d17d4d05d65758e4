import type { ApiConnection } from '../../../../shared/schemas/api-connection';
import type { ApiConnectionPublic } from '../../../../shared/schemas/api-connection-public';
import { stringLeaves } from '../../../../shared/logic/redact-values';
import { splitApiConnection } from '../../../../shared/validation/api-connection-secrets';
import { loadApiConnection, loadApiConnections } from '../../api-connections/connection-secrets';
import type { SerialQueue } from '../../vault/serial-queue';
import type { Vault } from '../../vault/vault';
import { setsOfRow, type SecretSets } from '../secret-sets';
import type { CollectionRow } from '../../documents/document-store';
import type { CollectionPublishHooks } from './collection-publish';
import type { CommitGroup } from './commit-group';
import type { OutboxEntry } from './outbox';

export interface ApiConnectionPublishDeps {
  vault: Vault;
  sets: SecretSets;
  /** The core's keychain queue: secrets are read, and the rows written, inside it. */
  queue: SerialQueue;
  /** The publish's durable writes, committed together with those of the requests beside it. */
  commits: CommitGroup;
}

/** A written connection waiting for its row's write and its sets' release. */
interface WaitingSettle {
  tenantId: string;
  write: () => CollectionRow | undefined;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The API connections' part of the collection publish (collection-publish.ts): their secrets.
 * The body is the entry's public part plus the secrets of the entry's pinned keychain set, read
 * ahead of the requests (prepare) where it can, else inside the keychain queue. The base keeps the
 * public part of the backend's answer, with the pinned set as the base's set; the write and the
 * removal of sets nothing points at any more run inside the queue — the connections answered
 * while the queue was busy in one task, their writes committed together.
 */
export function apiConnectionPublishHooks(deps: ApiConnectionPublishDeps): CollectionPublishHooks {
  /** Connections read ahead of their requests, by outbox entry, with the set and body they were read for. */
  const readAhead = new Map<number, { owner: string | null; bodyJson: string | null; connection: Promise<ApiConnection> }>();

  /** The connection's public part, as the entry holds it (its secrets join it when loaded, checked then). */
  function publicPartOf(entry: OutboxEntry): ApiConnectionPublic {
    return JSON.parse(entry.body_json ?? 'null') as ApiConnectionPublic;
  }

  /** The entry's public part joined with its pinned set's values. */
  function readConnection(entry: OutboxEntry): Promise<ApiConnection> {
    return loadApiConnection(deps.vault, entry.tenant_id, entry.vault_owner, publicPartOf(entry));
  }

  /** Connections answered and not yet settled: the next task of the keychain queue settles them all. */
  let waiting: WaitingSettle[] = [];

  /** In one task of the keychain queue: the waiting rows' writes, committed together, then each one's unused sets released. */
  async function settleWaiting(): Promise<void> {
    const batch = waiting;
    waiting = [];
    const written = await Promise.allSettled(batch.map((item) => deps.commits.commit(item.write)));
    for (const [i, item] of batch.entries()) {
      const outcome = written[i]!;
      if (outcome.status === 'rejected') {
        item.reject(outcome.reason);
        continue;
      }
      try {
        await deps.sets.releaseUnused(item.tenantId, outcome.value ? setsOfRow(outcome.value) : []);
        item.resolve();
      } catch (error) {
        item.reject(error);
      }
    }
  }

  /** The queue refused the task (the core is closing): the waiting settles fail with its error. */
  function failWaiting(error: unknown): void {
    const batch = waiting;
    waiting = [];
    for (const item of batch) item.reject(error);
  }

  /** The full connection to send: read ahead (prepare) when that read still fits the entry, read now otherwise. */
  async function connectionOf(entry: OutboxEntry): Promise<ApiConnection> {
    const ahead = readAhead.get(entry.id);
    readAhead.delete(entry.id);
    if (ahead && ahead.owner === entry.vault_owner && ahead.bodyJson === entry.body_json) {
      try {
        return await ahead.connection;
      } catch {
        // read again below, so that the send fails with its own read's error
      }
    }
    return deps.queue.run(() => readConnection(entry));
  }

  return {
    async body(entry) {
      const connection = await connectionOf(entry);
      return { body: connection, secrets: secretValuesOf(connection) };
    },

    stored: (entry, value) => ({ value: splitApiConnection(value as ApiConnection).public, owner: entry.vault_owner }),

    settle: (tenantId, write) =>
      new Promise<void>((resolve, reject) => {
        waiting.push({ tenantId, write, resolve, reject });
        if (waiting.length === 1) void deps.queue.run(settleWaiting).catch((error: unknown) => failWaiting(error));
      }),

    /**
     * Reads the connections of `entries` (a tenant's) from the keychain ahead of their requests, in
     * one vault read (the tenant's keychain entry once), beside the keychain queue rather than in it: an entry's set is written once and
     * never changed, and the outbox pins it while the entry is open, so no task of the queue removes
     * it meanwhile — and the queue stays free for the writes' settling. A send takes its connection
     * from here when its entry still names the same set and body, and otherwise (or when this read
     * failed) reads it itself inside the queue, meeting the error there.
     */
    prepare(entries) {
      const toRead = entries.filter((entry) => entry.op !== 'delete' && !readAhead.has(entry.id));
      if (toRead.length === 0) return;
      // One vault read for the tenant's connections: its keychain entry is read once.
      const read = loadApiConnections(
        deps.vault,
        toRead.map((entry) => ({ tenantId: entry.tenant_id, owner: entry.vault_owner, publicPart: publicPartOf(entry) })),
      );
      toRead.forEach((entry, i) => {
        const connection = read.then((results) => {
          const result = results[i]!;
          if (result.status === 'rejected') throw result.reason;
          return result.value;
        });
        connection.catch(() => undefined); // met again by the send's own read
        readAhead.set(entry.id, { owner: entry.vault_owner, bodyJson: entry.body_json, connection });
      });
    },

    /** Drops what was read ahead for `entries` and not sent (secret values are not kept longer than the tenant's publish). */
    release(entries) {
      for (const entry of entries) readAhead.delete(entry.id);
    },
  };
}

/** An API connection's secret values: each secret field's text, and each string inside a settings value. */
function secretValuesOf(connection: ApiConnection): string[] {
  return [...splitApiConnection(connection).secrets.map((secret) => secret.value), ...stringLeaves(connection.settings ?? {})];
}
