import { ref } from 'vue';
import { useCallFailure, type CallFailure } from './use-call-failure';

/**
 * A dialog's call to the core: `busy` while it runs, and a failure to show instead of a throw.
 * `run` clears the last failure first; `failure` may also be set directly (a refusal made locally).
 */
export function useCallTask() {
  const toFailure = useCallFailure();
  const failure = ref<CallFailure | null>(null);
  const busy = ref(false);

  async function run(task: () => Promise<void>): Promise<void> {
    busy.value = true;
    failure.value = null;
    try {
      await task();
    } catch (error) {
      failure.value = toFailure(error);
    } finally {
      busy.value = false;
    }
  }

  return { failure, busy, run, toFailure };
}
