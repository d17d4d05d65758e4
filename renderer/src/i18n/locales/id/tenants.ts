import type { LocaleMessages } from '../locale-messages';
import type { tenantsEn } from '../en/tenants';

/**
 * Bahasa Indonesia text of tenants: the list (rows, filters, selection, bulk actions), the
 * add/rename/delete dialogs and the Ctrl+K switcher. Same keys as ../en/tenants.ts.
 */
export const tenantsId: LocaleMessages<typeof tenantsEn> = {
  tenants: {
    heading: 'Tenant',
    intro: 'Setiap tenant adalah satu workspace omnichannel yang chatbot-nya Anda atur.',
    search: 'Cari tenant',
    add: 'Tambah tenant',
    empty: 'Belum ada tenant',
    emptyHint: 'Tambahkan tenant pertama untuk mengatur chatbot-nya.',
    noResults: 'Tidak ada tenant yang cocok dengan “{query}”.',
    clearSearch: 'Hapus pencarian',
    unpublished: '{count} belum dipublikasikan',
    noBackend: 'Belum ada URL backend',
    rename: 'Ganti nama',
    renameNamed: 'Ganti nama {name}',
    delete: 'Hapus',
    deleteNamed: 'Hapus {name}',
    fields: {
      name: 'Nama tenant',
      backendUrl: 'URL backend',
      backendUrlHint: 'Opsional. Alamat API omnichannel, misalnya https://service-chat.qontak.com/api/open/v1.',
    },
    addDialog: {
      title: 'Tambah tenant',
      description: 'Tenant baru memakai pengaturan bawaan, disimpan sebagai draf di komputer ini.',
      submit: 'Tambah tenant',
    },
    renameDialog: { title: 'Ganti nama tenant', description: 'Nama baru ditampilkan di seluruh aplikasi ini.', submit: 'Ganti nama' },
    deleteDialog: {
      title: 'Hapus “{name}”?',
      description: 'Tenant “{name}” beserta semua drafnya akan dihapus dari komputer ini. Tindakan ini tidak dapat dibatalkan.',
      confirm: 'Hapus tenant',
    },
    toast: {
      added: 'Tenant “{name}” ditambahkan',
      renamed: 'Nama tenant diganti menjadi “{name}”',
      deleted: 'Tenant “{name}” dihapus',
      renameFailed: 'Nama tenant tidak dapat diganti',
      deleteFailed: 'Tenant tidak dapat dihapus',
      loadFailed: 'Daftar tenant tidak dapat dimuat',
    },
    list: {
      selectAll: 'Pilih semua yang tampil ({count})',
      count: 'Tenant yang tampil: {count}',
      noMatch: 'Tidak ada tenant yang cocok dengan filter ini.',
    },
    row: {
      select: 'Pilih {name}',
      tags: 'Tag',
      moreTags: '+{count}',
      signedIn: 'Sudah masuk',
      signedOut: 'Belum masuk',
      online: { on: 'Online', off: 'Offline', unknown: 'Belum dicek' },
      conflicts: 'Konflik: {count}',
      issues: 'Kesalahan: {count}',
      published: 'Diterbitkan {date}',
      neverPublished: 'Belum pernah diterbitkan',
    },
    filters: {
      label: 'Filter',
      tag: 'Tag',
      anyTag: 'Semua tag',
      tagCount: '{tag} ({count})',
      signIn: 'Status masuk',
      connection: 'Koneksi',
      any: 'Semua',
      notOnline: 'Offline atau belum dicek',
      unpublished: 'Perubahan belum diterbitkan',
      conflicts: 'Konflik',
      invalid: 'Kesalahan validasi',
      clear: 'Hapus filter',
    },
    bulk: {
      label: 'Tindakan untuk tenant yang dipilih',
      selected: 'Dipilih: {count}',
      addTags: 'Tambah tag…',
      removeTags: 'Hapus tag…',
      apply: 'Terapkan ke banyak…',
      publish: 'Terbitkan…',
      export: 'Ekspor',
      clear: 'Batalkan pilihan',
    },
  },

  switcher: {
    open: 'Ganti tenant',
    title: 'Ganti tenant',
    hint: 'Ketik sebagian nama, tag, atau host backend. Panah untuk berpindah, Enter untuk membuka, Esc untuk menutup.',
    label: 'Cari tenant',
    placeholder: 'Nama tenant, tag, atau host',
    results: 'Tenant yang cocok',
    count: 'Tenant ditemukan: {count}',
    none: 'Tidak ada tenant yang cocok dengan “{query}”.',
    empty: 'Belum ada tenant.',
    noHost: 'Tanpa URL backend',
  },
};
