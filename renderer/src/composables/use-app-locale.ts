import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { LOCALE_STORAGE_KEY, type AppLocale } from '../i18n/locale';
import { loadLocaleMessages } from '../i18n/locale-loader';

/** The latest choice: a language that finishes loading after another was chosen is not applied. */
let latestChoice = 0;

/**
 * The chosen language: switching it re-renders every label and error and is remembered. A
 * language not loaded yet is switched to once its messages are in (no frame of missing texts).
 */
export function useAppLocale() {
  const i18n = useI18n({ useScope: 'global' });
  return {
    locale: computed(() => i18n.locale.value as AppLocale),
    async setLocale(next: AppLocale) {
      const choice = ++latestChoice;
      await loadLocaleMessages(i18n, next);
      if (choice !== latestChoice) return;
      i18n.locale.value = next;
      try {
        window.localStorage.setItem(LOCALE_STORAGE_KEY, next);
      } catch {
        // Storage can be unavailable (private mode); the choice then lasts for this session.
      }
    },
  };
}
