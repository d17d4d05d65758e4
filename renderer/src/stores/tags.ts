import { defineStore } from 'pinia';
import type { TagCount } from '../../../shared/schemas/tags';

/** The tags in use (with how many tenants carry each), and adding or removing tags on many tenants. */
export const useTagsStore = defineStore('tags', {
  state: () => ({
    tags: [] as TagCount[],
  }),

  actions: {
    async loadTags(): Promise<TagCount[]> {
      this.tags = await this.rpc.call('tags.list', {});
      return this.tags;
    },

    async addTags(tenantIds: string[], tags: string[]) {
      const result = await this.rpc.call('tags.add', { tenantIds, tags });
      await this.loadTags().catch(() => undefined);
      return result;
    },

    async removeTags(tenantIds: string[], tags: string[]) {
      const result = await this.rpc.call('tags.remove', { tenantIds, tags });
      await this.loadTags().catch(() => undefined);
      return result;
    },

    dehydrate() {
      this.$reset();
    },
  },
});
