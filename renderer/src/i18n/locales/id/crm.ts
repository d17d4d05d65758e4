import type { LocaleMessages } from '../locale-messages';
import type { crmEn } from '../en/crm';

/**
 * Bahasa Indonesia text of the CRM Integration page: deal settings and the CRM catalog. Field
 * labels are the platform’s own words. Same keys as ../en/crm.ts.
 */
export const crmId: LocaleMessages<typeof crmEn> = {
  crm: {
    title: 'Integrasi CRM',
    intro: 'Pengaturan deal membuat deal CRM dari percakapan chatbot: satu untuk setiap respons bot.',
    notConnected: {
      title: 'CRM belum terhubung',
      body: 'Omnichannel tenant ini belum terhubung ke CRM. Aktifkan CRM dan hubungkan di pengaturan omnichannel terlebih dahulu, lalu tarik data tenant ini: pengaturan deal dapat diubah setelah koneksinya ada.',
    },
    unknown: {
      title: 'Koneksi CRM belum diketahui',
      body: 'Aplikasi ini belum mengambil status koneksi CRM tenant. Tarik data tenant dari backend-nya: jika CRM terhubung, pengaturan deal dapat diubah di sini.',
    },
    catalogFetched: 'Katalog CRM diambil {date}.',
    list: {
      caption: 'Pengaturan deal',
      empty: 'Belum ada pengaturan deal.',
      botResponse: 'Respons bot',
      pipeline: 'Pipeline',
      stage: 'Tahap',
      owner: 'Pemilik',
      enabled: 'Pengaturan deal',
      state: 'Status',
      actions: 'Tindakan',
      on: 'Aktif',
      off: 'Nonaktif',
      none: '—',
      heldBack: 'Ditahan dari publikasi: {issue}',
    },
    states: {
      draft: 'Draf',
      published: 'Dipublikasikan',
      changed: 'Diubah, belum dipublikasikan',
      deleted: 'Dihapus, belum dipublikasikan',
    },
    add: {
      label: 'Respons bot tanpa pengaturan deal',
      placeholder: 'Pilih respons bot',
      submit: 'Tambah pengaturan deal',
      allTaken: 'Setiap respons bot sudah memiliki pengaturan deal.',
    },
    action: 'Tindakan',
    actionFor: 'untuk {name}',
    edit: 'Ubah pengaturan deal',
    delete: 'Hapus pengaturan deal',
    undo: 'Batalkan penghapusan',
    undoNamed: 'Batalkan penghapusan {name}',
    deleteDialog: {
      title: 'Hapus pengaturan deal “{name}”?',
      description: 'Pengaturan deal respons bot ini dihapus pada publikasi berikutnya. Sampai saat itu Anda dapat membatalkan penghapusan.',
      confirm: 'Hapus pengaturan deal',
    },
    sheet: {
      title: 'Ubah pengaturan deal',
      description: 'Respons bot: {name}',
      enabled: 'Pengaturan deal',
      enabledHint: 'Jika nonaktif, tidak ada deal yang dibuat, dan kolom boleh belum lengkap.',
      pipeline: 'Pipeline',
      stage: 'Tahap',
      dealName: 'Nama deal',
      owner: 'Pemilik',
      source: 'Sumber',
      contact: 'Asosiasi kontak pelanggan',
      contactHint: 'Tautkan kontak pelanggan ke deal.',
      save: 'Simpan perubahan',
      saving: 'Menyimpan…',
      choosePipeline: 'Pilih pipeline',
      chooseStage: 'Pilih tahap',
      chooseOwner: 'Pilih pemilik',
      chooseSource: 'Pilih sumber',
      pipelineFirst: 'Pilih pipeline terlebih dahulu.',
      dealNameHint: 'Wajib diisi jika pengaturan deal aktif. Paling banyak {max} karakter.',
      showOptions: 'Tampilkan pilihan {field}',
      noMatch: 'Tidak ada yang cocok.',
      stageCleared: 'Tahap “{stage}” dikosongkan: tahap ini bukan bagian dari pipeline “{pipeline}”. Pilih tahap lagi.',
      fixErrors: 'Belum disimpan: perbaiki kolom yang ditandai.',
      saveFailed: 'Pengaturan deal tidak dapat disimpan',
    },
    toast: {
      saved: 'Pengaturan deal disimpan sebagai draf',
      added: 'Pengaturan deal ditambahkan untuk “{name}”',
      deleted: 'Pengaturan deal “{name}” dihapus',
      restored: 'Pengaturan deal “{name}” dipulihkan',
      failed: 'Pengaturan deal tidak dapat diubah',
    },
  },
};
