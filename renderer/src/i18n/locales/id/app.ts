import type { LocaleMessages } from '../locale-messages';
import type { appEn } from '../en/app';

/**
 * Bahasa Indonesia text of the app shell: title, session, common words, workspace frame, not-found
 * page and error codes. Same keys as ../en/app.ts.
 */
export const appId: LocaleMessages<typeof appEn> = {
  app: {
    title: 'Pengaturan Chatbot',
    skipToContent: 'Langsung ke konten utama',
    language: 'Bahasa',
    languages: { en: 'English', id: 'Bahasa Indonesia' },
    theme: { label: 'Tema', system: 'Tema: ikuti sistem', light: 'Tema: terang', dark: 'Tema: gelap' },
    diagnostics: {
      export: 'Ekspor diagnostik',
      done: 'Diagnostik disimpan sebagai {file}. Berkas ini tidak berisi data tenant maupun rahasia.',
      failed: 'Diagnostik tidak dapat diekspor',
    },
    notifications: 'Notifikasi ({hotkey})',
    unexpected: {
      title: 'Terjadi kesalahan di layar ini',
      detail: '{message} Draf Anda tetap tersimpan. Jika terus terjadi, ekspor diagnostik dan kirimkan ke tim dukungan Anda.',
    },
  },
  session: {
    endedTitle: 'Sesi berakhir',
    endedBody: 'Sesi ini telah berakhir: buka alamat yang dicetak oleh host.',
    endedHint: 'Saat dijalankan, host mencetak baris yang diawali “host:”. Buka alamat itu di peramban ini.',
  },
  common: {
    cancel: 'Batal',
    requiredLegend: 'Kolom bertanda * wajib diisi.',
    close: 'Tutup',
    retry: 'Coba lagi',
    loading: 'Memuat…',
    optional: 'opsional',
    dismiss: 'Tutup',
  },
  workspace: {
    back: 'Semua tenant',
    nav: 'Area pengaturan',
    notFoundTitle: 'Tenant tidak ditemukan',
    notFoundBody: 'Tenant ini tidak ada. Mungkin sudah dihapus.',
  },
  notFound: {
    title: 'Halaman tidak ditemukan',
    body: 'Tidak ada apa pun di alamat ini.',
    back: 'Kembali ke daftar tenant',
  },
  errors: {
    detail: 'Rincian: {message}',
    codes: {
      INVALID_INPUT: 'Beberapa nilai tidak valid.',
      NOT_FOUND: 'Data ini sudah tidak ada.',
      CONFLICT: 'Ini bertentangan dengan data saat ini.',
      UNKNOWN_CHANNEL: 'Aplikasi dan mesinnya tidak cocok (permintaan tidak dikenal).',
      BAD_REQUEST: 'Permintaan tidak valid.',
      UNAUTHORIZED: 'Sesi ini telah berakhir.',
      FORBIDDEN: 'Permintaan ini ditolak.',
      PAYLOAD_TOO_LARGE: 'Data ini terlalu besar untuk disimpan.',
      STORE_UNAVAILABLE: 'Basis data lokal tidak dapat digunakan.',
      VAULT_UNAVAILABLE: 'Keychain sistem tidak dapat digunakan.',
      SIGN_IN_FAILED: 'Backend menolak nama pengguna atau kata sandi.',
      SIGNED_OUT: 'Anda keluar dari backend: masuk lagi. Draf Anda tetap tersimpan.',
      BACKEND_UNREACHABLE: 'Backend tidak menjawab.',
      CLIPBOARD_UNAVAILABLE: 'Salin tidak tersedia di sini: fitur ini berfungsi di aplikasi desktop.',
      PDF_UNAVAILABLE: 'PDF memerlukan aplikasi desktop; gunakan Cetak → Simpan sebagai PDF.',
      BACKEND_ERROR: 'Backend memberi jawaban yang tidak dipahami aplikasi.',
      CANCELLED: 'Dihentikan.',
      INTERNAL: 'Terjadi kesalahan di dalam aplikasi.',
      UNREACHABLE: 'Mesin aplikasi tidak dapat dihubungi.',
    },
  },
};
