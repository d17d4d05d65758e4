import { markRaw } from 'vue';
import { defineStore } from 'pinia';
import type { TagCount } from '../../../shared/schemas/tags';
import type { TenantListItem } from '../../../shared/schemas/tenant-list';
import { rangeIds } from '../components/tenant-list/selection';

/**
 * Many tenants at once (issue #7): every tenant for the Ctrl+K switcher, the tags in use, and the
 * tenant list's row selection that bulk actions (tags, apply to many, publish, export) work on.
 */
export const useTenantsAtScaleStore = defineStore('tenantsAtScaleStore', {
  state: () => ({
    /**
     * Every tenant, unfiltered; null until first loaded. Kept raw (not deeply reactive): the
     * switcher's search indexes it by identity, and a new array is a new index.
     */
    all: null as readonly TenantListItem[] | null,
    allSeq: 0,
    tags: [] as TagCount[],
    /** Selected rows by tenant id. */
    selected: {} as Record<string, boolean>,
    /** The row a shift-click extends from. */
    anchorId: null as string | null,
  }),

  getters: {
    selectedIds: (state): string[] => Object.keys(state.selected).filter((id) => state.selected[id]),
    selectedCount(): number {
      return this.selectedIds.length;
    },
  },

  actions: {
    async loadAll(): Promise<readonly TenantListItem[]> {
      const seq = ++this.allSeq;
      const items = await this.rpc.call('tenants.list', {});
      if (seq === this.allSeq) this.all = markRaw(Object.freeze(items));
      return items;
    },

    async loadTags(): Promise<TagCount[]> {
      this.tags = await this.rpc.call('tags.list', {});
      return this.tags;
    },

    /** A click on a row's checkbox; with shift, the range from the anchor takes the row's new state. */
    toggle(id: string, options: { shift?: boolean; orderedIds?: readonly string[] } = {}) {
      const value = !this.selected[id];
      const ids = options.shift && options.orderedIds ? rangeIds(options.orderedIds, this.anchorId, id) : [id];
      for (const each of ids.length > 0 ? ids : [id]) this.setSelected(each, value);
      this.anchorId = id;
    },

    setSelected(id: string, value: boolean) {
      if (value) this.selected[id] = true;
      else delete this.selected[id];
    },

    selectAll(ids: readonly string[]) {
      for (const id of ids) this.selected[id] = true;
    },

    clearSelection() {
      this.selected = {};
      this.anchorId = null;
    },

    /** Drops ids of tenants that no longer exist. */
    keepOnly(existingIds: readonly string[]) {
      const keep = new Set(existingIds);
      for (const id of Object.keys(this.selected)) if (!keep.has(id)) delete this.selected[id];
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
