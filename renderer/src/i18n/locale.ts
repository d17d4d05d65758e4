export const APP_LOCALES = ['en', 'id'] as const;
export type AppLocale = (typeof APP_LOCALES)[number];

export const LOCALE_STORAGE_KEY = 'chatbot-settings.locale';

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (APP_LOCALES as readonly string[]).includes(value);
}

/**
 * The user's language: Indonesian when their first English-or-Indonesian preference is
 * Indonesian (`id`, `id-ID`; `in` is its legacy code), English otherwise.
 */
export function detectLocale(languages: readonly string[]): AppLocale {
  for (const language of languages) {
    const primary = language.toLowerCase().split(/[-_]/)[0];
    if (primary === 'id' || primary === 'in') return 'id';
    if (primary === 'en') return 'en';
  }
  return 'en';
}

/** A stored choice wins over the browser's languages. */
export function initialLocale(stored: string | null, languages: readonly string[]): AppLocale {
  return isAppLocale(stored) ? stored : detectLocale(languages);
}
