import type { BackendCapabilities } from '../../../../shared/wire/qontak/capabilities';
import { QONTAK_SETTINGS_API_PREFIX } from '../../../../shared/wire/qontak/routes';
import { coreDispatcher, type CoreDispatcher } from '../../net/core-dispatcher';
import type { RetryPolicy } from '../../sync/retry-policy';
import { probeQontakCapabilities } from './capability-probe';
import type { HmacCredentials } from './hmac-signer';
import { fetchQontakCatalogs, type QontakCatalogs } from './qontak-catalogs';
import { QontakClient } from './qontak-client';
import { PacerRegistry, type PaceRate } from './request-pacer';

/**
 * One tenant's connection to Mekari's Qontak API, as the sync session registry uses it: the
 * signed, paced client, and what a session does with it. HMAC credentials have no token and no
 * expiry, so "signing in" is checking that a signed request is accepted (the capability probe).
 */
export interface QontakBackendOptions {
  /** `https://api.mekari.com` by default. */
  baseUrl: string;
  credentials: HmacCredentials;
  /** Per-tenant pace; default DEFAULT_QONTAK_RATE. */
  rate?: PaceRate;
  /** Where pacers are shared per credential; default: one registry for the whole core. */
  pacers?: PacerRegistry;
  /** Default: the core's dispatcher (proxy and CA settings). */
  network?: CoreDispatcher;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  onReachability?: (reachable: boolean) => void;
  now?: () => number;
}

export interface QontakBackend {
  readonly kind: 'qontak';
  readonly client: QontakClient;
  /** Where this backend's chatbot settings routes would be, when it offers them (the contract's paths go under it). */
  readonly settingsBaseUrl: string;
  /** Checks the credentials (a signed request must be accepted) and says what the backend offers. */
  signIn(signal?: AbortSignal): Promise<BackendCapabilities>;
  probe(signal?: AbortSignal, actingSsoId?: string | null): Promise<BackendCapabilities>;
  pullCatalogs(signal?: AbortSignal, actingSsoId?: string | null): Promise<QontakCatalogs>;
  /** How long `requests` more requests take at this credential's pace, those waiting included (ms). */
  timeLeftMs(requests: number): number;
}

/** The core's pacers: one per base URL and client id, however many sessions use it. */
export const QONTAK_PACERS = new PacerRegistry();

export function createQontakBackend(options: QontakBackendOptions): QontakBackend {
  const network = options.network ?? null;
  const pacer = (options.pacers ?? QONTAK_PACERS).pacerFor(options.baseUrl, options.credentials.clientId, options.rate);
  const client = new QontakClient({
    baseUrl: options.baseUrl,
    credentials: options.credentials,
    dispatcher: network?.dispatcher,
    proxyFor: network ? network.proxyFor : (url) => coreDispatcher().proxyFor(url),
    pacer,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    onReachability: options.onReachability,
    now: options.now,
  });
  return {
    kind: 'qontak',
    client,
    settingsBaseUrl: client.baseUrl + QONTAK_SETTINGS_API_PREFIX,
    signIn: (signal) => probeQontakCapabilities(client, { signal, now: options.now }),
    probe: (signal, actingSsoId) => probeQontakCapabilities(client, { signal, actingSsoId, now: options.now }),
    pullCatalogs: (signal, actingSsoId) => fetchQontakCatalogs(client, { signal, actingSsoId }),
    timeLeftMs: (requests) => pacer.estimateMs(requests),
  };
}
