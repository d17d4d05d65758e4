import { ref, type Ref } from 'vue';
import type { ImportProgress, ImportRun } from '../../../shared/schemas/export-document';
import { useTransferStore } from '../stores/transfer';
import { useCallTask } from './use-call-task';
import { useCoreEvent } from './use-core-event';

/**
 * The calls both import dialogs make: `run` reads a file into a preview (busy, failure); `apply`
 * and `applyRun` apply what the preview showed, report it and close the dialog.
 * `apply` is one call (CSV rows). `applyRun` follows a run that applies in batches (an export
 * file): its progress comes as 'transfer.progress' events, `stop` ends it between two batches, and
 * its report is read once it has ended (finished or stopped: what was applied stays).
 */
/** How often a run is asked for its state besides its events. */
const POLL_MS = 1000;

export function useImportApply(open: Ref<boolean>, done: () => void) {
  const transfer = useTransferStore();
  const { failure, busy, run, toFailure } = useCallTask();
  const progress = ref<ImportProgress | null>(null);
  const stopping = ref(false);
  /** Events that came before the run's first answer named it. */
  const early = new Map<string, ImportProgress>();
  let ended: ((progress: ImportProgress) => void) | null = null;

  useCoreEvent('transfer.progress', (event) => {
    const current = progress.value;
    if (!current) {
      if (busy.value) early.set(event.runId, event);
      return;
    }
    if (event.runId !== current.runId || current.state !== 'running') return;
    if (event.state === 'running' && event.done < current.done) return; // a late, older event
    progress.value = event;
    if (event.state !== 'running') ended?.(event);
  });

  /** A fresh start (the dialog opened again). */
  function reset(): void {
    progress.value = null;
    stopping.value = false;
    failure.value = null;
    early.clear();
  }

  function close(): void {
    open.value = false;
    done();
  }

  async function apply<T>(call: () => Promise<T>, report: (result: T) => void): Promise<void> {
    await run(async () => {
      report(await call());
      close();
    });
  }

  async function applyRun(start: () => Promise<ImportProgress>, report: (run: ImportRun) => void): Promise<void> {
    await run(async () => {
      const started = await start();
      const seen = early.get(started.runId);
      early.clear();
      progress.value = seen && (seen.state !== 'running' || seen.done > started.done) ? seen : started;
      if (progress.value.state === 'running') await untilEnded(started.runId);
      report(await transfer.importRun(started.runId));
      // Closed and opened again meanwhile: the report still comes, the dialog opened since stays.
      if (progress.value?.runId === started.runId) close();
      else done();
    });
    if (failure.value) progress.value = null;
  }

  /** Resolves when the run's last event came; asks now and then too, in case an event was missed. */
  async function untilEnded(runId: string): Promise<void> {
    const byEvent = new Promise<'ended'>((resolve) => (ended = () => resolve('ended')));
    try {
      for (;;) {
        const tick = new Promise<'tick'>((resolve) => setTimeout(() => resolve('tick'), POLL_MS));
        if ((await Promise.race([byEvent, tick])) === 'ended') return;
        const { result: _result, ...view } = await transfer.importRun(runId);
        if (progress.value?.runId === runId && (view.state !== 'running' || view.done > progress.value.done)) progress.value = view;
        if (view.state !== 'running') return;
      }
    } finally {
      ended = null;
    }
  }

  /** Stops the run between two batches; its report then says how many tenants were not imported. */
  async function stop(): Promise<void> {
    const current = progress.value;
    if (!current || current.state !== 'running' || stopping.value) return;
    stopping.value = true;
    try {
      const stopped = await transfer.cancelImport(current.runId);
      if (progress.value?.runId === stopped.runId && progress.value.state === 'running') {
        progress.value = stopped;
        ended?.(stopped);
      }
    } catch (error) {
      failure.value = toFailure(error);
    } finally {
      stopping.value = false;
    }
  }

  return { failure, busy, run, progress, stopping, reset, apply, applyRun, stop };
}
