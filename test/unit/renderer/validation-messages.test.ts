import { describe, expect, it } from 'vitest';
import { VALIDATION_MESSAGES_EN } from '../../../shared/validation/messages-en';
import { encodeIssueMessage } from '../../../shared/validation/issue-message';
import { VALIDATION_MESSAGES_ID } from '../../../renderer/src/i18n/validation-messages-id';
import { validationText } from '../../../renderer/src/i18n/validation-text';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('validation messages of tags, apply, import, CSV and history in both languages', () => {
  it('the Indonesian table has exactly the English keys, none empty, with the same placeholders', () => {
    expect(Object.keys(VALIDATION_MESSAGES_ID).sort()).toEqual(Object.keys(VALIDATION_MESSAGES_EN).sort());
    for (const [key, text] of Object.entries(VALIDATION_MESSAGES_ID)) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(text), key).toEqual(placeholders(VALIDATION_MESSAGES_EN[key as keyof typeof VALIDATION_MESSAGES_EN]));
    }
  });

  it('renders the core’s keys, translating the English word the core puts in {what}; other keys go to the domain table', () => {
    const missing = encodeIssueMessage('apply.ref.missing', { what: 'Division', name: 'Sales' });
    expect(validationText('en', missing)).toBe('Division “Sales” is not in this tenant’s catalog.');
    expect(validationText('id', missing)).toBe('Divisi “Sales” tidak ada di katalog tenant ini.');
    expect(validationText('id', encodeIssueMessage('apply.ref.ambiguous', { what: 'agent', name: 'Ana' }))).toBe('Katalog tenant ini punya lebih dari satu Agen bernama “Ana”.');
    expect(validationText('en', 'tenant.name.required')).toBe('Tenant name is required.');
    expect(validationText('id', 'tenant.name.required')).toBe('Nama tenant wajib diisi.');
    expect(validationText('en', 'not a key at all')).toBe('not a key at all');
  });
});
