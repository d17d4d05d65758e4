import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { en } from '../../../renderer/src/i18n/locales/en';
import { id } from '../../../renderer/src/i18n/locales/id';
import { flattenMessages } from './locale-messages-flat';

/**
 * Counts go through vue-i18n's plural forms (`1 tenant | {count} tenants`): a message that
 * interpolates a count-like parameter must have them, in English and in Indonesian, unless the
 * number stands alone as a value ("Selected: {count}", "Retry failed ({count})", "+{count}"),
 * where nothing has to agree with it, or it is one of the exceptions below.
 */
const COUNT_LIKE = /^(n|count|total|[a-z]+Count|[a-z]+Total|documents|tenants|created|updated)$/;

/** Messages with a count that is not a quantity of things, and why. */
const NOT_PLURAL: Record<string, string> = {
  'tenants.unpublished': 'an adjective after the number ("2 unpublished"): the same for one and many',
  'sync.plan.confirm': 'a number after the verb ("Publish 2"), no noun to agree with it',
  'sync.progress.counts': '"{settled} of {total} done": no noun to agree with the number',
  'settings.counter': 'a character counter: its unit agrees with the limit {max}, not the count',
  'apiIntegration.headersTable.nameOf': 'an ordinal (header 3), not a quantity',
  'apiIntegration.headersTable.valueOf': 'an ordinal (header 3), not a quantity',
  'apiIntegration.headersTable.removeNamed': 'an ordinal (header 3), not a quantity',
};

/** The number stands alone: after a colon, "+" or "(" and before the end, ")", ".", "," or " (". */
function standsAlone(text: string, name: string): boolean {
  const parts = text.split(`{${name}}`);
  return parts.slice(1).every((after, index) => /(^|: |\(|\+)$/.test(parts[index]!) && /^($|\)|\.|,| \()/.test(after));
}

function countsWithoutPlural(messages: object): string[] {
  return Object.entries(flattenMessages(messages))
    .filter(([key, text]) => {
      if (key in NOT_PLURAL || text.includes(' | ')) return false;
      const counts = [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).filter((name) => COUNT_LIKE.test(name));
      return counts.some((name) => !standsAlone(text, name));
    })
    .map(([key, text]) => `${key}: ${text}`);
}

describe('plurals', () => {
  it('every English and Indonesian message with a count has plural forms', () => {
    expect(countsWithoutPlural(en)).toEqual([]);
    expect(countsWithoutPlural(id)).toEqual([]);
  });

  it('a plural message has the same number of forms in both languages, none empty', () => {
    const flatEn = flattenMessages(en);
    const flatId = flattenMessages(id);
    for (const [key, text] of Object.entries(flatEn)) {
      const forms = text.split(' | ');
      expect(flatId[key]!.split(' | ').length, key).toBe(forms.length);
      for (const form of [...forms, ...flatId[key]!.split(' | ')]) expect(form.trim(), key).not.toBe('');
    }
  });

  it('fails on a count without plural forms, and passes the same count standing alone', () => {
    expect(countsWithoutPlural({ a: 'Publish {count} tenants', b: 'Selected: {count}', c: 'Import ({count})', d: '{total} done', e: '1 tenant | {count} tenants' })).toEqual([
      'a: Publish {count} tenants',
      'd: {total} done',
    ]);
  });

  it('renders one and many as they should be', () => {
    const i18n = createI18n({ legacy: false, locale: 'en', messages: { en, id } });
    const { t } = i18n.global;
    expect(t('transfer.csv.confirm', { count: 1 })).toBe('Create 1 tenant');
    expect(t('transfer.csv.confirm', { count: 3 })).toBe('Create 3 tenants');
    expect(t('bulkPublish.confirm', { count: 1 })).toBe('Publish 1 tenant');
    expect(t('apply.confirm', { count: 1 })).toBe('Apply to 1 tenant');
    expect(t('bulkPublish.settingCount', 1)).toBe('1 setting');
    expect(t('bulkPublish.settingCount', 4)).toBe('4 settings');
    expect(t('bulkPublish.counts', { settled: 1, total: 1, done: 1, failed: 0 }, 1)).toBe('1 of 1 setting done (published: 1, failed: 0)');
    i18n.global.locale.value = 'id';
    expect(t('transfer.csv.confirm', { count: 3 })).toBe('Buat 3 tenant');
  });
});
