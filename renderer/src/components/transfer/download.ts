/**
 * Saves text as a file the way a browser does (a Blob link with `download`): Chromium asks where
 * or saves to Downloads; Electron's default download handling does the same.
 */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The download has taken the data once the click is handled.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}

/** A chosen file's text (UTF-8). */
export function readFileText(file: File): Promise<string> {
  return typeof file.text === 'function'
    ? file.text()
    : new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result ?? ''));
        reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
        reader.readAsText(file);
      });
}

/**
 * A chosen file's bytes as they are on disk: an import file goes to the core undecoded (it is
 * decoded as UTF-8 where it is read), so the page never holds tens of megabytes of it as text.
 */
export async function readFileBytes(file: File): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === 'function') return new Uint8Array(await file.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsArrayBuffer(file);
  });
}
