import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/src/i18n/locales/en';
import { id } from '../../../renderer/src/i18n/locales/id';
import { FORBIDDEN_INDONESIAN, INDONESIAN_WORDS, PLATFORM_TERMS } from '../../../renderer/src/i18n/glossary';
import { VALIDATION_TABLES } from '../../../renderer/src/i18n/validation-text';
import { flattenMessages } from './locale-messages-flat';

const flatEn = { ...flattenMessages(en), ...Object.fromEntries(Object.entries(VALIDATION_TABLES.en).map(([key, text]) => [`validation.${key}`, text])) };
const flatId = { ...flattenMessages(id), ...Object.fromEntries(Object.entries(VALIDATION_TABLES.id).map(([key, text]) => [`validation.${key}`, text])) };

/** The term as it may stand in a text: verbatim, or with a capital (or small) first letter. */
function variants(term: string): string[] {
  return [term, term[0]!.toUpperCase() + term.slice(1), term[0]!.toLowerCase() + term.slice(1)];
}

describe('the Indonesian UI follows the glossary', () => {
  it('keeps the platform’s names verbatim wherever the English text has them', () => {
    const missing: string[] = [];
    for (const term of PLATFORM_TERMS) {
      for (const [key, text] of Object.entries(flatEn)) {
        if (!variants(term).some((form) => text.includes(form))) continue;
        if (!variants(term).some((form) => flatId[key]!.includes(form))) missing.push(`${key}: “${term}” not in “${flatId[key]}”`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('never uses a forbidden variant (a second word for publish, literal translations of the platform’s names)', () => {
    const found: string[] = [];
    for (const [key, text] of Object.entries(flatId)) {
      for (const { pattern, use } of FORBIDDEN_INDONESIAN) if (pattern.test(text)) found.push(`${key}: “${text}” (use ${use})`);
    }
    expect(found).toEqual([]);
  });

  it('says publish and pull with the chosen words on the buttons', () => {
    expect(flatId['sync.publish']).toBe(INDONESIAN_WORDS.publish);
    expect(flatId['sync.pull']).toBe(INDONESIAN_WORDS.pull);
    expect(flatId['tenants.bulk.publish']).toContain(INDONESIAN_WORDS.publish);
    // Every English "publish…" message has the chosen Indonesian word in one of its forms.
    // "Belum pernah" (never) stands under the column header "Tgl. publikasi", which says it.
    const underHeader = new Set(['tenants.row.neverPublished']);
    const off = Object.entries(flatEn)
      .filter(([key, text]) => /\bpublish/i.test(text) && !underHeader.has(key))
      .filter(([key]) => !/ublika/i.test(flatId[key]!))
      .map(([key]) => `${key}: “${flatId[key]}”`);
    expect(off).toEqual([]);
  });

  it('the glossary test itself finds a literal translation', () => {
    const sample = 'Pengaturan Tindakan Saat Diam belum diterbitkan';
    expect(FORBIDDEN_INDONESIAN.filter(({ pattern }) => pattern.test(sample)).map(({ use }) => use)).toEqual(['publikasikan / dipublikasikan / publikasi', 'Idle Action']);
  });
});
