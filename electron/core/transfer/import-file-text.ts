/**
 * An import file's text with its size in bytes. Decoded from the file's bytes, the size is theirs
 * (a large file's text is not measured again: ≈ 18 ms for 34 MB); text given as text is measured
 * in UTF-8.
 */
export interface ImportFileText {
  readonly text: string;
  readonly bytes: number;
}

/** An import file as a caller has it: its text, its bytes (UTF-8), or its text already decoded. */
export type ImportFile = string | Uint8Array | ImportFileText;

/**
 * An import file's text and size: text as it is, bytes decoded as UTF-8 (a malformed sequence
 * becomes U+FFFD, as a decoded request body's does).
 */
export function textOfImportFile(file: ImportFile): ImportFileText {
  if (typeof file === 'string') return { text: file, bytes: Buffer.byteLength(file, 'utf8') };
  if (file instanceof Uint8Array) return { text: Buffer.from(file.buffer, file.byteOffset, file.byteLength).toString('utf8'), bytes: file.byteLength };
  return file;
}
