import type { CollectionPublishHooks } from './collection-publish';
import type { CommitGroup } from './commit-group';

/**
 * The publish hooks of a collection kind without secrets (deal settings): the entry's body is
 * sent as it is, the backend's answer becomes the base whole, and no keychain set is involved.
 */
export function plainPublishHooks(deps: { commits: CommitGroup }): CollectionPublishHooks {
  return {
    body: (entry) => Promise.resolve({ body: JSON.parse(entry.body_json ?? 'null') as unknown, secrets: [] }),
    stored: (_entry, value) => ({ value, owner: null }),
    settle: async (_tenantId, write) => {
      await deps.commits.commit(write);
    },
  };
}
