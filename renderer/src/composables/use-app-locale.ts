import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { LOCALE_STORAGE_KEY, type AppLocale } from '../i18n/locale';

/** The chosen language: switching it re-renders every label and error and is remembered. */
export function useAppLocale() {
  const { locale } = useI18n();
  return {
    locale: computed(() => locale.value as AppLocale),
    setLocale(next: AppLocale) {
      locale.value = next;
      try {
        window.localStorage.setItem(LOCALE_STORAGE_KEY, next);
      } catch {
        // Storage can be unavailable (private mode); the choice then lasts for this session.
      }
    },
  };
}
