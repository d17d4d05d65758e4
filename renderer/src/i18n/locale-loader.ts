import type { Composer } from 'vue-i18n';
import type { AppLocale } from './locale';
import type { en } from './locales/en';

/**
 * The languages other than English, each in a chunk of its own: the app's start evaluates one
 * language's messages (English, the fallback, is in the entry), and another loads when it is chosen.
 */
const LOADERS: Record<Exclude<AppLocale, 'en'>, () => Promise<typeof en>> = {
  id: () => import('./locales/id').then((module) => module.id as typeof en),
};

/** What loading a language needs of vue-i18n's global composer. */
type LocaleTarget = Pick<Composer, 'availableLocales' | 'setLocaleMessage'>;

/** Makes `locale`'s messages available to `i18n` (at once when they already are). */
export async function loadLocaleMessages(i18n: LocaleTarget, locale: AppLocale): Promise<void> {
  if (locale === 'en' || i18n.availableLocales.includes(locale)) return;
  const messages = await LOADERS[locale]();
  if (!i18n.availableLocales.includes(locale)) i18n.setLocaleMessage(locale, messages);
}
