import { WIRE_BASE_PATH } from '../../../shared/wire/http';
import { proxyTo, startRawServer, type RawServer } from './raw-server';

/** A request as it left the app: method, path relative to the API base (with the query), headers, body text. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface RecordingProxy extends RawServer {
  /** The base URL to give the app's tenants: the proxy's, with the API base path. */
  baseUrl: string;
  requests: RecordedRequest[];
}

/** A real HTTP proxy on 127.0.0.1 in front of the sandbox that records every request the app sends. */
export async function startRecordingProxy(sandboxOrigin: string): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = [];
  const forward = proxyTo(sandboxOrigin, () => null);
  const server = await startRawServer((req, res, body) => {
    const url = req.url ?? '/';
    const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]));
    requests.push({ method: req.method ?? 'GET', path: url.startsWith(WIRE_BASE_PATH) ? url.slice(WIRE_BASE_PATH.length) : url, headers, body: body.toString('utf8') });
    return forward(req, res, body);
  });
  return { ...server, baseUrl: `${server.url}${WIRE_BASE_PATH}`, requests };
}
