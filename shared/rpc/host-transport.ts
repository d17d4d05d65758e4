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

/**
 * Channels whose input is one text, an import file of up to tens of megabytes (`{ text }`, its text
 * or, as the import dialog sends it, the chosen file's bytes): the host also takes it as the
 * request's raw body, sent with HOST_TEXT_BODY_TYPE, and hands the channel `{ [field]: the body's
 * bytes }`, so that the file is neither escaped into a JSON string by the page nor parsed back out
 * of one by the host, and is decoded where it is read. Any other body is the input as JSON.
 */
const HOST_TEXT_BODY_FIELDS: Readonly<Record<string, string>> = { 'transfer.previewImport': 'text' };

/** The media type of a raw text body (the text is UTF-8, as a JSON body is). */
export const HOST_TEXT_BODY_TYPE = 'text/plain; charset=utf-8';

/** The input field a channel takes as a raw text body, or null when it takes JSON only. */
export function hostTextBodyField(channel: string): string | null {
  return Object.hasOwn(HOST_TEXT_BODY_FIELDS, channel) ? HOST_TEXT_BODY_FIELDS[channel]! : null;
}
