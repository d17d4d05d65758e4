import { parentPort } from 'node:worker_threads';
import type { StoredTenant } from './import-slice-query';
import { callPreviews, fromWireError, toWireError, type FromPreviewThread, type ToPreviewThread } from './import-preview-messages';
import { textOfImportFile } from './import-file-text';
import { ImportPreviews } from './import-previews';
import { decodeStoredSlice } from './stored-slice-wire';

/**
 * The import's thread: reads, checks and plans import files (ImportPreviews) beside the core's
 * thread, and keeps their previews; what the store holds of each slice it asks the core for
 * (import-preview-thread.ts), which reads it and answers.
 */
const port = parentPort;
if (!port) throw new Error('import-preview-worker runs as a worker thread');

const send = (message: FromPreviewThread) => port.postMessage(message);
const reads = new Map<number, { resolve: (value: (StoredTenant | null)[]) => void; reject: (error: Error) => void }>();
let nextRead = 0;

const previews = new ImportPreviews(
  (query, unneeded) =>
    new Promise((resolve, reject) => {
      const id = ++nextRead;
      reads.set(id, { resolve, reject });
      send({ kind: 'read', id, query });
      // Not needed any more: the core drops it if it has not read it yet (an answer that comes anyway finds no one).
      unneeded.addEventListener(
        'abort',
        () => {
          if (!reads.delete(id)) return;
          send({ kind: 'cancelRead', id });
          reject(new Error('The read was not needed.'));
        },
        { once: true },
      );
    }),
);

/**
 * Replaces a preview's file bytes by their text and their count, so that nothing holds the bytes
 * while the text is read (≈ 35 MB less at a large file's peak). In a function of its own: a frame
 * of the handler, which lasts as long as the reading, would hold them.
 */
function decodeFile(message: { args: unknown[] }): void {
  if (message.args[0] instanceof Uint8Array) message.args = [textOfImportFile(message.args[0])];
}

port.on('message', (message: ToPreviewThread) => {
  if (message.kind === 'stored') {
    const read = reads.get(message.id);
    reads.delete(message.id);
    if (!read) return;
    if (message.ok) read.resolve(decodeStoredSlice(message.value));
    else read.reject(fromWireError(message.error));
    return;
  }
  // Only the id is kept while the call runs: its arguments (an import file's text) go once used,
  // a file's bytes once decoded; what a call throws is its answer (the thread never dies of one).
  const { id } = message;
  if (message.method === 'preview' || message.method === 'holdFile') decodeFile(message);
  callPreviews(previews, message.method, message.args).then(
    (value) => send({ kind: 'result', id, ok: true, value }),
    (error: unknown) => send({ kind: 'result', id, ok: false, error: toWireError(error) }),
  );
});

// Everything above has loaded: calls can come.
send({ kind: 'ready' });
