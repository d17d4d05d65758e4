import { useI18n } from 'vue-i18n';
import { decodeIssueMessage } from '../../../shared/validation/issue-message';
import { fillPlaceholders } from '../../../shared/validation/messages-en';
import { TENANTS_AT_SCALE_MESSAGES_EN, type TenantsAtScaleMessageKey } from '../../../shared/validation/tenants-at-scale-messages';
import type { AppLocale } from '../i18n/locale';
import { validationText } from '../i18n/validation-text';
import { TENANTS_AT_SCALE_MESSAGES_ID, WHAT_ID } from '../i18n/tenants-at-scale-messages-id';

const TABLES: Record<AppLocale, Record<TenantsAtScaleMessageKey, string>> = { en: TENANTS_AT_SCALE_MESSAGES_EN, id: TENANTS_AT_SCALE_MESSAGES_ID };

function isScaleKey(key: string): key is TenantsAtScaleMessageKey {
  return Object.prototype.hasOwnProperty.call(TENANTS_AT_SCALE_MESSAGES_EN, key);
}

/**
 * An encoded issue message of issue #7 (tags, apply, import, CSV, history) as text in `locale`;
 * any other key goes to the domain's table (validationText), an unknown one is shown as it came.
 */
export function scaleIssueText(locale: AppLocale, message: string): string {
  const { key, params } = decodeIssueMessage(message);
  if (!isScaleKey(key)) return validationText(locale, message);
  const what = typeof params.what === 'string' && locale === 'id' ? WHAT_ID[params.what.toLowerCase()] : undefined;
  return fillPlaceholders(TABLES[locale][key], what ? { ...params, what } : params);
}

/** scaleIssueText in the app's current language (reactive to switches). */
export function useScaleIssueText() {
  const { locale } = useI18n();
  return (message: string | null | undefined): string => (message ? scaleIssueText(locale.value as AppLocale, message) : '');
}
