import { useI18n } from 'vue-i18n';
import { isRpcClientError } from '../api/rpc-client-error';
import { useErrorText } from './use-error-text';
import { useApplyStore } from '../stores/apply';
import { useToastsStore } from '../stores/toasts';

/**
 * The toast after an apply or an import, with `Undo` for its batch. When documents changed since,
 * the core refuses (CONFLICT): the next toast says so and offers to undo anyway (losing those edits).
 */
export function useUndoBatch() {
  const { t } = useI18n();
  const applyStore = useApplyStore();
  const toasts = useToastsStore();
  const errorText = useErrorText();

  async function undo(batchId: string, force = false): Promise<void> {
    try {
      const result = await applyStore.undo(batchId, force);
      toasts.push({ kind: 'success', title: t('undo.done', { count: result.reverted }) });
    } catch (error) {
      const text = errorText(error);
      if (isRpcClientError(error) && error.code === 'CONFLICT' && !force) {
        toasts.push({
          kind: 'error',
          title: t('undo.changedSince'),
          detail: text.detail,
          action: { label: t('undo.anyway'), altText: t('undo.anywayAlt'), run: () => undo(batchId, true) },
        });
      } else {
        toasts.push({ kind: 'error', title: t('undo.failed'), detail: `${text.summary} ${text.detail}` });
      }
    }
  }

  /** Announces a batch that was applied, with `Undo` when there is something to undo. */
  function announce(title: string, batchId: string | null, detail?: string): void {
    toasts.push({
      kind: 'success',
      title,
      ...(detail ? { detail } : {}),
      ...(batchId ? { action: { label: t('undo.label'), altText: t('undo.alt'), run: () => undo(batchId) } } : {}),
    });
  }

  return { announce, undo };
}
