import { useI18n } from 'vue-i18n';
import { isRpcClientError } from '../api/rpc-client-error';

export interface ErrorText {
  /** The translated meaning of the error code. */
  summary: string;
  /** The core's own (English) message, shown as detail; empty when it only repeats the summary. */
  detail: string;
}

/** A failed call, for people: translated by code, with the server's message as detail. */
export function useErrorText() {
  const { t, te } = useI18n();
  return (error: unknown): ErrorText => {
    const code = isRpcClientError(error) ? error.code : 'INTERNAL';
    const key = `errors.codes.${code}`;
    const summary = te(key) ? t(key) : t('errors.codes.INTERNAL');
    const message = error instanceof Error ? error.message : String(error);
    const same = (a: string) => a.trim().replace(/[.!]+$/, '').toLowerCase();
    // Details that say the summary again (in English, the same sentence) add nothing.
    if (same(message) === '' || same(summary).includes(same(message))) return { summary, detail: '' };
    return { summary, detail: t('errors.detail', { message }) };
  };
}
