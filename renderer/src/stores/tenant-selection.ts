import { defineStore } from 'pinia';
import { rangeIds } from '../lib/range-selection';

/** The tenant list's row selection, which the bulk actions (tags, apply to many, publish, export) work on. */
export const useTenantSelectionStore = defineStore('tenantSelection', {
  state: () => ({
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
    /** A click on a row's checkbox; with shift, the range from the anchor takes the row's new state. */
    toggle(id: string, options: { shift?: boolean; orderedIds?: readonly string[] } = {}) {
      const value = !this.selected[id];
      const ids = options.shift && options.orderedIds ? rangeIds(options.orderedIds, this.anchorId, id) : [id];
      for (const each of ids.length > 0 ? ids : [id]) this.setSelected(each, value);
      this.anchorId = id;
    },

    /**
     * Shift with an arrow key: selects every row from the anchor (or, without one, from the row
     * the move started on, which becomes the anchor) to `toId`, in the order shown. Adds to the selection.
     */
    extend(orderedIds: readonly string[], fromId: string, toId: string) {
      this.anchorId ??= fromId;
      for (const id of rangeIds(orderedIds, this.anchorId, toId)) this.setSelected(id, true);
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

    dehydrate() {
      this.$reset();
    },
  },
});
