import type { LocaleMessages } from '../locale-messages';
import type { crmEn } from '../en/crm';

/**
 * Bahasa Indonesia text of the CRM Integration page: deal settings and the CRM catalog. Field
 * labels are the platform’s own words. Same keys as ../en/crm.ts.
 */
export const crmId: LocaleMessages<typeof crmEn> = {
  crm: {
    title: 'CRM Integration',
    intro: 'Deal setting membuat deal CRM dari percakapan chatbot: satu untuk setiap respons bot.',
    notConnected: {
      title: 'CRM belum terhubung',
      body: 'Omnichannel tenant ini belum terhubung ke CRM. Aktifkan CRM dan hubungkan di pengaturan omnichannel terlebih dahulu, lalu ambil data tenant ini: deal setting dapat diubah setelah koneksinya ada.',
    },
    unknown: {
      title: 'Koneksi CRM belum diketahui',
      body: 'Aplikasi ini belum mengambil status koneksi CRM tenant. Ambil data tenant dari backend-nya: jika CRM terhubung, deal setting dapat diubah di sini.',
    },
    catalogFetched: 'Katalog CRM diambil {date}.',
    list: {
      caption: 'Deal setting',
      empty: 'Belum ada deal setting.',
      botResponse: 'Respons bot',
      pipeline: 'Pipeline',
      stage: 'Tahap',
      owner: 'Pemilik',
      enabled: 'Deal setting',
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
      label: 'Respons bot tanpa deal setting',
      placeholder: 'Pilih respons bot',
      submit: 'Tambah deal setting',
      allTaken: 'Setiap respons bot sudah memiliki deal setting.',
    },
    action: 'Tindakan',
    actionFor: 'untuk {name}',
    edit: 'Ubah deal setting',
    delete: 'Hapus deal setting',
    undo: 'Batalkan penghapusan',
    undoNamed: 'Batalkan penghapusan {name}',
    deleteDialog: {
      title: 'Hapus deal setting “{name}”?',
      description: 'Deal setting respons bot ini dihapus pada publikasi berikutnya. Sampai saat itu Anda dapat membatalkan penghapusan.',
      confirm: 'Hapus deal setting',
    },
    sheet: {
      title: 'Ubah deal setting',
      description: 'Respons bot: {name}',
      enabled: 'Deal setting',
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
      dealNameHint: 'Wajib diisi jika deal setting aktif. Paling banyak {max} karakter.',
      showOptions: 'Tampilkan pilihan {field}',
      noMatch: 'Tidak ada yang cocok.',
      stageCleared: 'Tahap “{stage}” dikosongkan: tahap ini bukan bagian dari pipeline “{pipeline}”. Pilih tahap lagi.',
      fixErrors: 'Belum disimpan: perbaiki kolom yang ditandai.',
      saveFailed: 'Deal setting tidak dapat disimpan',
    },
    toast: {
      saved: 'Deal setting disimpan sebagai draf',
      added: 'Deal setting ditambahkan untuk “{name}”',
      deleted: 'Deal setting “{name}” dihapus',
      restored: 'Deal setting “{name}” dipulihkan',
      failed: 'Deal setting tidak dapat diubah',
    },
  },
};
