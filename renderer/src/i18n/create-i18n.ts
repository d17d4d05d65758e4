import { createI18n } from 'vue-i18n';
import { en } from './locales/en';
import type { AppLocale } from './locale';
import { loadLocaleMessages } from './locale-loader';

export type MessageSchema = typeof en;

/**
 * The app's i18n in `locale`, with English's messages; another language's load on demand
 * (locale-loader.ts): `ready` settles once `locale`'s are in. Until then English stands in.
 */
export function createAppI18n(locale: AppLocale) {
  const i18n = createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { en } as Record<AppLocale, MessageSchema>,
    // A missing key is a bug the parity test catches; do not spam the console at run time.
    missingWarn: false,
    fallbackWarn: false,
  });
  const ready = loadLocaleMessages(i18n.global, locale);
  return Object.assign(i18n, { ready });
}

export type AppI18n = ReturnType<typeof createAppI18n>;
