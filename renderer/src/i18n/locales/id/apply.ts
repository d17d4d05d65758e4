import type { LocaleMessages } from '../locale-messages';
import type { applyEn } from '../en/apply';

/**
 * Bahasa Indonesia text of apply to many: copy one tenant’s settings to others, and undo a batch.
 * Same keys as ../en/apply.ts.
 */
export const applyId: LocaleMessages<typeof applyEn> = {
  apply: {
    title: 'Terapkan ke banyak (1 tenant) | Terapkan ke banyak ({count} tenant)',
    description: 'Salin pengaturan satu tenant ke tenant yang dipilih sebagai draf. Divisi dan agen dicocokkan menurut nama di katalog masing-masing tenant. Tidak ada yang berubah sampai Anda mengonfirmasi.',
    source: 'Salin dari',
    chooseSource: 'Pilih tenant sumber',
    sourceLeftOut: 'Tenant sumber juga dipilih: tenant itu tidak dijadikan tujuan.',
    what: 'Yang disalin',
    kinds: { ai_response: 'AI Response', idle_action: 'Idle Action', api_connections: 'API connection' },
    connections: 'API connection yang disalin',
    noConnections: 'Tenant ini tidak punya API connection.',
    copySecrets: 'Salin juga nilai rahasia (Settings, Headers, dan Token)',
    copySecretsOn: 'Nilai rahasia sumber disalin ke keychain sistem untuk setiap tujuan.',
    copySecretsOff: 'Nilai rahasia tidak disalin: tujuan tetap memakai miliknya sendiri, koneksi baru tidak mendapat nilai.',
    preview: 'Pratinjau',
    previewTitle: 'Pratinjau: dari “{source}”',
    counts: 'Akan berubah: {ok}. Sudah sama: {unchanged}. Dilewati karena kesalahan: {error}.',
    status: { ok: 'Akan berubah (1 kolom) | Akan berubah ({count} kolom)', unchanged: 'Sudah sama', error: 'Dilewati: ada kesalahan' },
    showChanges: 'Tampilkan perubahan',
    hideChanges: 'Sembunyikan',
    current: 'Sekarang',
    new: 'Setelah diterapkan',
    deletedTenant: 'Tenant yang sudah dihapus',
    back: 'Kembali',
    confirm: 'Terapkan ke 1 tenant | Terapkan ke {count} tenant',
    applied: 'Diterapkan dari “{source}” ke 1 tenant sebagai draf | Diterapkan dari “{source}” ke {count} tenant sebagai draf',
    skippedDetail: 'Dilewati karena kesalahan: {count}.',
  },
  undo: {
    label: 'Urungkan',
    alt: 'Urungkan perubahan ini dari daftar batch penerapan dan impor',
    done: 'Diurungkan: 1 pengaturan kembali seperti semula | Diurungkan: {count} pengaturan kembali seperti semula',
    changedSince: 'Sebagian pengaturan ini sudah diubah sejak itu: mengurungkan akan menghilangkan perubahan tersebut',
    anyway: 'Tetap urungkan',
    anywayAlt: 'Tetap urungkan, perubahan setelahnya hilang',
    failed: 'Tidak dapat mengurungkan',
  },
};
