import { toRaw } from 'vue';

/** Where a bytes value waits while the rest of an input goes through JSON (a key no input has). */
const BYTES_SLOT = '\u0000bytes';

function isSlot(value: unknown): value is { [BYTES_SLOT]: number } {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[BYTES_SLOT] === 'number' && Object.keys(value).length === 1;
}

/**
 * An RPC input as the plain data the transports send: Vue's reactive proxies cannot cross
 * Electron's structured clone, so an input is copied through JSON (and keeps what JSON keeps),
 * except for bytes (an import file, sent as it was chosen): they go as they are, neither turned
 * into an object of numbers nor copied here (the transport copies them once, or sends them as the
 * request's body).
 */
export function plainInput(input: unknown): unknown {
  if (input === undefined) return undefined;
  const bytes: Uint8Array[] = [];
  const text = JSON.stringify(input, (_key, value: unknown) => (value instanceof Uint8Array ? { [BYTES_SLOT]: bytes.push(toRaw(value)) - 1 } : value));
  return bytes.length === 0 ? JSON.parse(text) : JSON.parse(text, (_key, value: unknown) => (isSlot(value) ? bytes[value[BYTES_SLOT]] : value));
}
