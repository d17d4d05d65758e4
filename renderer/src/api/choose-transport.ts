import type { RendererApi } from '../../../shared/rpc/contract';
import { createHttpTransport } from './http-transport';
import { takeLaunchToken } from './launch-token';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent when the app is served by the headless host. */
    api?: RendererApi;
  }
}

export type TransportChoice =
  | { kind: 'electron'; transport: RendererApi }
  | { kind: 'host'; transport: RendererApi }
  | { kind: 'no-token' };

/** Electron's preload when present, otherwise the headless host over HTTP with the launch token. */
export function chooseTransport(onUnauthorized: () => void): TransportChoice {
  if (window.api) return { kind: 'electron', transport: window.api };
  const token = takeLaunchToken({ location: window.location, history: window.history, storage: window.sessionStorage });
  if (!token) return { kind: 'no-token' };
  return { kind: 'host', transport: createHttpTransport({ baseUrl: window.location.origin, token, onUnauthorized }) };
}
