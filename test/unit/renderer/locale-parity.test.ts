import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/src/i18n/locales/en';
import { id } from '../../../renderer/src/i18n/locales/id';
import { VALIDATION_TABLES } from '../../../renderer/src/i18n/validation-text';
import { VALIDATION_MESSAGES_EN } from '../../../shared/validation/messages-en';

function flatten(messages: object, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[path] = value;
    else Object.assign(out, flatten(value as object, path));
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('locales', () => {
  it('English and Indonesian UI messages have exactly the same keys, none empty, same placeholders', () => {
    const flatEn = flatten(en);
    const flatId = flatten(id);
    expect(Object.keys(flatId).sort()).toEqual(Object.keys(flatEn).sort());
    for (const [key, text] of Object.entries(flatId)) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(text), key).toEqual(placeholders(flatEn[key]!));
    }
  });

  it('the validation tables cover exactly the shared English keys, with the same placeholders', () => {
    expect(VALIDATION_TABLES.en).toBe(VALIDATION_MESSAGES_EN);
    const keysEn = Object.keys(VALIDATION_MESSAGES_EN).sort();
    expect(Object.keys(VALIDATION_TABLES.id).sort()).toEqual(keysEn);
    for (const key of keysEn) {
      const textId = VALIDATION_TABLES.id[key]!;
      expect(textId.trim(), key).not.toBe('');
      expect(placeholders(textId), key).toEqual(placeholders(VALIDATION_TABLES.en[key]!));
    }
  });

  it('UI messages avoid characters vue-i18n would read as syntax (linked messages), and use `|` only between plural forms', () => {
    for (const [key, text] of [...Object.entries(flatten(en)), ...Object.entries(flatten(id))]) {
      expect(text, key).not.toMatch(/[@$]/);
      expect(text.replaceAll(' | ', ''), key).not.toMatch(/\|/);
    }
  });
});
