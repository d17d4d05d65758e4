import type { ServerResponse } from 'node:http';
import { wireError } from '../../../shared/wire/errors';
import type { WireHttpError } from './wire-http-error';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  /** JSON text; absent for 204. */
  body?: string;
}

export function jsonAnswer(status: number, value: unknown, headers: Record<string, string> = {}): Answer {
  return { status, headers, body: JSON.stringify(value) };
}

export function errorAnswer(error: WireHttpError): Answer {
  return jsonAnswer(error.status, wireError(error.code, error.message, error.details), error.headers);
}

export function send(res: ServerResponse, answer: Answer): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { 'Cache-Control': 'no-store', ...answer.headers };
  if (answer.body !== undefined) {
    headers['Content-Type'] = 'application/json; charset=utf-8';
    headers['Content-Length'] = String(Buffer.byteLength(answer.body));
  }
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}
