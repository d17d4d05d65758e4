/**
 * Row selection of the tenant list: a click toggles one row; a shift-click sets every row between
 * the last clicked one (the anchor) and this one, in the order shown, to the clicked row's new state.
 */
export function rangeIds(orderedIds: readonly string[], anchorId: string | null, id: string): string[] {
  const to = orderedIds.indexOf(id);
  const from = anchorId === null ? -1 : orderedIds.indexOf(anchorId);
  if (to === -1) return [];
  if (from === -1) return [id];
  const [start, end] = from <= to ? [from, to] : [to, from];
  return orderedIds.slice(start, end + 1);
}

