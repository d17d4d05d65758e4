import type { ServerResponse } from 'node:http';
import type { RpcErrorCode, RpcResult } from '../../shared/rpc/rpc-error';
import { httpStatusForCode } from './http-status';

/** Headers every response of the host carries, whatever it is. */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function applyCommonHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) res.setHeader(name, value);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...extraHeaders,
  });
  res.end(text);
}

/** A typed error as an RpcResult body, with the HTTP status that goes with its code. */
export function sendRpcError(res: ServerResponse, code: RpcErrorCode, message: string, extraHeaders: Record<string, string> = {}): void {
  const body: RpcResult<never> = { ok: false, error: { code, message } };
  sendJson(res, httpStatusForCode(code), body, extraHeaders);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}
