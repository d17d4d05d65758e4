import { writeFile } from 'node:fs/promises';
import type { RpcDispatcher } from '../../shared/rpc/contract';
import { diagnosticsExportSchema } from '../../shared/schemas/diagnostics';

export interface DiagnosticsSaveUi {
  /** Asks where to save (a save dialog), starting from the suggested name; null when cancelled. */
  chooseFile(suggestedName: string): Promise<string | null>;
  /** Says what happened (saved where, or why not). */
  tell(kind: 'info' | 'error', message: string): void;
}

/**
 * The menu's "Export diagnostics…": asks the core for the redacted report, lets the user choose
 * where to save it and writes it there. Returns the file written, or null (cancelled, failed).
 */
export async function exportDiagnostics(dispatcher: RpcDispatcher, ui: DiagnosticsSaveUi, write: (path: string, text: string) => Promise<void> = (path, text) => writeFile(path, text, { mode: 0o600 })): Promise<string | null> {
  const result = await dispatcher.dispatch('diagnostics.export', {});
  if (!result.ok) {
    ui.tell('error', `The diagnostics could not be gathered: ${result.error.message}`);
    return null;
  }
  const report = diagnosticsExportSchema.parse(result.value);
  const file = await ui.chooseFile(report.fileName);
  if (file === null) return null;
  try {
    await write(file, report.content);
  } catch (error) {
    ui.tell('error', `The diagnostics could not be saved to ${file}: ${(error as Error).message}`);
    return null;
  }
  ui.tell('info', `Diagnostics saved to ${file}. The file holds no password, token or other secret: you can send it to your IT support.`);
  return file;
}
