// The real core in its own Node process, answering over the process's IPC channel the way the
// Electron main process answers the renderer. Started by core-process.ts; argv[2] is the data dir,
// argv[3] (optional) where the desktop shell's Save as PDF would put the sheets it is given.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCore } from '../../../electron/core/open-core';
import type { SheetPdf } from '../../../electron/core/change-sheet/sheet-pdf';
import { fromIpcJson } from './ipc-copy';

type Message =
  | { type: 'call'; id: number; channel: string; input: string | undefined }
  | { type: 'env'; id: number; set: Record<string, string | null> }
  | { type: 'close' };

const dataDir = process.argv[2];
if (!dataDir || !process.send) {
  console.error('usage: fork core-child.ts <data dir> (with an IPC channel)');
  process.exit(2);
}
const send = (message: unknown) => process.send?.(message);
const sheetPdfDir = process.argv[3];
const sheetPdf: SheetPdf | undefined = sheetPdfDir
  ? {
      save: (html, fileName) => {
        const path = join(sheetPdfDir, `${fileName}.html`);
        writeFileSync(path, html);
        return Promise.resolve(path);
      },
    }
  : undefined;
const core = openCore({ dataDir, appVersion: 'test', transport: 'host', onUnexpectedError: () => undefined, ...(sheetPdf ? { sheetPdf } : {}) });
core.onEvent((name, payload) => send({ type: 'event', name, payload }));

function quit() {
  void core.close().then(() => process.exit(0));
}

process.on('message', (message: Message) => {
  if (message.type === 'call') {
    void Promise.resolve(core.dispatcher.dispatch(message.channel, fromIpcJson(message.input))).then(
      (result) => send({ type: 'result', id: message.id, result }),
      (error: unknown) => send({ type: 'result', id: message.id, result: { ok: false, error: { code: 'INTERNAL', message: String(error) } } }),
    );
  } else if (message.type === 'env') {
    // What a user does by starting or stopping their desktop session's services: the keychain
    // library reads these when it next connects.
    for (const [name, value] of Object.entries(message.set)) {
      if (value === null) delete process.env[name];
      else process.env[name] = value;
    }
    send({ type: 'env-done', id: message.id });
  } else if (message.type === 'close') quit();
});
process.on('disconnect', quit);
send({ type: 'ready' });
