import type { LocaleMessages } from '../locale-messages';
import type { tagsEn } from '../en/tags';

/**
 * Bahasa Indonesia text of tags on tenants: the add/remove tags dialog. Same keys as
 * ../en/tags.ts.
 */
export const tagsId: LocaleMessages<typeof tagsEn> = {
  tags: {
    addTitle: 'Tambah tag ke tenant yang dipilih ({count})',
    removeTitle: 'Hapus tag dari tenant yang dipilih ({count})',
    description: 'Semua tenant yang dipilih berubah bersama, atau tidak ada yang berubah.',
    label: 'Tag',
    hint: 'Pisahkan tag dengan koma, misalnya jakarta, vip. Huruf besar dan kecil dianggap tag yang sama.',
    selectionTags: 'Tag milik tenant yang dipilih',
    add: 'Tambah tag',
    remove: 'Hapus tag',
    added: 'Tag “{tags}” ditambahkan ke tenant yang dipilih ({count})',
    removed: 'Tag “{tags}” dihapus dari tenant yang dipilih ({count})',
  },
};
