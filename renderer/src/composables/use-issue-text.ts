import { useI18n } from 'vue-i18n';
import type { AppLocale } from '../i18n/locale';
import { validationText } from '../i18n/validation-text';

/** Turns encoded validation messages into text in the chosen language (reactive to switches). */
export function useIssueText() {
  const { locale } = useI18n();
  return (message: string | undefined | null): string => (message ? validationText(locale.value as AppLocale, message) : '');
}
