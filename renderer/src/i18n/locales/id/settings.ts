import type { LocaleMessages } from '../locale-messages';
import type { settingsEn } from '../en/settings';

/**
 * Bahasa Indonesia text of the settings documents: save status, AI Response and Idle Action forms.
 * Same keys as ../en/settings.ts.
 */
export const settingsId: LocaleMessages<typeof settingsEn> = {
  settings: {
    status: {
      saving: 'Menyimpan…',
      saved: 'Tersimpan sebagai draf',
      invalid: 'Belum tersimpan: perbaiki kolom yang ditandai',
      incomplete: 'Belum tersimpan: beberapa kolom belum lengkap',
      failed: 'Gagal menyimpan',
    },
    draftBanner: 'Draf — belum dipublikasikan',
    draftBannerHint: 'Pengaturan ini tersimpan di komputer ini dan belum dipublikasikan ke backend.',
    discard: 'Buang draf',
    discardDialog: {
      title: 'Buang draf?',
      description: 'Perubahan {area} yang belum dipublikasikan akan hilang, dan pengaturan terakhir yang dipublikasikan (atau bawaan) kembali.',
      confirm: 'Buang draf',
    },
    discarded: 'Draf dibuang',
    discardFailed: 'Draf tidak dapat dibuang',
    loadFailed: 'Pengaturan ini tidak dapat dimuat',
    catalogEmpty: 'Belum ada katalog: katalog terisi saat tenant disinkronkan.',
    chooseDivision: 'Pilih divisi',
    chooseAgent: 'Pilih agen',
    removedEntry: '{name} (sudah tidak ada di katalog)',
    unknownEntry: 'Tidak dikenal ({id})',
    counter: '{count} / {max} karakter',
    showIssues: 'Tampilkan yang perlu diperbaiki',
  },
  aiResponse: {
    title: 'AI Response',
    intro: 'Apa yang terjadi saat bot beberapa kali gagal menjawab pelanggan.',
    threshold: 'Ambang batas',
    thresholdHint: 'Jumlah balasan bot yang gagal sebelum aturan berlaku: {min}–{max}, bawaan {defaultValue}.',
    whenReached: 'Saat ambang batas tercapai',
    modes: {
      continue_with_bot: 'Lanjutkan dengan bot',
      any_available_agent: 'Agen mana pun yang tersedia',
      specific_division: 'Divisi tertentu',
      specific_agent: 'Agen tertentu',
    },
    division: 'Divisi',
    agent: 'Agen',
    handoverMessage: 'Handover message',
    handoverHint: 'Opsional. Dikirim ke pelanggan selama menunggu agen.',
  },
  idleAction: {
    title: 'Idle Action',
    intro: 'Apa yang terjadi saat pelanggan berhenti membalas.',
    action: 'Saat pelanggan berhenti membalas',
    actions: {
      none: 'Tidak ada',
      resolve_conversation: 'Selesaikan percakapan',
      assign_conversation: 'Tugaskan percakapan',
    },
    idleTime: 'Customer idle time',
    idleTimeHint: 'Lebih dari 0 menit, paling lama {maxHours} jam secara total.',
    hours: 'Jam',
    minutes: 'Menit',
    assignTo: 'Tugaskan ke',
    targets: { auto: 'Otomatis', division: 'Divisi', agent: 'Agen' },
    division: 'Divisi',
    agent: 'Agen',
    closingMessage: 'Closing message',
    closingHint: 'Dikirim ke pelanggan saat tindakan dijalankan.',
  },
};
