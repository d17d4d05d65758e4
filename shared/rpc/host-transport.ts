// The headless host's HTTP transport: its paths and body limits. Kept apart from the contract (and
// its schemas) so the renderer's first code can reach the host without loading zod.

/** Paths of the headless host's HTTP transport. */
export const HOST_PATHS = { rpc: '/rpc/', events: '/events' } as const;
/** The largest request body the host accepts. */
export const HOST_MAX_BODY_BYTES = 2 * 1024 * 1024;
/**
 * The largest body of a `transfer.*` request: an import file up to the core's own bound (50 MB,
 * checked there with a clear error) still fits after JSON escaping.
 */
export const HOST_MAX_TRANSFER_BODY_BYTES = 64 * 1024 * 1024;
