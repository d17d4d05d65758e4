import { createI18n } from 'vue-i18n';
import { en } from './locales/en';
import { id } from './locales/id';
import type { AppLocale } from './locale';

export type MessageSchema = typeof en;

export function createAppI18n(locale: AppLocale) {
  return createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { en, id },
    // A missing key is a bug the parity test catches; do not spam the console at run time.
    missingWarn: false,
    fallbackWarn: false,
  });
}

export type AppI18n = ReturnType<typeof createAppI18n>;
