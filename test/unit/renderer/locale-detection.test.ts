import { describe, expect, it } from 'vitest';
import { detectLocale, initialLocale } from '../../../renderer/src/i18n/locale';
import { validationText } from '../../../renderer/src/i18n/validation-text';
import { encodeIssueMessage } from '../../../shared/validation/issue-message';

describe('locale detection', () => {
  it.each([
    [['id-ID', 'en-US'], 'id'],
    [['id'], 'id'],
    [['in'], 'id'],
    [['en-GB', 'id'], 'en'],
    [['fr-FR', 'id-ID'], 'id'],
    [['fr-FR', 'de'], 'en'],
    [[], 'en'],
  ] as const)('%j → %s', (languages, expected) => {
    expect(detectLocale(languages)).toBe(expected);
  });

  it('a stored choice wins; a bad stored value is ignored', () => {
    expect(initialLocale('en', ['id-ID'])).toBe('en');
    expect(initialLocale('id', ['en-US'])).toBe('id');
    expect(initialLocale('xx', ['id-ID'])).toBe('id');
    expect(initialLocale(null, ['en-US'])).toBe('en');
  });
});

describe('validation text', () => {
  it('fills parameters in the chosen language and shows unknown keys as they came', () => {
    const message = encodeIssueMessage('tenant.name.tooLong', { max: 100 });
    expect(validationText('en', message)).toBe('Tenant name can be at most 100 characters.');
    expect(validationText('id', message)).toBe('Nama tenant paling banyak 100 karakter.');
    expect(validationText('id', 'Some library sentence.')).toBe('Some library sentence.');
  });
});
