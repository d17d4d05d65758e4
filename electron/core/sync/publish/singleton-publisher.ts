import { DOCUMENT_KINDS } from '../../../../shared/document-kinds';
import type { SingletonKind } from '../../../../shared/schemas/settings-document';
import { isBackendError } from '../backend-error';
import type { DocumentSync } from '../pull/document-sync';
import type { Outbox } from './outbox';
import type { BackendApi } from '../session/backend-client-factory';
import type { SyncStateStore } from '../sync-state';
import type { OutboxEntry } from '../sync-store';
import type { CommitGroup } from './commit-group';
import type { CurrentDocument, DocumentPublisher, SendOutcome } from './document-publisher';

export interface SingletonPublisherDeps {
  /** The publish's durable writes, committed together with those of the requests beside it. */
  commits: CommitGroup;
  outbox: Outbox;
  documents: Pick<DocumentSync, 'row' | 'markPublished'>;
  state: Pick<SyncStateStore, 'recordSuccess'>;
}

/**
 * The one-per-tenant documents (AI Response, Idle Action): a PUT of the whole document with
 * If-Match; what the backend answers becomes the base. One never pulled is pulled first.
 */
export class SingletonPublisher implements DocumentPublisher {
  readonly conflictMessage = 'The backend changed the same fields: choose which values to keep, then publish again.';

  constructor(private readonly deps: SingletonPublisherDeps) {}

  current(entry: OutboxEntry): CurrentDocument | undefined {
    const row = this.deps.documents.row(entry.tenant_id, entry.kind as SingletonKind);
    return row && { ...row, deleted: 0, vault_owner: null };
  }

  needsPullFirst(entry: OutboxEntry): boolean {
    return entry.if_match === null;
  }

  async send(entry: OutboxEntry, client: BackendApi, signal: AbortSignal): Promise<SendOutcome> {
    if (!(await this.deps.commits.commit(() => this.deps.outbox.markSending(entry)))) return 'done'; // superseded meanwhile: not this run's to send
    try {
      const result = await client.call(DOCUMENT_KINDS[entry.kind as SingletonKind].routes.put, { body: JSON.parse(entry.body_json!), ifMatch: entry.if_match!, signal });
      await this.deps.commits.commit(() => {
        this.deps.documents.markPublished(entry.document_id, JSON.stringify(result.data.value), result.data.version);
        this.deps.outbox.finish(entry.id, 'done', { version: result.data.version });
        this.deps.state.recordSuccess(entry.tenant_id);
      });
      return 'done';
    } catch (error) {
      if (!signal.aborted && isBackendError(error, 'version_mismatch')) return 'stale';
      throw error;
    }
  }
}
