/**
 * Bounds of an API connection. Kept beside the API connection schema rather than in
 * LIMITS so that area C's rules read in one place; the README's "Rules" section documents them.
 */
export const API_CONNECTION_LIMITS = {
  nameMax: 100,
  descriptionMax: 500,
  codeMax: 50,
  /** Same bound as every URL the user types. */
  baseUrlMax: 2048,
  /** `Settings`, serialized as compact JSON, in UTF-8 bytes. */
  settingsBytesMax: 64 * 1024,
  settingsKeysMax: 100,
  /** A settings key and a header name. */
  keyMax: 256,
  /** Nesting of arrays/objects inside a settings value. */
  jsonDepthMax: 32,
  headersMax: 50,
  headerValueMax: 8 * 1024,
  tokenTypeMax: 50,
  tokenStringMax: 8 * 1024,
  /** ~ 68 years: an `expires_in` beyond that is a typo. */
  expiresInMax: 2_147_483_647,
  /** 9999-12-31T23:59:59Z: `created_at` above that is milliseconds, not seconds. */
  createdAtMax: 253_402_300_799,
  /** The JSON text the user edits (Settings, Headers, Token): refused before parsing beyond this. */
  jsonTextMax: 256 * 1024,
  /** `Test connection`: the path the user may add to the base URL. */
  testPathMax: 2048,
} as const;
