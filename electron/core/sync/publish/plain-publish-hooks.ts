import type { CollectionPublishHooks } from './collection-publish';

/**
 * The publish hooks of a collection kind without secrets (deal settings): the entry's body is
 * sent as it is, the backend's answer becomes the base whole, and no keychain set is involved.
 */
export function plainPublishHooks(): CollectionPublishHooks {
  return {
    body: (entry) => Promise.resolve({ body: JSON.parse(entry.body_json ?? 'null') as unknown, secrets: [] }),
    stored: (_entry, value) => ({ value, owner: null }),
    settle: (_tenantId, write) => {
      write();
      return Promise.resolve();
    },
  };
}
