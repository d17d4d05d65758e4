/**
 * Every bound the domain enforces, in one place. The README's "Rules" section documents them;
 * the renderer shows them in messages; the schemas below enforce them.
 */
export const LIMITS = {
  /** Tenant display name, after trimming. */
  tenantNameMax: 100,
  /** Any URL the user types (tenant backend URL, later API base URLs). */
  urlMax: 2048,
  /** Handover and closing messages sent to customers. */
  messageMax: 1000,
  /** AI Response threshold: number of failed bot replies before the handover rule applies. */
  thresholdMin: 1,
  thresholdMax: 100,
  thresholdDefault: 10,
  /** Idle Action "Customer idle time": at most 7 days (168 h 0 min) in total. */
  idleHoursMax: 168,
  idleMinutesMax: 59,
  idleTotalMinutesMax: 168 * 60,
  /** Identifiers coming from the backend catalogs. */
  catalogIdMax: 128,
  catalogNameMax: 200,
  /** Free-text search boxes. */
  searchMax: 200,
} as const;
