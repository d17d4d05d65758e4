/**
 * An import file's text: as it is, or decoded from its bytes as UTF-8 (a malformed sequence
 * becomes U+FFFD, as a decoded request body's does).
 */
export function textOfImportFile(file: string | Uint8Array): string {
  return typeof file === 'string' ? file : Buffer.from(file.buffer, file.byteOffset, file.byteLength).toString('utf8');
}
