import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../../renderer/src/i18n/create-i18n';
import type { AppLocale } from '../../../renderer/src/i18n/locale';
import { tenantRowTexts } from '../../../renderer/src/components/tenants/tenant-row-texts';

// A row's texts come translated once per list: each must equal what translating it for that row says.
describe('tenant row texts', () => {
  for (const locale of ['en', 'id'] as AppLocale[]) {
    it(`say in ${locale} what translating each one for the row says`, async () => {
      const i18n = createAppI18n(locale);
      await i18n.ready;
      const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;
      const texts = tenantRowTexts(t);
      for (const name of ['Acme Retail', 'PT {Maju} | Jaya @ 1', '<b>Toko</b> $1 $& 2']) {
        expect(texts.selectNamed(name)).toBe(t('tenants.row.select', { name }));
        expect(texts.renameNamed(name)).toBe(t('tenants.renameNamed', { name }));
        expect(texts.deleteNamed(name)).toBe(t('tenants.deleteNamed', { name }));
      }
      expect(texts.published('7 Dec 2026, 05:47:20')).toBe(t('tenants.row.published', { date: '7 Dec 2026, 05:47:20' }));
      for (const count of [1, 2, 12, 1, 0]) {
        expect(texts.moreTags(count)).toBe(t('tenants.row.moreTags', { count }));
        expect(texts.conflicts(count)).toBe(t('tenants.row.conflicts', { count }));
        expect(texts.issues(count)).toBe(t('tenants.row.issues', { count }));
        expect(texts.unpublished(count)).toBe(t('tenants.unpublished', { count }));
      }
      expect(texts.selectNamed('Acme')).not.toBe(texts.selectNamed('Borneo'));
    });
  }
});
