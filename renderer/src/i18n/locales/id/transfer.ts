import type { LocaleMessages } from '../locale-messages';
import type { transferEn } from '../en/transfer';

/**
 * Bahasa Indonesia text of files: export, import of an export file, and tenants from CSV. Same
 * keys as ../en/transfer.ts.
 */
export const transferId: LocaleMessages<typeof transferEn> = {
  transfer: {
    file: {
      choose: 'Pilih file…',
      none: 'Belum ada file dipilih',
    },
    export: {
      done: '1 tenant diekspor ke {file} | {count} tenant diekspor ke {file}',
      failed: 'Tidak dapat mengekspor',
    },
    import: {
      open: 'Impor file…',
      title: 'Impor file ekspor',
      description: 'Seluruh file diperiksa lebih dulu; Anda melihat apa yang akan dibuat atau diubah, dan tidak ada yang berubah sampai Anda mengimpor. Nilai rahasia tidak pernah ada di ekspor: isi lagi jika perlu.',
      file: 'File ekspor (.json)',
      reading: 'Membaca file…',
      refused: 'File ini tidak dapat diimpor: {file}',
      counts: 'Tenant baru: {create}. Berubah: {update}. Tidak berubah: {unchanged}.',
      tenant: 'Tenant',
      action: 'Perubahan',
      changes: 'Yang berubah',
      warnings: 'Peringatan',
      pages: 'Halaman pratinjau',
      shown: 'Tenant {first} dari {total} | Tenant {first}–{last} dari {total}',
      previousPage: 'Tenant sebelumnya',
      nextPage: 'Tenant berikutnya',
      confirm: 'Impor ({count})',
      applied: 'Diimpor sebagai draf. Tenant baru: {created}. Berubah: {updated}.',
      progressLabel: 'Kemajuan impor',
      progress: '{done} dari {total} tenant diproses | {done} dari {total} tenant diproses',
      stop: 'Batalkan impor',
      stopping: 'Membatalkan…',
      stopped: 'Impor dibatalkan. Tenant diimpor sebagai draf: {imported} (baru: {created}, berubah: {updated}). Tidak diimpor: {notImported}.',
    },
    csv: {
      open: 'Impor CSV…',
      title: 'Tambah tenant dari file CSV',
      description: 'Kolom: name, backend URL, tags (tag dipisahkan “;”). Baris pertama menyebut nama kolom. Baris yang salah tidak dibuat.',
      file: 'File CSV',
      counts: 'Baris siap: {valid}. Baris dengan kesalahan: {invalid}.',
      create: 'Buat',
      createRow: 'Buat baris {row}: {name}',
      row: 'Baris',
      name: 'Nama',
      backendUrl: 'URL backend',
      tags: 'Tag',
      errors: 'Kesalahan',
      ok: 'Siap',
      confirm: 'Buat 1 tenant | Buat {count} tenant',
      created: 'Tenant dibuat: {count}',
    },
  },
};
