/**
 * The words of the Indonesian UI, in one place (docs/glossary.md explains them). The platform's
 * own names stay as the platform shows them, in English, as Qontak's Indonesian help does; the
 * app's actions have one Indonesian word each. test/unit/renderer/glossary.test.ts holds the id
 * locale to it.
 */

/**
 * Names of the platform's areas, fields and objects, kept verbatim in Indonesian text: wherever the
 * English text has one, the Indonesian text has it too (a capital at the start of a sentence aside).
 */
export const PLATFORM_TERMS = [
  'AI Response',
  'Idle Action',
  'API Integration',
  'CRM Integration',
  'API connection',
  'Deal setting',
  'Handover message',
  'Customer idle time',
  'Closing message',
] as const;

/** The app's own verbs and states in Indonesian: one word each, used everywhere. */
export const INDONESIAN_WORDS = {
  /** Send drafts to the backend (a button, a verb). */
  publish: 'Publikasikan',
  /** Of settings that are on the backend. */
  published: 'dipublikasikan',
  /** The act of publishing (a noun: "publikasi berikutnya"). */
  publication: 'publikasi',
  /** Fetch the backend's settings into the drafts (a button, a verb). */
  pull: 'Ambil',
  /** Of settings fetched from the backend. */
  pulled: 'diambil',
} as const;

/**
 * Words that must not appear in the Indonesian UI: a second word for publish, literal
 * translations of the platform's names, and the literal "tarik" for pull.
 */
export const FORBIDDEN_INDONESIAN: readonly { pattern: RegExp; use: string }[] = [
  { pattern: /terbit/i, use: 'publikasikan / dipublikasikan / publikasi' },
  { pattern: /\b(tarik|menarik|ditarik|penarikan)\b/i, use: 'ambil / diambil' },
  { pattern: /respons ai/i, use: 'AI Response' },
  { pattern: /tindakan (saat )?diam/i, use: 'Idle Action' },
  { pattern: /integrasi (api|crm)/i, use: 'API Integration / CRM Integration' },
  { pattern: /koneksi api/i, use: 'API connection' },
  { pattern: /pengaturan deal/i, use: 'Deal setting' },
  { pattern: /pesan pengalihan/i, use: 'Handover message' },
  { pattern: /waktu diam/i, use: 'Customer idle time' },
  { pattern: /pesan penutup/i, use: 'Closing message' },
];
