import type { LocaleMessages } from '../locale-messages';
import type { historyEn } from '../en/history';

/**
 * Bahasa Indonesia text of history: revisions of a document, their differences, restore, and the
 * publish log. Same keys as ../en/history.ts.
 */
export const historyId: LocaleMessages<typeof historyEn> = {
  history: {
    title: 'Riwayat',
    intro: 'Setiap perubahan pengaturan disimpan: bandingkan dua versi mana pun, atau jadikan versi lama sebagai draf lagi.',
    document: 'Pengaturan',
    revisions: 'Revisi',
    none: 'Belum ada revisi: pengaturan ini belum pernah disimpan.',
    when: 'Waktu',
    source: 'Apa',
    fields: 'Kolom yang berubah',
    from: 'Dari',
    to: 'Ke',
    compareFrom: 'Bandingkan dari',
    compareTo: 'Bandingkan ke',
    chooseRevision: 'Pilih versi',
    actions: 'Tindakan',
    restore: 'Pulihkan',
    restoreNamed: 'Pulihkan versi {date} sebagai draf',
    current: 'Saat ini',
    restored: 'Versi {date} menjadi draf lagi',
    compare: 'Bandingkan',
    diffTitle: 'Perbedaan',
    sources: {
      edit: 'Diubah',
      discard: 'Draf dibuang',
      pull: 'Diambil dari backend',
      publish: 'Dipublikasikan',
      apply: 'Diterapkan dari tenant lain',
      import: 'Diimpor dari file',
      restore: 'Dipulihkan',
      applied_by_hand: 'Diterapkan manual',
    },
    actors: { user: 'Anda', backend: 'backend' },
    publishLog: 'Log publikasi',
    noPublishes: 'Belum ada yang dipublikasikan dari komputer ini.',
    setting: 'Pengaturan',
    state: 'Status',
    answer: 'Jawaban backend',
    sent: 'Dikirim',
    showSent: 'Tampilkan yang dikirim',
    hideSent: 'Sembunyikan',
    version: 'versi {version}',
    attempts: 'percobaan: {count}',
    ops: { create: 'dibuat', update: 'diubah', delete: 'dihapus' },
    states: { pending: 'Menunggu', sending: 'Mengirim', done: 'Selesai', conflict: 'Konflik', failed: 'Gagal', cancelled: 'Dibatalkan' },
  },
};
