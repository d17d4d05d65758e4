import type { Migration } from './migration';

/**
 * Publishing collection documents (API connections, deal settings):
 * - `vault_owner`: the keychain set whose secret values an API connection's request carries,
 *   pinned when the entry is written, so that a resend (after a crash too) sends the very same
 *   body under the same idempotency key, whatever the user saved meanwhile. A pinned set is kept
 *   (never removed, never swept) while its entry is open.
 * - `may_exist`: a creation that may have happened on the backend (it was sent, and no answer
 *   said it did not): it is never replaced by a creation under a new key; the next publish of its
 *   document sends it again, same key, same body, and the backend answers the first result.
 */
export const migration007CollectionSync: Migration = {
  version: 7,
  name: 'outbox: pinned keychain sets and creations that may exist',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN vault_owner TEXT;
      ALTER TABLE outbox ADD COLUMN may_exist INTEGER NOT NULL DEFAULT 0 CHECK (may_exist IN (0, 1));
      CREATE INDEX outbox_document ON outbox(document_id, state);
      CREATE INDEX outbox_pinned ON outbox(tenant_id, vault_owner) WHERE vault_owner IS NOT NULL;
      CREATE INDEX settings_documents_remote ON settings_documents(tenant_id, kind, remote_id) WHERE remote_id IS NOT NULL;
    `);
  },
};
