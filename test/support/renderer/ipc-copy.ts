/**
 * What the renderer's IPC delivers of a value, for the tests' transports: a copy through JSON (as
 * they have always made it), except that bytes (an import file the page sends as it is) stay bytes,
 * as Electron's structured clone keeps them. In JSON text they travel as `{ "$ipcBytes": base64 }`.
 */
const BYTES_KEY = '$ipcBytes';

/** The value as JSON text, bytes included (undefined for undefined, as JSON.stringify answers). */
export function toIpcJson(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, item: unknown) => (item instanceof Uint8Array ? { [BYTES_KEY]: Buffer.from(item.buffer, item.byteOffset, item.byteLength).toString('base64') } : item));
}

/** The value back from toIpcJson's text, its bytes as a Uint8Array of their own. */
export function fromIpcJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  return JSON.parse(text, (_key, item: unknown) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
    const keys = Object.keys(item);
    const encoded = (item as Record<string, unknown>)[BYTES_KEY];
    return keys.length === 1 && typeof encoded === 'string' ? new Uint8Array(Buffer.from(encoded, 'base64')) : item;
  });
}

export function copyAsIpc(value: unknown): unknown {
  return fromIpcJson(toIpcJson(value));
}
