import type { TenantsAtScaleMessageKey } from '../../../shared/validation/tenants-at-scale-messages';

/**
 * Indonesian text of the validation keys of issue #7 (shared/validation/tenants-at-scale-messages.ts),
 * with the same placeholders. `{what}` arrives in English ("Division", "agent"): see WHAT_ID.
 */
export const TENANTS_AT_SCALE_MESSAGES_ID: Record<TenantsAtScaleMessageKey, string> = {
  'tag.required': 'Isi sebuah tag.',
  'tag.tooLong': 'Tag paling banyak {max} karakter.',
  'tag.charset': 'Tag tidak boleh berisi “;”, “,”, “|” atau karakter kontrol.',
  'tags.required': 'Sebutkan paling sedikit satu tag.',
  'tags.tenants.required': 'Pilih paling sedikit satu tenant.',
  'tags.tooMany': 'Satu tenant paling banyak punya {max} tag: “{name}” akan punya {count}.',
  'tenant.notFound': 'Tenant ini sudah tidak ada.',

  'apply.targets.required': 'Pilih paling sedikit satu tenant tujuan.',
  'apply.connections.required': 'Pilih paling sedikit satu koneksi API.',
  'apply.target.isSource': 'Tenant sumber tidak boleh sekaligus menjadi tujuan.',
  'apply.ref.missing': '{what} “{name}” tidak ada di katalog tenant ini.',
  'apply.ref.notFetched': '{what} “{name}” tidak dapat ditemukan: katalog tenant ini belum pernah diambil (tarik dulu).',
  'apply.ref.ambiguous': 'Katalog tenant ini punya lebih dari satu {what} bernama “{name}”.',
  'apply.ref.sourceUnknown': '{what} {id} milik sumber tidak ada di katalognya sendiri.',

  'transfer.tenants.required': 'Pilih paling sedikit satu tenant.',
  'transfer.text.required': 'Pilih sebuah file.',
  'transfer.file.empty': 'File ini kosong (0 byte).',
  'transfer.file.tooLarge': 'File ini {size} MB; file terbesar yang dapat diimpor {max} MB.',
  'transfer.file.notJson': 'File ini bukan JSON yang lengkap: {detail}',
  'transfer.file.notExport': 'Ini bukan ekspor pengaturan chatbot (“format”-nya bukan “chatbot-settings-export”).',
  'transfer.file.newerVersion': 'File ini dibuat oleh versi aplikasi yang lebih baru (versi format {version}); aplikasi ini membaca versi {supported}. Perbarui aplikasi.',
  'transfer.file.badVersion': 'Versi format file ini tidak valid.',
  'transfer.file.unknownField': 'Kolom “{field}” tidak dikenal: file ini tidak mengikuti format ekspor.',
  'transfer.file.secret': 'File ini berisi nilai rahasia di {path}. Ekspor tidak pernah membawa rahasia: hapus nilai itu (nilai milik tenant tetap di keychain-nya) lalu impor lagi.',
  'transfer.preview.expired': 'Pratinjau ini sudah kedaluwarsa: pratinjau file itu lagi.',

  'csv.text.required': 'Pilih sebuah file CSV.',
  'csv.tooLarge': 'File CSV ini terlalu besar.',
  'csv.empty': 'File CSV ini kosong.',
  'csv.header.missing': 'Baris pertama harus menyebut kolom: name, backend URL, tags.',
  'csv.column.name.missing': 'Header tidak punya kolom “name” (kolom: name, backend URL, tags).',
  'csv.column.unknown': 'Kolom “{column}” tidak dikenal (kolom: name, backend URL, tags).',
  'csv.column.duplicate': 'Kolom “{column}” muncul dua kali di header.',
  'csv.syntax': 'File CSV tidak dapat dibaca di dekat baris {line}: {detail}',
  'csv.tooManyRows': 'File CSV ini punya lebih dari {max} baris.',
  'csv.row.columns': 'Baris ini punya {count} kolom; header punya {expected}.',
  'csv.row.duplicateInFile': 'Nama ini juga ada di baris {row} file ini.',
  'csv.row.duplicateExisting': 'Tenant dengan nama ini sudah ada.',
  'csv.row.unknown': 'Tidak ada baris {row} di file ini.',
  'csv.row.invalid': 'Baris {row} punya kesalahan: perbaiki atau jangan sertakan baris itu.',

  'revision.id.invalid': 'Id revisi ini tidak valid.',
  'history.documentId.required': 'Pilih dokumen yang mana (id-nya).',
  'history.sameDocument': 'Kedua revisi harus dari dokumen yang sama.',
};

/** The English words the core puts in `{what}`, in Indonesian (matched ignoring case). */
export const WHAT_ID: Record<string, string> = { division: 'Divisi', agent: 'Agen' };
