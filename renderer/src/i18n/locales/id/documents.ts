import type { LocaleMessages } from '../locale-messages';
import type { documentsEn } from '../en/documents';

/**
 * Bahasa Indonesia text of changes to settings documents as shown in previews and diffs: actions,
 * areas, field changes. Same keys as ../en/documents.ts.
 */
export const documentsId: LocaleMessages<typeof documentsEn> = {
  changes: {
    actions: { create: 'Buat', update: 'Ubah', unchanged: 'Tidak berubah' },
    areas: { tenant: 'Tenant', ai_response: 'AI Response', idle_action: 'Idle Action', api_connection: 'API connection' },
    diff: {
      field: 'Kolom',
      before: 'Sebelum',
      after: 'Sesudah',
      none: 'Tidak ada kolom yang berbeda.',
    },
  },
};
