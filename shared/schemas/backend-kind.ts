import { z } from 'zod';

/**
 * How a tenant connects to its backend:
 * - `qontak`: Mekari's Qontak API (HMAC credentials: a client id and a client secret; every
 *   request signed). Catalogs from the public routes; chatbot settings only where the backend
 *   offers this project's settings routes, otherwise publishing goes by change sheet.
 * - `qontak_legacy`: Qontak's older chat-service (OAuth password grant with a client id and secret).
 * - `settings_api`: a backend that implements this project's whole contract (api/openapi.json).
 */
export const BACKEND_KINDS = ['qontak', 'qontak_legacy', 'settings_api'] as const;
export const backendKindSchema = z.enum(BACKEND_KINDS, { errorMap: () => ({ message: 'tenant.backendKind.invalid' }) });
export type BackendKind = z.infer<typeof backendKindSchema>;

/** What a new tenant gets in the form. */
export const DEFAULT_BACKEND_KIND: BackendKind = 'qontak';
/** Tenants and files from before backend kinds spoke this project's contract. */
export const LEGACY_DEFAULT_BACKEND_KIND: BackendKind = 'settings_api';

/** The URL the form proposes per kind (the user may change it). */
export const BACKEND_KIND_DEFAULT_URL: Record<BackendKind, string | null> = {
  qontak: 'https://api.mekari.com',
  qontak_legacy: 'https://chat-service.qontak.com/api/open/v1',
  settings_api: null,
};

/** Other URLs the form offers per kind. */
export const BACKEND_KIND_SUGGESTED_URLS: Record<BackendKind, readonly string[]> = {
  qontak: ['https://api.mekari.com', 'https://api.mekari.io'],
  qontak_legacy: ['https://chat-service.qontak.com/api/open/v1'],
  settings_api: [],
};

/** Requests a minute per credential for Qontak-kind tenants unless the tenant says otherwise. */
export const DEFAULT_REQUESTS_PER_MINUTE = 60;
export const requestsPerMinuteSchema = z
  .number({ invalid_type_error: 'tenant.requestsPerMinute.invalid' })
  .int({ message: 'tenant.requestsPerMinute.invalid' })
  .min(1, { message: 'tenant.requestsPerMinute.range' })
  .max(6000, { message: 'tenant.requestsPerMinute.range' });
