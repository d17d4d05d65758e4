/**
 * The tenant list's fixed geometry: every row is one line of this height, below a header row of
 * its own height (the virtual list positions rows from these; the CSS takes them as
 * `--tenant-row-height` and `--tenant-header-height`).
 */
export const TENANT_ROW_HEIGHT = 44;
export const TENANT_HEADER_HEIGHT = 36;
