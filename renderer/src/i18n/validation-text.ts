import { decodeIssueMessage } from '../../../shared/validation/issue-message';
import { VALIDATION_MESSAGES_EN, fillPlaceholders, isValidationMessageKey } from '../../../shared/validation/messages-en';
import type { AppLocale } from './locale';
import { VALIDATION_MESSAGES_ID, WHAT_ID } from './validation-messages-id';

/**
 * Validation messages travel as encoded keys (`key {"max":100}`). They are kept out of vue-i18n
 * on purpose: the shared English table is plain text, and vue-i18n's message syntax would read
 * characters such as `@` or `|` in it as syntax.
 */
export const VALIDATION_TABLES: Record<AppLocale, Record<string, string>> = {
  en: VALIDATION_MESSAGES_EN,
  id: VALIDATION_MESSAGES_ID,
};

/** English catalog words the core puts in `{what}`, per language (English stays as it came). */
const WHAT_WORDS: Record<AppLocale, Record<string, string>> = { en: {}, id: WHAT_ID };

/** An encoded issue message as text in `locale`; an unknown key is shown as it came. */
export function validationText(locale: AppLocale, message: string): string {
  const { key, params } = decodeIssueMessage(message);
  if (!isValidationMessageKey(key)) return message;
  const what = typeof params.what === 'string' ? WHAT_WORDS[locale][params.what.toLowerCase()] : undefined;
  return fillPlaceholders(VALIDATION_TABLES[locale][key] ?? VALIDATION_MESSAGES_EN[key], what ? { ...params, what } : params);
}
